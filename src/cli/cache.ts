// The check cache: a note's report stored under a hash of its text and the engine (its version
// and code), so an unchanged note is not run again.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ENGINE_VERSION } from '../../engine/index.ts';
import type { BackendName } from '../notebook/backend.ts';
import type { NoteReport } from '../notebook/report.ts';

export const CACHE_DIR = '.labbook-cache/check';

const fingerprints = new Map<string, string>();

/** The folder holding engine/ and src/: found upwards from this module, which Astro may have bundled elsewhere. */
function repositoryRoot(): string {
  let dir = import.meta.dirname;
  for (;;) {
    if (existsSync(join(dir, 'engine', 'version.ts')) && existsSync(join(dir, 'src', 'notebook'))) return dir;
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** A hash of the engine version and every TypeScript file under `dirs` (from the repository root). */
function codeFingerprint(dirs: string[]): string {
  const key = dirs.join('\0');
  const known = fingerprints.get(key);
  if (known) return known;
  const hash = createHash('sha256').update(ENGINE_VERSION);
  const root = repositoryRoot();
  for (const dir of dirs) {
    for (const file of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).sort()) {
      if (!/\.(ts|astro|css)$/.test(file)) continue;
      hash.update(`\0${dir}/${file}\0`).update(readFileSync(join(root, dir, file)));
    }
  }
  const print = hash.digest('hex').slice(0, 16);
  fingerprints.set(key, print);
  return print;
}

/**
 * The engine version and the code that produces reports (engine/, src/notebook/), so a changed
 * engine never serves reports made by the old one.
 */
export function engineFingerprint(): string {
  return codeFingerprint(['engine', 'src/notebook']);
}

/** engineFingerprint() plus the code that renders pages (src/site/): keys Astro's rendered notes. */
export function renderFingerprint(): string {
  return codeFingerprint(['engine', 'src/notebook', 'src/site']);
}

/** The key of a note's report: the code, the backend that ran it, the file and its text. */
export function cacheKey(file: string, source: string, backend: BackendName = 'engine'): string {
  return createHash('sha256')
    .update(`${engineFingerprint()}\0${backend}\0${file}\0${source}`)
    .digest('hex')
    .slice(0, 32);
}

export function readCached(dir: string, key: string): NoteReport | null {
  try {
    return JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as NoteReport;
  } catch {
    return null;
  }
}

export function writeCached(dir: string, key: string, report: NoteReport): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${key}.json`), JSON.stringify(report));
}

/**
 * Reports checked in this process, by absolute path and text. `labbook build` runs Astro while
 * the notes are still being checked: each page waits here for its note's report instead of
 * reading the disk cache or running the note a second time.
 */
interface Expected {
  report: Promise<NoteReport>;
  settle: (report: NoteReport | null) => void;
}
const checkedThisRun = new Map<string, Expected>();

function memoryKey(file: string, source: string): string {
  return `${resolve(file)}\0${createHash('sha256').update(source).digest('hex')}`;
}

function expected(key: string): Expected {
  let entry = checkedThisRun.get(key);
  if (!entry) {
    let settle!: Expected['settle'];
    const report = new Promise<NoteReport>((resolve, reject) => {
      settle = (r) => (r ? resolve(r) : reject(new Error('labbook: the check stopped before this note')));
    });
    report.catch(() => {});
    entry = { report, settle };
    checkedThisRun.set(key, entry);
  }
  return entry;
}

/** Announces that this note's report is coming, so a page can wait for it. */
export function expectReport(file: string, source: string): void {
  expected(memoryKey(file, source));
}

/** Delivers a report; null when the check ended without one (waiters then check the note themselves). */
export function rememberReport(file: string, source: string, report: NoteReport | null): void {
  const key = memoryKey(file, source);
  expected(key).settle(report);
  if (!report) checkedThisRun.delete(key);
}

/** The report of this exact note text from this process's check, if one was announced. */
export function recallReport(file: string, source: string): Promise<NoteReport> | undefined {
  return checkedThisRun.get(memoryKey(file, source))?.report;
}
