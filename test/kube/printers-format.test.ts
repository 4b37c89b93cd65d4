// Value formatting behind the table cells: apimachinery's duration.HumanDuration and
// ShortHumanDuration (duration_test.go), translateTimestampSince (printers_test.go
// TestTranslateTimestampSince), and label and selector strings (resource.Quantity canonical
// strings are tested in api-quantity.test.ts).
import { describe, expect, it } from 'vitest';
import {
  humanDuration,
  shortHumanDuration,
  translateTimestampSince,
} from '../../engine/kube/api/duration.ts';
import { formatLabelSelector, formatLabels, labelSelectorString } from '../../engine/kube/printers/format.ts';
import { goFloat } from '../../engine/kube/printers/gotext.ts';
import { findResults } from '../../engine/kube/printers/jsonpath.ts';
import { DAY, HOUR, MINUTE, NOW, SECOND } from './printers-helpers.ts';

const MS = 1;
const YEAR = 365 * DAY;

describe('duration.HumanDuration (TestHumanDuration, TestHumanDurationBoundaries)', () => {
  const cases: Array<[number, string]> = [
    [SECOND, '1s'],
    [70 * SECOND, '70s'],
    [190 * SECOND, '3m10s'],
    [70 * MINUTE, '70m'],
    [47 * HOUR, '47h'],
    [49 * HOUR, '2d1h'],
    [(8 * 24 + 2) * HOUR, '8d'],
    [367 * DAY, '367d'],
    [(365 * 2 * 24 + 25) * HOUR, '2y1d'],
    [(365 * 8 * 24 + 2) * HOUR, '8y'],
    [-2 * SECOND, '<invalid>'],
    [-2 * SECOND + MS, '0s'],
    [0, '0s'],
    [SECOND - MS, '0s'],
    [2 * MINUTE - MS, '119s'],
    [2 * MINUTE, '2m'],
    [2 * MINUTE + SECOND, '2m1s'],
    [10 * MINUTE - MS, '9m59s'],
    [10 * MINUTE, '10m'],
    [10 * MINUTE + SECOND, '10m'],
    [3 * HOUR - MS, '179m'],
    [3 * HOUR, '3h'],
    [3 * HOUR + MINUTE, '3h1m'],
    [8 * HOUR - MS, '7h59m'],
    [8 * HOUR, '8h'],
    [8 * HOUR + 59 * MINUTE, '8h'],
    [2 * DAY - MS, '47h'],
    [2 * DAY, '2d'],
    [2 * DAY + HOUR, '2d1h'],
    [8 * DAY - MS, '7d23h'],
    [8 * DAY, '8d'],
    [8 * DAY + 23 * HOUR, '8d'],
    [2 * YEAR - MS, '729d'],
    [2 * YEAR, '2y'],
    [2 * YEAR + 23 * HOUR + 59 * MINUTE, '2y'],
    [2 * YEAR + DAY - MS, '2y'],
    [2 * YEAR + DAY, '2y1d'],
    [3 * YEAR, '3y'],
    [7 * YEAR, '7y'],
    [8 * YEAR - MS, '7y364d'],
    [8 * YEAR, '8y'],
    [8 * YEAR + 364 * DAY, '8y'],
    [9 * YEAR, '9y'],
  ];
  for (const [ms, want] of cases) it(`${ms}ms -> ${want}`, () => expect(humanDuration(ms)).toBe(want));
});

describe('duration.ShortHumanDuration (TestShortHumanDurationBoundaries)', () => {
  const cases: Array<[number, string]> = [
    [-2 * SECOND, '<invalid>'],
    [-2 * SECOND + MS, '0s'],
    [0, '0s'],
    [SECOND - MS, '0s'],
    [SECOND, '1s'],
    [2 * SECOND - MS, '1s'],
    [MINUTE - MS, '59s'],
    [MINUTE, '1m'],
    [2 * MINUTE - MS, '1m'],
    [HOUR - MS, '59m'],
    [HOUR, '1h'],
    [2 * HOUR - MS, '1h'],
    [DAY - MS, '23h'],
    [DAY, '1d'],
    [2 * DAY - MS, '1d'],
    [YEAR - MS, '364d'],
    [YEAR, '1y'],
    [2 * YEAR - MS, '1y'],
    [2 * YEAR, '2y'],
  ];
  for (const [ms, want] of cases) it(`${ms}ms -> ${want}`, () => expect(shortHumanDuration(ms)).toBe(want));
});

describe('TestTranslateTimestampSince', () => {
  const since = (offset: number) => translateTimestampSince(new Date(NOW + offset).toISOString(), NOW);
  it('matches printers_test.go', () => {
    expect(since(2.1 * SECOND)).toBe('<invalid>');
    expect(since(1.9 * SECOND)).toBe('0s');
    expect(since(0)).toBe('0s');
    expect(translateTimestampSince(undefined, NOW)).toBe('<unknown>');
    expect(translateTimestampSince(null, NOW)).toBe('<unknown>');
    expect(since(-30 * SECOND)).toBe('30s');
    expect(since(-5 * MINUTE)).toBe('5m');
    expect(since(-100 * MINUTE)).toBe('100m');
    expect(since(-2 * DAY)).toBe('2d');
    expect(since(-90 * DAY)).toBe('90d');
    expect(since(-10 * YEAR)).toBe('10y');
  });
});

describe('labels and selectors (apimachinery labels.FormatLabels, metav1.FormatLabelSelector)', () => {
  it('sorted key=value pairs, <none> when empty', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });
  it('selectors: requirements sorted by key, set values sorted', () => {
    const selector = {
      matchLabels: { tier: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'legacy', operator: 'DoesNotExist' },
        { key: 'app', operator: 'Exists' },
        { key: 'zone', operator: 'NotIn', values: ['b'] },
      ],
    };
    expect(formatLabelSelector(selector)).toBe('app,env in (dev,prod),!legacy,tier=web,zone notin (b)');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] })).toBe('<error>');
    expect(labelSelectorString({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] })).toBeNull();
  });
});

describe('Go value spelling and JSONPath', () => {
  it('fmt %v of float64 switches to an exponent at 1e+06 and below 1e-04', () => {
    expect(goFloat(0.25)).toBe('0.25');
    expect(goFloat(100000)).toBe('100000');
    expect(goFloat(1000000)).toBe('1e+06');
    expect(goFloat(1234567.5)).toBe('1.2345675e+06');
    expect(goFloat(0.0001)).toBe('0.0001');
    expect(goFloat(0.00001)).toBe('1e-05');
  });
  it('JSONPath fields, indexes, wildcards and filters', () => {
    const data = {
      status: {
        conditions: [
          { type: 'A', status: 'False' },
          { type: 'Ready', status: 'True' },
        ],
      },
      spec: { 'a.b': 1 },
    };
    expect(findResults('.status.conditions[?(@.type=="Ready")].status', data)).toEqual(['True']);
    expect(findResults('{.status.conditions[0].type}', data)).toEqual(['A']);
    expect(findResults('.status.conditions[-1].type', data)).toEqual(['Ready']);
    expect(findResults('.status.conditions[*].type', data)).toEqual(['A', 'Ready']);
    expect(findResults(".spec['a.b']", data)).toEqual([1]);
    expect(findResults('.spec.missing.deeper', data)).toEqual([]);
  });
});
