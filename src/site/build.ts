// `labbook build` and `labbook dev`: check every note first (failures stop the build with the
// same diagnostics as `labbook check`), then run Astro on the project.
import { check } from '../cli/check.ts';
import { formatDiagnostic } from '../notebook/diagnostics.ts';
import { checkLinks } from './check-links.ts';
import { CONTENT_ROOT } from './index-cache.ts';
import { buildIndex } from './note-index.ts';

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
  const broken = checkLinks(buildIndex(CONTENT_ROOT));
  if (broken.length > 0) {
    for (const d of broken) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.stderr.write(`labbook build: ${broken.length} broken link(s); the site was not built.\n`);
    return 1;
  }
  const { build: astroBuild } = await import('astro');
  await astroBuild({ root: process.cwd(), logLevel: 'warn' });
  await indexForSearch('dist');
  process.stdout.write('labbook build: site written to dist/\n');
  return 0;
}

/** Pagefind's offline search index over the built pages (only their data-pagefind-body). */
async function indexForSearch(site: string): Promise<void> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: site });
  if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
  await index.writeFiles({ outputPath: `${site}/pagefind` });
  await pagefind.close();
  process.stdout.write(`labbook build: search index of ${added.page_count} pages\n`);
}

export async function dev(_args: string[]): Promise<number> {
  const { dev: astroDev } = await import('astro');
  const server = await astroDev({ root: process.cwd() });
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await server.stop();
  return 0;
}
