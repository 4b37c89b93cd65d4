// sort: orders lines by whole line or -k keys (fields split on blanks or -t), as text or -n
// numbers, -g floats, -h human sizes, -V versions, -M months, with -r -u -f -b -d -i -s -c/-C
// -o -z; ties fall back to a byte comparison of whole lines unless -s or -u.
import { FsError } from '../../fs/errors.ts';
import type { CommandContext } from '../types.ts';
import { parseOrReport } from './args.ts';
import { readSource } from './files.ts';

interface KeyOptions {
  numeric: boolean;
  general: boolean;
  human: boolean;
  month: boolean;
  version: boolean;
  random: boolean;
  reverse: boolean;
  blanksStart: boolean;
  blanksEnd: boolean;
  dictionary: boolean;
  fold: boolean;
  ignoreNonprinting: boolean;
}

interface Key extends KeyOptions {
  startField: number;
  startChar: number;
  endField: number;
  endChar: number;
  /** True when the key named no ordering options and inherits the global ones. */
  inherits: boolean;
}

class SortError extends Error {}

function emptyOptions(): KeyOptions {
  return {
    numeric: false,
    general: false,
    human: false,
    month: false,
    version: false,
    random: false,
    reverse: false,
    blanksStart: false,
    blanksEnd: false,
    dictionary: false,
    fold: false,
    ignoreNonprinting: false,
  };
}

function applyLetter(o: KeyOptions, c: string, end = false): boolean {
  switch (c) {
    case 'n':
      o.numeric = true;
      return true;
    case 'g':
      o.general = true;
      return true;
    case 'h':
      o.human = true;
      return true;
    case 'M':
      o.month = true;
      return true;
    case 'V':
      o.version = true;
      return true;
    case 'R':
      o.random = true;
      return true;
    case 'r':
      o.reverse = true;
      return true;
    case 'b':
      if (end) o.blanksEnd = true;
      else o.blanksStart = true;
      return true;
    case 'd':
      o.dictionary = true;
      return true;
    case 'f':
      o.fold = true;
      return true;
    case 'i':
      o.ignoreNonprinting = true;
      return true;
    default:
      return false;
  }
}

function parseKey(spec: string): Key {
  const key: Key = {
    ...emptyOptions(),
    startField: 0,
    startChar: 1,
    endField: -1,
    endChar: 0,
    inherits: true,
  };
  const m = /^(\d*)(?:\.(\d*))?([a-zA-Z]*)(?:,(\d*)(?:\.(\d*))?([a-zA-Z]*))?$/.exec(spec);
  const lead = /^\d+/.exec(spec);
  if (!lead) throw new SortError(`invalid number at field start: invalid count at start of '${spec}'`);
  if (!m) throw new SortError(`stray character in field spec: invalid field specification '${spec}'`);
  const [, sf, sc, sopts, ef, ec, eopts] = m;
  key.startField = Number(sf);
  if (key.startField === 0)
    throw new SortError(`field number is zero: invalid field specification '${spec}'`);
  if (sc !== undefined) {
    key.startChar = Number(sc || 0);
    if (key.startChar === 0)
      throw new SortError(`character offset is zero: invalid field specification '${spec}'`);
  }
  for (const c of sopts) {
    if (!applyLetter(key, c))
      throw new SortError(`stray character in field spec: invalid field specification '${spec}'`);
    key.inherits = false;
  }
  if (ef !== undefined) {
    if (ef === '')
      throw new SortError(
        `invalid number after ',': invalid count at start of '${spec.slice(spec.indexOf(',') + 1)}'`,
      );
    key.endField = Number(ef);
    if (key.endField === 0)
      throw new SortError(`field number is zero: invalid field specification '${spec}'`);
    key.endChar = ec === undefined ? 0 : Number(ec || 0);
    for (const c of eopts ?? '') {
      if (!applyLetter(key, c, true))
        throw new SortError(`stray character in field spec: invalid field specification '${spec}'`);
      key.inherits = false;
    }
  }
  return key;
}

const isBlank = (c: string) => c === ' ' || c === '\t';

/** Start offsets of each field (1-based index -> offset) and the line end. */
function fieldStarts(line: string, tab: string | null): number[] {
  const starts: number[] = [0];
  if (tab !== null) {
    for (let i = line.indexOf(tab); i >= 0; i = line.indexOf(tab, i + 1)) starts.push(i + 1);
    return starts;
  }
  let i = 0;
  // A field is leading blanks plus the non-blanks after them.
  for (;;) {
    while (i < line.length && isBlank(line[i])) i++;
    while (i < line.length && !isBlank(line[i])) i++;
    if (i >= line.length) break;
    starts.push(i);
  }
  return starts;
}

function extractKey(line: string, key: Key, tab: string | null): string {
  const starts = fieldStarts(line, tab);
  const fieldEnd = (f: number) => {
    if (f >= starts.length) return line.length;
    if (tab !== null) return f + 1 < starts.length ? starts[f + 1] - 1 : line.length;
    return f + 1 < starts.length ? starts[f + 1] : line.length;
  };
  const sf = key.startField - 1;
  let start: number;
  if (sf >= starts.length) start = line.length;
  else {
    start = starts[sf];
    if (key.blanksStart) while (start < line.length && isBlank(line[start])) start++;
    start = Math.min(start + key.startChar - 1, fieldEnd(sf));
  }
  let end: number;
  if (key.endField < 0) end = line.length;
  else {
    const ef = key.endField - 1;
    if (ef >= starts.length) end = line.length;
    else if (key.endChar === 0) end = fieldEnd(ef);
    else {
      let s = starts[ef];
      if (key.blanksEnd) while (s < line.length && isBlank(line[s])) s++;
      end = Math.min(s + key.endChar, fieldEnd(ef));
    }
  }
  return end > start ? line.slice(start, end) : '';
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function numericValue(s: string): number {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(s)!;
  if (m[2] === '' && (m[3] === undefined || m[3] === '')) return 0;
  const v = Number(`${m[2] || '0'}.${m[3] ?? ''}`.replace(/\.$/, ''));
  return m[1] ? -v : v;
}

function humanValue(s: string): [number, number] {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?([KMGTPEZYkRQ]?)/.exec(s)!;
  const v = Number(`${m[2] || '0'}.${m[3] ?? ''}`.replace(/\.$/, '')) * (m[1] ? -1 : 1);
  const power = m[4] ? 'kKMGTPEZYRQ'.indexOf(m[4]) : -1;
  const sign = v < 0 ? -1 : v > 0 ? 1 : 0;
  return [sign * (power + 2), v];
}

function generalValue(s: string): number {
  const m =
    /^[ \t]*([-+]?(?:inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|0[xX][0-9a-fA-F]+))/i.exec(s);
  if (!m) return Number.NEGATIVE_INFINITY - 1;
  const t = m[1].toLowerCase();
  if (t.includes('nan')) return Number.NaN;
  if (t.includes('inf')) return t.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return Number(m[1]);
}

/** GNU filevercmp: compares version strings like 1.10 > 1.9, file-1.2.tar.gz. */
export function versionCompare(a: string, b: string): number {
  if (a === b) return 0;
  const order = (c: string | undefined) => {
    if (c === undefined) return 0;
    if (/[0-9]/.test(c)) return 0;
    if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
    if (c === '~') return -1;
    return c.charCodeAt(0) + 256;
  };
  const suffix = (s: string) => {
    const m = /(?:\.[A-Za-z~][A-Za-z0-9~]*)*$/.exec(s);
    return m && m.index > 0 ? s.slice(0, m.index) : s;
  };
  const verrevcmp = (x: string, y: string): number => {
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      let diff = 0;
      while ((i < x.length && !/[0-9]/.test(x[i])) || (j < y.length && !/[0-9]/.test(y[j]))) {
        const ac = order(x[i]);
        const bc = order(y[j]);
        if (ac !== bc) return ac - bc;
        i++;
        j++;
      }
      while (x[i] === '0') i++;
      while (y[j] === '0') j++;
      while (i < x.length && j < y.length && /[0-9]/.test(x[i]) && /[0-9]/.test(y[j])) {
        if (!diff) diff = x.charCodeAt(i) - y.charCodeAt(j);
        i++;
        j++;
      }
      if (i < x.length && /[0-9]/.test(x[i])) return 1;
      if (j < y.length && /[0-9]/.test(y[j])) return -1;
      if (diff) return diff;
    }
    return 0;
  };
  const dotA = a.startsWith('.');
  const dotB = b.startsWith('.');
  if (a === '' || b === '') return a === '' ? -1 : 1;
  if (a === '.' || b === '.') return a === '.' ? -1 : 1;
  if (a === '..' || b === '..') return a === '..' ? -1 : 1;
  if (dotA !== dotB) return dotA ? -1 : 1;
  const pa = suffix(a);
  const pb = suffix(b);
  const r = pa === pb ? 0 : verrevcmp(pa, pb);
  return r !== 0 ? r : verrevcmp(a, b);
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function transform(s: string, o: KeyOptions): string {
  let t = s;
  if (o.dictionary) t = t.replace(/[^ \tA-Za-z0-9]/g, '');
  else if (o.ignoreNonprinting) t = t.replace(/[^\x20-\x7e]/g, '');
  if (o.fold) t = t.toUpperCase();
  return t;
}

function compareKey(a: string, b: string, o: KeyOptions, randomOf: (s: string) => number): number {
  let r: number;
  if (o.numeric) r = Math.sign(numericValue(a) - numericValue(b));
  else if (o.general) {
    const x = generalValue(a);
    const y = generalValue(b);
    r = Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : Number.isNaN(y) ? 1 : x < y ? -1 : x > y ? 1 : 0;
  } else if (o.human) {
    const [xs, xv] = humanValue(a);
    const [ys, yv] = humanValue(b);
    r = xs !== ys ? Math.sign(xs - ys) : Math.sign(xv - yv);
  } else if (o.month) {
    const mi = (s: string) => MONTHS.indexOf(s.trimStart().slice(0, 3).toUpperCase());
    r = Math.sign(mi(a) - mi(b));
  } else if (o.version) r = Math.sign(versionCompare(a, b));
  else if (o.random) r = Math.sign(randomOf(transform(a, o)) - randomOf(transform(b, o)));
  else r = byteCompare(transform(a, o), transform(b, o));
  return o.reverse ? -r : r;
}

export function sort(ctx: CommandContext): number {
  const parsed = parseOrReport(
    ctx,
    {
      short: 'bdfghiMnRrVck:mo:st:uzCS:T:',
      long: {
        'ignore-leading-blanks': 'b',
        'dictionary-order': 'd',
        'ignore-case': 'f',
        'general-numeric-sort': 'g',
        'human-numeric-sort': 'h',
        'ignore-nonprinting': 'i',
        'month-sort': 'M',
        'numeric-sort': 'n',
        'random-sort': 'R',
        reverse: 'r',
        'version-sort': 'V',
        'check::': 'c',
        'key:': 'k',
        merge: 'm',
        'output:': 'o',
        stable: 's',
        'field-separator:': 't',
        unique: 'u',
        'zero-terminated': 'z',
        'buffer-size:': 'S',
        'temporary-directory:': 'T',
        'parallel:': 'parallel',
        'sort:': 'sort',
        debug: 'debug',
      },
    },
    2,
  );
  if (!parsed) return 2;
  const global = emptyOptions();
  const keys: Key[] = [];
  let check: 'none' | 'loud' | 'quiet' = 'none';
  let output: string | null = null;
  let stable = false;
  let unique = false;
  let tab: string | null = null;
  let sep = '\n';
  try {
    for (const [k, v] of parsed.options) {
      if (applyLetter(global, k)) continue;
      switch (k) {
        case 'c':
          check = v === 'quiet' || v === 'silent' ? 'quiet' : 'loud';
          break;
        case 'C':
          check = 'quiet';
          break;
        case 'k':
          keys.push(parseKey(v!));
          break;
        case 'o':
          output = v!;
          break;
        case 's':
          stable = true;
          break;
        case 'u':
          unique = true;
          break;
        case 'z':
          sep = '\0';
          break;
        case 'sort':
          if (v === 'numeric') global.numeric = true;
          else if (v === 'general-numeric') global.general = true;
          else if (v === 'human-numeric') global.human = true;
          else if (v === 'month') global.month = true;
          else if (v === 'version') global.version = true;
          else if (v === 'random') global.random = true;
          break;
        case 't': {
          const t = v === '\\0' ? '\0' : v!;
          if (t === '') throw new SortError('empty tab');
          if ([...t].length > 1) throw new SortError(`multi-character tab '${t}'`);
          if (tab !== null && tab !== t) throw new SortError('incompatible tabs');
          tab = t;
          break;
        }
      }
    }
  } catch (e) {
    if (e instanceof SortError) {
      ctx.stderr.write(`sort: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const kinds = [
    global.numeric,
    global.general,
    global.human,
    global.month,
    global.version,
    global.random,
  ].filter(Boolean).length;
  if (kinds > 1) {
    const letters = [
      global.general ? 'g' : '',
      global.human ? 'h' : '',
      global.month ? 'M' : '',
      global.numeric ? 'n' : '',
      global.random ? 'R' : '',
      global.version ? 'V' : '',
    ].join('');
    ctx.stderr.write(`sort: options '-${letters}' are incompatible\n`);
    return 2;
  }
  for (const key of keys) {
    if (key.inherits) {
      Object.assign(key, { ...global, blanksStart: global.blanksStart, blanksEnd: global.blanksStart });
    }
  }
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  if (check !== 'none' && files.length > 1) {
    ctx.stderr.write(`sort: extra operand '${files[1]}' not allowed with -c\n`);
    return 2;
  }
  const lines: string[] = [];
  for (const f of files) {
    const r = readSource(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(
        r.code === 'EISDIR'
          ? `sort: read failed: ${f}: ${r.error}\n`
          : `sort: cannot read: ${f}: ${r.error}\n`,
      );
      return 2;
    }
    if (r.text === '') continue;
    const parts = r.text.split(sep);
    if (r.text.endsWith(sep)) parts.pop();
    lines.push(...parts);
  }
  const randomCache = new Map<string, number>();
  const rng = ctx.world.random.fork('sort');
  const randomOf = (s: string) => {
    let v = randomCache.get(s);
    if (v === undefined) {
      v = rng.next();
      randomCache.set(s, v);
    }
    return v;
  };
  const compareKeys = (a: string, b: string): number => {
    if (keys.length === 0) {
      const ta = global.blanksStart ? a.replace(/^[ \t]+/, '') : a;
      const tb = global.blanksStart ? b.replace(/^[ \t]+/, '') : b;
      return compareKey(ta, tb, global, randomOf);
    }
    for (const key of keys) {
      const r = compareKey(extractKey(a, key, tab), extractKey(b, key, tab), key, randomOf);
      if (r !== 0) return r;
    }
    return 0;
  };
  const plainDefault =
    keys.length === 0 &&
    !global.numeric &&
    !global.general &&
    !global.human &&
    !global.month &&
    !global.version &&
    !global.random &&
    !global.dictionary &&
    !global.fold &&
    !global.ignoreNonprinting &&
    !global.blanksStart;
  const compare = (a: string, b: string): number => {
    const r = compareKeys(a, b);
    if (r !== 0 || stable || unique || plainDefault) return r;
    const last = byteCompare(a, b);
    return global.reverse ? -last : last;
  };
  if (check !== 'none') {
    for (let i = 1; i < lines.length; i++) {
      const r = compare(lines[i - 1], lines[i]);
      if (r > 0 || (unique && r === 0)) {
        if (check === 'loud') ctx.stderr.write(`sort: ${files[0]}:${i + 1}: disorder: ${lines[i]}\n`);
        return 1;
      }
    }
    return 0;
  }
  ctx.world.budget.step(Math.ceil(lines.length / 64));
  const sorted = lines.map((line, index) => ({ line, index }));
  sorted.sort((x, y) => compare(x.line, y.line) || x.index - y.index);
  let result = sorted.map((s) => s.line);
  if (unique) result = result.filter((line, i) => i === 0 || compareKeys(result[i - 1], line) !== 0);
  const text = result.map((l) => l + sep).join('');
  if (output !== null) {
    try {
      ctx.proc.host.fs.writeFile(output, text, { cwd: ctx.proc.cwd, caller: ctx.proc });
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      ctx.stderr.write(`sort: open failed: ${output}: ${e.message}\n`);
      return 2;
    }
    return 0;
  }
  ctx.stdout.write(text);
  return 0;
}
