// Syntax checking of hand-written ```mermaid blocks with the official Mermaid parser, so a broken
// diagram fails `labbook check` at its line instead of showing an error box on the page.
import type { Diagnostic } from './diagnostics.ts';
import type { Note } from './parse.ts';

interface MermaidApi {
  parse(text: string): Promise<unknown>;
}

let mermaid: Promise<MermaidApi> | null = null;

/**
 * Mermaid's parser, loaded on first use. Mermaid cleans labels with DOMPurify, which has no
 * methods without a browser window; parsing only needs them to exist, and nothing Mermaid
 * returns here is ever rendered, so they pass text through.
 */
async function loadMermaid(): Promise<MermaidApi> {
  const { default: purify } = await import('dompurify');
  const p = purify as unknown as Record<string, unknown> & { isSupported?: boolean };
  if (!p.isSupported) {
    p.addHook ??= () => {};
    p.removeHook ??= () => {};
    p.removeAllHooks ??= () => {};
    p.sanitize ??= (text: string) => text;
  }
  const { default: api } = await import('mermaid');
  return api as unknown as MermaidApi;
}

export interface MermaidSyntaxError {
  /** 1-based line and column within the diagram text. */
  line: number;
  col: number;
  message: string;
}

/** Null when Mermaid parses the text, else where and why it stopped. */
export async function mermaidSyntaxError(text: string): Promise<MermaidSyntaxError | null> {
  mermaid ??= loadMermaid();
  try {
    await (await mermaid).parse(text);
    return null;
  } catch (e) {
    return describe(e);
  }
}

function describe(e: unknown): MermaidSyntaxError {
  const message = e instanceof Error ? e.message : String(e);
  // Jison grammars (flowchart, sequence, state, class...): a location and an "Expecting" line.
  const loc = (e as { hash?: { loc?: { first_line: number; first_column: number } } }).hash?.loc;
  if (loc) {
    const expecting = message.split('\n').find((l) => l.startsWith('Expecting')) ?? message.split('\n')[0];
    return { line: loc.first_line, col: loc.first_column + 1, message: `Parse error: ${expecting}` };
  }
  // Langium grammars (pie, packet, architecture...): "line N, column M" in the text.
  const at = /line (\d+), column (\d+)/.exec(message);
  return {
    line: at ? Number(at[1]) : 1,
    col: at ? Number(at[2]) : 1,
    message: message.split('\n')[0],
  };
}

/** One diagnostic per hand-written Mermaid block that does not parse. */
export async function mermaidProblems(note: Note): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const block of note.blocks) {
    if (block.kind !== 'mermaid') continue;
    const error = await mermaidSyntaxError(block.body);
    if (!error) continue;
    out.push({
      file: note.file,
      line: block.bodyLine + error.line - 1,
      col: error.col,
      rule: 'mermaid/syntax',
      severity: 'error',
      message: `Mermaid cannot parse this diagram: ${error.message}`,
    });
  }
  return out;
}
