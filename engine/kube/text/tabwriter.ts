// Elastic tabstops as Go's text/tabwriter lays them out, with the RememberWidths flag of the
// github.com/liggitt/tabwriter fork kubectl prints through; every column-aligned table of the
// simulated tools (kubectl get/describe/api-resources/rollout history, docker ps) uses it.
// Cells end at '\t' or '\v' and lines at '\n' or '\f'; only tab-terminated cells form columns, so
// the last cell of a line is never padded. Widths count code points (utf8.RuneCount); Go's 0xff
// Escape byte cannot occur in decoded text, so Escape/StripEscape are not supported.

/** The flags of tabwriter.go (same bit values). */
export const TabFlags = {
  /** HTML tags count as zero width and entities as one character. */
  FilterHTML: 1 << 0,
  /** Right-align cell text (ignored when padding with tabs). */
  AlignRight: 1 << 2,
  /** Columns made only of empty soft-tab ('\v') cells take no space. */
  DiscardEmptyColumns: 1 << 3,
  /** Leading empty cells are padded with tabs whatever the pad character. */
  TabIndent: 1 << 4,
  /** A '|' between columns, "---" after a formfeed. */
  Debug: 1 << 5,
  /** liggitt/tabwriter: a column never gets narrower than it was in an earlier block or flush. */
  RememberWidths: 1 << 6,
} as const;

/** The arguments of tabwriter.NewWriter(output, minwidth, tabwidth, padding, padchar, flags). */
export interface TabWriterSettings {
  /** Minimal cell width, padding included. */
  minWidth: number;
  /** Width of a tab character when padding with tabs. */
  tabWidth: number;
  /** Added to a column's widest cell. */
  padding: number;
  padChar: string;
  /** A combination of TabFlags. */
  flags: number;
}

/** cli-runtime printers.GetNewTabWriter (printers/tabwriter.go): every kubectl table. */
export const KUBECTL_TABWRITER: TabWriterSettings = {
  minWidth: 6,
  tabWidth: 4,
  padding: 3,
  padChar: ' ',
  flags: TabFlags.RememberWidths,
};

/** tabbedString in kubectl pkg/describe/describe.go and pkg/polymorphichelpers/history.go. */
export const TABBED_STRING_TABWRITER: TabWriterSettings = {
  minWidth: 0,
  tabWidth: 8,
  padding: 2,
  padChar: ' ',
  flags: 0,
};

/** docker/cli formatter.Context.postFormat: the table form of `docker ps` and friends. */
export const DOCKER_CLI_TABWRITER: TabWriterSettings = {
  minWidth: 10,
  tabWidth: 1,
  padding: 3,
  padChar: ' ',
  flags: 0,
};

interface Cell {
  /** Length of the cell's text in the buffer, in UTF-16 units. */
  size: number;
  /** Display width in code points (HTML tags excluded under FilterHTML). */
  width: number;
  /** Terminated by a hard tab '\t' rather than '\v' or a line end. */
  htab: boolean;
}

const emptyCell = (): Cell => ({ size: 0, width: 0, htab: false });

function codePointCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export class TabWriter {
  private readonly settings: TabWriterSettings;
  private readonly flags: number;
  private output: string[] = [];
  /** Text of the buffered cells, without the tab and line-break characters. */
  private buf = '';
  /** How far into buf the current cell's width has been counted. */
  private counted = 0;
  private cell = emptyCell();
  /** The character closing an HTML tag ('>') or entity (';') being read, or ''. */
  private endChar = '';
  private lines: Cell[][] = [[]];
  private widths: number[] = [];
  private maxWidths: number[] = [];

  constructor(settings: TabWriterSettings) {
    this.settings = settings;
    // padding with tabs enforces left alignment
    this.flags = settings.padChar === '\t' ? settings.flags & ~TabFlags.AlignRight : settings.flags;
  }

  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (this.endChar !== '') {
        if (ch === this.endChar) {
          this.append(text.slice(start, i + 1));
          start = i + 1;
          this.endEscape();
        }
      } else if (ch === '\t' || ch === '\v' || ch === '\n' || ch === '\f') {
        this.append(text.slice(start, i));
        this.updateWidth();
        start = i + 1;
        const cells = this.terminateCell(ch === '\t');
        if (ch === '\n' || ch === '\f') {
          this.lines.push([]);
          // a formfeed always flushes; so does a one-cell line, which cannot affect later lines
          if (ch === '\f' || cells === 1) {
            this.format();
            if (ch === '\f' && this.flags & TabFlags.Debug) this.output.push('---\n');
          }
        }
      } else if ((ch === '<' || ch === '&') && this.flags & TabFlags.FilterHTML) {
        this.append(text.slice(start, i));
        this.updateWidth();
        start = i;
        this.endChar = ch === '<' ? '>' : ';';
      }
    }
    this.append(text.slice(start));
  }

  /** Flush: formats everything buffered and returns all text written out since the last flush. */
  flush(): string {
    this.format();
    const text = this.output.join('');
    this.output = [];
    return text;
  }

  /** liggitt/tabwriter RememberedWidths. */
  rememberedWidths(): number[] {
    return [...this.maxWidths];
  }

  /** liggitt/tabwriter SetRememberedWidths. */
  setRememberedWidths(widths: number[] | null): this {
    this.maxWidths = widths ? [...widths] : [];
    return this;
  }

  /** Lays out and emits the buffered lines, then starts over (Go's flush and reset). */
  private format(): void {
    if (this.cell.size > 0) {
      if (this.endChar !== '') this.endEscape();
      this.terminateCell(false);
    }
    this.formatBlock(0, 0, this.lines.length);
    this.buf = '';
    this.counted = 0;
    this.cell = emptyCell();
    this.endChar = '';
    this.lines = [[]];
    this.widths = [];
  }

  private append(text: string): void {
    this.buf += text;
    this.cell.size += text.length;
  }

  private updateWidth(): void {
    this.cell.width += codePointCount(this.buf.slice(this.counted));
    this.counted = this.buf.length;
  }

  private endEscape(): void {
    // a tag is of zero width, an entity counts as one character
    if (this.endChar === ';') this.cell.width++;
    this.counted = this.buf.length;
    this.endChar = '';
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1];
    line.push(this.cell);
    this.cell = emptyCell();
    return line.length;
  }

  private writePadding(textWidth: number, cellWidth: number, useTabs: boolean): void {
    const { padChar, tabWidth } = this.settings;
    if (padChar === '\t' || useTabs) {
      // tabs have no width without a tab width: no padding possible
      if (tabWidth === 0) return;
      const rounded = Math.ceil(cellWidth / tabWidth) * tabWidth;
      this.output.push('\t'.repeat(Math.ceil((rounded - textWidth) / tabWidth)));
      return;
    }
    this.output.push(padChar.repeat(Math.max(0, cellWidth - textWidth)));
  }

  /** Emits lines [line0, line1) whose text starts at buf offset pos0; returns the next offset. */
  private writeLines(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    for (let i = line0; i < line1; i++) {
      let useTabs = (this.flags & TabFlags.TabIndent) !== 0;
      this.lines[i].forEach((c, j) => {
        if (j > 0 && this.flags & TabFlags.Debug) this.output.push('|');
        const padded = j < this.widths.length;
        if (c.size === 0) {
          if (padded) this.writePadding(c.width, this.widths[j], useTabs);
          return;
        }
        useTabs = false;
        const text = this.buf.slice(pos, pos + c.size);
        pos += c.size;
        if (this.flags & TabFlags.AlignRight) {
          if (padded) this.writePadding(c.width, this.widths[j], false);
          this.output.push(text);
        } else {
          this.output.push(text);
          if (padded) this.writePadding(c.width, this.widths[j], false);
        }
      });
      if (i + 1 === this.lines.length) {
        // the last buffered line has no line break yet: emit its unfinished cell
        this.output.push(this.buf.slice(pos, pos + this.cell.size));
        pos += this.cell.size;
      } else {
        this.output.push('\n');
      }
    }
    return pos;
  }

  /**
   * Lays out lines [line0, line1) from buf offset pos0: each run of consecutive lines with a cell
   * in the current column is a block as wide as its widest cell plus padding (at least minWidth);
   * the columns to its right are laid out recursively within the block.
   */
  private formatBlock(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    let first = line0;
    const column = this.widths.length;
    for (let row = first; row < line1; row++) {
      if (column >= this.lines[row].length - 1) continue;
      pos = this.writeLines(pos, first, row);
      first = row;
      let width = this.settings.minWidth;
      let discardable = true;
      for (; row < line1; row++) {
        const line = this.lines[row];
        if (column >= line.length - 1) break;
        const c = line[column];
        width = Math.max(width, c.width + this.settings.padding);
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.flags & TabFlags.DiscardEmptyColumns) width = 0;
      if (this.flags & TabFlags.RememberWidths) width = this.remember(width);
      this.widths.push(width);
      pos = this.formatBlock(pos, first, row);
      this.widths.pop();
      first = row;
    }
    return this.writeLines(pos, first, line1);
  }

  /** RememberWidths: a column keeps the widest width seen since the widths were last set. */
  private remember(width: number): number {
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
}

/** Aligns complete text through a fresh writer (kubectl's settings unless told otherwise). */
export function tabulate(text: string, settings: TabWriterSettings = KUBECTL_TABWRITER): string {
  const writer = new TabWriter(settings);
  writer.write(text);
  return writer.flush();
}

/** Aligns rows of cells, each row one tab-separated line. */
export function tabulateRows(rows: string[][], settings: TabWriterSettings = KUBECTL_TABWRITER): string {
  return tabulate(rows.map((cells) => `${cells.join('\t')}\n`).join(''), settings);
}
