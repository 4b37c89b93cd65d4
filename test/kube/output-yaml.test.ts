// kubectl -o yaml: the engine's serialisation against goldens from the real kubectl 1.32 and go-yaml v2's own tests.
import { describe, expect, it } from 'vitest';
import { toYaml, toYamlDocuments, toYamlList, YamlError } from '../../engine/kube/kubectl/output/index.ts';
import { yamlKeyLess } from '../../engine/kube/kubectl/output/yaml.ts';
import {
  cases,
  fixture,
  fixtureIfPresent,
  printedError,
  recorded,
  servedItem,
  servedItems,
} from './output-fixtures.ts';

describe('toYaml matches `kubectl create --dry-run=client -o yaml`', () => {
  for (const { name } of cases('create-cases.tsv')) {
    it(name, () => {
      const object = JSON.parse(fixture(`create/${name}.json.out`));
      const failure = fixtureIfPresent(`create/${name}.yaml.err`);
      if (failure) {
        expect(() => toYaml(object)).toThrow(YamlError);
        try {
          toYaml(object);
        } catch (error) {
          expect(printedError((error as Error).message)).toBe(failure);
        }
      } else {
        expect(toYaml(object)).toBe(fixture(`create/${name}.yaml.out`));
      }
    });
  }
});

describe('toYaml / toYamlList match `kubectl get -o yaml` (fake API server)', () => {
  it('several pods print as a v1 List with an empty resourceVersion', () => {
    expect(toYamlList(servedItems('pods.json'))).toBe(recorded('get', 'pods-yaml').stdout);
  });
  it('named pods also print as a List', () => {
    const items = [servedItem('pods.json', 'db-0'), servedItem('pods.json', 'job-runner-x7k2p')];
    expect(toYamlList(items)).toBe(recorded('get', 'two-pods-yaml').stdout);
  });
  it('one named pod prints as itself', () => {
    expect(toYaml(servedItem('pods.json', 'web-7d4b9c8f6d-2xkqp'))).toBe(recorded('get', 'pod-yaml').stdout);
  });
  it('natural key order, numbers, empties, long and multi-line keys, scalar styles', () => {
    expect(toYamlList(servedItems('widgets.json'))).toBe(recorded('get', 'widgets-yaml').stdout);
  });
  it('no objects: items: []', () => {
    expect(toYamlList([])).toBe(recorded('get', 'configmaps-yaml').stdout);
  });
});

describe('go-yaml v2 marshal tests (goyaml.v2 encode_test.go marshalTests)', () => {
  const table: Array<[unknown, string]> = [
    [null, 'null\n'],
    [{}, '{}\n'],
    [{ v: 'hi' }, 'v: hi\n'],
    [{ v: 'true' }, 'v: "true"\n'],
    [{ v: 'false' }, 'v: "false"\n'],
    [{ v: true }, 'v: true\n'],
    [{ v: 10 }, 'v: 10\n'],
    [{ v: -10 }, 'v: -10\n'],
    [{ v: 4294967296 }, 'v: 4294967296\n'],
    [{ v: '10' }, 'v: "10"\n'],
    [{ v: 0.1 }, 'v: 0.1\n'],
    [{ v: -0.1 }, 'v: -0.1\n'],
    [{ v: null }, 'v: null\n'],
    [{ v: '' }, 'v: ""\n'],
    [{ v: ['A', 'B'] }, 'v:\n- A\n- B\n'],
    [{ a: '-' }, "a: '-'\n"],
    [{ a: [1, 2] }, 'a:\n- 1\n- 2\n'],
    [{ a: '<foo>' }, 'a: <foo>\n'],
    [{ a: '1:1' }, 'a: "1:1"\n'],
    [{ a: '\x00' }, 'a: "\\0"\n'],
    [{ a: '你好' }, 'a: 你好\n'],
    [{ a: '2015-02-24T18:19:39Z' }, 'a: "2015-02-24T18:19:39Z"\n'],
    [{ a: 'b: c' }, "a: 'b: c'\n"],
    [{ a: 'Hello #comment' }, "a: 'Hello #comment'\n"],
    [{ a: '你好 #comment' }, "a: '你好 #comment'\n"],
  ];
  for (const [value, expected] of table) {
    it(JSON.stringify(value), () => expect(toYaml(value)).toBe(expected));
  }

  it('sorts string keys as TestSortedOutput expects', () => {
    const order = [
      '',
      '.1',
      '.2',
      '.a',
      '1',
      '2',
      'a!10',
      'a/0001',
      'a/002',
      'a/3',
      'a/10',
      'a/11',
      'a/0012',
      'a/100',
      'a~10',
      'ab/1',
      'b/1',
      'b/01',
      'b/2',
      'b/02',
      'b/3',
      'b/03',
      'b1',
      'b01',
      'b3',
      'c2.10',
      'c10.2',
      'd1',
      'd7',
      'd7abc',
      'd12',
      'd12a',
    ];
    const shuffled = [...order].reverse();
    expect(shuffled.sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0))).toEqual(order);
  });
});

describe('multi-object output', () => {
  it('separates documents with --- (yaml.go printCount)', () => {
    expect(toYamlDocuments([{ a: 1 }, { b: [] }])).toBe('a: 1\n---\nb: []\n');
  });
});
