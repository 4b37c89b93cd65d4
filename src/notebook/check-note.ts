// Checks one note from its text: parse, run, report, and (with update) the rewritten text.
import { mermaidProblems } from './mermaid-check.ts';
import { parseNote } from './parse.ts';
import { type NoteReport, toReport } from './report.ts';
import { runNote } from './run.ts';
import { updateSource } from './update.ts';

export interface CheckResult {
  report: NoteReport;
  /** The note's new text when `update` changed it. */
  updated?: string;
}

export async function checkNote(
  file: string,
  source: string,
  update = false,
  fill = false,
): Promise<CheckResult> {
  const note = parseNote(file, source);
  const run = runNote(note);
  run.diagnostics.push(...(await mermaidProblems(note)));
  const report = toReport(run, note.title);
  if (!update || (report.passed && !fill)) return { report };
  const { source: next, changed } = updateSource(source, run, fill);
  if (changed === 0) return { report };
  // Re-check the rewritten note so the report says whether the update fixed it.
  const reparsed = parseNote(file, next);
  const again = runNote(reparsed);
  again.diagnostics.push(...(await mermaidProblems(reparsed)));
  return { report: toReport(again, note.title), updated: next };
}
