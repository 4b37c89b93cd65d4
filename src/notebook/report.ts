// The serialisable result of checking one note: what the CLI prints, the cache stores and
// the site renders (each block's status and each command's actual output).
import type { Diagnostic } from './diagnostics.ts';
import type { BlockStatus, NoteRun } from './run.ts';
import type { TranscriptCommand } from './transcript.ts';

export interface CommandReport {
  line: number;
  source: string;
  actual: string;
  status: number;
  ok: boolean;
  asserted: boolean;
}

export interface BlockReport {
  index: number;
  line: number;
  kind: string;
  status: BlockStatus;
  commands: CommandReport[];
  /** Transcripts: each command's place in the block and its output region. */
  transcript?: TranscriptCommand[];
  /** `topology` blocks: the Mermaid text drawn from the engine's state. */
  diagram?: string;
}

export interface NoteReport {
  file: string;
  title: string;
  engineVersion: string;
  /** Where the commands ran (absent in reports cached before backends existed: the engine). */
  backend?: NoteRun['backend'];
  /** Set when the backend cannot run this note: nothing ran, and it counts as neither passed nor failed. */
  unsupported?: string;
  passed: boolean;
  counts: NoteRun['counts'];
  diagnostics: Diagnostic[];
  blocks: BlockReport[];
}

export function toReport(run: NoteRun, title: string): NoteReport {
  return {
    file: run.file,
    title,
    engineVersion: run.engineVersion,
    backend: run.backend,
    ...(run.unsupported !== undefined ? { unsupported: run.unsupported } : {}),
    passed: !run.diagnostics.some((d) => d.severity === 'error'),
    counts: run.counts,
    diagnostics: run.diagnostics,
    blocks: run.blocks.map((b) => ({
      index: b.block.index,
      line: b.block.line,
      kind: b.block.kind,
      status: b.status,
      commands: b.commands.map((c) => ({
        line: c.line,
        source: c.source,
        actual: c.actual,
        status: c.status,
        ok: c.ok,
        asserted: c.expected !== null,
      })),
      ...(b.transcript ? { transcript: b.transcript } : {}),
      ...(b.diagram !== undefined ? { diagram: b.diagram } : {}),
    })),
  };
}
