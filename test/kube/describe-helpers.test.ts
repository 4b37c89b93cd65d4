// The Go library behaviour kubectl describe rests on, checked against the Go projects' own tests:
// text/tabwriter (tabwriter_test.go), resource.Quantity (quantity_test.go), HumanDuration
// (duration_test.go) and camelcase splitting (fatih/camelcase README examples).
import { describe, expect, it } from 'vitest';
import { smartLabelFor, splitCamelCase } from '../../engine/kube/describe/generic.ts';
import { goFloat, goQuote } from '../../engine/kube/describe/gofmt.ts';
import { goSort } from '../../engine/kube/describe/gosort.ts';
import { Quantity, type QuantityFormat } from '../../engine/kube/describe/quantity.ts';
import {
  ALIGN_RIGHT,
  DEBUG,
  DISCARD_EMPTY_COLUMNS,
  FILTER_HTML,
  TabWriter,
} from '../../engine/kube/describe/tabwriter.ts';
import {
  formatGoTimeString,
  formatRFC1123Z,
  humanDuration,
  parseGoTime,
} from '../../engine/kube/describe/time.ts';

// src/text/tabwriter/tabwriter_test.go `tests` (the cases without the 0xff Escape byte).
const TABWRITER_CASES: [string, number, number, number, string, number, string, string][] = [
  ['1a', 8, 0, 1, '.', 0, '', ''],
  ['1a debug', 8, 0, 1, '.', DEBUG, '', ''],
  ['2', 8, 0, 1, '.', 0, '\n\n\n', '\n\n\n'],
  ['3', 8, 0, 1, '.', 0, 'a\nb\nc', 'a\nb\nc'],
  ['4a', 8, 0, 1, '.', 0, '\t', ''],
  ['4b', 8, 0, 1, '.', ALIGN_RIGHT, '\t', ''],
  ['5', 8, 0, 1, '.', 0, '*\t*', '*.......*'],
  ['5b', 8, 0, 1, '.', 0, '*\t*\n', '*.......*\n'],
  ['5c', 8, 0, 1, '.', 0, '*\t*\t', '*.......*'],
  ['5c debug', 8, 0, 1, '.', DEBUG, '*\t*\t', '*.......|*'],
  ['5d', 8, 0, 1, '.', ALIGN_RIGHT, '*\t*\t', '.......**'],
  ['6', 8, 0, 1, '.', 0, '\t\n', '........\n'],
  ['7a', 8, 0, 1, '.', 0, 'a) foo', 'a) foo'],
  ['7b', 8, 0, 1, ' ', 0, 'b) foo\tbar', 'b) foo  bar'],
  ['7c', 8, 0, 1, '.', 0, 'c) foo\tbar\t', 'c) foo..bar'],
  ['7d', 8, 0, 1, '.', 0, 'd) foo\tbar\n', 'd) foo..bar\n'],
  ['7e', 8, 0, 1, '.', 0, 'e) foo\tbar\t\n', 'e) foo..bar.....\n'],
  ['7f', 8, 0, 1, '.', FILTER_HTML, 'f) f&lt;o\t<b>bar</b>\t\n', 'f) f&lt;o..<b>bar</b>.....\n'],
  [
    '7g',
    8,
    0,
    1,
    '.',
    FILTER_HTML,
    'g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp',
    'g) f&lt;o..<b>bar</b>..... non-terminated entity &amp',
  ],
  [
    '7g debug',
    8,
    0,
    1,
    '.',
    FILTER_HTML | DEBUG,
    'g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp',
    'g) f&lt;o..|<b>bar</b>.....| non-terminated entity &amp',
  ],
  ['8', 8, 0, 1, '*', 0, 'Hello, world!\n', 'Hello, world!\n'],
  ['9a', 1, 0, 0, '.', 0, '1\t2\t3\t4\n11\t222\t3333\t44444\n', '1.2..3...4\n11222333344444\n'],
  [
    '9b',
    1,
    0,
    0,
    '.',
    FILTER_HTML,
    '1\t2<!---\f--->\t3\t4\n11\t222\t3333\t44444\n',
    '1.2<!---\f--->..3...4\n11222333344444\n',
  ],
  ['9c', 1, 0, 0, '.', 0, '1\t2\t3\t4\f11\t222\t3333\t44444\n', '1234\n11222333344444\n'],
  [
    '9c debug',
    1,
    0,
    0,
    '.',
    DEBUG,
    '1\t2\t3\t4\f11\t222\t3333\t44444\n',
    '1|2|3|4\n---\n11|222|3333|44444\n',
  ],
  ['10a', 5, 0, 0, '.', 0, '1\t2\t3\t4\n', '1....2....3....4\n'],
  ['10b', 5, 0, 0, '.', 0, '1\t2\t3\t4\t\n', '1....2....3....4....\n'],
  [
    '11',
    8,
    0,
    1,
    '.',
    0,
    '本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n',
    '本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n',
  ],
  [
    '12a',
    8,
    0,
    1,
    ' ',
    ALIGN_RIGHT,
    'a\tè\tc\t\naa\tèèè\tcccc\tddddd\t\naaa\tèèèè\t\n',
    '       a       è       c\n      aa     èèè    cccc   ddddd\n     aaa    èèèè\n',
  ],
  ['12b', 2, 0, 0, ' ', 0, 'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n', 'a  b  c\naa bbbcccc\naaabbbb\n'],
  [
    '12c',
    8,
    0,
    1,
    '_',
    0,
    'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n',
    'a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n',
  ],
  [
    '13a',
    4,
    0,
    1,
    '-',
    0,
    '4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n',
  ],
  [
    '13b',
    4,
    0,
    3,
    '.',
    0,
    '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n',
  ],
  [
    '13c',
    8,
    8,
    1,
    '\t',
    FILTER_HTML,
    '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n',
    '4444\t\t333\t22\t1\t333\n999999999\t22\n7\t\t22\n\t\t\t\t88888888\n\n666666\t666666\t666666\t\t4444\n1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n',
  ],
  [
    '14',
    1,
    0,
    2,
    ' ',
    ALIGN_RIGHT,
    '.0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t',
    '    .0          .3    2.4    -5.1\n  23.0  12345678.9    2.4  -989.4\n   5.1        12.0    2.4    -7.0\n    .0         0.0  332.0  8908.0\n    .0         -.3  456.4    22.1\n    .0         1.2   44.4   -13.3',
  ],
  ['15a', 4, 0, 0, '.', 0, 'a\t\tb', 'a.......b'],
  ['15b', 4, 0, 0, '.', DISCARD_EMPTY_COLUMNS, 'a\t\tb', 'a.......b'],
  ['15c', 4, 0, 0, '.', DISCARD_EMPTY_COLUMNS, 'a\v\vb', 'a...b'],
  ['15d', 4, 0, 0, '.', ALIGN_RIGHT | DISCARD_EMPTY_COLUMNS, 'a\v\vb', '...ab'],
  [
    '16a',
    100,
    100,
    0,
    '\t',
    0,
    'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
    'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
  ],
  [
    '16b',
    100,
    100,
    0,
    '\t',
    DISCARD_EMPTY_COLUMNS,
    'a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n',
    'a\tb\td\na\tb\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
  ],
  [
    '16b debug',
    100,
    100,
    0,
    '\t',
    DISCARD_EMPTY_COLUMNS | DEBUG,
    'a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n',
    'a\t|b\t||d\na\t|b\t||d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n',
  ],
  [
    '16c debug',
    100,
    100,
    0,
    '\t',
    DISCARD_EMPTY_COLUMNS | DEBUG,
    'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
    'a\t|b\t|\t|d\na\t|b\t|\t|d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n',
  ],
];

describe('tabwriter (Go text/tabwriter tests)', () => {
  for (const [name, minwidth, tabwidth, padding, padchar, flags, src, expected] of TABWRITER_CASES) {
    it(`${name}, written at once and one character at a time`, () => {
      const whole = new TabWriter(minwidth, tabwidth, padding, padchar, flags);
      whole.write(src);
      whole.flush();
      expect(whole.output()).toBe(expected);
      const bytewise = new TabWriter(minwidth, tabwidth, padding, padchar, flags);
      for (const ch of src) bytewise.write(ch);
      bytewise.flush();
      expect(bytewise.output()).toBe(expected);
    });
  }
});

describe('resource.Quantity', () => {
  // quantity_test.go TestQuantityParseEmit
  it.each([
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
  ])('parses %s and emits %s', (input, canonical) => {
    expect(String(Quantity.parse(input))).toBe(canonical);
    expect(String(Quantity.parse(`-${input}`))).toBe(`-${canonical}`);
  });

  // quantity_test.go TestQuantityString: value x 10^scale in a format, and an alternate spelling
  const strings: [number, number, QuantityFormat, string, string][] = [
    [1024 * 1024 * 1024, 0, 'BinarySI', '1Gi', '1024Mi'],
    [300 * 1024 * 1024, 0, 'BinarySI', '300Mi', '307200Ki'],
    [6 * 1024, 0, 'BinarySI', '6Ki', ''],
    [1001 * 1024 * 1024 * 1024, 0, 'BinarySI', '1001Gi', '1025024Mi'],
    [1024 * 1024 * 1024 * 1024, 0, 'BinarySI', '1Ti', '1024Gi'],
    [5, 0, 'BinarySI', '5', '5000m'],
    [500, -3, 'BinarySI', '500m', '0.5'],
    [1, 9, 'DecimalSI', '1G', '1000M'],
    [1000, 6, 'DecimalSI', '1G', '0.001T'],
    [1, -3, 'DecimalSI', '1m', '1000u'],
    [80, -3, 'DecimalSI', '80m', ''],
    [1080, -3, 'DecimalSI', '1080m', '1.08'],
    [108, -2, 'DecimalSI', '1080m', '1080000000n'],
    [10800, -4, 'DecimalSI', '1080m', ''],
    [1234567, -3, 'BinarySI', '1234567m', ''],
    [1025, 0, 'BinarySI', '1025', ''],
    [0, 0, 'DecimalSI', '0', ''],
    [1, 9, 'DecimalExponent', '1e9', '.001e12'],
    [1, -3, 'DecimalExponent', '1e-3', '0.001e0'],
    [80, -3, 'DecimalExponent', '80e-3', ''],
    [10800, -10, 'DecimalSI', '1080n', ''],
    [1080, -6, 'DecimalSI', '1080u', ''],
  ];
  it.each(strings)('%d e%d %s prints %s (alternate %s)', (value, scale, format, canonical, alternate) => {
    expect(String(new Quantity({ unscaled: BigInt(value), exp: scale }, format))).toBe(canonical);
    expect(String(Quantity.parse(canonical))).toBe(canonical);
    if (alternate) expect(String(Quantity.parse(alternate))).toBe(canonical);
  });

  it('adds exactly, keeping the first non-zero format (TestGetPodsTotalRequests sums)', () => {
    const cpu = ['1', '90m', '60m', '34m'].map((s) => Quantity.parse(s)).reduce((a, b) => a.add(b));
    expect(String(cpu)).toBe('1184m');
    const mem = ['300Mi', '120Mi', '43Mi', '83Mi'].map((s) => Quantity.parse(s)).reduce((a, b) => a.add(b));
    expect(String(mem)).toBe('546Mi');
    const storage = ['1G', '200M', '500M', '700M'].map((s) => Quantity.parse(s)).reduce((a, b) => a.add(b));
    expect(String(storage)).toBe('2400M');
    expect(Quantity.zero().add(Quantity.parse('1Gi')).format).toBe('BinarySI');
  });

  it('rounds Value and MilliValue up (TestScaledValue)', () => {
    expect(Quantity.parse('1.5').intValue()).toBe(2n);
    expect(Quantity.parse('100m').milliValue()).toBe(100n);
    expect(Quantity.parse('1Gi').intValue()).toBe(1073741824n);
    expect(Quantity.parse('1n').milliValue()).toBe(1n);
  });
});

describe('duration.HumanDuration (duration_test.go)', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  it.each([
    [s, '1s'],
    [70 * s, '70s'],
    [190 * s, '3m10s'],
    [70 * m, '70m'],
    [47 * h, '47h'],
    [49 * h, '2d1h'],
    [(8 * 24 + 2) * h, '8d'],
    [367 * d, '367d'],
    [(365 * 2 * 24 + 25) * h, '2y1d'],
    [(365 * 8 * 24 + 2) * h, '8y'],
    // TestHumanDurationBoundaries
    [-2 * s, '<invalid>'],
    [-2 * s + 1, '0s'],
    [0, '0s'],
    [s - 1, '0s'],
    [2 * m - 1, '119s'],
    [2 * m, '2m'],
    [2 * m + s, '2m1s'],
    [10 * m - 1, '9m59s'],
    [10 * m, '10m'],
    [3 * h - 1, '179m'],
    [3 * h + m, '3h1m'],
    [8 * h - 1, '7h59m'],
    [8 * h + 59 * m, '8h'],
    [2 * d - 1, '47h'],
    [2 * d + h, '2d1h'],
    [8 * d - 1, '7d23h'],
    [2 * 365 * d - 1, '729d'],
    [2 * 365 * d + 24 * h, '2y1d'],
    [8 * 365 * d - 1, '7y364d'],
    [9 * 365 * d, '9y'],
  ])('%d ms is %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('time formats', () => {
  it('formats RFC1123Z and Time.String in UTC, the zero time as year 1', () => {
    expect(formatRFC1123Z(parseGoTime('2021-01-01T00:00:00Z'))).toBe('Fri, 01 Jan 2021 00:00:00 +0000');
    expect(formatRFC1123Z(parseGoTime('2017-06-04T21:45:56-07:00'))).toBe('Mon, 05 Jun 2017 04:45:56 +0000');
    expect(formatRFC1123Z(null)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
    expect(formatGoTimeString(parseGoTime('2017-06-04T21:45:56-07:00'))).toBe(
      '2017-06-05 04:45:56 +0000 UTC',
    );
    expect(parseGoTime('2025-01-01T00:00:00.123456Z')).toBeCloseTo(
      Date.parse('2025-01-01T00:00:00Z') + 123.456,
      6,
    );
  });
});

describe('Go fmt and sort', () => {
  it('prints floats as %v does', () => {
    expect(goFloat(0.5)).toBe('0.5');
    expect(goFloat(1234567.5)).toBe('1.2345675e+06');
    expect(goFloat(0.00001)).toBe('1e-05');
    expect(goFloat(123456.5)).toBe('123456.5');
  });

  it('quotes as strconv.Quote', () => {
    expect(goQuote('some-external-metric')).toBe('"some-external-metric"');
    expect(goQuote('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
  });

  it('keeps insertion order of equal elements for short slices (insertion sort)', () => {
    const items = [3, 1, 2, 1, 0].map((k, i) => ({ k, i }));
    expect(goSort(items, (a, b) => a.k < b.k).map((x) => x.i)).toEqual([4, 1, 3, 2, 0]);
  });

  it('sorts long slices correctly', () => {
    const values = Array.from({ length: 200 }, (_, i) => (i * 7919) % 211);
    expect(goSort([...values], (a, b) => a < b)).toEqual([...values].sort((a, b) => a - b));
  });
});

describe('camelcase labels', () => {
  // github.com/fatih/camelcase README examples
  it.each([
    ['lowercase', ['lowercase']],
    ['Class', ['Class']],
    ['MyClass', ['My', 'Class']],
    ['MyC', ['My', 'C']],
    ['HTML', ['HTML']],
    ['PDFLoader', ['PDF', 'Loader']],
    ['AString', ['A', 'String']],
    ['SimpleXMLParser', ['Simple', 'XML', 'Parser']],
    ['vimRPCPlugin', ['vim', 'RPC', 'Plugin']],
    ['GL11Version', ['GL', '11', 'Version']],
    ['99Bottles', ['99', 'Bottles']],
    ['May5', ['May', '5']],
    ['BFG9000', ['BFG', '9000']],
  ])('splits %s', (input, parts) => {
    expect(splitCamelCase(input)).toEqual(parts);
  });

  it('spells out field names as smartLabelFor does', () => {
    expect(smartLabelFor('apiVersion')).toBe('API Version');
    expect(smartLabelFor('creationTimestamp')).toBe('Creation Timestamp');
    expect(smartLabelFor('uid')).toBe('UID');
    expect(smartLabelFor('dummy-dummy')).toBe('Dummy - Dummy');
    expect(smartLabelFor('dummy2')).toBe('dummy2');
  });
});
