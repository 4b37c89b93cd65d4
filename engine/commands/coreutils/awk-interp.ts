// The awk runtime, behaving like Debian 12's mawk 1.3.4: values that are numbers, strings or
// both (input fields), fields and records, associative arrays, user functions, getline, print
// redirections to files and commands, the built-in functions, and printf formatting.
import { FsError } from '../../fs/errors.ts';
import { BufferOutput, Input } from '../../shell/io.ts';
import type { CommandContext } from '../types.ts';
import type { AwkFunction, AwkProgram, Expr, Redirect, Stmt } from './awk-parser.ts';
import {
  type AwkArray,
  AwkFatalError,
  AwkRuntimeError,
  awkSprintf,
  type Cell,
  fromInput,
  isNumeric,
  numToStr,
  toBool,
  toNum,
  toStr,
  type Value,
} from './awk-values.ts';
import { byteLength, fromBytes, normalizeBytes, rawByte, toBytes } from './files.ts';
import { RegexError, translateRegex } from './regex.ts';

export { AwkFatalError, AwkRuntimeError };

class NextSignal {}
class NextFileSignal {}
class ExitSignal {
  readonly status: number | null;
  constructor(status: number | null) {
    this.status = status;
  }
}
class ReturnSignal {
  readonly value: Value;
  constructor(value: Value) {
    this.value = value;
  }
}
class BreakSignal {}
class ContinueSignal {}

interface OutputStream {
  kind: 'file' | 'pipe' | 'stdout' | 'stderr';
  name: string;
  buffer: string;
}

interface InputStream {
  records: string[];
  pos: number;
}

export interface AwkOptions {
  fs: string | null;
  assigns: Array<[string, string]>;
  operands: string[];
}

export class AwkInterpreter {
  private readonly ctx: CommandContext;
  private readonly program: AwkProgram;
  private readonly globals = new Map<string, Cell>();
  private frames: Array<Map<string, Cell>> = [];
  private fields: string[] = [''];
  /** $0 as a value (StrNum when numeric-looking). */
  private record: Value = '';
  private fieldsValid = true;
  private nf = 0;
  private readonly regexCache = new Map<string, RegExp>();
  private readonly outputs = new Map<string, OutputStream>();
  private readonly inputs = new Map<string, InputStream>();
  private exitStatus = 0;
  private stdoutBuffer = '';
  /** Output mawk would still flush after a run-time error. */
  pendingOutput: (() => void) | null = null;
  private mainInput: { records: string[]; pos: number } | null = null;
  private operandIndex = 1;
  private stdinUsed = false;
  private seed = 0;
  private rng: ReturnType<CommandContext['world']['random']['fork']>;

  constructor(ctx: CommandContext, program: AwkProgram, options: AwkOptions) {
    this.ctx = ctx;
    this.program = program;
    this.rng = ctx.world.random.fork('awk');
    this.setVar('FS', options.fs ?? ' ');
    this.setVar('OFS', ' ');
    this.setVar('ORS', '\n');
    this.setVar('RS', '\n');
    this.setVar('NR', 0);
    this.setVar('NF', 0);
    this.setVar('FNR', 0);
    this.setVar('SUBSEP', '\x1c');
    this.setVar('CONVFMT', '%.6g');
    this.setVar('OFMT', '%.6g');
    this.setVar('RSTART', 0);
    this.setVar('RLENGTH', -1);
    this.setVar('FILENAME', '');
    const env: AwkArray = new Map();
    for (const [k, v] of ctx.env) env.set(k, fromInput(v));
    this.globals.set('ENVIRON', { v: env });
    const argv: AwkArray = new Map();
    argv.set('0', 'awk');
    for (const [i, o] of options.operands.entries()) argv.set(String(i + 1), fromInput(o));
    this.globals.set('ARGV', { v: argv });
    this.setVar('ARGC', options.operands.length + 1);
    for (const [name, value] of options.assigns) this.setVar(name, fromInput(value));
  }

  // --- variables --------------------------------------------------------------------

  private cell(name: string): Cell {
    const frame = this.frames[this.frames.length - 1];
    const local = frame?.get(name);
    if (local) return local;
    let c = this.globals.get(name);
    if (!c) {
      c = { v: undefined };
      this.globals.set(name, c);
    }
    return c;
  }

  private getVar(name: string): Value {
    if (name === 'NF') {
      this.splitIfNeeded();
      return this.nf;
    }
    const v = this.cell(name).v;
    if (v instanceof Map) throw new AwkRuntimeError(`can't use array ${name} in scalar context`);
    return v;
  }

  private setVar(name: string, value: Value): void {
    if (name === 'NF') {
      this.setNF(Math.trunc(toNum(value)));
      return;
    }
    const c = this.cell(name);
    if (c.v instanceof Map) throw new AwkRuntimeError(`can't assign to ${name}; it's an array name.`);
    c.v = value;
  }

  private str(name: string): string {
    return toStr(this.getVar(name), '%.6g');
  }

  private array(name: string): AwkArray {
    const c = this.cell(name);
    if (c.v instanceof Map) return c.v;
    if (c.v !== undefined) throw new AwkRuntimeError(`can't use scalar ${name} as array`);
    const arr: AwkArray = new Map();
    c.v = arr;
    if (c.origin && c.origin.v === undefined) c.origin.v = arr;
    return arr;
  }

  private toS(v: Value): string {
    return toStr(v, this.str('CONVFMT'));
  }

  // --- records and fields -------------------------------------------------------------

  setRecord(text: string): void {
    this.record = fromInput(text);
    this.fields[0] = text;
    this.fieldsValid = false;
  }

  private splitIfNeeded(): void {
    if (this.fieldsValid) return;
    const parts = this.splitFields(this.fields[0], this.str('FS'), true);
    this.fields = [this.fields[0], ...parts];
    this.nf = parts.length;
    this.fieldsValid = true;
  }

  private splitFields(text: string, fs: string, isRecord: boolean): string[] {
    if (text === '') return [];
    const paragraph = isRecord && this.str('RS') === '';
    if (fs === ' ')
      return text
        .split(paragraph ? /[ \t\n]+/ : /[ \t\n]+/)
        .filter((s, i, all) => s !== '' || (i > 0 && i < all.length - 1));
    let parts: string[];
    if (fs.length === 1 && fs !== '\\') parts = text.split(fs);
    else if (fs === '') parts = [...text];
    else parts = text.split(this.regex(fs, 'g'));
    if (paragraph && fs !== '\n') return parts.flatMap((p) => p.split('\n'));
    return parts;
  }

  private getField(i: number): Value {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i === 0) return this.record;
    this.splitIfNeeded();
    if (i > this.nf) return undefined;
    return fromInput(this.fields[i]);
  }

  private setField(i: number, value: Value): void {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i === 0) {
      this.setRecord(this.toS(value));
      return;
    }
    this.splitIfNeeded();
    while (this.nf < i) this.fields[++this.nf] = '';
    this.fields[i] = this.toS(value);
    this.rebuild();
  }

  private setNF(n: number): void {
    this.splitIfNeeded();
    if (n < 0) n = 0;
    while (this.nf < n) this.fields[++this.nf] = '';
    this.nf = n;
    this.fields.length = n + 1;
    this.rebuild();
  }

  private rebuild(): void {
    const text = this.fields.slice(1, this.nf + 1).join(this.str('OFS'));
    this.fields[0] = text;
    this.record = text;
  }

  // --- regular expressions ------------------------------------------------------------

  regex(source: string, flags = ''): RegExp {
    const key = `${flags}/${source}`;
    let re = this.regexCache.get(key);
    if (!re) {
      try {
        const t = translateRegex(source, { extended: true, awk: true, charEscapes: true, intervals: false });
        re = new RegExp(t.source, `su${flags}`);
      } catch (e) {
        if (e instanceof RegexError || e instanceof SyntaxError) {
          throw new AwkRuntimeError(`regular expression compile failed (${e.message})\n${source}`);
        }
        throw e;
      }
      this.regexCache.set(key, re);
    }
    re.lastIndex = 0;
    return re;
  }

  private regexOf(e: Expr, flags = ''): RegExp {
    if (e.type === 'regex') return this.regex(e.source, flags);
    return this.regex(this.toS(this.eval(e)), flags);
  }

  // --- input --------------------------------------------------------------------------

  private splitRecords(text: string): string[] {
    const rs = this.str('RS');
    if (text === '') return [];
    if (rs === '\n') {
      const parts = text.split('\n');
      if (text.endsWith('\n')) parts.pop();
      return parts;
    }
    if (rs === '') {
      const trimmed = text.replace(/^\n+/, '').replace(/\n+$/, '');
      return trimmed === '' ? [] : trimmed.split(/\n\n+/);
    }
    const parts = rs.length === 1 ? text.split(rs) : text.split(this.regex(rs, 'g'));
    if (parts[parts.length - 1] === '' || (rs.length === 1 && text.endsWith(rs))) parts.pop();
    return parts;
  }

  /** Next record of the main input (operands in ARGV order, else stdin), or null. */
  private nextMainRecord(): string | null {
    for (;;) {
      if (this.mainInput && this.mainInput.pos < this.mainInput.records.length) {
        return this.mainInput.records[this.mainInput.pos++];
      }
      if (!this.openNextFile()) return null;
    }
  }

  private openNextFile(): boolean {
    const argv = this.array('ARGV');
    const argc = Math.trunc(toNum(this.getVar('ARGC')));
    while (this.operandIndex < argc) {
      const arg = argv.get(String(this.operandIndex++));
      const text = this.toS(arg);
      if (text === '') continue;
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(text);
      if (assign) {
        this.setVar(assign[1], fromInput(unescapeValue(assign[2])));
        continue;
      }
      this.stdinUsed = true;
      const content = this.readFile(text);
      if (content === null) throw new AwkFatalError(`cannot open ${text} (No such file or directory)`);
      this.setVar('FILENAME', text);
      this.setVar('FNR', 0);
      this.mainInput = { records: this.splitRecords(content), pos: 0 };
      return true;
    }
    if (!this.stdinUsed) {
      this.stdinUsed = true;
      this.setVar('FNR', 0);
      this.mainInput = { records: this.splitRecords(this.ctx.stdin.readAll()), pos: 0 };
      return true;
    }
    return false;
  }

  private readFile(name: string): string | null {
    if (name === '-' || name === '/dev/stdin') return this.ctx.stdin.readAll();
    try {
      return this.ctx.proc.host.fs.readFile(name, this.ctx.proc.cwd, this.ctx.proc);
    } catch (e) {
      if (e instanceof FsError) {
        if (e.code === 'EISDIR') return '';
        return null;
      }
      throw e;
    }
  }

  private countRecord(): void {
    this.setVar('NR', toNum(this.getVar('NR')) + 1);
    this.setVar('FNR', toNum(this.getVar('FNR')) + 1);
  }

  // --- output -------------------------------------------------------------------------

  private write(redirect: Redirect | null, text: string): void {
    if (!redirect) {
      this.stdoutBuffer += text;
      return;
    }
    const name = this.toS(this.eval(redirect.target));
    let out = this.outputs.get(name);
    if (!out) {
      if (redirect.kind === '|') out = { kind: 'pipe', name, buffer: '' };
      else if (name === '/dev/stdout' || name === '-') out = { kind: 'stdout', name, buffer: '' };
      else if (name === '/dev/stderr') out = { kind: 'stderr', name, buffer: '' };
      else {
        out = { kind: 'file', name, buffer: '' };
        try {
          this.ctx.proc.host.fs.writeFile(name, '', {
            cwd: this.ctx.proc.cwd,
            append: redirect.kind === '>>',
            caller: this.ctx.proc,
          });
        } catch (e) {
          if (e instanceof FsError)
            throw new AwkFatalError(`cannot open "${name}" for output (${e.message})`);
          throw e;
        }
      }
      this.outputs.set(name, out);
    }
    switch (out.kind) {
      case 'stdout':
        this.stdoutBuffer += text;
        break;
      case 'stderr':
        this.ctx.stderr.write(text);
        break;
      case 'pipe':
        out.buffer += text;
        break;
      default:
        this.ctx.proc.host.fs.writeFile(name, text, {
          cwd: this.ctx.proc.cwd,
          append: true,
          caller: this.ctx.proc,
        });
    }
  }

  /** mawk's standard output is block-buffered: it reaches the terminal at exit or a flush. */
  flush(): void {
    if (this.stdoutBuffer) this.ctx.stdout.write(normalizeBytes(this.stdoutBuffer));
    this.stdoutBuffer = '';
  }

  private runCommand(command: string, stdin: string, stdout: { write(t: string): void }): number {
    this.flush();
    return this.ctx.runScript(command, { stdin: new Input(stdin), stdout, name: undefined });
  }

  private close(name: string): number {
    const out = this.outputs.get(name);
    let status = -1;
    if (out) {
      this.outputs.delete(name);
      status = 0;
      if (out.kind === 'pipe') status = this.runCommand(name, out.buffer, this.ctx.stdout);
    }
    if (this.inputs.has(name)) {
      this.inputs.delete(name);
      status = 0;
    }
    return status;
  }

  closeAll(): void {
    for (const name of [...this.outputs.keys()]) this.close(name);
  }

  // --- running ------------------------------------------------------------------------

  /** mawk's run-time error trailer: FILENAME="..." FNR=n NR=n. */
  location(): string {
    return `FILENAME="${this.str('FILENAME')}" FNR=${this.str('FNR')} NR=${this.str('NR')}`;
  }

  /** Runs BEGIN, the main loop and END; returns the exit status. */
  run(): number {
    try {
      try {
        for (const block of this.program.begin) this.execBlock(block);
        if (this.program.items.length > 0 || this.program.end.length > 0) this.mainLoop();
      } catch (e) {
        if (!(e instanceof ExitSignal)) throw e;
        if (e.status !== null) this.exitStatus = e.status;
      }
      try {
        for (const block of this.program.end) this.execBlock(block);
      } catch (e) {
        if (!(e instanceof ExitSignal)) throw e;
        if (e.status !== null) this.exitStatus = e.status;
      }
    } finally {
      this.closeAll();
    }
    return this.exitStatus;
  }

  private mainLoop(): void {
    for (;;) {
      const rec = this.nextMainRecord();
      if (rec === null) return;
      this.ctx.world.budget.step();
      this.countRecord();
      this.setRecord(rec);
      try {
        for (const item of this.program.items) {
          if (!this.itemMatches(item)) continue;
          if (item.action) this.execBlock(item.action);
          else this.stdoutBuffer += this.toOutput(this.record) + this.str('ORS');
        }
      } catch (e) {
        if (e instanceof NextSignal) continue;
        if (e instanceof NextFileSignal) {
          if (this.mainInput) this.mainInput.pos = this.mainInput.records.length;
          continue;
        }
        throw e;
      }
    }
  }

  private itemMatches(item: AwkProgram['items'][number]): boolean {
    if (item.range) {
      if (!item.inRange) {
        if (!toBool(this.eval(item.range[0]))) return false;
        item.inRange = !toBool(this.eval(item.range[1]));
        return true;
      }
      if (toBool(this.eval(item.range[1]))) item.inRange = false;
      return true;
    }
    return item.pattern === null || toBool(this.eval(item.pattern));
  }

  private execBlock(stmts: Stmt[]): void {
    for (const s of stmts) this.exec(s);
  }

  private toOutput(v: Value): string {
    if (typeof v === 'number') return numToStr(v, this.str('OFMT'));
    return this.toS(v);
  }

  private exec(s: Stmt): void {
    switch (s.type) {
      case 'expr':
        this.eval(s.expr);
        return;
      case 'print': {
        const text =
          s.args.length === 0
            ? this.toS(this.record)
            : s.args.map((a) => this.toOutput(this.eval(a))).join(this.str('OFS'));
        this.write(s.redirect, text + this.str('ORS'));
        return;
      }
      case 'printf': {
        const [fmt, ...rest] = s.args.map((a) => this.eval(a));
        let text: string;
        try {
          text = awkSprintf(this.toS(fmt), rest, this.str('CONVFMT'), 'printf');
        } catch (e) {
          if (e instanceof AwkRuntimeError && e.partial)
            this.pendingOutput = () => this.write(s.redirect, e.partial);
          throw e;
        }
        this.write(s.redirect, text);
        return;
      }
      case 'if':
        if (toBool(this.eval(s.test))) this.exec(s.then);
        else if (s.else) this.exec(s.else);
        return;
      case 'while':
        while (toBool(this.eval(s.test))) {
          this.ctx.world.budget.step();
          if (this.loopBody(s.body)) break;
        }
        return;
      case 'do':
        do {
          this.ctx.world.budget.step();
          if (this.loopBody(s.body)) break;
        } while (toBool(this.eval(s.test)));
        return;
      case 'for':
        if (s.init) this.exec(s.init);
        while (s.test === null || toBool(this.eval(s.test))) {
          this.ctx.world.budget.step();
          if (this.loopBody(s.body)) break;
          if (s.step) this.exec(s.step);
        }
        return;
      case 'forin': {
        const keys = [...this.array(s.array).keys()];
        for (const k of keys) {
          this.ctx.world.budget.step();
          this.assign(s.variable, fromInput(k));
          if (this.loopBody(s.body)) break;
        }
        return;
      }
      case 'block':
        this.execBlock(s.body);
        return;
      case 'next':
        throw new NextSignal();
      case 'nextfile':
        throw new NextFileSignal();
      case 'exit':
        throw new ExitSignal(s.value ? Math.trunc(toNum(this.eval(s.value))) & 0xff : null);
      case 'return':
        throw new ReturnSignal(s.value ? this.eval(s.value) : undefined);
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'delete': {
        const arr = this.array(s.name);
        if (s.subs === null) arr.clear();
        else arr.delete(this.subscript(s.subs));
        return;
      }
    }
  }

  /** Runs a loop body; true when it broke out. */
  private loopBody(body: Stmt): boolean {
    try {
      this.exec(body);
    } catch (e) {
      if (e instanceof BreakSignal) return true;
      if (e instanceof ContinueSignal) return false;
      throw e;
    }
    return false;
  }

  private subscript(subs: Expr[]): string {
    return subs.map((e) => this.toS(this.eval(e))).join(this.str('SUBSEP'));
  }

  private assign(target: Expr, v: Value): Value {
    switch (target.type) {
      case 'var':
        this.setVar(target.name, v);
        break;
      case 'field':
        this.setField(Math.trunc(toNum(this.eval(target.index))), v);
        break;
      case 'index':
        this.array(target.name).set(this.subscript(target.subs), v);
        break;
      default:
        throw new AwkRuntimeError('assignment to a non-lvalue');
    }
    return v;
  }

  private lvalueGet(target: Expr): Value {
    switch (target.type) {
      case 'var':
        return this.getVar(target.name);
      case 'field':
        return this.getField(Math.trunc(toNum(this.eval(target.index))));
      case 'index': {
        const arr = this.array(target.name);
        const key = this.subscript(target.subs);
        if (!arr.has(key)) arr.set(key, undefined);
        return arr.get(key);
      }
      default:
        return this.eval(target);
    }
  }

  private compare(a: Value, b: Value): number {
    if ((isNumeric(a) || a === undefined) && (isNumeric(b) || b === undefined)) {
      const x = toNum(a);
      const y = toNum(b);
      return x < y ? -1 : x > y ? 1 : x === y ? 0 : 1;
    }
    const x = this.toS(a);
    const y = this.toS(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  eval(e: Expr): Value {
    switch (e.type) {
      case 'num':
        return e.value;
      case 'str':
        return e.value;
      case 'regex':
        return this.regex(e.source).test(this.toS(this.record)) ? 1 : 0;
      case 'group':
        return this.eval(e.expr);
      case 'var':
        return this.getVar(e.name);
      case 'field':
        return this.getField(Math.trunc(toNum(this.eval(e.index))));
      case 'index': {
        const arr = this.array(e.name);
        const key = this.subscript(e.subs);
        if (!arr.has(key)) arr.set(key, undefined);
        return arr.get(key);
      }
      case 'assign': {
        if (e.op === '=') return this.assign(e.target, this.eval(e.value));
        const current = toNum(this.lvalueGet(e.target));
        const rhs = toNum(this.eval(e.value));
        return this.assign(e.target, this.arith(e.op[0], current, rhs));
      }
      case 'cond':
        return toBool(this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no);
      case 'and':
        return toBool(this.eval(e.left)) && toBool(this.eval(e.right)) ? 1 : 0;
      case 'or':
        return toBool(this.eval(e.left)) || toBool(this.eval(e.right)) ? 1 : 0;
      case 'binary': {
        if (e.op === 'concat') return this.toS(this.eval(e.left)) + this.toS(this.eval(e.right));
        const l = this.eval(e.left);
        const r = this.eval(e.right);
        switch (e.op) {
          case '<':
            return this.compare(l, r) < 0 ? 1 : 0;
          case '<=':
            return this.compare(l, r) <= 0 ? 1 : 0;
          case '>':
            return this.compare(l, r) > 0 ? 1 : 0;
          case '>=':
            return this.compare(l, r) >= 0 ? 1 : 0;
          case '==':
            return this.compare(l, r) === 0 ? 1 : 0;
          case '!=':
            return this.compare(l, r) !== 0 ? 1 : 0;
          default:
            return this.arith(e.op, toNum(l), toNum(r));
        }
      }
      case 'match': {
        const text = this.toS(this.eval(e.left));
        const matched = this.regexOf(e.right).test(text);
        return matched !== e.negate ? 1 : 0;
      }
      case 'in': {
        const arr = this.array(e.name);
        return arr.has(this.subscript(e.subs)) ? 1 : 0;
      }
      case 'unary': {
        const v = this.eval(e.operand);
        if (e.op === '!') return toBool(v) ? 0 : 1;
        const n = toNum(v);
        return e.op === '-' ? -n : n;
      }
      case 'incr': {
        const old = toNum(this.lvalueGet(e.target));
        const next = e.op === '++' ? old + 1 : old - 1;
        this.assign(e.target, next);
        return e.prefix ? next : old;
      }
      case 'call':
        return this.callFunction(e.name, e.args);
      case 'builtin':
        return this.builtin(e.name, e.args);
      case 'getline':
        return this.getline(e);
      case 'list':
        return this.subscript(e.items);
    }
  }

  private arith(op: string, a: number, b: number): number {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return a / b;
      case '%':
        return a % b;
      case '^':
        return a ** b;
      default:
        throw new AwkRuntimeError(`unknown operator ${op}`);
    }
  }

  private callFunction(name: string, args: Expr[]): Value {
    const fn: AwkFunction | undefined = this.program.functions.get(name);
    if (!fn) throw new AwkRuntimeError(`function ${name} never defined`);
    if (args.length > fn.params.length) throw new AwkRuntimeError(`too many arguments in call to ${name}`);
    this.ctx.world.budget.step();
    if (this.frames.length > 1000) throw new AwkRuntimeError('function call nesting too deep');
    const frame = new Map<string, Cell>();
    fn.params.forEach((param, i) => {
      const arg = args[i];
      if (!arg) {
        frame.set(param, { v: undefined });
        return;
      }
      if (arg.type === 'var') {
        const c = this.cell(arg.name);
        if (c.v instanceof Map) {
          frame.set(param, { v: c.v });
          return;
        }
        if (c.v === undefined) {
          frame.set(param, { v: undefined, origin: c });
          return;
        }
        frame.set(param, { v: c.v });
        return;
      }
      frame.set(param, { v: this.eval(arg) });
    });
    this.frames.push(frame);
    try {
      this.execBlock(fn.body);
      return undefined;
    } catch (e) {
      if (e instanceof ReturnSignal) return e.value;
      throw e;
    } finally {
      this.frames.pop();
    }
  }

  private getline(e: Extract<Expr, { type: 'getline' }>): Value {
    let text: string | null;
    if (e.kind === 'simple') {
      text = this.nextMainRecord();
      if (text !== null) this.ctx.world.budget.step();
      if (text === null) return 0;
      this.countRecord();
    } else {
      const name = this.toS(this.eval(e.source!));
      let input = this.inputs.get(name);
      if (!input) {
        let content: string | null;
        if (e.kind === 'file') content = this.readFile(name);
        else {
          const out = new BufferOutput(this.ctx.world.budget);
          this.runCommand(name, '', out);
          content = out.text;
        }
        if (content === null) return -1;
        input = { records: this.splitRecords(content), pos: 0 };
        this.inputs.set(name, input);
      }
      if (input.pos >= input.records.length) return 0;
      text = input.records[input.pos++];
      if (e.kind === 'cmd') this.setVar('NR', toNum(this.getVar('NR')) + 1);
    }
    if (e.target) this.assign(e.target, fromInput(text));
    else this.setRecord(text);
    return 1;
  }

  private substitute(e: Expr[], global: boolean): Value {
    const re = this.regexOf(e[0], 'g');
    const repl = this.toS(this.eval(e[1]));
    const target = e[2] ?? ({ type: 'field', index: { type: 'num', value: 0 } } as Expr);
    const text = this.toS(this.lvalueGet(target));
    let out = '';
    let last = 0;
    let count = 0;
    let prevEnd = -1;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0] === '' && m.index === prevEnd) {
        if (m.index >= text.length) break;
        re.lastIndex = m.index + 1;
        continue;
      }
      count++;
      out += text.slice(last, m.index) + expandAmpersand(repl, m[0]);
      last = m.index + m[0].length;
      prevEnd = last;
      if (!global) break;
      if (m[0] === '') {
        if (m.index >= text.length) break;
        re.lastIndex = m.index + 1;
      }
    }
    if (count > 0) this.assign(target, out + text.slice(last));
    return count;
  }

  private builtin(name: string, args: Expr[]): Value {
    const num = (i: number) => toNum(this.eval(args[i]));
    const str = (i: number) => this.toS(this.eval(args[i]));
    switch (name) {
      // mawk 1.3.4 knows only bytes: lengths, positions and case mapping are byte-wise.
      case 'length': {
        if (args.length === 0) return byteLength(this.toS(this.record));
        const a = args[0];
        if (a.type === 'var') {
          const c = this.cell(a.name);
          if (c.v instanceof Map) return c.v.size;
        }
        return byteLength(str(0));
      }
      case 'substr': {
        // mawk 1.3.4 20200120: truncated start and length; a start below 1 keeps the
        // requested length counted from the first byte, plus one per step below 0.
        const bytes = toBytes(str(0));
        const start = num(1);
        let begin = Number.isNaN(start) ? 1 : Math.trunc(start);
        let length = args.length > 2 ? Math.trunc(num(2)) : bytes.length;
        if (Number.isNaN(length)) length = 0;
        if (begin < 1) {
          length -= begin;
          begin = 1;
        }
        if (length <= 0 || begin > bytes.length) return '';
        return fromBytes(bytes.subarray(begin - 1, begin - 1 + length));
      }
      case 'index': {
        const s = str(0);
        const t = str(1);
        if (t === '') return 1;
        const i = s.indexOf(t);
        return i < 0 ? 0 : byteLength(s.slice(0, i)) + 1;
      }
      case 'split': {
        const s = str(0);
        if (args[1]?.type !== 'var') throw new AwkRuntimeError('split: second argument must be an array');
        const arr = this.array(args[1].name);
        arr.clear();
        let parts: string[];
        if (args.length < 3) parts = this.splitFields(s, this.str('FS'), false);
        else if (args[2].type === 'regex') parts = s === '' ? [] : s.split(this.regex(args[2].source, 'g'));
        else parts = this.splitFields(s, str(2), false);
        for (const [i, p] of parts.entries()) arr.set(String(i + 1), fromInput(p));
        return parts.length;
      }
      case 'sub':
      case 'gsub':
        return this.substitute(args, name === 'gsub');
      case 'match': {
        const s = str(0);
        const re = this.regexOf(args[1]);
        const m = re.exec(s);
        if (!m) {
          this.setVar('RSTART', 0);
          this.setVar('RLENGTH', -1);
          return 0;
        }
        const start = byteLength(s.slice(0, m.index)) + 1;
        this.setVar('RSTART', start);
        this.setVar('RLENGTH', byteLength(m[0]));
        return start;
      }
      case 'sprintf': {
        if (args.length === 0) return '';
        const [fmt, ...rest] = args.map((a) => this.eval(a));
        return awkSprintf(this.toS(fmt), rest, this.str('CONVFMT'), 'sprintf');
      }
      case 'sin':
        return Math.sin(num(0));
      case 'cos':
        return Math.cos(num(0));
      case 'atan2':
        return Math.atan2(num(0), num(1));
      case 'exp':
        return Math.exp(num(0));
      case 'log':
        return Math.log(num(0));
      case 'sqrt':
        return Math.sqrt(num(0));
      case 'int':
        return Math.trunc(num(0));
      case 'rand':
        return this.rng.next();
      case 'srand': {
        const prev = this.seed;
        this.seed = args.length > 0 ? num(0) : Math.floor(this.ctx.world.clock.now() / 1000);
        this.rng = this.ctx.world.random.fork(`awk-srand-${this.seed}`);
        return prev;
      }
      case 'tolower':
        return str(0).replace(/[A-Z]+/g, (t) => t.toLowerCase());
      case 'toupper':
        return str(0).replace(/[a-z]+/g, (t) => t.toUpperCase());
      case 'system': {
        return this.runCommand(str(0), '', this.ctx.stdout);
      }
      case 'close':
        return this.close(str(0));
      case 'fflush':
        this.flush();
        return 0;
      default:
        throw new AwkRuntimeError(`unknown function ${name}`);
    }
  }
}

/** sub/gsub replacement: & is the match, \& a literal &, \\ a backslash. */
function expandAmpersand(repl: string, matched: string): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) {
      out += repl[++i];
    } else if (c === '&') out += matched;
    else out += c;
  }
  return out;
}

/** Command-line `var=value` operands and -v values take string-literal escapes. */
export function unescapeValue(text: string): string {
  return text.replace(/\\(["\\/abfnrtv]|[0-7]{1,3})/g, (_, e: string) => {
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      b: '\b',
      f: '\f',
      v: '\v',
      a: '\x07',
    };
    if (e in simple) return simple[e];
    if (/^[0-7]/.test(e)) return rawByte(Number.parseInt(e, 8) & 0xff);
    return e;
  });
}
