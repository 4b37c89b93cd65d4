// resource.Quantity parsing, canonical forms and arithmetic, with cases from
// k8s.io/apimachinery/pkg/api/resource/quantity_test.go (v0.32.4) and spellings recorded from
// kubectl v1.32.4.
import { describe, expect, it } from 'vitest';
import {
  canonicalQuantity,
  compareQuantities,
  ERR_FORMAT_WRONG,
  ERR_SUFFIX,
  formatQuantity,
  goQuantity,
  parseQuantity,
  parseQuantityOrError,
  Quantity,
  type QuantityFormat,
  quantityMilliValue,
  quantityValue,
  roundUpToMilli,
} from '../../engine/kube/api/quantity.ts';

describe('parseQuantity', () => {
  it('emits canonical forms (TestQuantityParseEmit)', () => {
    const table: Array<[string, string]> = [
      ['1Ki', '1Ki'],
      ['1Mi', '1Mi'],
      ['1Gi', '1Gi'],
      ['1024Mi', '1Gi'],
      ['1000M', '1G'],
      ['.001Ki', '1024m'],
      ['.000001Ki', '1024u'],
      ['.000000001Ki', '1024n'],
      ['.000000000001Ki', '2n'],
    ];
    for (const [input, expected] of table) {
      expect(parseQuantity(input)?.canonical, input).toBe(expected);
      expect(parseQuantity(`-${input}`)?.canonical, `-${input}`).toBe(`-${expected}`);
      expect(String(Quantity.parse(input))).toBe(expected);
      expect(String(Quantity.parse(`-${input}`))).toBe(`-${expected}`);
      expect(canonicalQuantity(input)).toBe(expected);
      expect(canonicalQuantity(`-${input}`)).toBe(`-${expected}`);
    }
  });

  it('canonicalises alternates and keeps canonical text (TestQuantityString)', () => {
    const table: Array<[string, string]> = [
      ['1024Mi', '1Gi'],
      ['307200Ki', '300Mi'],
      ['1025024Mi', '1001Gi'],
      ['1024Gi', '1Ti'],
      ['5000m', '5'],
      ['0.5', '500m'],
      ['1000M', '1G'],
      ['0.001T', '1G'],
      ['1000u', '1m'],
      ['1.08', '1080m'],
      ['1080000000n', '1080m'],
      ['.001e12', '1e9'],
      ['0.001e0', '1e-3'],
      ['1000e-12', '1e-9'],
      ['00', '0'],
    ];
    for (const [alternate, expected] of table) {
      const q = parseQuantity(alternate);
      expect(q?.canonical, alternate).toBe(expected);
      expect(q?.cached, alternate).toBe('');
      expect(parseQuantity(expected)?.cached, expected).toBe(expected);
    }
  });

  it('keeps 1000Mi, as the API server does for memory limits', () => {
    expect(parseQuantity('1000Mi')?.canonical).toBe('1000Mi');
    expect(parseQuantity('1.5Gi')?.canonical).toBe('1536Mi');
    expect(parseQuantity('1.5')?.canonical).toBe('1500m');
  });

  it('rejects malformed input (TestQuantityParse invalid table)', () => {
    for (const input of [
      '1.1.M',
      '1+1.0M',
      '0.1mi',
      '0.1am',
      'aoeu',
      '.5i',
      '1i',
      '-3.01i',
      '-3.01e-',
      ' 1',
      '1 ',
      '',
    ]) {
      expect(parseQuantity(input), input).toBeNull();
    }
    expect(parseQuantityOrError('aoeu')).toBe(ERR_FORMAT_WRONG);
    expect(parseQuantityOrError('1i')).toBe(ERR_SUFFIX);
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it('parses numbers as their JSON text', () => {
    expect(parseQuantity(2)?.canonical).toBe('2');
    expect(parseQuantity(0.25)?.canonical).toBe('250m');
  });
});

describe('quantity arithmetic', () => {
  it('compares across formats (TestQuantityCmp)', () => {
    const q = (s: string) => parseQuantity(s)!;
    expect(compareQuantities(q('100m'), q('50m'))).toBe(1);
    expect(compareQuantities(q('1Gi'), q('1024Mi'))).toBe(0);
    expect(compareQuantities(q('1G'), q('1Gi'))).toBe(-1);
  });

  it('reports Value and MilliValue rounded up', () => {
    expect(quantityValue(parseQuantity('1500m')!)).toBe(2);
    expect(quantityMilliValue(parseQuantity('1.0001')!)).toBe(1001);
    expect(parseQuantity('1Gi')!.value).toBe(1073741824);
  });

  it('rounds up to milli as SetDefaults_ResourceList does (TestQuantityRoundUp)', () => {
    expect(roundUpToMilli(parseQuantity('100u')!).canonical).toBe('1m');
    expect(roundUpToMilli(parseQuantity('1.0001')!).canonical).toBe('1001m');
    expect(roundUpToMilli(parseQuantity('1Gi')!).canonical).toBe('1Gi');
  });

  it('formats exact amounts', () => {
    expect(formatQuantity(500_000_000n)).toBe('500m');
    expect(formatQuantity(1536n * 1024n * 1024n * 1_000_000_000n, 'BinarySI')).toBe('1536Mi');
  });

  it('prints the Go %#v of an int64Amount quantity', () => {
    expect(goQuantity(parseQuantity('1500m')!)).toBe(
      'resource.Quantity{i:resource.int64Amount{value:1500, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"1500m", Format:"DecimalSI"}',
    );
  });
});

describe('resource.Quantity canonical form', () => {
  // TestQuantityString: each alternate spelling parses to the canonical one, which parses to itself
  const canonical: Array<[string, string]> = [
    ['1Gi', '1024Mi'],
    ['300Mi', '307200Ki'],
    ['6Ki', ''],
    ['1001Gi', '1025024Mi'],
    ['1Ti', '1024Gi'],
    ['5', '5000m'],
    ['500m', '0.5'],
    ['1G', '1000M'],
    ['1G', '0.001T'],
    ['1m', '1000u'],
    ['80m', ''],
    ['1080m', '1.08'],
    ['1080m', '1080000000n'],
    ['300M', ''],
    ['1T', ''],
    ['1234567M', ''],
    ['1234567m', ''],
    ['3k', ''],
    ['1025', ''],
    ['0', '00'],
    ['1e9', '.001e12'],
    ['1e-3', '0.001e0'],
    ['1e-9', '1000e-12'],
    ['80e-3', ''],
    ['300e6', ''],
    ['1e12', ''],
    ['3e3', ''],
    ['1n', ''],
    ['1080n', ''],
    ['1u', ''],
    ['1080u', ''],
  ];
  for (const [expect_, alternate] of canonical) {
    it(`${alternate || expect_} -> ${expect_}`, () => {
      expect(canonicalQuantity(expect_)).toBe(expect_);
      if (alternate) expect(canonicalQuantity(alternate)).toBe(expect_);
    });
  }
  it('keeps already-canonical spellings, as recorded from kubectl v1.32.4 `set resources --local -o yaml`', () => {
    const recorded: Array<[string, string]> = [
      ['1E3', '1E3'],
      ['500e-3', '500e-3'],
      ['+1', '+1'],
      ['01', '01'],
      ['1.5Ki', '1536'],
      ['1000Mi', '1000Mi'],
      ['0.0000000001', '1n'],
      ['1.5', '1500m'],
      ['1024Ki', '1Mi'],
      ['1000E', '1'],
      ['12e6', '12e6'],
      ['0.5Ki', '512'],
      ['1e-12', '1e-9'],
      ['1000m', '1'],
    ];
    for (const [input, want] of recorded) expect(canonicalQuantity(input)).toBe(want);
  });
});

describe('Quantity values (NewScaledQuantity, Add, Value)', () => {
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
    expect(String(Quantity.scaled(BigInt(value), scale, format))).toBe(canonical);
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
