// Go's text/tabwriter (elastic tabstops) as kubectl describe uses it: tab-terminated cells in
// contiguous lines form a column padded to its widest cell; a line without tabs ends the block.
// Follows src/text/tabwriter/tabwriter.go. Works on JS strings: cell widths count code points,
// as utf8.RuneCount does; the 0xff Escape byte cannot occur in decoded text and is not handled.

/** Force right-alignment of cell content. */
export const ALIGN_RIGHT = 1 << 2;
/** Treat columns made only of empty soft-tab cells as absent. */
export const DISCARD_EMPTY_COLUMNS = 1 << 3;
/** Pad leading empty cells with tabs whatever the pad character. */
export const TAB_INDENT = 1 << 4;
/** Print '|' between columns. */
export const DEBUG = 1 << 5;
/** Pass HTML tags (zero width) and entities (width one) through. */
export const FILTER_HTML = 1 << 0;

interface Cell {
  /** Length in UTF-16 units of the cell's text in the buffer. */
  size: number;
  /** Width in code points. */
  width: number;
  /** Terminated by a horizontal tab. */
  htab: boolean;
}

function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export class TabWriter {
  private readonly chunks: string[] = [];
  private text = '';
  private pos = 0;
  private cell: Cell = { size: 0, width: 0, htab: false };
  private endChar = '';
  private lines: Cell[][] = [[]];
  private widths: number[] = [];

  private readonly minwidth: number;
  private readonly tabwidth: number;
  private readonly padding: number;
  private readonly padchar: string;
  private readonly flags: number;

  constructor(minwidth: number, tabwidth: number, padding: number, padchar: string, flags: number) {
    this.minwidth = minwidth;
    this.tabwidth = tabwidth;
    this.padding = padding;
    this.padchar = padchar;
    // tab padding enforces left alignment
    this.flags = padchar === '\t' ? flags & ~ALIGN_RIGHT : flags;
  }

  /** Everything flushed so far. */
  output(): string {
    return this.chunks.join('');
  }

  write(input: string): void {
    let n = 0;
    for (let i = 0; i < input.length; i++) {
      const ch = input[i];
      if (this.endChar === '') {
        if (ch === '\t' || ch === '\v' || ch === '\n' || ch === '\f') {
          this.append(input.slice(n, i));
          this.updateWidth();
          n = i + 1;
          const cells = this.terminateCell(ch === '\t');
          if (ch === '\n' || ch === '\f') {
            this.lines.push([]);
            // a one-cell line cannot affect later lines: safe to format what we have
            if (ch === '\f' || cells === 1) {
              this.flush();
              if (ch === '\f' && this.flags & DEBUG) this.chunks.push('---\n');
            }
          }
        } else if ((ch === '<' || ch === '&') && this.flags & FILTER_HTML) {
          this.append(input.slice(n, i));
          this.updateWidth();
          n = i;
          this.endChar = ch === '<' ? '>' : ';';
        }
      } else if (ch === this.endChar) {
        this.append(input.slice(n, i + 1));
        n = i + 1;
        this.endEscape();
      }
    }
    this.append(input.slice(n));
  }

  /** Formats and emits all buffered text; an incomplete last line stays unterminated. */
  flush(): void {
    if (this.cell.size > 0) {
      if (this.endChar !== '') this.endEscape();
      this.terminateCell(false);
    }
    this.format(0, 0, this.lines.length);
    this.text = '';
    this.pos = 0;
    this.cell = { size: 0, width: 0, htab: false };
    this.endChar = '';
    this.lines = [[]];
    this.widths = [];
  }

  private append(s: string): void {
    this.text += s;
    this.cell.size += s.length;
  }

  private updateWidth(): void {
    this.cell.width += codePoints(this.text.slice(this.pos));
    this.pos = this.text.length;
  }

  private endEscape(): void {
    // '>' ends a tag of zero width; ';' ends an entity counted as one character
    if (this.endChar === ';') this.cell.width++;
    this.pos = this.text.length;
    this.endChar = '';
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
      const width = Math.ceil(cellw / this.tabwidth) * this.tabwidth;
      const n = width - textw;
      this.chunks.push('\t'.repeat(Math.ceil(n / this.tabwidth)));
      return;
    }
    if (cellw > textw) this.chunks.push(this.padchar.repeat(cellw - textw));
  }

  private writeLines(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = (this.flags & TAB_INDENT) !== 0;
      line.forEach((c, j) => {
        if (j > 0 && this.flags & DEBUG) this.chunks.push('|');
        if (c.size === 0) {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], useTabs);
          return;
        }
        useTabs = false;
        const text = this.text.slice(pos, pos + c.size);
        pos += c.size;
        if (this.flags & ALIGN_RIGHT) {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
          this.chunks.push(text);
        } else {
          this.chunks.push(text);
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
        }
      });
      if (i + 1 === this.lines.length) {
        // last buffered line: no newline yet, emit the pending cell text
        this.chunks.push(this.text.slice(pos, pos + this.cell.size));
        pos += this.cell.size;
      } else {
        this.chunks.push('\n');
      }
    }
    return pos;
  }

  /** Formats lines [line0, line1) whose text starts at pos0 in the buffer. */
  private format(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    const column = this.widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= this.lines[current].length - 1) continue;
      // this line has a cell in this column: a column block starts here
      pos = this.writeLines(pos, line0, current);
      line0 = current;
      let width = this.minwidth;
      let discardable = true;
      for (; current < line1; current++) {
        const line = this.lines[current];
        if (column >= line.length - 1) break;
        const c = line[column];
        width = Math.max(width, c.width + this.padding);
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.flags & DISCARD_EMPTY_COLUMNS) width = 0;
      this.widths.push(width);
      pos = this.format(pos, line0, current);
      this.widths.pop();
      line0 = current;
    }
    return this.writeLines(pos, line0, line1);
  }
}

/** Runs `fill` against a tabwriter set up as kubectl's tabbedString does (0, 8, 2, ' ', 0). */
export function tabbed(fill: (write: (text: string) => void) => void): string {
  const tw = new TabWriter(0, 8, 2, ' ', 0);
  fill((text) => tw.write(text));
  tw.flush();
  return tw.output();
}
