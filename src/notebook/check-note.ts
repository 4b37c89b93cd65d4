// Checks one note from its text: parse, run (on the engine or another backend), report, and
// (with update) the rewritten text. A note that fails on Linux or a real cluster but passes in the engine is
// reported as an engine discrepancy.
import type { BackendName } from './backend.ts';
import { kubeBackend } from './kube-backend.ts';
import { linuxBackend } from './linux-backend.ts';
import { mermaidProblems } from './mermaid-check.ts';
import { type Note, parseNote } from './parse.ts';
import { type NoteReport, toReport } from './report.ts';
import { type NoteRun, runNote } from './run.ts';
import { updateSource } from './update.ts';

export interface CheckResult {
  report: NoteReport;
  /** The note's new text when `update` changed it. */
  updated?: string;
}

async function runOn(note: Note, backend: BackendName, context?: string): Promise<NoteRun> {
  if (backend === 'linux') return runNote(note, linuxBackend());
  if (backend === 'kube') return runNote(note, kubeBackend(note, { context }));
  return runNote(note);
}

export async function checkNote(
  file: string,
  source: string,
  update = false,
  fill = false,
  backend: BackendName = 'engine',
  /** With --backend kube: the kubeconfig context (default: its current context). */
  context?: string,
): Promise<CheckResult> {
  const note = parseNote(file, source);
  const run = await runOn(note, backend, context);
  run.diagnostics.push(...(await mermaidProblems(note)));
  const unavailable = run.diagnostics.some((d) => d.rule === 'backend/unavailable');
  if (
    backend !== 'engine' &&
    !run.unsupported &&
    !unavailable &&
    run.diagnostics.some((d) => d.severity === 'error')
  )
    run.diagnostics.push(await compareWithEngine(note, backend));
  const report = toReport(run, note.title);
  if (!update || (report.passed && !fill)) return { report };
  const { source: next, changed } = updateSource(source, run, fill);
  if (changed === 0) return { report };
  // Re-check the rewritten note so the report says whether the update fixed it.
  const reparsed = parseNote(file, next);
  const again = await runOn(reparsed, backend, context);
  again.diagnostics.push(...(await mermaidProblems(reparsed)));
  return { report: toReport(again, note.title), updated: next };
}

/** Runs a note that failed on `backend` in the engine too, and says which of the two failed. */
async function compareWithEngine(note: Note, backend: BackendName) {
  const engine = await runNote(note);
  const engineFailed = engine.diagnostics.some((d) => d.severity === 'error');
  const base = { file: note.file, line: 1, col: 1, severity: 'error' as const };
  if (!engineFailed)
    return {
      ...base,
      rule: 'backend/discrepancy',
      message: `labbook engine discrepancy: the note passes in the engine but fails on ${backend} (the diffs above show ${backend}'s output)`,
    };
  return {
    ...base,
    rule: 'backend/both-failed',
    message: `the note fails in the engine as well as on ${backend}: its expected output is wrong`,
  };
}
