// The Go library behaviour kubectl describe rests on, checked against the Go projects' own tests:
// HumanDuration (duration_test.go), time formats, fmt and sort, and camelcase splitting (fatih/camelcase
// README examples). The tabwriter and resource.Quantity have their own test files.
import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../engine/kube/api/duration.ts';
import { smartLabelFor, splitCamelCase } from '../../engine/kube/describe/generic.ts';
import { goFloat, goQuote } from '../../engine/kube/describe/gofmt.ts';
import { goSort } from '../../engine/kube/describe/gosort.ts';
import { formatGoTimeString, formatRFC1123Z, parseGoTime } from '../../engine/kube/describe/time.ts';

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
