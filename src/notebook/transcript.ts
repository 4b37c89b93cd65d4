// Splits a transcript block into commands and the output each one expects.
//
// Rules (documented in content/reference/note-format.md):
// - a line starting with `$ ` (or a lone `$`) starts a command; while the command is incomplete
//   (open quote, `\` at line end, `if` without `fi`, a here-document), the following lines
//   continue it, with a leading `> ` prompt removed;
// - the lines after a command, up to the next `$ ` line, are its region; trailing blank lines
//   are dropped;
// - a region made only of `#` lines (and blank lines) is commentary: the command runs and must
//   succeed, its output is not asserted;
// - otherwise a final group of `#` lines separated from the output by a blank line is
//   commentary, and the rest is the expected output;
// - a last output line `[N]` expects exit status N (default 0; `[N]` alone asserts only the
//   status); a region of just `(no output)` asserts that nothing is printed;
// - lines before the first command must be `#` comments or blank.
import { parseScript, ShellSyntaxError } from '../../engine/index.ts';

export interface TranscriptCommand {
  /** Command text as the shell reads it (continuation lines joined with newlines). */
  source: string;
  /** 0-based line of the `$` within the block body. */
  line: number;
  /** Expected output lines, or null when the region is commentary (not asserted). */
  expected: string[] | null;
  /** Expected exit status. */
  status: number;
  /** Whether `[N]` was written explicitly. */
  statusWritten: boolean;
  /** 0-based body lines [start, end) holding the expected output and `[N]` line, for --update. */
  outputStart: number;
  outputEnd: number;
}

export interface TranscriptProblem {
  line: number;
  message: string;
  rule: string;
}

export const NO_OUTPUT = '(no output)';

const isComment = (l: string) => /^#(\s|$)/.test(l) || l === '#';
const isBlank = (l: string) => l.trim() === '';

export function isTranscript(body: string): boolean {
  return body.split('\n').some((l) => l.startsWith('$ ') || l === '$');
}

function incomplete(source: string): boolean {
  if (/(^|[^\\])(\\\\)*\\$/.test(source)) return true;
  try {
    parseScript(source);
    return false;
  } catch (e) {
    return e instanceof ShellSyntaxError && e.incomplete;
  }
}

export function parseTranscript(body: string): {
  commands: TranscriptCommand[];
  problems: TranscriptProblem[];
} {
  const lines = body.replace(/\n$/, '').split('\n');
  const commands: TranscriptCommand[] = [];
  const problems: TranscriptProblem[] = [];
  let i = 0;
  while (i < lines.length && !(lines[i].startsWith('$ ') || lines[i] === '$')) {
    if (!isBlank(lines[i]) && !isComment(lines[i])) {
      problems.push({
        line: i,
        rule: 'transcript/output-before-command',
        message: 'output before the first `$ ` command',
      });
    }
    i++;
  }
  while (i < lines.length) {
    const start = i;
    let source = lines[i] === '$' ? '' : lines[i].slice(2);
    i++;
    while (i < lines.length && incomplete(source) && !(lines[i].startsWith('$ ') && !source.endsWith('\\'))) {
      const next = lines[i].startsWith('> ') ? lines[i].slice(2) : lines[i] === '>' ? '' : lines[i];
      source = `${source}\n${next}`;
      i++;
    }
    const regionStart = i;
    while (i < lines.length && !(lines[i].startsWith('$ ') || lines[i] === '$')) i++;
    commands.push(regionToCommand(source, start, lines, regionStart, i));
  }
  return { commands, problems };
}

function regionToCommand(
  source: string,
  line: number,
  lines: string[],
  from: number,
  to: number,
): TranscriptCommand {
  let end = to;
  while (end > from && isBlank(lines[end - 1])) end--;
  const region = lines.slice(from, end);
  const base = { source, line, status: 0, statusWritten: false, outputStart: from, outputEnd: from };
  if (region.length === 0 || region.every((l) => isComment(l) || isBlank(l))) {
    return { ...base, expected: null };
  }
  // A trailing group of comments after a blank line is commentary.
  let cut = region.length;
  while (cut > 0 && isComment(region[cut - 1])) cut--;
  if (cut < region.length && cut > 0 && isBlank(region[cut - 1])) {
    while (cut > 0 && isBlank(region[cut - 1])) cut--;
  } else {
    cut = region.length;
  }
  let output = region.slice(0, cut);
  let status = 0;
  let statusWritten = false;
  const last = output[output.length - 1];
  const m = last !== undefined ? /^\[(\d{1,3})\]\s*$/.exec(last) : null;
  if (m) {
    status = Number(m[1]);
    statusWritten = true;
    output = output.slice(0, -1);
  }
  // `[N]` alone asserts the status only; `(no output)` asserts that nothing is printed.
  const expected =
    output.length === 0 ? null : output.length === 1 && output[0].trim() === NO_OUTPUT ? [] : output;
  return { ...base, expected, status, statusWritten, outputStart: from, outputEnd: from + cut };
}
