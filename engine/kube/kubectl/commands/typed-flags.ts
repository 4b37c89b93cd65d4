// Typed flag values as pflag parses them (int64, bool, time.Duration), failing with pflag's
// `invalid argument "V" for "--NAME" flag: ...` as cobra prints it ("Error: ..." and the
// command's usage hint).

import { KubectlError } from '../context.ts';
import { type ParsedFlags, str } from '../flags.ts';
import { parseGoDuration } from '../patch/drain.ts';

function invalid(command: string, name: string, value: string, why: string): KubectlError {
  return new KubectlError(
    `Error: invalid argument "${value}" for "--${name}" flag: ${why}\nSee 'kubectl ${command} --help' for usage.`,
  );
}

/** An int/int64 flag (strconv.ParseInt base 0 accepts decimal digits with a sign). */
export function intFlag(flags: ParsedFlags, command: string, name: string, fallback: number): number {
  const value = str(flags, name);
  if (value === undefined) return fallback;
  if (!/^[+-]?\d+$/.test(value))
    throw invalid(command, name, value, `strconv.ParseInt: parsing "${value}": invalid syntax`);
  return Number(value);
}

/** A bool flag: strconv.ParseBool's spellings. */
export function boolFlag(flags: ParsedFlags, command: string, name: string): boolean {
  const value = str(flags, name);
  if (value === undefined) return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw invalid(command, name, value, `strconv.ParseBool: parsing "${value}": invalid syntax`);
}

/** A time.Duration flag in ms (a sign allowed, as time.ParseDuration allows it). */
export function durationFlag(flags: ParsedFlags, command: string, name: string, fallback: number): number {
  const value = str(flags, name);
  if (value === undefined) return fallback;
  const sign = value.startsWith('-') ? -1 : 1;
  const ms = parseGoDuration(value.replace(/^[+-]/, ''));
  if (ms === undefined) throw invalid(command, name, value, `time: invalid duration "${value}"`);
  return sign * ms;
}

/** time.RFC3339's chunks: the literal before each field, the field, how many digits. */
const RFC3339_CHUNKS: Array<[string, string, number]> = [
  ['', '2006', 4],
  ['-', '01', 2],
  ['-', '02', 2],
  ['T', '15', 2],
  [':', '04', 2],
  [':', '05', 2],
];
const RFC3339_LAYOUT = '2006-01-02T15:04:05Z07:00';

/**
 * kubectl util.ParseRFC3339 (time.Parse with RFC3339Nano, then RFC3339): ms since the epoch,
 * or time.ParseError's text for the RFC3339 layout.
 */
export function parseRFC3339(value: string): number {
  const fail = (rest: string, element: string) =>
    new KubectlError(
      `error: parsing time "${value}" as "${RFC3339_LAYOUT}": cannot parse "${rest}" as "${element}"`,
    );
  let rest = value;
  const fields: number[] = [];
  for (const [literal, element, digits] of RFC3339_CHUNKS) {
    if (!rest.startsWith(literal)) throw fail(rest, literal);
    rest = rest.slice(literal.length);
    const m = new RegExp(`^\\d{${digits}}`).exec(rest);
    if (!m) throw fail(rest, element);
    fields.push(Number(m[0]));
    rest = rest.slice(digits);
  }
  // fractional seconds may follow the seconds even when the layout has none
  const fraction = /^[.,]\d+/.exec(rest)?.[0] ?? '';
  rest = rest.slice(fraction.length);
  let offsetMin = 0;
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else {
    const zone = /^([+-])(\d\d):(\d\d)/.exec(rest);
    if (!zone) throw fail(rest, 'Z07:00');
    offsetMin = (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]));
    rest = rest.slice(6);
  }
  if (rest) throw new KubectlError(`error: parsing time "${value}": extra text: "${rest}"`);
  const [year, month, day, hour, minute, second] = fields;
  const ranges: Array<[string, boolean]> = [
    ['month', month >= 1 && month <= 12],
    ['day', day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()],
    ['hour', hour < 24],
    ['minute', minute < 60],
    ['second', second < 60],
  ];
  const bad = ranges.find(([, ok]) => !ok);
  if (bad) throw new KubectlError(`error: parsing time "${value}": ${bad[0]} out of range`);
  const ms =
    Date.UTC(year, month - 1, day, hour, minute, second) +
    Math.floor(Number(`0${fraction.replace(',', '.')}`) * 1000);
  return ms - offsetMin * 60_000;
}
