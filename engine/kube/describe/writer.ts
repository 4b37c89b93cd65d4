// kubectl describe's PrefixWriter: text at indentation levels (two spaces per level), each piece
// passed through printers.WriteEscaped, all of it into one tabwriter (tabbedString).
// Follows pkg/describe/describe.go (prefixWriter, nestedPrefixWriter, tabbedString) and
// k8s.io/cli-runtime/pkg/printers/terminal.go.
import { TABBED_STRING_TABWRITER, TabWriter } from '../text/tabwriter.ts';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/** printers.WriteEscaped: terminal escape characters are made visible. */
export function escapeTerminal(text: string): string {
  return text.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

export class PrefixWriter {
  private readonly sink: (text: string) => void;
  /** Extra levels added by a nested writer (NewNestedPrefixWriter). */
  private readonly indent: number;

  constructor(sink: (text: string) => void, indent = 0) {
    this.sink = sink;
    this.indent = indent;
  }

  /** Writes already formatted text after `level` indentation steps. */
  write(level: number, text: string): void {
    this.sink(escapeTerminal('  '.repeat(level + this.indent) + text));
  }

  /** WriteLine (fmt.Sprintln of one value): the base writer adds no indentation, a nested one does. */
  writeLine(text: string): void {
    if (this.indent > 0) this.write(0, `${text}\n`);
    else this.sink(escapeTerminal(`${text}\n`));
  }

  nested(indent: number): PrefixWriter {
    return new PrefixWriter(this.sink, this.indent + indent);
  }
}

/** tabbedString: everything `fill` writes, aligned by Go's tabwriter (0, 8, 2, ' ', 0). */
export function tabbedString(fill: (w: PrefixWriter) => void): string {
  const writer = new TabWriter(TABBED_STRING_TABWRITER);
  fill(new PrefixWriter((text) => writer.write(text)));
  return writer.flush();
}
