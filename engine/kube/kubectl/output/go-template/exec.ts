// Runs a parsed Go text/template over decoded JSON (text/template exec.go): fields, variables, pipelines, if/with/range, function calls, and Go's execution error texts.
import { GoNumber, isMap } from '../go-values.ts';
import { sprint } from './fmt.ts';
import { FUNCTIONS, FuncError, type ParamType } from './funcs.ts';
import type {
  ChainNode,
  CommandNode,
  ListNode,
  Node,
  NumberNode,
  Operand,
  PipeNode,
  RangeNode,
} from './nodes.ts';
import { nodeString } from './nodes.ts';
import type { ParsedTemplate } from './parser.ts';
import {
  boxed,
  concrete,
  INVALID,
  isTrue,
  kindOf,
  type Plain,
  typeName,
  unbox,
  type Value,
} from './values.ts';

/** A failed execution; the message is Go's `template: output:1:2: executing "output" at <...>: ...`. */
export class TemplateExecError extends Error {}

const MISSING = Symbol('missing');
type Final = Value | typeof MISSING;

const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

export interface ExecOptions {
  name: string;
  text: string;
  /** missingkey=error (kubectl --allow-missing-template-keys=false) */
  missingKeyError: boolean;
}

export class Executor {
  private readonly template: ParsedTemplate;
  private readonly options: ExecOptions;
  private readonly bytes: Uint8Array;
  private node: Node | null = null;
  private vars: Array<{ name: string; value: Value }> = [];
  out = '';

  constructor(template: ParsedTemplate, options: ExecOptions) {
    this.template = template;
    this.options = options;
    this.bytes = new TextEncoder().encode(options.text);
  }

  run(data: Plain): void {
    const dot = concrete(data);
    this.vars = [{ name: '$', value: dot }];
    this.walk(dot, this.template.root);
  }

  // --- errors ---

  private errorf(message: string): never {
    const name = this.options.name;
    if (!this.node) throw new TemplateExecError(`template: ${name}: ${message}`);
    const pos = this.node.pos;
    const before = this.bytes.subarray(0, pos);
    const lastNewline = before.lastIndexOf(10);
    const line = 1 + before.filter((b) => b === 10).length;
    const column = lastNewline < 0 ? pos : pos - (lastNewline + 1);
    throw new TemplateExecError(
      `template: ${name}:${line}:${column}: executing "${name}" at <${nodeString(this.node)}>: ${message}`,
    );
  }

  private at(node: Node): void {
    this.node = node;
  }

  // --- variables ---

  private push(name: string, value: Value): void {
    this.vars.push({ name, value });
  }

  private setVar(name: string, value: Value): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private varValue(name: string): Value {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  // --- walking ---

  private walk(dot: Value, node: Node): void {
    this.at(node);
    switch (node.kind) {
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, value);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const value = this.evalPipeline(dot, node.pipe);
        const [truth, ok] = isTrue(unbox(value));
        if (!ok) this.errorf(`if/with can't use ${sprint([plainOf(value)])}`);
        if (truth) this.walk(node.kind === 'with' ? value : dot, node.list);
        else if (node.elseList) this.walk(dot, node.elseList);
        this.vars.length = mark;
        return;
      }
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template': {
        const body = this.template.definitions.get(node.name);
        if (!body) this.errorf(`template ${JSON.stringify(node.name)} not defined`);
        const newDot = node.pipe ? this.evalPipeline(dot, node.pipe) : INVALID;
        const saved = this.vars;
        this.vars = [{ name: '$', value: newDot }];
        try {
          this.walk(newDot, body as ListNode);
        } finally {
          this.vars = saved;
        }
        return;
      }
      case 'text':
        this.out += node.text;
        return;
    }
    this.errorf(`unknown node: ${nodeString(node)}`);
  }

  private walkRange(dot: Value, r: RangeNode): void {
    this.at(r);
    const mark = this.vars.length;
    try {
      const val = unbox(this.evalPipeline(dot, r.pipe));
      const bodyMark = this.vars.length;
      const iterate = (index: Value, elem: Value) => {
        if (r.pipe.decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(r.pipe.decl[0], r.pipe.decl.length > 1 ? index : elem);
          else this.vars[this.vars.length - 1].value = elem;
        }
        if (r.pipe.decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(r.pipe.decl[1], elem);
          else this.vars[this.vars.length - 2].value = index;
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = bodyMark;
        }
      };
      const kind = kindOf(val);
      let ran = false;
      // Go 1.23 (kubectl 1.32.4's toolchain) cannot range over integers yet
      if (kind === 'slice') {
        const items = (val as { value: Plain[] }).value;
        items.forEach((item, i) => {
          ran = true;
          iterate(concrete(new GoNumber(i, 'int')), boxed(item));
        });
      } else if (kind === 'map') {
        const map = (val as { value: Record<string, Plain> }).value;
        for (const key of Object.keys(map).sort()) {
          ran = true;
          iterate(concrete(key), boxed(map[key]));
        }
      } else if (kind !== 'invalid') {
        this.errorf(`range can't iterate over ${sprint([plainOf(val)])}`);
      }
      if (!ran && r.elseList) this.walk(dot, r.elseList);
    } catch (e) {
      if (e !== BREAK) throw e;
    } finally {
      this.vars.length = mark;
    }
  }

  private printValue(node: Node, value: Value): void {
    this.at(node);
    this.out += value.invalid ? '<no value>' : sprint([value.value]);
  }

  // --- evaluation ---

  private evalPipeline(dot: Value, pipe: PipeNode): Value {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = unbox(this.evalCommand(dot, cmd, value));
    const result = value as Value;
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, result);
      else this.push(name, result);
    }
    return result;
  }

  private notAFunction(args: Operand[], final: Final): void {
    if (args.length > 1 || final !== MISSING)
      this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalCommand(dot: Value, cmd: CommandNode, final: Final): Value {
    const first = cmd.args[0];
    switch (first.kind) {
      case 'field':
        this.at(first);
        return this.evalFieldChain(dot, first.idents, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first.name, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return concrete(first.value);
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
        break;
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return concrete(first.text);
    }
    this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  private idealConstant(n: NumberNode): Value {
    this.at(n);
    const hex = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !hex && !n.text.startsWith("'") && /[.eEpP]/.test(n.text))
      return concrete(new GoNumber(n.float, 'float64'));
    if (n.isInt) return concrete(new GoNumber(Number(n.int), 'int'));
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return INVALID;
  }

  private evalChain(dot: Value, chain: ChainNode, args: Operand[], final: Final): Value {
    this.at(chain);
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, 'value', chain.node);
    return this.evalFieldChain(receiver, chain.fields, args, final);
  }

  private evalVariable(v: Operand & { kind: 'variable' }, args: Operand[], final: Final): Value {
    this.at(v);
    const value = this.varValue(v.idents[0]);
    if (v.idents.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(value, v.idents.slice(1), args, final);
  }

  private evalFieldChain(receiver: Value, idents: string[], args: Operand[], final: Final): Value {
    let r = receiver;
    for (let i = 0; i < idents.length - 1; i++) r = this.evalField(idents[i], [], MISSING, r);
    return this.evalField(idents[idents.length - 1], args, final, r);
  }

  private evalField(name: string, args: Operand[], final: Final, receiver: Value): Value {
    if (receiver.invalid) {
      if (this.options.missingKeyError) this.errorf(`nil data; no entry for key ${JSON.stringify(name)}`);
      return INVALID;
    }
    const type = typeName(receiver);
    const inner = unbox(receiver);
    if (inner.invalid) this.errorf(`nil pointer evaluating ${type}.${name}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (isMap(inner.value)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      const map = inner.value as Record<string, Plain>;
      if (Object.hasOwn(map, name) && map[name] !== undefined) return boxed(map[name]);
      if (this.options.missingKeyError) this.errorf(`map has no entry for key ${JSON.stringify(name)}`);
      return INVALID;
    }
    this.errorf(`can't evaluate field ${name} in type ${type}`);
  }

  private evalFunction(
    dot: Value,
    name: string,
    ident: Operand,
    cmd: Node,
    args: Operand[],
    final: Final,
  ): Value {
    this.at(ident);
    const fn = FUNCTIONS[name];
    if (!fn) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    const given = args.slice(1);
    const numIn = given.length + (final === MISSING ? 0 : 1);
    const fixed = fn.variadic ? fn.params.length - 1 : given.length;
    if (fn.variadic) {
      if (numIn < fixed)
        this.errorf(`wrong number of args for ${name}: want at least ${fixed} got ${given.length}`);
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    const paramAt = (i: number): ParamType => fn.params[Math.min(i, fn.params.length - 1)];
    if (name === 'and' || name === 'or') {
      let v: Value = INVALID;
      for (const arg of given) {
        v = this.evalArg(dot, 'value', arg);
        if (isTrue(unbox(v))[0] === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const argv = given.map((arg, i) => this.evalArg(dot, paramAt(i), arg));
    if (final !== MISSING) argv.push(this.validateType(final, paramAt(given.length)));
    try {
      return fn.call(argv);
    } catch (e) {
      if (!(e instanceof FuncError)) throw e;
      this.at(cmd);
      this.errorf(`error calling ${name}: ${e.message}`);
    }
  }

  private validateType(value: Value, type: ParamType): Value {
    if (value.invalid) {
      if (type === 'string') this.errorf('invalid value; expected string');
      return type === 'any' ? boxed(null) : INVALID;
    }
    if (type !== 'string') return value;
    const v = unbox(value);
    if (!v.invalid && typeof v.value === 'string') return v;
    this.errorf(`wrong type for value; expected string; got ${typeName(v.invalid ? value : v)}`);
  }

  private evalArg(dot: Value, type: ParamType, n: Operand): Value {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, type);
      case 'nil':
        if (type === 'string') this.errorf('cannot assign nil to string');
        return type === 'any' ? boxed(null) : INVALID;
      case 'field':
        return this.validateType(this.evalFieldChain(dot, n.idents, [n], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariable(n, [], MISSING), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n.name, n, n, [n], MISSING), type);
      case 'chain':
        return this.validateType(this.evalChain(dot, n, [], MISSING), type);
    }
    if (type === 'string') {
      if (n.kind === 'string') return concrete(n.text);
      this.errorf(`expected string; found ${nodeString(n)}`);
    }
    switch (n.kind) {
      case 'bool':
        return concrete(n.value);
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return concrete(n.text);
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }
}

function plainOf(v: Value): Plain | null {
  return v.invalid ? null : v.value;
}
