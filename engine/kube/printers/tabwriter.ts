// Elastic-tabstop column alignment as github.com/liggitt/tabwriter (a fork of Go's
// text/tabwriter with RememberWidths) does it; kubectl streams every table through it.
// Cells end at '\t' or '\v'; lines at '\n' or '\f'. Only tab-terminated cells form columns,
// so the last cell of a line is written unpadded. Escape and HTML filtering are not ported
// (kubectl does not enable them).

export const TabFlags = {
  AlignRight: 1 << 2,
  DiscardEmptyColumns: 1 << 3,
  TabIndent: 1 << 4,
  Debug: 1 << 5,
  RememberWidths: 1 << 6,
} as const;

interface Cell {
  /** UTF-16 length of the cell's text in the buffer. */
  size: number;
  /** Width in code points (the writer assumes every character is one column wide). */
  width: number;
  /** Terminated by a hard tab '\t' (as opposed to '\v'). */
  htab: boolean;
}

export class TabWriter {
  private readonly minwidth: number;
  private readonly tabwidth: number;
  private readonly padding: number;
  private readonly padchar: string;
  private readonly flags: number;
  private out: string[] = [];
  private buf = '';
  private pos = 0;
  private cell: Cell = { size: 0, width: 0, htab: false };
  private lines: Cell[][] = [[]];
  private widths: number[] = [];
  private maxwidths: number[] = [];

  constructor(minwidth: number, tabwidth: number, padding: number, padchar: string, flags: number) {
    this.minwidth = minwidth;
    this.tabwidth = tabwidth;
    this.padding = padding;
    this.padchar = padchar;
    // tab padding enforces left alignment
    this.flags = padchar === '\t' ? flags & ~TabFlags.AlignRight : flags;
  }

  /** The writer kubectl uses: printers.GetNewTabWriter (cli-runtime printers/tabwriter.go). */
  static forKubectl(): TabWriter {
    return new TabWriter(6, 4, 3, ' ', TabFlags.RememberWidths);
  }

  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
      this.append(text.slice(start, i));
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        // A formfeed always flushes; so does a line of a single cell, which cannot
        // affect the layout of the lines after it.
        if (ch === '\f' || ncells === 1) {
          this.flush();
          if (ch === '\f' && this.flags & TabFlags.Debug) this.out.push('---\n');
        }
      }
    }
    this.append(text.slice(start));
  }

  /** Formats and emits everything buffered so far. */
  flush(): void {
    if (this.cell.size > 0) this.terminateCell(false);
    this.format(0, 0, this.lines.length);
    this.reset();
  }

  /** Takes the text emitted so far. */
  take(): string {
    const text = this.out.join('');
    this.out = [];
    return text;
  }

  rememberedWidths(): number[] {
    return [...this.maxwidths];
  }

  setRememberedWidths(widths: number[] | null): this {
    this.maxwidths = widths ? [...widths] : [];
    return this;
  }

  private reset(): void {
    this.buf = '';
    this.pos = 0;
    this.cell = { size: 0, width: 0, htab: false };
    this.lines = [[]];
    this.widths = [];
  }

  private append(text: string): void {
    this.buf += text;
    this.cell.size += text.length;
    let runes = 0;
    for (const _ of this.buf.slice(this.pos)) runes++;
    this.cell.width += runes;
    this.pos = this.buf.length;
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1];
    line.push(this.cell);
    this.cell = { size: 0, width: 0, htab: false };
    return line.length;
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) return;
      const roundedWidth = Math.ceil(cellw / this.tabwidth) * this.tabwidth;
      const n = roundedWidth - textw;
      this.out.push('\t'.repeat(Math.ceil(n / this.tabwidth)));
      return;
    }
    this.out.push(this.padchar.repeat(Math.max(0, cellw - textw)));
  }

  private writeLines(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = (this.flags & TabFlags.TabIndent) !== 0;
      line.forEach((c, j) => {
        if (j > 0 && this.flags & TabFlags.Debug) this.out.push('|');
        const width = this.widths[j];
        if (c.size === 0) {
          if (j < this.widths.length) this.writePadding(c.width, width, useTabs);
          return;
        }
        useTabs = false;
        const text = this.buf.slice(pos, pos + c.size);
        pos += c.size;
        if (this.flags & TabFlags.AlignRight) {
          if (j < this.widths.length) this.writePadding(c.width, width, false);
          this.out.push(text);
        } else {
          this.out.push(text);
          if (j < this.widths.length) this.writePadding(c.width, width, false);
        }
      });
      if (i + 1 === this.lines.length) {
        // the last buffered line has no newline yet: emit its unfinished cell
        this.out.push(this.buf.slice(pos, pos + this.cell.size));
        pos += this.cell.size;
      } else {
        this.out.push('\n');
      }
    }
    return pos;
  }

  /**
   * Lays out lines [line0, line1) starting at buffer offset pos0: each run of consecutive
   * lines that have a cell in the current column forms a block whose width is its widest
   * cell plus padding (at least minwidth); columns to the right are handled recursively.
   */
  private format(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    let first = line0;
    const column = this.widths.length;
    for (let row = first; row < line1; row++) {
      if (column >= this.lines[row].length - 1) continue;
      pos = this.writeLines(pos, first, row);
      first = row;
      let width = this.minwidth;
      let discardable = true;
      for (; row < line1; row++) {
        const line = this.lines[row];
        if (column >= line.length - 1) break;
        const c = line[column];
        width = Math.max(width, c.width + this.padding);
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.flags & TabFlags.DiscardEmptyColumns) width = 0;
      if (this.flags & TabFlags.RememberWidths) width = this.remember(width);
      this.widths.push(width);
      pos = this.format(pos, first, row);
      this.widths.pop();
      first = row;
    }
    return this.writeLines(pos, first, line1);
  }

  /** RememberWidths: a column never shrinks below the widest block seen since the reset. */
  private remember(width: number): number {
    const index = this.widths.length;
    if (this.maxwidths.length < index) this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
    if (this.maxwidths.length === index) {
      this.maxwidths.push(width);
      return width;
    }
    if (this.maxwidths[index] > width) return this.maxwidths[index];
    this.maxwidths[index] = width;
    return width;
  }
}
