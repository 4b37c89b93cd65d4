// `labbook check --update`: rewrites the expected output of failing commands in place with
// what the engine printed, keeping `...`, `[..]` and `(re)` lines that still match, and the
// `[N]` status line when the status is not 0 (like `cram -i` or `dune promote`). With `fill`,
// commands that have no expected output also get what they printed, for writing a note.
import { align, outputLines, updatedLines } from './match.ts';
import type { NoteRun } from './run.ts';
import { NO_OUTPUT } from './transcript.ts';

interface Edit {
  /** 1-based file lines [from, to) replaced by `lines`. */
  from: number;
  to: number;
  lines: string[];
}

export function updateSource(
  source: string,
  run: NoteRun,
  fill = false,
): { source: string; changed: number } {
  const edits: Edit[] = [];
  for (const block of run.blocks) {
    for (const cmd of block.commands) {
      const [from, to] = cmd.outputRange;
      if (fill && cmd.ok && cmd.expected === null && block.block.kind === 'transcript' && cmd.actual !== '') {
        const status = cmd.status !== 0 && !cmd.statusWritten ? [`[${cmd.status}]`] : [];
        edits.push({ from, to: from, lines: [...outputLines(cmd.actual), ...status] });
        continue;
      }
      if (cmd.ok) continue;
      if (block.block.kind === 'script') {
        if (!block.block.output) continue;
        edits.push({ from, to, lines: updatedLines(align(cmd.expected ?? [], outputLines(cmd.actual))) });
        continue;
      }
      if (cmd.expected === null && cmd.status === cmd.expectedStatus) continue;
      const actual = outputLines(cmd.actual);
      let lines: string[];
      if (cmd.expected === null) lines = fill ? actual : [];
      else if (actual.length === 0) lines = [NO_OUTPUT];
      else lines = updatedLines(align(cmd.expected, actual));
      if (cmd.status !== 0) lines.push(`[${cmd.status}]`);
      edits.push({ from, to, lines });
    }
  }
  if (edits.length === 0) return { source, changed: 0 };
  const fileLines = source.split('\n');
  for (const e of edits.sort((a, b) => b.from - a.from)) {
    // Lines written inside a block quote or callout keep its `> ` prefix.
    const prefix = /^(?:\s*>)*\s?/.exec(fileLines[e.from - 2] ?? '')?.[0] ?? '';
    const quoted = prefix.includes('>') ? e.lines.map((l) => `${prefix}${l}`) : e.lines;
    fileLines.splice(e.from - 1, e.to - e.from, ...quoted);
  }
  return { source: fileLines.join('\n'), changed: edits.length };
}
