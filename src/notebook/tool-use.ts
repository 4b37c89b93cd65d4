// Finds the first command of a note (in its runnable script and transcript blocks) that runs
// one of the given tools, so a backend can say which notes it cannot run.
import type { Note } from './parse.ts';
import { parseTranscript } from './transcript.ts';

export interface ToolUse {
  tool: string;
  /** 1-based line of the block that runs it. */
  line: number;
}

export function toolUse(note: Note, tools: readonly string[]): ToolUse | null {
  const pattern = new RegExp(`(?:^|[\\s;&|(\`])(${tools.join('|')})(?=$|[\\s;&|)\`])`, 'm');
  for (const block of note.blocks) {
    if (block.attrs.norun) continue;
    const sources =
      block.kind === 'script'
        ? [block.body]
        : block.kind === 'transcript'
          ? parseTranscript(block.body).commands.map((c) => c.source)
          : [];
    for (const source of sources) {
      const m = pattern.exec(source);
      if (m) return { tool: m[1], line: block.line };
    }
  }
  return null;
}
