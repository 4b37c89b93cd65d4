// GNU getopt_long() as iptables drives it (optstring "-:…", opterr = 0): options and
// non-options are returned in order, long options may be abbreviated to any unique prefix,
// "=value" and attached short arguments are accepted, and the option table can grow between
// calls (iptables merges an extension's options when -m/-j loads it, and re-runs getopt).

export interface LongOption<T> {
  name: string;
  /** 0 none, 1 required, 2 optional (only as --name=value). */
  hasArg: 0 | 1 | 2;
  /** What the caller gets back for it. */
  value: T;
}

export type GetoptResult<T> =
  | { kind: 'option'; value: T; arg: string | null; short: string | null }
  /** A non-option word (getopt returns 1 with optarg set). */
  | { kind: 'word'; arg: string }
  /** Unknown or ambiguous option, or an argument where none is allowed ('?'). */
  | { kind: 'unknown'; message: string }
  /** A required argument is missing (':'). */
  | { kind: 'missing'; message: string }
  | { kind: 'end' };

export class Getopt<T> {
  readonly argv: string[];
  /** Index of the next argv element to scan (argv[0] is the program). */
  optind = 1;
  private nextchar = '';
  private readonly shortSpec: Map<string, 0 | 1 | 2>;
  longopts: Array<LongOption<T>>;
  private readonly shortValue: (c: string) => T;

  constructor(
    argv: string[],
    optstring: string,
    longopts: Array<LongOption<T>>,
    shortValue: (c: string) => T,
  ) {
    this.argv = argv;
    this.longopts = longopts;
    this.shortValue = shortValue;
    this.shortSpec = new Map();
    const spec = optstring.replace(/^[-+]?:?/, '');
    for (let i = 0; i < spec.length; i++) {
      const c = spec[i];
      let has: 0 | 1 | 2 = 0;
      if (spec[i + 1] === ':') {
        has = spec[i + 2] === ':' ? 2 : 1;
        i += has;
      }
      this.shortSpec.set(c, has);
    }
  }

  next(): GetoptResult<T> {
    const argv = this.argv;
    if (this.nextchar === '') {
      if (this.optind >= argv.length) return { kind: 'end' };
      const word = argv[this.optind];
      if (word === '--') {
        this.optind = argv.length;
        return { kind: 'end' };
      }
      if (word[0] !== '-' || word.length === 1) {
        this.optind++;
        return { kind: 'word', arg: word };
      }
      if (word.startsWith('--')) return this.long(word.slice(2));
      this.nextchar = word.slice(1);
    }
    return this.short();
  }

  private long(body: string): GetoptResult<T> {
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    this.optind++;
    let found = this.longopts.find((o) => o.name === name);
    if (!found) {
      const candidates = this.longopts.filter((o) => o.name.startsWith(name));
      const distinct = candidates.filter(
        (o, i) => candidates.findIndex((p) => p.hasArg === o.hasArg && p.value === o.value) === i,
      );
      if (candidates.length === 0) return { kind: 'unknown', message: `unrecognized option '--${body}'` };
      if (distinct.length > 1) {
        const names = candidates.map((o) => ` '--${o.name}'`).join('');
        return { kind: 'unknown', message: `option '--${name}' is ambiguous; possibilities:${names}` };
      }
      found = candidates[0];
    }
    if (eq >= 0) {
      if (found.hasArg === 0)
        return { kind: 'unknown', message: `option '--${found.name}' doesn't allow an argument` };
      return { kind: 'option', value: found.value, arg: body.slice(eq + 1), short: null };
    }
    if (found.hasArg === 1) {
      if (this.optind >= this.argv.length)
        return { kind: 'missing', message: `option '--${found.name}' requires an argument` };
      return { kind: 'option', value: found.value, arg: this.argv[this.optind++], short: null };
    }
    return { kind: 'option', value: found.value, arg: null, short: null };
  }

  private short(): GetoptResult<T> {
    const c = this.nextchar[0];
    this.nextchar = this.nextchar.slice(1);
    const has = this.shortSpec.get(c);
    if (has === undefined || c === ':') {
      if (this.nextchar === '') this.optind++;
      return { kind: 'unknown', message: `invalid option -- '${c}'` };
    }
    if (has === 0) {
      if (this.nextchar === '') this.optind++;
      return { kind: 'option', value: this.shortValue(c), arg: null, short: c };
    }
    if (this.nextchar !== '') {
      const arg = this.nextchar;
      this.nextchar = '';
      this.optind++;
      return { kind: 'option', value: this.shortValue(c), arg, short: c };
    }
    this.optind++;
    if (has === 2) return { kind: 'option', value: this.shortValue(c), arg: null, short: c };
    if (this.optind >= this.argv.length)
      return { kind: 'missing', message: `option requires an argument -- '${c}'` };
    return { kind: 'option', value: this.shortValue(c), arg: this.argv[this.optind++], short: c };
  }

  /** Steps back one argv element so it is scanned again (command_default's `optind--`). */
  rewind(): void {
    this.nextchar = '';
    this.optind--;
  }

  /** xs_has_arg(): the next element exists and does not start with '-' or '!'. */
  hasArg(): boolean {
    const w = this.argv[this.optind];
    return w !== undefined && w[0] !== '-' && w[0] !== '!';
  }

  /** Takes the next element (after xs_has_arg). */
  take(): string {
    return this.argv[this.optind++];
  }
}
