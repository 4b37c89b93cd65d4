// The check cache: a note's report stored under a hash of its text and the engine version,
// so an unchanged note is not run again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENGINE_VERSION } from '../../engine/index.ts';
import type { NoteReport } from '../notebook/report.ts';

export const CACHE_DIR = '.labbook-cache/check';

export function cacheKey(file: string, source: string): string {
  return createHash('sha256').update(`${ENGINE_VERSION}\0${file}\0${source}`).digest('hex').slice(0, 32);
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
 * Reports checked in this process, by absolute path and text: `labbook build` checks every note
 * and then runs Astro in the same process, which takes each report from here instead of
 * reading the disk cache (or running the note again when the cache lives elsewhere).
 */
const checkedThisRun = new Map<string, NoteReport>();

function memoryKey(file: string, source: string): string {
  return `${resolve(file)}\0${createHash('sha256').update(source).digest('hex')}`;
}

export function rememberReport(file: string, source: string, report: NoteReport): void {
  checkedThisRun.set(memoryKey(file, source), report);
}

export function recallReport(file: string, source: string): NoteReport | undefined {
  return checkedThisRun.get(memoryKey(file, source));
}
