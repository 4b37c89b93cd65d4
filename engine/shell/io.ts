// Byte streams between simulated processes: outputs are sinks (terminal, buffer, file), inputs
// are fully buffered strings read from the front. Pipelines run their stages in order.
import type { Budget } from '../core/budget.ts';

export interface Output {
  write(text: string): void;
}

/** One chunk written to the terminal, tagged with the stream it came from. */
export interface TerminalChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Collects what a session shows on its terminal, both streams in the order written. */
export class Terminal {
  readonly chunks: TerminalChunk[] = [];
  private readonly budget?: Budget;
  constructor(budget?: Budget) {
    this.budget = budget;
  }
  readonly stdout: Output = { write: (text) => this.push('stdout', text) };
  readonly stderr: Output = { write: (text) => this.push('stderr', text) };
  private push(stream: 'stdout' | 'stderr', text: string): void {
    if (!text) return;
    this.budget?.written(text.length);
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.chunks.push({ stream, text });
  }
  /** Everything written so far, both streams merged, and clears it. */
  take(): string {
    const text = this.chunks.map((c) => c.text).join('');
    this.chunks.length = 0;
    return text;
  }
}

export class BufferOutput implements Output {
  text = '';
  private readonly budget?: Budget;
  constructor(budget?: Budget) {
    this.budget = budget;
  }
  write(text: string): void {
    this.budget?.written(text.length);
    this.text += text;
  }
}

export const NULL_OUTPUT: Output = { write() {} };

export class Input {
  private data: string;
  private pos = 0;
  /** True when this input is the interactive terminal of a transcript. */
  readonly isTerminal: boolean;
  /** True when a `<` redirection opened a regular file here (tools that fstat stdin care). */
  fromFile = false;
  constructor(data = '', isTerminal = false) {
    this.data = data;
    this.isTerminal = isTerminal;
  }
  /** The rest of the input. */
  readAll(): string {
    const rest = this.data.slice(this.pos);
    this.pos = this.data.length;
    return rest;
  }
  /** The rest of the input, left unread. */
  peekAll(): string {
    return this.data.slice(this.pos);
  }
  /** The next line without its newline, or null at end of input. */
  readLine(): string | null {
    if (this.pos >= this.data.length) return null;
    const nl = this.data.indexOf('\n', this.pos);
    const end = nl < 0 ? this.data.length : nl;
    const line = this.data.slice(this.pos, end);
    this.pos = nl < 0 ? this.data.length : nl + 1;
    return line;
  }
  get atEnd(): boolean {
    return this.pos >= this.data.length;
  }
}

export const EMPTY_INPUT = new Input('');

/** Receives requests to start a nested interactive shell (`ip netns exec x bash`, `nsenter ... bash`). */
export interface InteractiveSession {
  enter(proc: import('../commands/types.ts').Proc, env: Map<string, string>): void;
}

/** The terminal as a process's standard input: reading it gives nothing; shells started on it become interactive. */
export class TerminalInput extends Input {
  readonly session: InteractiveSession;
  constructor(session: InteractiveSession) {
    super('', true);
    this.session = session;
  }
}
