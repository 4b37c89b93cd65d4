// resource.Quantity parsing and canonical forms, with cases from
// k8s.io/apimachinery/pkg/api/resource/quantity_test.go (v0.32.4).
import { describe, expect, it } from 'vitest';
import {
  compareQuantities,
  ERR_FORMAT_WRONG,
  ERR_SUFFIX,
  formatQuantity,
  goQuantity,
  parseQuantity,
  parseQuantityOrError,
  quantityMilliValue,
  quantityValue,
  roundUpToMilli,
} from '../../engine/kube/apiserver/kinds/quantity.ts';

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
