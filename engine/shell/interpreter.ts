// The bash interpreter: runs parsed statements (lists, pipelines, compound commands,
// functions) with bash 5.2's semantics for exit statuses, errexit and subshells.
import type { Proc } from '../commands/types.ts';
import type { World } from '../world.ts';
import { ArithError, evalArith } from './arith.ts';
import { runSimpleCommand } from './command.ts';
import { evalTestClause, type TestEnv, TestError } from './conditional.ts';
import { openDevNet } from './dev-net.ts';
import {
  type ExpandHost,
  ExpansionError,
  expandPattern,
  expandString,
  expandWords,
  globMatch,
} from './expand.ts';
import { globPaths } from './glob.ts';
import { BufferOutput, Input, type Output } from './io.ts';
import { applyRedirects, type FdTable, RedirectError, type RedirectHost } from './redirect.ts';
import { ExitSignal, LoopSignal, ReturnSignal } from './signals.ts';
import { ReadonlyError, ShellState } from './state.ts';
import { BIN_CMD_OPS, CASE_OPS, line, type Node, nodeType, parseScript, ShellSyntaxError } from './syntax.ts';

/** How the shell was started; decides the prefix of its own error messages. */
export type ShellMode = { kind: 'interactive' } | { kind: 'script'; name: string } | { kind: 'command' };

export interface ShellInit {
  world: World;
  proc: Proc;
  stdin: Input;
  stdout: Output;
  stderr: Output;
  mode: ShellMode;
  state?: ShellState;
}

export class Shell implements ExpandHost, RedirectHost {
  readonly world: World;
  proc: Proc;
  state: ShellState;
  fds: FdTable;
  readonly mode: ShellMode;
  /** Line of the statement being run, for $LINENO and error messages. */
  currentLine = 0;
  /** Status of the last command substitution in the current simple command, if any. */
  substStatus: number | null = null;
  /** Set by `exec` without a command: the statement's redirections stay in place. */
  keepRedirects = false;
  /** >0 while running a condition, where errexit does not apply. */
  private conditionDepth = 0;

  constructor(init: ShellInit) {
    this.world = init.world;
    this.proc = init.proc;
    this.state = init.state ?? new ShellState();
    this.mode = init.mode;
    this.fds = new Map<number, Input | Output>([
      [0, init.stdin],
      [1, init.stdout],
      [2, init.stderr],
    ]);
  }

  get stdin(): Input {
    return this.fds.get(0) as Input;
  }
  get stdout(): Output {
    return (this.fds.get(1) as Output) ?? { write() {} };
  }
  get stderr(): Output {
    return (this.fds.get(2) as Output) ?? { write() {} };
  }
  get fsCwd(): string {
    return this.proc.cwd;
  }

  /** Prefix for the shell's own diagnostics: "bash: ", "script.sh: line 3: ", "bash: line 1: ". */
  errorPrefix(): string {
    switch (this.mode.kind) {
      case 'interactive':
        return 'bash: ';
      case 'script':
        return `${this.mode.name}: line ${this.currentLine}: `;
      default:
        return `bash: line ${this.currentLine}: `;
    }
  }

  error(message: string): void {
    this.stderr.write(`${this.errorPrefix()}${message}\n`);
  }

  /** Parses and runs source text; returns the exit status. ExitSignal propagates to the caller. */
  run(source: string): number {
    let file: Node;
    try {
      file = parseScript(source, this.mode.kind === 'script' ? this.mode.name : '');
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.currentLine = e.line;
        this.error(bashSyntaxMessage(e));
        this.state.lastStatus = 2;
        return 2;
      }
      throw e;
    }
    return this.execStmts(file.Stmts as Node[]);
  }

  execStmts(stmts: Node[]): number {
    let status = this.state.lastStatus;
    for (const stmt of stmts) status = this.execStmt(stmt);
    return status;
  }

  execStmt(stmt: Node): number {
    this.world.budget.step();
    this.world.budget.checkTime(this.world.clock.now());
    this.currentLine = line(stmt);
    let status: number;
    const saved = this.fds;
    try {
      if (stmt.Redirs.length > 0) this.fds = applyRedirects(this, stmt.Redirs as Node[], this.fds);
      if (stmt.Negated) this.conditionDepth++;
      try {
        status = stmt.Cmd ? this.execCommand(stmt.Cmd) : 0;
      } finally {
        if (stmt.Negated) this.conditionDepth--;
      }
      if (stmt.Negated) status = status === 0 ? 1 : 0;
    } catch (e) {
      status = this.handleError(e);
    } finally {
      if (this.keepRedirects) this.keepRedirects = false;
      else this.fds = saved;
    }
    this.state.lastStatus = status;
    if (
      status !== 0 &&
      this.state.options.errexit &&
      this.conditionDepth === 0 &&
      !stmt.Negated &&
      isErrexitCandidate(stmt.Cmd)
    ) {
      throw new ExitSignal(status);
    }
    return status;
  }

  /** Turns recoverable errors into a diagnostic and a status; rethrows control flow. */
  private handleError(e: unknown): number {
    if (e instanceof RedirectError) {
      this.error(e.message);
      return 1;
    }
    if (e instanceof ExpansionError || e instanceof ArithError) {
      this.error(e.message);
      if (this.mode.kind !== 'interactive') throw new ExitSignal(1);
      return 1;
    }
    if (e instanceof ReadonlyError || e instanceof TestError) {
      this.error(e.message);
      return e instanceof TestError ? 2 : 1;
    }
    throw e;
  }

  execCommand(cmd: Node): number {
    switch (nodeType(cmd)) {
      case 'CallExpr':
        return runSimpleCommand(this, cmd);
      case 'BinaryCmd':
        return this.execBinary(cmd);
      case 'Block':
        return this.execStmts(cmd.Stmts as Node[]);
      case 'Subshell':
        return this.subshell((sh) => sh.execStmts(cmd.Stmts as Node[]));
      case 'IfClause':
        return this.execIf(cmd);
      case 'WhileClause':
        return this.execWhile(cmd);
      case 'ForClause':
        return this.execFor(cmd);
      case 'CaseClause':
        return this.execCase(cmd);
      case 'FuncDecl':
        this.state.functions.set(cmd.Name.Value, cmd.Body);
        return 0;
      case 'ArithmCmd':
        return evalArith(this, cmd.X) !== 0 ? 0 : 1;
      case 'TestClause':
        return evalTestClause(this, this.testEnv(), cmd.X) ? 0 : 1;
      case 'DeclClause':
        return runSimpleCommand(this, cmd);
      case 'LetClause': {
        let last = 0;
        for (const expr of cmd.Exprs as Node[]) last = evalArith(this, expr);
        return last !== 0 ? 0 : 1;
      }
      case 'TimeClause':
        return cmd.Stmt ? this.execStmt(cmd.Stmt) : 0;
      default:
        this.error(`${nodeType(cmd)}: not supported by the engine`);
        return 2;
    }
  }

  private execBinary(cmd: Node): number {
    const op = BIN_CMD_OPS.get(cmd.Op);
    if (op === '&&' || op === '||') {
      this.conditionDepth++;
      let left: number;
      try {
        left = this.execStmt(cmd.X);
      } finally {
        this.conditionDepth--;
      }
      if ((op === '&&') === (left === 0)) return this.execStmt(cmd.Y);
      return left;
    }
    return this.execPipeline(cmd);
  }

  private execPipeline(cmd: Node): number {
    const stages: Array<{ stmt: Node; withStderr: boolean }> = [];
    const flatten = (node: Node, withStderr: boolean) => {
      if (
        nodeType(node.Cmd) === 'BinaryCmd' &&
        ['|', '|&'].includes(BIN_CMD_OPS.get(node.Cmd.Op) ?? '') &&
        !node.Negated &&
        node.Redirs.length === 0
      ) {
        flatten(node.Cmd.X, BIN_CMD_OPS.get(node.Cmd.Op) === '|&');
        stages.push({ stmt: node.Cmd.Y, withStderr: false });
        stages[stages.length - 2].withStderr = BIN_CMD_OPS.get(node.Cmd.Op) === '|&';
      } else {
        stages.push({ stmt: node, withStderr });
      }
    };
    flatten({ Cmd: cmd, Negated: false, Redirs: [] }, false);
    const statuses: number[] = [];
    let input = this.stdin;
    stages.forEach((stage, i) => {
      const last = i === stages.length - 1;
      const buffer = last ? null : new BufferOutput(this.world.budget);
      const stdinForStage = input;
      const status = this.subshell((sh) => {
        sh.fds.set(0, stdinForStage);
        if (buffer) {
          sh.fds.set(1, buffer);
          if (stage.withStderr) sh.fds.set(2, buffer);
        }
        return sh.execStmt(stage.stmt);
      });
      statuses.push(status);
      if (buffer) input = new Input(buffer.text);
    });
    this.state.set('PIPESTATUS', statuses.map(String));
    if (this.state.options.pipefail) return [...statuses].reverse().find((s) => s !== 0) ?? 0;
    return statuses[statuses.length - 1];
  }

  /** Runs `body` in a copy of this shell (its variables and cwd changes stay inside). */
  subshell(body: (sh: Shell) => number): number {
    const child = new Shell({
      world: this.world,
      proc: { ...this.proc },
      stdin: this.stdin,
      stdout: this.stdout,
      stderr: this.stderr,
      mode: this.mode,
      state: this.state.clone(),
    });
    child.fds = new Map(this.fds);
    child.currentLine = this.currentLine;
    child.conditionDepth = this.conditionDepth;
    try {
      return body(child);
    } catch (e) {
      if (e instanceof ExitSignal) return e.status;
      throw e;
    }
  }

  private condition(stmts: Node[]): number {
    this.conditionDepth++;
    try {
      return this.execStmts(stmts);
    } finally {
      this.conditionDepth--;
    }
  }

  private execIf(cmd: Node): number {
    let clause: Node | null = cmd;
    while (clause) {
      if (clause.Cond.length === 0) return this.execStmts(clause.Then as Node[]);
      if (this.condition(clause.Cond as Node[]) === 0) return this.execStmts(clause.Then as Node[]);
      clause = clause.Else ?? null;
    }
    return 0;
  }

  /** Runs a loop body, translating break/continue; returns 'break' to stop the loop. */
  private loopBody(stmts: Node[]): { status: number; stop: boolean } {
    try {
      return { status: this.execStmts(stmts), stop: false };
    } catch (e) {
      if (e instanceof LoopSignal) {
        if (e.levels > 1) {
          e.levels--;
          throw e;
        }
        return { status: 0, stop: e.kind === 'break' };
      }
      throw e;
    }
  }

  private execWhile(cmd: Node): number {
    let status = 0;
    for (;;) {
      this.world.budget.step();
      const cond = this.condition(cmd.Cond as Node[]);
      if ((cond === 0) === Boolean(cmd.Until)) break;
      const r = this.loopBody(cmd.Do as Node[]);
      status = r.status;
      if (r.stop) break;
    }
    return status;
  }

  private execFor(cmd: Node): number {
    const loop = cmd.Loop;
    let status = 0;
    if (nodeType(loop) === 'WordIter') {
      const items = loop.hasIn ? expandWords(this, loop.Items as Node[]) : [...this.state.positional];
      for (const item of items) {
        this.world.budget.step();
        this.state.set(loop.Name.Value, item);
        const r = this.loopBody(cmd.Do as Node[]);
        status = r.status;
        if (r.stop) break;
      }
      return status;
    }
    if (loop.Init) evalArith(this, loop.Init);
    for (;;) {
      this.world.budget.step();
      if (loop.Cond && evalArith(this, loop.Cond) === 0) break;
      const r = this.loopBody(cmd.Do as Node[]);
      status = r.status;
      if (r.stop) break;
      if (loop.Post) evalArith(this, loop.Post);
    }
    return status;
  }

  private execCase(cmd: Node): number {
    const word = expandString(this, cmd.Word);
    const items = cmd.Items as Node[];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!(item.Patterns as Node[]).some((p) => globMatch(expandPattern(this, p), word))) continue;
      let status = this.execStmts(item.Stmts as Node[]);
      let op = CASE_OPS.get(item.Op);
      while (op === ';&' && i + 1 < items.length) {
        i++;
        status = this.execStmts(items[i].Stmts as Node[]);
        op = CASE_OPS.get(items[i].Op);
      }
      if (op !== ';;&') return status;
    }
    return 0;
  }

  /** Calls a shell function with its own positional parameters and local scope. */
  callFunction(body: Node, argv: string[]): number {
    const savedPositional = this.state.positional;
    this.state.positional = argv.slice(1);
    this.state.frames.push(new Map());
    if (this.state.frames.length > 1000) {
      this.state.frames.pop();
      this.state.positional = savedPositional;
      this.error(`${argv[0]}: maximum function nesting level exceeded (1000)`);
      return 1;
    }
    try {
      return this.execStmt(body);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.state.frames.pop();
      this.state.positional = savedPositional;
    }
  }

  // --- ExpandHost -------------------------------------------------------------------------

  commandSubst(stmts: Node[]): string {
    const out = new BufferOutput(this.world.budget);
    const status = this.subshell((sh) => {
      sh.fds.set(1, out);
      return sh.execStmts(stmts);
    });
    this.substStatus = status;
    return out.text;
  }

  arith(expr: Node): number {
    return evalArith(this, expr);
  }

  glob(pattern: string): string[] {
    return globPaths(this.proc.host.fs, this.proc.cwd, pattern);
  }

  special(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.state.lastStatus);
      case '$':
        return String(this.proc.pid);
      case '#':
        return String(this.state.positional.length);
      case '!':
        return this.state.get('!') ?? '';
      case '-':
        return `${this.state.options.errexit ? 'e' : ''}hB${this.mode.kind === 'interactive' ? 'i' : ''}`;
      case 'RANDOM':
        return String(this.world.random.int(32768));
      case 'LINENO':
        return String(this.currentLine);
      case 'SECONDS':
        return String(
          Math.floor(this.world.clock.now() / 1000) -
            Math.floor(
              (this.state.get('__START') ? Number(this.state.get('__START')) : this.world.clock.now()) / 1000,
            ),
        );
      case 'PWD':
        return this.state.get('PWD') ?? this.proc.cwd;
      default:
        return undefined;
    }
  }

  // --- RedirectHost -----------------------------------------------------------------------

  writeFile(path: string, data: string, append: boolean): void {
    this.proc.host.fs.writeFile(path, data, { cwd: this.proc.cwd, append, caller: this.proc });
  }

  readFile(path: string): string {
    return this.proc.host.fs.readFile(path, this.proc.cwd, this.proc);
  }

  /** A /dev/tcp or /dev/udp path opened as a socket, reporting failures as bash does. */
  openNetwork(path: string): Output | null {
    const result = openDevNet(this.world, this.proc, path);
    if (!result) return null;
    if (result.ok) return result.output;
    if (result.stage === 'resolve') {
      // internal_error() names the part getaddrinfo() refused; the open then fails with EINVAL.
      this.error(`${result.name}: ${result.message}`);
      throw new RedirectError(`${path}: Invalid argument`);
    }
    // sys_error("connect") has no line number.
    const name = this.mode.kind === 'script' ? this.mode.name : 'bash';
    this.stderr.write(`${name}: connect: ${result.message}\n`);
    throw new RedirectError(`${path}: ${result.message}`);
  }

  testEnv(): TestEnv {
    return {
      fs: this.proc.host.fs,
      cwd: this.proc.cwd,
      isSet: (name) => this.state.lookup(name) !== undefined,
    };
  }
}

/** errexit ignores failures of compound conditions; a failed simple command or pipeline exits. */
function isErrexitCandidate(cmd: Node): boolean {
  if (!cmd) return false;
  const t = nodeType(cmd);
  if (t === 'BinaryCmd') {
    const op = BIN_CMD_OPS.get(cmd.Op);
    return op === '|' || op === '|&';
  }
  return true;
}

/** Words bash uses for the common syntax errors mvdan-sh reports. */
export function bashSyntaxMessage(e: ShellSyntaxError): string {
  if (e.incomplete) {
    const quote = /without closing quote (.)/.exec(e.message);
    if (quote) return `unexpected EOF while looking for matching \`${quote[1]}'`;
    return 'syntax error: unexpected end of file';
  }
  const token =
    /encountered (\S+)/.exec(e.message)?.[1] ??
    /^(\S+) can only be used/.exec(e.message)?.[1] ??
    /"([^"]+)"/.exec(e.message)?.[1];
  if (token) return `syntax error near unexpected token \`${token.replace(/^"|"$/g, '')}'`;
  return `syntax error: ${e.message}`;
}
