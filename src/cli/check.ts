// `labbook check [PATH...]`: runs every note, prints per-note results, diagnostics with diffs
// and a closing `N passed, N failed` line; --update rewrites expected outputs; --reporter json;
// --backend linux runs the notes in private hosts on this machine instead of the engine;
// --backend kube against a real cluster (--context), never cached.
import { readFileSync, writeFileSync } from 'node:fs';
import pc from 'picocolors';
import type { BackendName } from '../notebook/backend.ts';
import { formatDiagnostic } from '../notebook/diagnostics.ts';
import { linuxMode } from '../notebook/linux-backend.ts';
import type { NoteReport } from '../notebook/report.ts';
import { CACHE_DIR, cacheKey, expectReport, readCached, rememberReport, writeCached } from './cache.ts';
import { findNotes } from './files.ts';
import { type Job, runJobs } from './pool.ts';

export interface CheckOptions {
  paths: string[];
  update: boolean;
  /** With update: also write the output of commands that have none. */
  fill?: boolean;
  reporter: 'human' | 'json';
  cache: boolean;
  jobs: number;
  /** Where commands run (default: the engine). */
  backend?: BackendName;
  /** With --backend kube: the kubeconfig context (default: its current context). */
  context?: string;
  cacheDir?: string;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

export interface CheckSummary {
  reports: NoteReport[];
  passed: number;
  failed: number;
  /** Notes the backend cannot run (they count as neither passed nor failed). */
  unsupported: number;
  fromCache: number;
  updated: string[];
}

export async function check(options: CheckOptions): Promise<CheckSummary> {
  const out = options.out ?? ((t: string) => process.stdout.write(t));
  const err = options.err ?? ((t: string) => process.stderr.write(t));
  const cacheDir = options.cacheDir ?? CACHE_DIR;
  const backend = options.backend ?? 'engine';
  if (backend === 'linux' && options.reporter === 'human') {
    const mode = linuxMode();
    err(`labbook: --backend linux: ${mode.kind === 'unavailable' ? mode.reason : mode.description}\n`);
  }
  const { files, missing } = findNotes(options.paths.length ? options.paths : ['content']);
  for (const m of missing) err(`labbook: ${m}: No such file or directory\n`);
  const reports: Array<NoteReport | undefined> = new Array(files.length);
  const jobs: Array<Job & { index: number; key: string }> = [];
  let fromCache = 0;
  files.forEach((file, index) => {
    const source = readFileSync(file, 'utf8');
    const key = cacheKey(file, source, backend);
    // a real cluster's answers can change between runs: kube results are never cached
    const cache = options.cache && backend !== 'kube';
    const cached = cache && !options.update ? readCached(cacheDir, key) : null;
    if (cached) {
      reports[index] = cached;
      rememberReport(file, source, cached);
      fromCache++;
    } else {
      const fill = options.fill ?? false;
      jobs.push({
        file,
        source,
        update: options.update,
        fill,
        backend,
        context: options.context,
        index,
        key,
      });
      if (!options.update) expectReport(file, source);
    }
  });
  const tty = options.reporter === 'human' && process.stderr.isTTY;
  let done = 0;
  const updated: string[] = [];
  try {
    await runJobs(jobs, options.jobs, (i, result) => {
      const job = jobs[i];
      reports[job.index] = result.report;
      if (result.updated === undefined) rememberReport(job.file, job.source, result.report);
      if (result.updated !== undefined) {
        writeFileSync(job.file, result.updated);
        updated.push(job.file);
      } else if (options.cache && backend !== 'kube') writeCached(cacheDir, job.key, result.report);
      done++;
      if (tty) err(`\r${pc.dim(`checking ${done}/${jobs.length} ${job.file}`)}\x1b[K`);
    });
  } finally {
    // Pages still waiting for a report the check did not produce check their note themselves.
    for (const job of jobs)
      if (!reports[job.index] && !options.update) rememberReport(job.file, job.source, null);
  }
  if (tty && jobs.length > 0) err('\r\x1b[K');
  const all = reports as NoteReport[];
  const unsupported = all.filter((r) => r.unsupported !== undefined).length;
  const passed = all.filter((r) => r.passed && r.unsupported === undefined).length;
  const failed = all.length - passed - unsupported;
  if (options.reporter === 'json') {
    out(
      `${JSON.stringify({ backend, passed, failed, unsupported, notes: all.map(({ blocks, ...rest }) => rest) }, null, 2)}\n`,
    );
  } else {
    for (const r of all) {
      const what = `${r.counts.commands} commands, ${r.counts.asserted} asserted`;
      if (r.unsupported !== undefined)
        out(`${pc.yellow('skip')} ${r.file} ${pc.dim(`(not runnable with --backend ${backend})`)}\n`);
      else if (r.passed) out(`${pc.green('ok')}   ${r.file} ${pc.dim(`(${what})`)}\n`);
      else out(`${pc.red('FAIL')} ${r.file} ${pc.dim(`(${what}, ${r.counts.failed} failed)`)}\n`);
      for (const d of r.diagnostics)
        out(`${formatDiagnostic(d).replace(/^/gm, '     ').trimStart().replace(/^/, '     ')}\n`);
    }
    for (const f of updated) out(`updated ${f}\n`);
    const skipped = unsupported ? `, ${unsupported} not runnable with --backend ${backend}` : '';
    out(`${passed} passed, ${failed} failed${skipped}\n`);
  }
  return { reports: all, passed, failed: failed + missing.length, unsupported, fromCache, updated };
}
