// `labbook check --update`: rewrites the expected output of failing commands in place with
// what the engine printed, keeping `...`, `[..]` and `(re)` lines that still match, and the
// `[N]` status line when the status is not 0 (like `cram -i` or `dune promote`).
import { align, outputLines, updatedLines } from './match.ts';
import type { NoteRun } from './run.ts';
import { NO_OUTPUT } from './transcript.ts';

interface Edit {
  /** 1-based file lines [from, to) replaced by `lines`. */
  from: number;
  to: number;
  lines: string[];
}

export function updateSource(source: string, run: NoteRun): { source: string; changed: number } {
  const edits: Edit[] = [];
  for (const block of run.blocks) {
    for (const cmd of block.commands) {
      if (cmd.ok) continue;
      const [from, to] = cmd.outputRange;
      if (block.block.kind === 'script') {
        if (!block.block.output) continue;
        const lines = updatedLines(align(cmd.expected ?? [], outputLines(cmd.actual)));
        edits.push({ from, to, lines });
        continue;
      }
      if (cmd.expected === null && cmd.status === cmd.expectedStatus) continue;
      const actual = outputLines(cmd.actual);
      let lines: string[];
      if (cmd.expected === null) lines = [];
      else if (actual.length === 0) lines = [NO_OUTPUT];
      else lines = updatedLines(align(cmd.expected, actual));
      if (cmd.status !== 0) lines.push(`[${cmd.status}]`);
      edits.push({ from, to, lines });
    }
  }
  if (edits.length === 0) return { source, changed: 0 };
  const fileLines = source.split('\n');
  for (const e of edits.sort((a, b) => b.from - a.from))
    fileLines.splice(e.from - 1, e.to - e.from, ...e.lines);
  return { source: fileLines.join('\n'), changed: edits.length };
}
