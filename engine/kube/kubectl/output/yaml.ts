// `kubectl -o yaml`: objects as sigs.k8s.io/yaml v1.4 prints them (JSON, re-read by go-yaml v2, marshalled with its key order and scalar styles).
import type { KubeObject } from '../../api/types.ts';
import { formatFloatG, isMap, presentKeys, wellFormed } from './go-values.ts';
import { listOf } from './json.ts';
import { emitDocument, type YamlNode } from './yaml-emitter.ts';
import { needsQuotingAsNonString } from './yaml-resolve.ts';

/**
 * One object as the YAML printer writes it (cli-runtime pkg/printers/yaml.go → yaml.Marshal →
 * json.Marshal then JSONToYAML): mapping keys in go-yaml's natural order, sequences flush with
 * their key, empty maps and lists as {} and [], strings quoted only when needed.
 */
export function toYaml(value: unknown): string {
  return emitDocument(toNode(value));
}

/** `kubectl get -o yaml` of zero or several objects: a v1 List (get.go printGeneric). */
export function toYamlList(objects: readonly KubeObject[]): string {
  return toYaml(listOf(objects));
}

/** Several PrintObj calls on one YAML printer: documents separated by `---` (yaml.go printCount). */
export function toYamlDocuments(objects: readonly unknown[]): string {
  return objects.map((o) => toYaml(o)).join('---\n');
}

/**
 * JSONToYAML failing: go-yaml's reader rejects characters outside YAML's printable set
 * (readerc.go), and encoding/json leaves DEL, the C1 controls and U+FFFE/U+FFFF unescaped,
 * so `kubectl -o yaml` of such a string prints "error: yaml: control characters are not allowed".
 */
export class YamlError extends Error {}

const UNREADABLE = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

function toNode(value: unknown): YamlNode {
  if (value === null || value === undefined) return plain('null');
  if (typeof value === 'boolean') return plain(String(value));
  if (typeof value === 'number') return Number.isFinite(value) ? plain(yamlNumber(value)) : plain('null');
  if (typeof value === 'string') return stringNode(value);
  if (Array.isArray(value)) return { kind: 'sequence', items: value.map((item) => toNode(item)) };
  if (isMap(value)) {
    const keys = presentKeys(value).sort(compareYamlKeys);
    return { kind: 'mapping', entries: keys.map((k) => [stringNode(k), toNode(value[k])]) };
  }
  return plain('null');
}

function plain(text: string): YamlNode & { kind: 'scalar' } {
  return { kind: 'scalar', text, style: 'plain' };
}

/**
 * encode.go stringv: text with a newline asks for literal style; text that would read back as
 * another type (bool, null, number, timestamp) asks for double quotes; the rest asks for plain.
 */
function stringNode(raw: string): YamlNode & { kind: 'scalar' } {
  const text = foldRawBreaks(wellFormed(raw));
  if (UNREADABLE.test(text)) throw new YamlError('yaml: control characters are not allowed');
  if (text.includes('\n')) return { kind: 'scalar', text, style: 'literal' };
  if (needsQuotingAsNonString(text)) return { kind: 'scalar', text, style: 'double' };
  return plain(text);
}

/**
 * encoding/json leaves NEL (U+0085) unescaped, and go-yaml's scanner reads a raw line break inside
 * the double-quoted JSON string as YAML line folding (scannerc.go scan_flow_scalar, read_line):
 * a run of spaces and NELs becomes one space for a single NEL, or n-1 newlines for n of them.
 */
function foldRawBreaks(text: string): string {
  if (!text.includes('\u0085')) return text;
  return text.replace(/[ \u0085]+/g, (run) => {
    const breaks = Array.from(run).filter((ch) => ch === '\u0085').length;
    if (breaks === 0) return run;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/**
 * A JSON number after go-yaml re-reads it: integer text that fits int64 or uint64 stays an
 * integer; anything else is a float64 printed with strconv 'g' (0.5, 1e+06, 1e+21).
 */
function yamlNumber(value: number): string {
  const text = String(value);
  if (/^-?\d+$/.test(text)) {
    const n = BigInt(text);
    if (n >= -(2n ** 63n) && n < 2n ** 64n) return n.toString();
  }
  return formatFloatG(value);
}

function isLetter(ch: string): boolean {
  if (ch < '\u0080') return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  return /\p{L}/u.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (ch < '\u0080') return ch >= '0' && ch <= '9';
  return /\p{Nd}/u.test(ch);
}

function compareYamlKeys(a: string, b: string): number {
  if (a === b) return 0;
  return yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0;
}

/**
 * go-yaml v2's map key order (sorter.go keyList.Less): compares rune by rune; at the first
 * difference letters sort after non-letters, two letters compare by code point, and runs of
 * digits compare as numbers ("a2" < "a10"), a longer run of leading zeros sorting later.
 * The relation is not transitive for keys mixing the two at one position ("9" < "10" < "1a" < "9"):
 * go-yaml then sorts Go's randomly ordered map keys into a random order, and kubectl's output
 * varies from run to run; this gives one of those orders.
 */
export function yamlKeyLess(a: string, b: string): boolean {
  // Plain keys mostly differ at an ASCII letter: settle those without splitting into runes.
  const quick = quickLess(a, b);
  if (quick !== null) return quick;
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < x.length && i < y.length; i++) {
    if (x[i] === y[i]) continue;
    const xLetter = isLetter(x[i]);
    const yLetter = isLetter(y[i]);
    if (xLetter && yLetter) return x[i].codePointAt(0)! < y[i].codePointAt(0)!;
    if (xLetter || yLetter) return yLetter;
    let xNumber = 0n;
    let yNumber = 0n;
    if (x[i] === '0' || y[i] === '0') {
      // A zero continuing a number that already has a non-zero digit counts as significant.
      for (let j = i - 1; j >= 0 && isDigit(x[j]); j--) {
        if (x[j] !== '0') {
          xNumber = 1n;
          yNumber = 1n;
          break;
        }
      }
    }
    let xi = i;
    for (; xi < x.length && isDigit(x[xi]); xi++) {
      xNumber = BigInt.asIntN(64, xNumber * 10n + BigInt(x[xi].codePointAt(0)! - 0x30));
    }
    let yi = i;
    for (; yi < y.length && isDigit(y[yi]); yi++) {
      yNumber = BigInt.asIntN(64, yNumber * 10n + BigInt(y[yi].codePointAt(0)! - 0x30));
    }
    if (xNumber !== yNumber) return xNumber < yNumber;
    if (xi !== yi) return xi < yi;
    return x[i].codePointAt(0)! < y[i].codePointAt(0)!;
  }
  return x.length < y.length;
}

/** The answer of yamlKeyLess when the first difference is between two ASCII letters after an ASCII prefix, else null. */
function quickLess(a: string, b: string): boolean | null {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i) && a.charCodeAt(i) < 0x80) i++;
  if (i === n) return a.length === b.length || a.charCodeAt(i - 1) >= 0x80 ? null : a.length < b.length;
  const x = a[i];
  const y = b[i];
  if (x >= '\u0080' || y >= '\u0080' || !isLetter(x) || !isLetter(y)) return null;
  return x < y;
}
