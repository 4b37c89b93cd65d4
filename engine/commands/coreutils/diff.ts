// diff (GNU diffutils 3.8): compares two files line by line (a shortest edit script, Myers'
// algorithm) and prints normal (default) or unified (-u, -U N) hunks; -q, -s, -i, -b, -w,
// --label; a directory operand names the file of the same name inside it. Status 0 same,
// 1 different, 2 trouble.
import type { FsNode } from '../../fs/vfs.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { strftime } from './dates.ts';
import { readSource } from './files.ts';

/** One aligned stretch: lines a[i..i+n) equal b[j..j+n), or a change replacing a-lines with b-lines. */
interface Change {
  /** Start in a (0-based) and number of deleted lines. */
  a: number;
  del: number;
  /** Start in b (0-based) and number of inserted lines. */
  b: number;
  ins: number;
}

/** Myers' O(ND) shortest edit script, returned as change blocks. */
export function diffLines(a: string[], b: string[], eq: (x: string, y: string) => boolean): Change[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
      else x = v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && eq(a[x], b[y])) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  trace.push(v.slice());
  // Walk back through the saved frontiers to recover the path.
  const ops: Array<'=' | '-' | '+'> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d > 0; d--) {
    const vv = trace[d];
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && vv[offset + k - 1] < vv[offset + k + 1])) prevK = k + 1;
    else prevK = k - 1;
    const prevX = vv[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('=');
      x--;
      y--;
    }
    if (x === prevX) {
      ops.push('+');
      y--;
    } else {
      ops.push('-');
      x--;
    }
  }
  while (x > 0 && y > 0) {
    ops.push('=');
    x--;
    y--;
  }
  while (x > 0) {
    ops.push('-');
    x--;
  }
  while (y > 0) {
    ops.push('+');
    y--;
  }
  ops.reverse();
  const changes: Change[] = [];
  let i = 0;
  let j = 0;
  for (let p = 0; p < ops.length; ) {
    if (ops[p] === '=') {
      i++;
      j++;
      p++;
      continue;
    }
    const c: Change = { a: i, del: 0, b: j, ins: 0 };
    while (p < ops.length && ops[p] !== '=') {
      if (ops[p] === '-') {
        c.del++;
        i++;
      } else {
        c.ins++;
        j++;
      }
      p++;
    }
    changes.push(c);
  }
  return changes;
}

function range(start: number, count: number): string {
  // Normal format: lines start+1 .. start+count, or the line before when empty.
  if (count === 0) return String(start);
  if (count === 1) return String(start + 1);
  return `${start + 1},${start + count}`;
}

function unifiedRange(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  if (count === 1) return String(start + 1);
  return `${start + 1},${count}`;
}

interface Side {
  name: string;
  lines: string[];
  /** The last line has no newline. */
  noEol: boolean;
  mtime: number;
}

const NO_EOL = '\\ No newline at end of file\n';

function line(side: Side, i: number, prefix: string): string {
  const text = `${prefix}${side.lines[i]}\n`;
  return i === side.lines.length - 1 && side.noEol ? text + NO_EOL : text;
}

function normal(a: Side, b: Side, changes: Change[]): string {
  let out = '';
  for (const c of changes) {
    const op = c.del === 0 ? 'a' : c.ins === 0 ? 'd' : 'c';
    out += `${range(c.a, c.del)}${op}${range(c.b, c.ins)}\n`;
    for (let i = c.a; i < c.a + c.del; i++) out += line(a, i, '< ');
    if (op === 'c') out += '---\n';
    for (let j = c.b; j < c.b + c.ins; j++) out += line(b, j, '> ');
  }
  return out;
}

function unified(a: Side, b: Side, changes: Change[], context: number, labels: string[]): string {
  const stamp = (s: Side) => strftime('%Y-%m-%d %H:%M:%S.%N %z', s.mtime);
  let out = `--- ${labels[0] ?? `${a.name}\t${stamp(a)}`}\n+++ ${labels[1] ?? `${b.name}\t${stamp(b)}`}\n`;
  let k = 0;
  while (k < changes.length) {
    // Group changes whose unchanged gap is at most 2 * context lines.
    let last = k;
    while (
      last + 1 < changes.length &&
      changes[last + 1].a - (changes[last].a + changes[last].del) <= 2 * context
    )
      last++;
    const first = changes[k];
    const end = changes[last];
    const aStart = Math.max(0, first.a - context);
    const bStart = Math.max(0, first.b - context);
    const aEnd = Math.min(a.lines.length, end.a + end.del + context);
    const bEnd = Math.min(b.lines.length, end.b + end.ins + context);
    out += `@@ -${unifiedRange(aStart, aEnd - aStart)} +${unifiedRange(bStart, bEnd - bStart)} @@\n`;
    let i = aStart;
    let j = bStart;
    for (let c = k; c <= last; c++) {
      const ch = changes[c];
      while (i < ch.a) {
        out += line(a, i, ' ');
        i++;
        j++;
      }
      for (; i < ch.a + ch.del; i++) out += line(a, i, '-');
      for (; j < ch.b + ch.ins; j++) out += line(b, j, '+');
    }
    while (i < aEnd) {
      out += line(a, i, ' ');
      i++;
      j++;
    }
    k = last + 1;
  }
  return out;
}

export function diff(ctx: CommandContext): number {
  const parsed = parseOrReport(
    ctx,
    {
      short: 'uU:qsibwBEarNc',
      long: {
        unified: 'u',
        'unified::': 'u',
        brief: 'q',
        'report-identical-files': 's',
        'ignore-case': 'i',
        'ignore-space-change': 'b',
        'ignore-all-space': 'w',
        'ignore-blank-lines': 'B',
        text: 'a',
        'label:': 'label',
        recursive: 'r',
        'new-file': 'N',
        'color::': 'color',
        normal: 'normal',
      },
    },
    2,
  );
  if (!parsed) return 2;
  let format: 'normal' | 'unified' = 'normal';
  let context = 3;
  let brief = false;
  let reportSame = false;
  let ignoreCase = false;
  let space: 'none' | 'change' | 'all' = 'none';
  const labels: string[] = [];
  for (const [k, v] of parsed.options) {
    if (k === 'u') {
      format = 'unified';
      if (v !== undefined) context = Number(v);
    } else if (k === 'U') {
      if (!/^\d+$/.test(v!)) {
        ctx.stderr.write(
          `diff: invalid context length '${v}'\ndiff: Try 'diff --help' for more information.\n`,
        );
        return 2;
      }
      format = 'unified';
      context = Number(v);
    } else if (k === 'normal') format = 'normal';
    else if (k === 'q') brief = true;
    else if (k === 's') reportSame = true;
    else if (k === 'i') ignoreCase = true;
    else if (k === 'b') space = space === 'all' ? 'all' : 'change';
    else if (k === 'w') space = 'all';
    else if (k === 'label') labels.push(v!);
  }
  const ops = parsed.operands;
  if (ops.length < 2) {
    ctx.stderr.write(
      `diff: missing operand after '${ops[ops.length - 1] ?? 'diff'}'\ndiff: Try 'diff --help' for more information.\n`,
    );
    return 2;
  }
  if (ops.length > 2) {
    ctx.stderr.write(`diff: extra operand '${ops[2]}'\ndiff: Try 'diff --help' for more information.\n`);
    return 2;
  }
  const fs = ctx.proc.host.fs;
  const names = [...ops];
  const nodes: Array<FsNode | null> = names.map((n) => (n === '-' ? null : fs.lookup(n, ctx.proc.cwd)));
  if (nodes[0]?.type === 'dir' && nodes[1]?.type !== 'dir' && names[1] !== '-')
    names[0] = `${names[0].replace(/\/+$/, '')}/${names[1].split('/').pop()}`;
  else if (nodes[1]?.type === 'dir' && nodes[0]?.type !== 'dir' && names[0] !== '-')
    names[1] = `${names[1].replace(/\/+$/, '')}/${names[0].split('/').pop()}`;
  else if (nodes[0]?.type === 'dir' && nodes[1]?.type === 'dir') {
    ctx.stderr.write('diff: comparing directories is not supported by the engine\n');
    return 2;
  }
  const sides: Side[] = [];
  let status = 0;
  for (const name of names) {
    const r = readSource(ctx, name);
    if (!r.ok) {
      ctx.stderr.write(`diff: ${name}: ${r.error}\n`);
      status = 2;
      continue;
    }
    const lines = r.text === '' ? [] : r.text.split('\n');
    const noEol = r.text !== '' && !r.text.endsWith('\n');
    if (!noEol && lines.length > 0) lines.pop();
    const node = name === '-' ? null : fs.lookup(name, ctx.proc.cwd);
    sides.push({ name, lines, noEol, mtime: node ? node.mtime : ctx.world.clock.now() });
  }
  if (status !== 0) return status;
  const [a, b] = sides;
  const norm = (s: string) => {
    let t = s;
    if (space === 'all') t = t.replace(/\s+/g, '');
    else if (space === 'change') t = t.replace(/\s+/g, ' ').replace(/ $/, '');
    return ignoreCase ? t.toLowerCase() : t;
  };
  const plain = space === 'none' && !ignoreCase;
  const eq = plain ? (x: string, y: string) => x === y : (x: string, y: string) => norm(x) === norm(y);
  ctx.world.budget.step(Math.ceil((a.lines.length + b.lines.length) / 64));
  // A missing final newline makes the last lines differ even when their text is equal.
  const aLines = a.noEol ? [...a.lines.slice(0, -1), `${a.lines[a.lines.length - 1]}\0`] : a.lines;
  const bLines = b.noEol ? [...b.lines.slice(0, -1), `${b.lines[b.lines.length - 1]}\0`] : b.lines;
  const changes = diffLines(aLines, bLines, eq);
  if (changes.length === 0) {
    if (reportSame) ctx.stdout.write(`Files ${a.name} and ${b.name} are identical\n`);
    return 0;
  }
  if (brief) {
    ctx.stdout.write(`Files ${a.name} and ${b.name} differ\n`);
    return 1;
  }
  ctx.stdout.write(format === 'unified' ? unified(a, b, changes, context, labels) : normal(a, b, changes));
  return 1;
}
