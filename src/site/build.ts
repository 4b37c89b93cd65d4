// `labbook build` and `labbook dev`: check every note while Astro builds the site (a failing
// note stops the build with the same diagnostics as `labbook check`), then index it for search.
import { availableParallelism } from 'node:os';
import type { AstroInlineConfig } from 'astro';
import { check } from '../cli/check.ts';
import { formatDiagnostic } from '../notebook/diagnostics.ts';
import { checkLinks } from './check-links.ts';
import { CONTENT_ROOT } from './index-cache.ts';
import { buildIndex } from './note-index.ts';

export interface SiteBuildOptions {
  /** Notes to check (files or folders); the site is built from the content root. */
  paths: string[];
  /** Where `labbook check` keeps its reports. */
  cacheDir?: string;
  /** Astro's inline configuration (root, outDir, integrations...); defaults to the project's. */
  astro?: AstroInlineConfig;
  /** Write Pagefind's search index into the output. */
  searchIndex?: boolean;
  /** Publish the exports (flashcards, quizzes, snippets) under /exports/. */
  exports?: boolean;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

/**
 * Checks the notes and builds the site at the same time: Astro starts at once, and each page
 * waits for its note's report while the check runs on worker threads. A failing note stops both.
 */
export async function buildSite(options: SiteBuildOptions): Promise<number> {
  const err = options.err ?? ((t: string) => process.stderr.write(t));
  const broken = checkLinks(buildIndex(process.env.LABBOOK_CONTENT ?? CONTENT_ROOT));
  if (broken.length > 0) {
    for (const d of broken) err(`${formatDiagnostic(d)}\n`);
    err(`labbook build: ${broken.length} broken link(s); the site was not built.\n`);
    return 1;
  }
  const checking = check({
    paths: options.paths,
    cacheDir: options.cacheDir,
    update: false,
    reporter: 'human',
    cache: true,
    // Astro keeps the main thread busy: one worker uses the other core.
    jobs: Math.max(1, availableParallelism() - 1),
    out: options.out,
    err,
  });
  const { build: astroBuild } = await import('astro');
  const config = options.astro ?? { root: process.cwd() };
  const building = astroBuild({ logLevel: 'warn', ...config }).then(
    () => null,
    (e: unknown) => e,
  );
  const summary = await checking;
  const astroError = await building;
  if (summary.failed > 0) {
    err('labbook build: some notes failed verification; the site was not built.\n');
    return 1;
  }
  if (astroError) throw astroError;
  const outDir = config.outDir?.toString() ?? 'dist';
  if (options.searchIndex ?? true) await indexForSearch(outDir, options.out);
  if (options.exports ?? true) {
    // The flashcards, quizzes and snippets, published beside the pages.
    const { exportAll, FORMATS } = await import('../exports/command.ts');
    const content = process.env.LABBOOK_CONTENT ?? CONTENT_ROOT;
    const written = await exportAll({ formats: [...FORMATS], out: `${outDir}/exports`, content, err });
    if (!written) return 1;
  }
  return 0;
}

export async function build(args: string[]): Promise<number> {
  const status = await buildSite({ paths: args.length ? args : ['content'] });
  if (status === 0) process.stdout.write('labbook build: site written to dist/\n');
  return status;
}

/** Pagefind's offline search index over the built pages (only their data-pagefind-body). */
async function indexForSearch(
  site: string,
  out: (t: string) => void = (t) => void process.stdout.write(t),
): Promise<void> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: site });
  if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
  await index.writeFiles({ outputPath: `${site}/pagefind` });
  await pagefind.close();
  out(`labbook build: search index of ${added.page_count} pages\n`);
}

export async function dev(_args: string[]): Promise<number> {
  const { dev: astroDev } = await import('astro');
  const server = await astroDev({ root: process.cwd() });
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await server.stop();
  return 0;
}
