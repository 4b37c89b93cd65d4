// GNU `diff -u -N` output for two texts: the `diff` command line, the ---/+++ header lines
// with GNU's timestamp format, and hunks with three lines of context.
import { structuredPatch } from 'diff';

/** GNU diff's file time: `2025-01-01 12:00:00.123456789 +0000` (UTC clock, nanoseconds). */
export function gnuTimestamp(ms: number, extraNanos = 0): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  const nanos = (Math.floor(ms) % 1000) * 1_000_000 + extraNanos;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(nanos).padStart(9, '0')} +0000`;
}

function range(start: number, count: number): string {
  // GNU prints a one-line range as its line number and an empty range from the line before it
  if (count === 1) return String(start);
  if (count === 0) return `${Math.max(0, start - 1)},0`;
  return `${start},${count}`;
}

export interface DiffFile {
  path: string;
  text: string;
  time: string;
}

/** The unified diff GNU diff prints for two files; empty when they are equal. */
export function unifiedDiff(from: DiffFile, to: DiffFile): string {
  if (from.text === to.text) return '';
  const patch = structuredPatch(from.path, to.path, from.text, to.text, '', '', { context: 3 });
  const out = [`--- ${from.path}\t${from.time}`, `+++ ${to.path}\t${to.time}`];
  for (const hunk of patch.hunks) {
    out.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`);
    for (const line of hunk.lines) out.push(line);
  }
  return `${out.join('\n')}\n`;
}
