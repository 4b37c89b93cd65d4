// kubectl -o json and -o name: the engine's output against goldens from the real kubectl 1.32.
import { describe, expect, it } from 'vitest';
import { formatName, toJson, toJsonList, toNames } from '../../engine/kube/kubectl/output/index.ts';
import { cases, fixture, recorded, servedItem, servedItems } from './output-fixtures.ts';

describe('toJson keeps struct order for typed objects (`kubectl create --dry-run=client -o json`)', () => {
  for (const { name } of cases('create-cases.tsv')) {
    it(name, () => {
      const text = fixture(`create/${name}.json.out`);
      expect(toJson(JSON.parse(text), { sortKeys: false })).toBe(text);
    });
  }
});

describe('toJson sorts keys for objects kubectl decoded as maps (`kubectl get -o json`)', () => {
  it('several pods: a v1 List', () => {
    expect(toJsonList(servedItems('pods.json'))).toBe(recorded('get', 'pods-json').stdout);
  });
  it('one pod', () => {
    const pod = servedItem('pods.json', 'web-7d4b9c8f6d-2xkqp');
    expect(toJson(pod, { sortKeys: true })).toBe(recorded('get', 'pod-json').stdout);
  });
  it('floats, big numbers, HTML and control characters, U+2028, emoji', () => {
    expect(toJson(servedItem('widgets.json', 'w1'))).toBe(recorded('get', 'widget-json').stdout);
  });
  it('no objects', () => {
    expect(toJsonList([])).toBe(recorded('get', 'configmaps-json').stdout);
  });
});

describe('encoding/json details', () => {
  it('escapes <, >, & and U+2028/U+2029 and uses \\b \\f short escapes (encode.go appendString)', () => {
    expect(toJson({ a: '<b>&\u2028\u2029\b\f\u0001\u007f' })).toBe(
      '{\n    "a": "\\u003cb\\u003e\\u0026\\u2028\\u2029\\b\\f\\u0001\u007f"\n}\n',
    );
  });
  it('prints empty maps and lists compactly inside indented output', () => {
    expect(toJson({ a: {}, b: [], c: [{}] })).toBe(
      '{\n    "a": {},\n    "b": [],\n    "c": [\n        {}\n    ]\n}\n',
    );
  });
  it('formats floats as Go does (1e-7, 1e+21)', () => {
    expect(toJson([0.5, 1e-7, 1e21, 123456789012])).toBe(
      '[\n    0.5,\n    1e-7,\n    1e+21,\n    123456789012\n]\n',
    );
  });
});

describe('-o name (cli-runtime printers/name.go)', () => {
  it('core kinds have no group, others are kind.group', () => {
    expect(toNames(servedItems('pods.json'))).toBe(recorded('get', 'pods-name').stdout);
    expect(toNames(servedItems('deployments.json'))).toBe(recorded('get', 'deployments-name').stdout);
    expect(toNames(servedItems('widgets.json'))).toBe(recorded('get', 'widgets-name').stdout);
  });
  it('matches `kubectl create --dry-run=client -o name`', () => {
    const deployment = JSON.parse(fixture('create/deployment.json.out'));
    expect(toNames([deployment])).toBe('deployment.apps/web\n');
  });
  it('appends the operation and stands in <unknown> for a missing name', () => {
    expect(formatName('Deployment', 'apps', 'web', 'created')).toBe('deployment.apps/web created');
    expect(formatName('ConfigMap', '', '')).toBe('configmap/<unknown>');
  });
});
