// Go's reflect view of the decoded JSON a template runs over: concrete values, interface{} boxes, invalid values, type names and truth.
import { GoNumber, isMap, numericType } from '../go-values.ts';

/** A decoded JSON value or a template-made one (GoNumber for int / float64 / uint8 results). */
export type Plain = string | boolean | number | GoNumber | null | Plain[] | { [key: string]: Plain };

/**
 * reflect.Value as the executor sees it: `invalid` is the zero Value (a missing map key);
 * `boxed` marks a value whose static type is interface{} (read out of a map or slice of
 * interface{}); a boxed null is a nil interface.
 */
export type Value = { invalid: true } | { invalid?: false; value: Plain; boxed: boolean };

export const INVALID: Value = { invalid: true };

export function concrete(value: Plain): Value {
  return { value, boxed: false };
}

export function boxed(value: Plain): Value {
  return { value, boxed: true };
}

/** reflect Elem of an interface{}: the concrete value inside, or the zero Value for nil. */
export function unbox(v: Value): Value {
  if (v.invalid || !v.boxed) return v;
  return v.value === null ? INVALID : concrete(v.value);
}

export type Kind = 'invalid' | 'interface' | 'string' | 'bool' | 'int' | 'uint' | 'float' | 'slice' | 'map';

/** Data numbers decode as int64 when integral (apimachinery util/json convertNumber), else float64. */
export function numberType(n: number | GoNumber): 'int' | 'int64' | 'float64' | 'uint8' {
  return numericType(n, 'unstructured');
}

export function kindOfPlain(p: Plain): Kind {
  if (p === null) return 'interface';
  if (typeof p === 'string') return 'string';
  if (typeof p === 'boolean') return 'bool';
  if (typeof p === 'number' || p instanceof GoNumber) {
    const t = numberType(p);
    return t === 'float64' ? 'float' : t === 'uint8' ? 'uint' : 'int';
  }
  if (Array.isArray(p)) return 'slice';
  return 'map';
}

export function kindOf(v: Value): Kind {
  if (v.invalid) return 'invalid';
  if (v.boxed) return 'interface';
  return kindOfPlain(v.value);
}

export function typeNameOfPlain(p: Plain): string {
  if (p === null) return 'interface {}';
  if (typeof p === 'string') return 'string';
  if (typeof p === 'boolean') return 'bool';
  if (typeof p === 'number' || p instanceof GoNumber) return numberType(p);
  if (Array.isArray(p)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** reflect.Type.String() of a valid value. */
export function typeName(v: Value): string {
  if (v.invalid) return '<nil>';
  return v.boxed ? 'interface {}' : typeNameOfPlain(v.value);
}

export function numberValue(p: number | GoNumber): number {
  return p instanceof GoNumber ? p.value : p;
}

/** exec.go isTrue: the truth of a value and whether it has one. */
export function isTrue(v: Value): [boolean, boolean] {
  if (v.invalid) return [false, true];
  if (v.boxed) return [v.value !== null, true];
  const p = v.value;
  if (p === null) return [false, true];
  if (typeof p === 'string') return [p.length > 0, true];
  if (typeof p === 'boolean') return [p, true];
  if (typeof p === 'number' || p instanceof GoNumber) return [numberValue(p) !== 0, true];
  if (Array.isArray(p)) return [p.length > 0, true];
  if (isMap(p)) return [Object.keys(p).length > 0, true];
  return [false, false];
}
