// go-yaml v2's implicit typing (sigs.k8s.io/yaml goyaml.v2 resolve.go): which plain scalars would read back as something other than a string.

/** YAML 1.1 words resolve.go maps to bool, null, float specials and the merge key. */
const RESERVED = new Set([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'],
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'],
  ...['', '~', 'null', 'Null', 'NULL'],
  ...['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF'],
  '<<',
]);

/** resolveTable's hint for a first byte: sign, digit, map word, dot; anything else is always a string. */
function hint(first: string): 'S' | 'D' | 'M' | '.' | null {
  if (first === '+' || first === '-') return 'S';
  if (first >= '0' && first <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(first)) return 'M';
  if (first === '.') return '.';
  return null;
}

/**
 * True when go-yaml would not read `text`, written plain, back as the same string: the encoder
 * (encode.go stringv) then double-quotes it. Covers YAML 1.1 booleans (yes/no/on/off/y/n),
 * nulls, ints in any Go base syntax, floats, timestamps and base-60 numbers.
 */
export function needsQuotingAsNonString(text: string): boolean {
  if (resolvesToNonString(text)) return true;
  return isBase60Float(text);
}

function resolvesToNonString(text: string): boolean {
  const kind = text === '' ? 'N' : hint(text[0]);
  if (kind === null) return false;
  if (RESERVED.has(text)) return true;
  if (kind === '.') return parseGoFloat(text) !== null;
  if (kind === 'M' || kind === 'N') return false;
  if (isTimestamp(text)) return true;
  const plain = text.replaceAll('_', '');
  if (parseGoInt(plain) !== null) return true;
  // The 0b/-0b fallbacks after this in resolve.go accept nothing ParseInt/ParseUint rejected.
  return /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain) && parseGoFloat(plain) !== null;
}

/** strconv.ParseInt(s, 0, 64), falling back to ParseUint(s, 0, 64) as resolve.go does. */
function parseGoInt(text: string): bigint | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return null;
  const body = m[2];
  let magnitude: bigint;
  if (/^0[oO]/.test(body)) magnitude = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) magnitude = BigInt(`0o${body.slice(1)}`);
  else magnitude = BigInt(body);
  const value = m[1] === '-' ? -magnitude : magnitude;
  if (value >= -(2n ** 63n) && value < 2n ** 63n) return value;
  if (m[1] === '' && value < 2n ** 64n) return value;
  return null;
}

/** strconv.ParseFloat(s, 64) for decimal text: fails on syntax errors and on overflow to ±Inf. */
function parseGoFloat(text: string): number | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** encode.go isBase60Float: YAML 1.1 sexagesimal numbers such as 1:20 or -3:25:45.5. */
function isBase60Float(text: string): boolean {
  if (text === '' || !/^[-+0-9]/.test(text) || !text.includes(':')) return false;
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(text);
}

/**
 * resolve.go parseTimestamp: four digits and '-', then one of the layouts
 * 2006-1-2T15:4:5.999999999Z07:00 (T or t), "2006-1-2 15:4:5.999999999" or 2006-1-2,
 * with Go time.Parse's field ranges (month 1-12, a day the month has, hour < 24, minute and
 * second < 60, zone Z or ±hh:mm).
 */
function isTimestamp(text: string): boolean {
  if (!/^\d{4}-/.test(text)) return false;
  const date = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/s.exec(text);
  if (!date) return false;
  const [, year, month, day, rest] = date;
  if (!validDate(Number(year), Number(month), Number(day))) return false;
  if (rest === '') return true;
  const time = /^([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?(.*)$/s.exec(rest);
  if (!time) return false;
  const [, separator, hour, minute, second, , zone] = time;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return false;
  if (separator === ' ') return zone === '';
  if (zone === 'Z') return true;
  const offset = /^[+-](\d\d):(\d\d)$/.exec(zone);
  return offset !== null && Number(offset[1]) <= 24 && Number(offset[2]) <= 60;
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}
