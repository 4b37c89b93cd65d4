// Runs a note on a backend (the engine by default): each session (one by default) is a fresh
// world or private host; blocks run in order, transcripts command by command, scripts as a
// whole, file blocks write files. Every command's output and status are compared with what the
// note expects.
import { ENGINE_VERSION, type Session } from '../../engine/index.ts';
import type { Backend, BackendName, BackendSession } from './backend.ts';
import type { Diagnostic } from './diagnostics.ts';
import { DiagramRequestError, drawDiagram, parseDiagramRequest } from './diagram-block.ts';
import { EngineSession, engineBackend } from './engine-backend.ts';
import { align, lineMatches, outputLines, renderDiff, type Step } from './match.ts';
import type { Note, NoteBlock } from './parse.ts';
import { parseTranscript, type TranscriptCommand } from './transcript.ts';

export type BlockStatus = 'verified' | 'generated' | 'norun' | 'failed' | 'static';

export interface CommandRun {
  source: string;
  /** 1-based line of the command in the file. */
  line: number;
  expected: string[] | null;
  expectedStatus: number;
  statusWritten: boolean;
  actual: string;
  status: number;
  ok: boolean;
  steps?: Step[];
  /** 1-based file lines [start, end) of the expected output, for --update. */
  outputRange: [number, number];
}

export interface BlockRun {
  block: NoteBlock;
  /** `topology` blocks: the Mermaid text drawn from the engine's state. */
  diagram?: string;
  status: BlockStatus;
  commands: CommandRun[];
  /** A transcript's commands and output regions as parsed, so the site need not parse it again. */
  transcript?: TranscriptCommand[];
}

export interface NoteRun {
  file: string;
  engineVersion: string;
  /** Where the commands ran. */
  backend: BackendName;
  /** Set when the backend cannot run this note (nothing ran). */
  unsupported?: string;
  blocks: BlockRun[];
  diagnostics: Diagnostic[];
  /** Commands run, and how many had their output asserted. */
  counts: { commands: number; asserted: number; failed: number };
}

const PLACEHOLDER = /(^|[^<\w])<([A-Za-z][A-Za-z0-9_.-]*)>/;

/** The line of a top-level front matter key, for diagnostics about its value. */
function frontmatterLine(note: Note, key: string): number {
  const lines = note.source.split('\n');
  const end = lines.indexOf('---', 1);
  const at = lines.slice(0, end > 0 ? end : lines.length).findIndex((l) => l.startsWith(`${key}:`));
  return at >= 0 ? at + 1 : 1;
}

export async function runNote(note: Note, backend: Backend = engineBackend(note)): Promise<NoteRun> {
  const diagnostics: Diagnostic[] = [...note.diagnostics];
  const counts = { commands: 0, asserted: 0, failed: 0 };
  const diag = (line: number, col: number, rule: string, message: string, detail?: string) =>
    diagnostics.push({ file: note.file, line, col, rule, severity: 'error', message, detail });
  const unsupported = backend.unsupported(note);
  if (unsupported !== null) {
    diagnostics.push({
      file: note.file,
      line: 1,
      col: 1,
      rule: 'backend/unsupported',
      severity: 'warning',
      message: `not runnable with --backend ${backend.name}: ${unsupported}`,
    });
    const blocks = note.blocks.map((block): BlockRun => ({ block, status: 'norun', commands: [] }));
    const base = { file: note.file, engineVersion: ENGINE_VERSION, backend: backend.name };
    return { ...base, unsupported, blocks, diagnostics, counts };
  }
  const normalise = backend.normalise;
  const where = backend.name === 'engine' ? '' : ` on ${backend.name}`;
  const sessions = new Map<string, BackendSession>();
  const sessionFor = async (name: string) => {
    let s = sessions.get(name);
    if (!s) {
      s = await backend.openSession(name, (key, message) =>
        diag(frontmatterLine(note, key), 1, `frontmatter/${key}`, message),
      );
      sessions.set(name, s);
    }
    return s;
  };
  try {
    const problem = backend.prepare ? await backend.prepare() : null;
    if (problem !== null) {
      diag(1, 1, 'backend/unavailable', `--backend ${backend.name}: ${problem}`);
      const blocks = note.blocks.map((block): BlockRun => ({ block, status: 'norun', commands: [] }));
      return {
        file: note.file,
        engineVersion: ENGINE_VERSION,
        backend: backend.name,
        blocks,
        diagnostics,
        counts,
      };
    }
    return await runBlocks();
  } finally {
    for (const s of sessions.values()) await s.close();
    await backend.finish?.();
  }

  async function runBlocks(): Promise<NoteRun> {
    const blocks: BlockRun[] = [];

    for (const block of note.blocks) {
      if (block.kind === 'plain' || block.kind === 'output' || block.kind === 'mermaid') {
        blocks.push({ block, status: 'static', commands: [] });
        continue;
      }
      if (block.attrs.norun) {
        blocks.push({ block, status: 'norun', commands: [] });
        continue;
      }
      const session = await sessionFor(block.attrs.session);
      if (block.kind === 'topology') {
        // Only the engine can draw its state; elsewhere the block is left as written.
        if (session instanceof EngineSession) blocks.push(diagramBlock(block, session.engine, diag));
        else blocks.push({ block, status: 'norun', commands: [] });
        continue;
      }
      if (block.kind === 'file') {
        await session.writeFile(
          block.attrs.file!,
          block.body.endsWith('\n') || block.body === '' ? block.body : `${block.body}\n`,
          block.attrs.mode ?? undefined,
        );
        blocks.push({ block, status: 'generated', commands: [] });
        continue;
      }
      if (block.kind === 'script') {
        const result = await session.runScript(block.body, block.attrs.file ?? 'script.sh');
        const expected = block.output ? outputLines(block.output.body) : null;
        const expectedStatus = block.attrs.exit ?? 0;
        const run = check(
          block.body,
          block.line + 1,
          expected,
          expectedStatus,
          true,
          result.output,
          result.status,
          normalise,
        );
        if (block.output)
          run.outputRange = [
            block.output.bodyLine,
            block.output.bodyLine + outputLines(block.output.body).length,
          ];
        counts.commands++;
        if (expected) counts.asserted++;
        if (result.budget) {
          run.ok = false;
          diag(block.line, block.col, 'run/budget', result.budget.message);
        } else if (!run.ok) report(run, block.line, block.col);
        if (!run.ok) counts.failed++;
        blocks.push({
          block,
          status: !run.ok ? 'failed' : expected ? 'verified' : 'generated',
          commands: [run],
        });
        continue;
      }
      const { commands, problems } = parseTranscript(block.body);
      for (const p of problems) diag(block.bodyLine + p.line, 1, p.rule, p.message);
      const runs: CommandRun[] = [];
      for (const cmd of commands) {
        const line = block.bodyLine + cmd.line;
        counts.commands++;
        if (cmd.expected) counts.asserted++;
        const placeholder = PLACEHOLDER.exec(cmd.source);
        if (placeholder) {
          diag(
            line,
            3 + (placeholder.index + placeholder[1].length),
            'transcript/placeholder',
            `\`<${placeholder[2]}>\` looks like a placeholder: replace it with a real value, or mark the block \`norun\``,
          );
          runs.push({ ...check(cmd.source, line, null, 0, false, '', 0), ok: false });
          counts.failed++;
          continue;
        }
        if (session.closed) {
          diag(
            line,
            1,
            'run/session-closed',
            'the shell of this session has exited; nothing runs after `exit` at the top level',
          );
          counts.failed++;
          continue;
        }
        const result = await session.run(cmd.source);
        const run = check(
          cmd.source,
          line,
          cmd.expected,
          cmd.status,
          cmd.statusWritten,
          result.output,
          result.status,
          normalise,
        );
        run.outputRange = [block.bodyLine + cmd.outputStart, block.bodyLine + cmd.outputEnd];
        if (result.budget) {
          run.ok = false;
          diag(line, 1, 'run/budget', `${result.budget.message}\n  in: $ ${cmd.source.split('\n')[0]}`);
        } else if (!run.ok) report(run, line, 1);
        if (!run.ok) counts.failed++;
        runs.push(run);
      }
      const failed = runs.some((r) => !r.ok) || problems.length > 0;
      blocks.push({
        block,
        status: failed ? 'failed' : runs.some((r) => r.expected !== null) ? 'verified' : 'generated',
        commands: runs,
        transcript: commands,
      });
    }
    return {
      file: note.file,
      engineVersion: ENGINE_VERSION,
      backend: backend.name,
      blocks,
      diagnostics,
      counts,
    };
  }

  function report(run: CommandRun, line: number, col: number): void {
    const cmd = run.source.split('\n')[0];
    if (run.steps?.some((s) => s.op === 'del' || s.op === 'ins')) {
      const statusNote = run.status !== run.expectedStatus ? ` and exited with status ${run.status}` : '';
      diag(
        line,
        col,
        'output/mismatch',
        `output differs from the note${where}${statusNote}\n  $ ${cmd}`,
        renderDiff(run.steps),
      );
    } else {
      const tail = run.actual
        ? `\n${run.actual
            .replace(/\n$/, '')
            .split('\n')
            .slice(-5)
            .map((l) => `  | ${l}`)
            .join('\n')}`
        : '';
      diag(
        line,
        col,
        'output/status',
        `exited${where} with status ${run.status}, expected ${run.expectedStatus}${run.statusWritten ? '' : ' (write a `[N]` line after the output if this failure is intended)'}\n  $ ${cmd}${tail}`,
      );
    }
  }
}

/** A `topology` block: the diagram it asks for, or a diagnostic at the line it could not read. */
function diagramBlock(
  block: NoteBlock,
  session: Session,
  diag: (line: number, col: number, rule: string, message: string) => void,
): BlockRun {
  try {
    const drawn = drawDiagram(parseDiagramRequest(block.body), session);
    return { block, status: 'generated', commands: [], diagram: drawn.mermaid };
  } catch (e) {
    if (!(e instanceof DiagramRequestError)) throw e;
    diag(block.bodyLine + e.line, 1, 'topology/request', e.message);
    return { block, status: 'failed', commands: [] };
  }
}

function check(
  source: string,
  line: number,
  expected: string[] | null,
  expectedStatus: number,
  statusWritten: boolean,
  actual: string,
  status: number,
  normalise?: (text: string) => string,
): CommandRun {
  const actualLines = outputLines(actual);
  let steps: Step[] | undefined;
  if (expected && normalise) {
    // A line matches as written, or once varying values are normalised on both sides (line by
    // line: normalising never joins or splits lines).
    const normalisedExpected = normalise(expected.join('\n')).split('\n');
    const normalisedActual = normalise(actualLines.join('\n')).split('\n');
    steps = align(
      expected,
      actualLines,
      (i, j) =>
        lineMatches(expected[i], actualLines[j]) || lineMatches(normalisedExpected[i], normalisedActual[j]),
    );
  } else if (expected) steps = align(expected, actualLines);
  const outputOk = !steps || steps.every((s) => s.op === 'same' || s.op === 'any');
  return {
    source,
    line,
    expected,
    expectedStatus,
    statusWritten,
    actual,
    status,
    ok: outputOk && status === expectedStatus,
    steps,
    outputRange: [line + 1, line + 1],
  };
}
