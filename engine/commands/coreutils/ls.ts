// ls: lists directories and files one per line (the layout for a non-terminal), with -l long
// format (owner root, times from the simulated clock), -a/-A, -d, -R, -r, -t, -S, -h, -F/-p,
// -n/-g/-o, --full-time / --time-style; errors and exit status 2 as GNU ls.
import type { FsNode } from '../../fs/vfs.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { strftime } from './dates.ts';
import { isTerminal, nodeSize, terminalWidth } from './files.ts';
import { blockCount, linkCount, modeString } from './paths.ts';

interface Entry {
  name: string;
  node: FsNode;
  /** The node a symlink points to (null when dangling); the node itself otherwise. */
  target: FsNode | null;
}

interface Options {
  format: 'long' | 'one' | 'columns' | 'across' | 'commas';
  /** Shell-escape quoting of names (the default on a terminal). */
  quote: boolean;
  width: number;
  long: boolean;
  all: boolean;
  almostAll: boolean;
  directory: boolean;
  recursive: boolean;
  reverse: boolean;
  sort: 'name' | 'time' | 'size' | 'none';
  human: boolean;
  classify: 'none' | 'slash' | 'all';
  numeric: boolean;
  showOwner: boolean;
  showGroup: boolean;
  timeStyle: 'locale' | 'long-iso' | 'full-iso' | 'iso';
  dereference: boolean;
}

const SIX_MONTHS_MS = (31556952 / 2) * 1000;

function humanSize(n: number): string {
  if (n < 1024) return String(n);
  const units = 'KMGTPEZY';
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (v < 10) {
    const r = Math.ceil(v * 10) / 10;
    if (r < 10) return `${r.toFixed(1)}${units[u]}`;
    v = r;
  }
  const r = Math.ceil(v);
  if (r >= 1024 && u < units.length - 1) return `1.0${units[u + 1]}`;
  return `${r}${units[u]}`;
}

function indicator(e: Entry, o: Options): string {
  if (o.classify === 'none') return '';
  if (e.node.type === 'dir') return '/';
  if (o.classify === 'slash') return '';
  if (e.node.type === 'symlink') return '@';
  if (e.node.type === 'file' && (e.node.mode & 0o111) !== 0) return '*';
  return '';
}

function timeText(ms: number, now: number, o: Options): string {
  switch (o.timeStyle) {
    case 'full-iso':
      return strftime('%Y-%m-%d %H:%M:%S.%N %z', ms);
    case 'long-iso':
      return strftime('%Y-%m-%d %H:%M', ms);
    case 'iso':
      return now - ms < SIX_MONTHS_MS && ms <= now ? strftime('%m-%d %H:%M', ms) : strftime('%Y-%m-%d ', ms);
    default:
      return now - ms < SIX_MONTHS_MS && ms <= now + 1000
        ? strftime('%b %e %H:%M', ms)
        : strftime('%b %e  %Y', ms);
  }
}

function sortEntries(entries: Entry[], o: Options): Entry[] {
  const byName = (a: Entry, b: Entry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const cmp =
    o.sort === 'time'
      ? (a: Entry, b: Entry) => b.node.mtime - a.node.mtime || byName(a, b)
      : o.sort === 'size'
        ? (a: Entry, b: Entry) => nodeSize(b.node) - nodeSize(a.node) || byName(a, b)
        : byName;
  const sorted = o.sort === 'none' ? [...entries] : [...entries].sort(cmp);
  return o.reverse && o.sort !== 'none' ? sorted.reverse() : sorted;
}

/** Shell-escape quoting, as ls uses on a terminal: 'a b', "it's", 'a'$'\n''b'. */
export function shellQuote(name: string): string {
  const special = /[\s!"$&'()*;<=>?[\\\]^`|]|^[#~]/;
  if (!special.test(name) && !/[\x00-\x1f\x7f]/.test(name)) return name;
  if (/[\x00-\x1f\x7f]/.test(name)) {
    return name
      .split(/([\x00-\x1f\x7f]+)/)
      .filter((part) => part !== '')
      .map((part) =>
        /^[\x00-\x1f\x7f]/.test(part)
          ? `$'${[...part].map((c) => ({ '\n': '\\n', '\t': '\\t', '\r': '\\r' })[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`).join('')}'`
          : shellQuote(part).startsWith("'") || shellQuote(part).startsWith('"')
            ? shellQuote(part)
            : `'${part}'`,
      )
      .join('');
  }
  if (name.includes("'")) {
    if (!/[\\"$`]/.test(name)) return `"${name}"`;
    return `'${name.replace(/'/g, "'\\''")}'`;
  }
  return `'${name}'`;
}

function displayName(e: Entry, o: Options): string {
  return o.quote ? shellQuote(e.name) : e.name;
}

function formatLong(entries: Entry[], o: Options, now: number, align: boolean): string {
  const rows = entries.map((e) => {
    const size = nodeSize(e.node);
    let name = displayName(e, o);
    if (align && name === e.name) name = ` ${name}`;
    return {
      mode: modeString(e.node),
      links: String(linkCount(e.node)),
      owner: o.numeric ? '0' : 'root',
      group: o.numeric ? '0' : 'root',
      size: o.human ? humanSize(size) : String(size),
      time: timeText(e.node.mtime, now, o),
      name:
        name +
        (e.node.type === 'symlink'
          ? ` -> ${o.quote ? shellQuote(e.node.target) : e.node.target}${e.target ? indicator({ name: '', node: e.target, target: e.target }, o) : ''}`
          : indicator(e, o)),
    };
  });
  const w = (k: 'links' | 'owner' | 'group' | 'size') => Math.max(0, ...rows.map((r) => r[k].length));
  const [wl, wo, wg, ws] = [w('links'), w('owner'), w('group'), w('size')];
  return rows
    .map(
      (r) =>
        `${r.mode} ${r.links.padStart(wl)} ${o.showOwner ? `${r.owner.padEnd(wo)} ` : ''}${o.showGroup ? `${r.group.padEnd(wg)} ` : ''}${r.size.padStart(ws)} ${r.time} ${r.name}\n`,
    )
    .join('');
}

/** Moves from column `from` to `to` with tabs (every 8; none for -w 0) and spaces, as ls's indent() does. */
function indent(from: number, to: number, tabs: boolean): string {
  let out = '';
  let pos = from;
  while (pos < to) {
    if (tabs && Math.floor(to / 8) > Math.floor((pos + 1) / 8)) {
      out += '\t';
      pos += 8 - (pos % 8);
    } else {
      out += ' ';
      pos++;
    }
  }
  return out;
}

/** ls -C / -x: as many columns as fit the width (GNU's calculate_columns). */
function formatColumns(names: string[], width: number, across: boolean): string {
  const n = names.length;
  if (n === 0) return '';
  const lengths = names.map((name) => [...name].length);
  const maxCols = Math.max(1, Math.min(Math.floor(width / 3), n));
  let best = { cols: 1, widths: [Math.max(...lengths)] };
  for (let cols = maxCols; cols >= 1; cols--) {
    const rows = Math.ceil(n / cols);
    const widths = new Array<number>(cols).fill(0);
    for (let i = 0; i < n; i++) {
      const col = across ? i % cols : Math.floor(i / rows);
      widths[col] = Math.max(widths[col], lengths[i] + (col === cols - 1 ? 0 : 2));
    }
    if (cols === 1 || widths.reduce((a, b) => a + b, 0) < width) {
      best = { cols, widths };
      break;
    }
  }
  const { cols, widths } = best;
  const rows = Math.ceil(n / cols);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let pos = 0;
    let line = '';
    for (let c = 0; c < cols; c++) {
      const i = across ? r * cols + c : c * rows + r;
      if (i >= n) break;
      line += names[i];
      const next = across ? i + 1 : i + rows;
      if (next >= n || (across && c === cols - 1)) break;
      line += indent(pos + lengths[i], pos + widths[c], Number.isFinite(width));
      pos += widths[c];
    }
    out += `${line}\n`;
  }
  return out;
}

function formatBlock(entries: Entry[], o: Options, now: number): string {
  // On a terminal, when some name needs quotes, the others get a space to stay aligned.
  const align = o.quote && o.format !== 'one' && entries.some((e) => shellQuote(e.name) !== e.name);
  if (o.format === 'long') return formatLong(entries, o, now, align);
  const names = entries.map((e) => {
    const shown = displayName(e, o);
    return `${align && shown === e.name ? ' ' : ''}${shown}${indicator(e, o)}`;
  });
  if (o.format === 'one') return names.map((name) => `${name}\n`).join('');
  if (o.format === 'commas') {
    let out = '';
    let col = 0;
    names.forEach((name, i) => {
      const piece = i < names.length - 1 ? `${name},` : name;
      if (col > 0 && col + 1 + piece.length > o.width) {
        out += '\n';
        col = 0;
      } else if (col > 0) {
        out += ' ';
        col++;
      }
      out += piece;
      col += piece.length;
    });
    return names.length > 0 ? `${out}\n` : '';
  }
  return formatColumns(names, o.width, o.format === 'across');
}

export function ls(ctx: CommandContext): number {
  const parsed = parseOrReport(
    ctx,
    {
      short: 'laAdRrtSh1FpngoCxLHUficsmNQw:',
      long: {
        all: 'a',
        'almost-all': 'A',
        directory: 'd',
        recursive: 'R',
        reverse: 'r',
        'human-readable': 'h',
        classify: 'F',
        'numeric-uid-gid': 'n',
        'color::': 'color',
        'full-time': 'full-time',
        'time-style:': 'time-style',
        dereference: 'L',
        'sort:': 'sort',
        'indicator-style:': 'indicator-style',
        literal: 'N',
        'width:': 'w',
        'quoting-style:': 'quoting-style',
        format: 'format',
      },
    },
    2,
  );
  if (!parsed) return 2;
  const tty = isTerminal(ctx);
  const o: Options = {
    format: tty ? 'columns' : 'one',
    quote: tty,
    width: terminalWidth(ctx),
    long: false,
    all: false,
    almostAll: false,
    directory: false,
    recursive: false,
    reverse: false,
    sort: 'name',
    human: false,
    classify: 'none',
    numeric: false,
    showOwner: true,
    showGroup: true,
    timeStyle: 'locale',
    dereference: false,
  };
  for (const [k, v] of parsed.options) {
    switch (k) {
      case 'l':
        o.format = 'long';
        break;
      case '1':
        o.format = 'one';
        break;
      case 'C':
        o.format = 'columns';
        break;
      case 'x':
        o.format = 'across';
        break;
      case 'm':
        o.format = 'commas';
        break;
      case 'N':
        o.quote = false;
        break;
      case 'quoting-style':
        o.quote = v === 'shell-escape' || v === 'shell' || v === 'shell-always';
        break;
      case 'w':
        if (/^\d+$/.test(v!)) o.width = Number(v) || Number.POSITIVE_INFINITY;
        break;
      case 'n':
        o.format = 'long';
        o.numeric = true;
        break;
      case 'g':
        o.format = 'long';
        o.showOwner = false;
        break;
      case 'o':
        o.format = 'long';
        o.showGroup = false;
        break;
      case 'a':
        o.all = true;
        break;
      case 'A':
        o.almostAll = true;
        break;
      case 'f':
        o.all = true;
        o.sort = 'none';
        break;
      case 'd':
        o.directory = true;
        break;
      case 'R':
        o.recursive = true;
        break;
      case 'r':
        o.reverse = true;
        break;
      case 't':
        o.sort = 'time';
        break;
      case 'S':
        o.sort = 'size';
        break;
      case 'U':
        o.sort = 'none';
        break;
      case 'h':
        o.human = true;
        break;
      case 'F':
        o.classify = 'all';
        break;
      case 'p':
        o.classify = 'slash';
        break;
      case 'L':
        o.dereference = true;
        break;
      case 'full-time':
        o.format = 'long';
        o.timeStyle = 'full-iso';
        break;
      case 'time-style': {
        const style = v!.replace(/^posix-/, '');
        if (style === 'long-iso' || style === 'full-iso' || style === 'iso') o.timeStyle = style;
        break;
      }
      case 'sort':
        if (v === 'time') o.sort = 'time';
        else if (v === 'size') o.sort = 'size';
        else if (v === 'none') o.sort = 'none';
        else o.sort = 'name';
        break;
      case 'indicator-style':
        o.classify = v === 'classify' ? 'all' : v === 'slash' ? 'slash' : 'none';
        break;
    }
  }
  o.long = o.format === 'long';
  const fs = ctx.proc.host.fs;
  const cwd = ctx.proc.cwd;
  const now = ctx.world.clock.now();
  let status = 0;
  const operands = parsed.operands.length > 0 ? parsed.operands : ['.'];
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const op of operands) {
    const node = fs.lookup(op, cwd, false);
    if (!node) {
      ctx.stderr.write(`ls: cannot access '${op}': No such file or directory\n`);
      status = 2;
      continue;
    }
    const followed = node.type === 'symlink' ? fs.lookup(op, cwd, true) : node;
    const follow =
      node.type !== 'symlink' ||
      o.dereference ||
      op.endsWith('/') ||
      (!o.long && !o.directory && o.classify !== 'all');
    const shown = follow && followed ? followed : node;
    const entry: Entry = { name: op, node: shown, target: followed };
    if (shown.type === 'dir' && !o.directory) dirs.push(entry);
    else files.push(entry);
  }
  let out = '';
  let first = true;
  if (files.length > 0) {
    out += formatBlock(sortEntries(files, o), o, now);
    first = false;
  }
  const showHeaders = operands.length > 1 || o.recursive;
  const listDir = (path: string, node: FsNode & { type: 'dir' }) => {
    ctx.world.budget.step();
    if (showHeaders) {
      out += `${first ? '' : '\n'}${path}:\n`;
    }
    first = false;
    const entries: Entry[] = [];
    if (o.all) {
      entries.push({ name: '.', node, target: node });
      const parent = fs.lookup(`${path}/..`, cwd) ?? node;
      entries.push({ name: '..', node: parent, target: parent });
    }
    for (const [name, child] of node.children) {
      if (name.startsWith('.') && !o.all && !o.almostAll) continue;
      const target = child.type === 'symlink' ? fs.lookup(`${path}/${name}`, cwd) : child;
      entries.push({ name, node: child, target });
    }
    const sorted = sortEntries(entries, o);
    if (o.long) {
      let blocks = 0;
      for (const e of sorted) blocks += blockCount(e.node, nodeSize(e.node));
      out += `total ${o.human ? humanSize(blocks * 512) : blocks / 2}\n`;
    }
    out += formatBlock(sorted, o, now);
    if (o.recursive) {
      for (const e of sorted) {
        if (e.node.type !== 'dir' || e.name === '.' || e.name === '..') continue;
        listDir(path === '/' ? `/${e.name}` : `${path}/${e.name}`, e.node);
      }
    }
  };
  for (const d of sortEntries(dirs, o)) listDir(d.name, d.node as FsNode & { type: 'dir' });
  ctx.stdout.write(out);
  return status;
}
