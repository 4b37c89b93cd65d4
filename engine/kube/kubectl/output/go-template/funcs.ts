// The functions a kubectl go-template can call: text/template's builtins (funcs.go) and cli-runtime's exists and base64decode (printers/template.go, jsonpath.go).
import { GoNumber, isMap } from '../go-values.ts';
import { type FmtArg, sprint, sprintf, sprintln } from './fmt.ts';
import {
  boxed,
  concrete,
  INVALID,
  isTrue,
  kindOf,
  numberValue,
  type Plain,
  typeName,
  unbox,
  type Value,
} from './values.ts';

/** A function's own error; the executor reports it as `error calling NAME: MESSAGE`. */
export class FuncError extends Error {}

/** How an argument is passed: as a reflect.Value, as interface{}, or as a Go string. */
export type ParamType = 'value' | 'any' | 'string';

export interface TemplateFunc {
  params: ParamType[];
  /** the last parameter is variadic */
  variadic: boolean;
  call(args: Value[]): Value;
}

function fn(params: ParamType[], variadic: boolean, call: (args: Value[]) => Value): TemplateFunc {
  return { params, variadic, call };
}

/** interface{} arguments as fmt sees them (nil interface → undefined). */
function fmtArgs(args: Value[]): FmtArg[] {
  return args.map((a) => {
    const v = unbox(a);
    return v.invalid ? undefined : v.value;
  });
}

function str(v: Value): string {
  return v.invalid ? '' : String(v.value);
}

const text = (s: string): Value => concrete(s);
const bool = (b: boolean): Value => concrete(b);

function indexArg(index: Value, length: number): number {
  const k = kindOf(index);
  if (k === 'invalid') throw new FuncError('cannot index slice/array with nil');
  if (k !== 'int' && k !== 'uint')
    throw new FuncError(`cannot index slice/array with type ${typeName(index)}`);
  const x = numberValue((index as { value: number | GoNumber }).value);
  if (x < 0 || x > length) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function index(args: Value[]): Value {
  let item = unbox(args[0]);
  if (item.invalid) throw new FuncError('index of untyped nil');
  for (const raw of args.slice(1)) {
    const idx = unbox(raw);
    item = unbox(item);
    if (item.invalid) throw new FuncError('index of nil pointer');
    const p = item.value;
    if (typeof p === 'string') {
      const bytes = new TextEncoder().encode(p);
      const x = indexArg(idx, bytes.length);
      if (x === bytes.length) throw new FuncError(`index out of range: ${x}`);
      item = concrete(new GoNumber(bytes[x], 'uint8'));
    } else if (Array.isArray(p)) {
      const x = indexArg(idx, p.length);
      if (x === p.length) throw new FuncError(`index out of range: ${x}`);
      item = boxed(p[x]);
    } else if (isMap(p)) {
      if (idx.invalid) throw new FuncError('value is nil; should be of type string');
      if (typeof idx.value !== 'string')
        throw new FuncError(`value has type ${typeName(idx)}; should be string`);
      const found = (p as Record<string, Plain>)[idx.value];
      item = boxed(found === undefined ? null : found);
    } else {
      throw new FuncError(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function length(args: Value[]): Value {
  const a = args[0];
  if (a.invalid) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  const v = unbox(a);
  if (v.invalid) throw new FuncError('len of nil pointer');
  const p = v.value;
  let n: number;
  if (typeof p === 'string') n = new TextEncoder().encode(p).length;
  else if (Array.isArray(p)) n = p.length;
  else if (isMap(p)) n = Object.keys(p).length;
  else throw new FuncError(`len of type ${typeName(v)}`);
  return concrete(new GoNumber(n, 'int'));
}

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid';

function basicKind(v: Value): BasicKind {
  const k = kindOf(v);
  return k === 'bool' || k === 'int' || k === 'uint' || k === 'float' || k === 'string' ? k : 'invalid';
}

function prim(v: Value): string | number | boolean {
  const p = (v as { value: Plain }).value;
  return typeof p === 'number' || p instanceof GoNumber ? numberValue(p) : (p as string | boolean);
}

function eq(args: Value[]): Value {
  const a = unbox(args[0]);
  if (args.length < 2) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const raw of args.slice(1)) {
    const b = unbox(raw);
    const k2 = basicKind(b);
    let truth = false;
    const integers = (k1 === 'int' || k1 === 'uint') && (k2 === 'int' || k2 === 'uint');
    if (k1 !== k2 && !integers) {
      if (!a.invalid && !b.invalid) throw new FuncError('incompatible types for comparison');
    } else if (k1 === 'invalid') {
      if (!a.invalid && !b.invalid)
        throw new FuncError(`non-comparable type ${sprint(fmtArgs([b]))}: ${typeName(b)}`);
      truth = a.invalid === b.invalid;
    } else {
      truth = prim(a) === prim(b);
    }
    if (truth) return bool(true);
  }
  return bool(false);
}

function lt(args: Value[]): boolean {
  const a = unbox(args[0]);
  const b = unbox(args[1]);
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new FuncError('invalid type for comparison');
  const integers = (k1 === 'int' || k1 === 'uint') && (k2 === 'int' || k2 === 'uint');
  if (k1 !== k2 && !integers) throw new FuncError('incompatible types for comparison');
  if (k1 === 'bool') throw new FuncError('invalid type for comparison');
  return prim(a) < prim(b);
}

const le = (args: Value[]) => lt(args) || (eq(args) as { value: boolean }).value;

/** encoding/base64 StdEncoding.DecodeString, strict about padding, with its CorruptInputError offset. */
function base64decode(args: Value[]): Value {
  const input = str(args[0]);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes: number[] = [];
  let quantum: number[] = [];
  let quantumStart = 0;
  const fail = (at: number): never => {
    throw new FuncError(`base64 decode failed: illegal base64 data at input byte ${at}`);
  };
  const skipNewlines = (from: number): number => {
    let at = from;
    while (at < input.length && (input[at] === '\n' || input[at] === '\r')) at++;
    return at;
  };
  let i = 0;
  for (; i < input.length; i++) {
    const c = input[i];
    if (c === '\n' || c === '\r') continue;
    if (c === '=') break;
    const d = alphabet.indexOf(c);
    if (d < 0) fail(i);
    if (quantum.length === 0) quantumStart = i;
    quantum.push(d);
    if (quantum.length === 4) {
      bytes.push(
        (quantum[0] << 2) | (quantum[1] >> 4),
        ((quantum[1] & 15) << 4) | (quantum[2] >> 2),
        ((quantum[2] & 3) << 6) | quantum[3],
      );
      quantum = [];
    }
  }
  if (i < input.length) {
    // decodeQuantum's padding rules: "==" after two symbols, "=" after three, then only newlines
    if (quantum.length < 2) fail(i);
    let at = i + 1;
    if (quantum.length === 2) {
      at = skipNewlines(at);
      if (at === input.length) fail(input.length);
      if (input[at] !== '=') fail(at - 1);
      at++;
    }
    at = skipNewlines(at);
    if (at < input.length) fail(at);
  } else if (quantum.length > 0) {
    // input ended inside a quantum with no padding
    fail(quantumStart);
  }
  if (quantum.length >= 2) bytes.push((quantum[0] << 2) | (quantum[1] >> 4));
  if (quantum.length === 3) bytes.push(((quantum[1] & 15) << 4) | (quantum[2] >> 2));
  return text(new TextDecoder().decode(Uint8Array.from(bytes)));
}

/** cli-runtime printers/jsonpath.go exists: whether `index` would find something non-nil. */
function exists(args: Value[]): Value {
  let v = args[0];
  for (const raw of args.slice(1)) {
    const idx = unbox(raw);
    v = unbox(v);
    if (v.invalid) return bool(false);
    const p = v.value;
    if (typeof p === 'string' || Array.isArray(p)) {
      const k = kindOf(idx);
      if (k !== 'int' && k !== 'uint') return bool(false);
      const x = numberValue((idx as { value: number | GoNumber }).value);
      const len = typeof p === 'string' ? new TextEncoder().encode(p).length : p.length;
      if (x < 0 || x >= len) return bool(false);
      v = typeof p === 'string' ? concrete(new GoNumber(0, 'uint8')) : boxed(p[x]);
    } else if (isMap(p)) {
      const key = idx.invalid ? '' : idx.value;
      if (typeof key !== 'string') return bool(false);
      const found = (p as Record<string, Plain>)[key];
      v = boxed(found === undefined ? null : found);
    } else return bool(false);
  }
  return bool(!unbox(v).invalid);
}

function htmlEscape(s: string): string {
  return s.replace(
    /[\0"'&<>]/g,
    (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!,
  );
}

/** net/url QueryEscape. */
function queryEscape(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** funcs.go evalArgs: the single string as is, or fmt.Sprint of the operands. */
function evalArgs(args: Value[]): string {
  const a = fmtArgs(args);
  return a.length === 1 && typeof a[0] === 'string' ? a[0] : sprint(a);
}

export const FUNCTIONS: Record<string, TemplateFunc> = {
  // and / or are evaluated lazily by the executor; these entries give their signatures
  and: fn(['value', 'value'], true, (a) => a[a.length - 1]),
  or: fn(['value', 'value'], true, (a) => a[a.length - 1]),
  not: fn(['value'], false, (a) => bool(!isTrue(unbox(a[0]))[0])),
  index: fn(['value', 'value'], true, index),
  len: fn(['value'], false, length),
  print: fn(['any'], true, (a) => text(sprint(fmtArgs(a)))),
  printf: fn(['string', 'any'], true, (a) => text(sprintf(str(a[0]), fmtArgs(a.slice(1))))),
  println: fn(['any'], true, (a) => text(sprintln(fmtArgs(a)))),
  html: fn(['any'], true, (a) => text(htmlEscape(evalArgs(a)))),
  urlquery: fn(['any'], true, (a) => text(queryEscape(evalArgs(a)))),
  eq: fn(['value', 'value'], true, eq),
  ne: fn(['value', 'value'], false, (a) => bool(!(eq(a) as { value: boolean }).value)),
  lt: fn(['value', 'value'], false, (a) => bool(lt(a))),
  le: fn(['value', 'value'], false, (a) => bool(le(a))),
  gt: fn(['value', 'value'], false, (a) => bool(!le(a))),
  ge: fn(['value', 'value'], false, (a) => bool(!lt(a))),
  exists: fn(['any', 'any'], true, exists),
  base64decode: fn(['string'], false, base64decode),
};

export const FUNCTION_NAMES: ReadonlySet<string> = new Set(Object.keys(FUNCTIONS));

export { INVALID };
