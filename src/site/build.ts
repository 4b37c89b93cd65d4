// `labbook build` and `labbook dev`: check every note first (failures stop the build with the
// same diagnostics as `labbook check`), then run Astro on the project.
import { check } from '../cli/check.ts';

export async function build(args: string[]): Promise<number> {
  const summary = await check({
    paths: args.length ? args : ['content'],
    update: false,
    reporter: 'human',
    cache: true,
    jobs: 0,
  });
  if (summary.failed > 0) {
    process.stderr.write('labbook build: some notes failed verification; the site was not built.\n');
    return 1;
  }
  const { build: astroBuild } = await import('astro');
  await astroBuild({ root: process.cwd(), logLevel: 'warn' });
  process.stdout.write('labbook build: site written to dist/\n');
  return 0;
}

export async function dev(_args: string[]): Promise<number> {
  const { dev: astroDev } = await import('astro');
  const server = await astroDev({ root: process.cwd() });
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await server.stop();
  return 0;
}
