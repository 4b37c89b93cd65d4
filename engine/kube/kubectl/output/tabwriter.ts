// Go's text/tabwriter as forked by github.com/liggitt/tabwriter (the RememberWidths flag), which kubectl's column printers write through.

export interface TabWriterSettings {
  minWidth: number;
  tabWidth: number;
  padding: number;
  padChar: string;
  /** liggitt/tabwriter RememberWidths: a column never gets narrower than it was in an earlier block or flush. */
  rememberWidths: boolean;
}

/** cli-runtime printers/tabwriter.go GetNewTabWriter: minwidth 6, tabwidth 4, padding 3, ' ', RememberWidths. */
export const KUBECTL_TABWRITER: TabWriterSettings = {
  minWidth: 6,
  tabWidth: 4,
  padding: 3,
  padChar: ' ',
  rememberWidths: true,
};

interface Cell {
  text: string;
  /** width in runes */
  width: number;
  /** terminated by a tab (rather than a line end) */
  htab: boolean;
}

/**
 * Collects tab-separated cells and aligns each column block to its widest cell plus padding.
 * A cell ended by '\t' belongs to a column; the last cell of a line does not and is never padded.
 * A line with a single cell (no tab) flushes everything before it, as Go's Write does.
 */
export class TabWriter {
  private readonly settings: TabWriterSettings;
  private out = '';
  private lines: Cell[][] = [[]];
  private cell: Cell = { text: '', width: 0, htab: false };
  private widths: number[] = [];
  private maxWidths: number[] = [];

  constructor(settings: TabWriterSettings = KUBECTL_TABWRITER) {
    this.settings = settings;
  }

  write(text: string): void {
    for (const ch of text) {
      if (ch === '\t' || ch === '\v' || ch === '\n' || ch === '\f') {
        const cells = this.terminateCell(ch === '\t');
        if (ch === '\n' || ch === '\f') {
          this.lines.push([]);
          if (ch === '\f' || cells === 1) this.formatBuffered();
        }
      } else {
        this.cell.text += ch;
        this.cell.width += 1;
      }
    }
  }

  /** Formats everything buffered and returns all output written so far (and clears it). */
  flush(): string {
    this.formatBuffered();
    const written = this.out;
    this.out = '';
    return written;
  }

  private formatBuffered(): void {
    if (this.cell.text.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.cell = { text: '', width: 0, htab: false };
    this.widths = [];
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1];
    line.push(this.cell);
    this.cell = { text: '', width: 0, htab: false };
    return line.length;
  }

  /** Lays out lines [line0, line1) whose columns left of `widths.length` are already sized. */
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    let start = line0;
    for (let row = line0; row < line1; row++) {
      if (column >= this.lines[row].length - 1) continue;
      // A block of consecutive lines with a cell in this column starts here.
      this.writeLines(start, row);
      start = row;
      let width = this.settings.minWidth;
      for (; row < line1; row++) {
        const line = this.lines[row];
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column].width + this.settings.padding);
      }
      if (this.settings.rememberWidths) width = this.rememberWidth(width);
      this.widths.push(width);
      this.format(start, row);
      this.widths.pop();
      start = row;
    }
    this.writeLines(start, line1);
  }

  private rememberWidth(width: number): number {
    const column = this.widths.length;
    if (this.maxWidths.length < column) this.maxWidths.push(...this.widths.slice(this.maxWidths.length));
    if (this.maxWidths.length === column) {
      this.maxWidths.push(width);
      return width;
    }
    if (this.maxWidths[column] > width) return this.maxWidths[column];
    this.maxWidths[column] = width;
    return width;
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      this.lines[i].forEach((cell, j) => {
        this.out += cell.text;
        if (j < this.widths.length) this.out += this.settings.padChar.repeat(this.widths[j] - cell.width);
      });
      if (i + 1 === this.lines.length) this.out += this.cell.text;
      else this.out += '\n';
    }
  }
}

/** Aligns complete text through a fresh writer with kubectl's settings. */
export function tabulate(text: string, settings: TabWriterSettings = KUBECTL_TABWRITER): string {
  const writer = new TabWriter(settings);
  writer.write(text);
  return writer.flush();
}
