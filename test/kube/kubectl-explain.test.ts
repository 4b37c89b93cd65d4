// kubectl explain against goldens recorded from the real kubectl v1.32.4 (scripts/
// record-kubectl-explain.sh: a fake API server serving the same schema data as OpenAPI v3), plus
// the word wrapping of github.com/mitchellh/go-wordwrap v1.0.1 (its wordwrap_test.go cases).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { builtinSchemas } from '../../engine/kube/explain/schema.ts';
import { wrapString } from '../../engine/kube/explain/wordwrap.ts';

const dir = new URL('./fixtures/kubectl-explain/', import.meta.url);
const cases = readFileSync(new URL('cases.tsv', dir), 'utf8')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [name, ...args] = line.split('\t');
    return { name, args };
  });

/** Single-quotes an argument for the simulated shell. */
const quote = (arg: string) => (/^[\w.=/-]+$/.test(arg) ? arg : `'${arg}'`);

describe('kubectl explain matches the real kubectl 1.32 (recorded goldens)', () => {
  const session = new Session(createWorld({ seed: 'explain' }));
  session.run('kind create cluster');
  test.each(cases)('$name', ({ name, args }) => {
    const expected = readFileSync(new URL(`${name}.out`, dir), 'utf8');
    const expectedErr = readFileSync(new URL(`${name}.err`, dir), 'utf8');
    const out = session.run(`kubectl explain ${args.map(quote).join(' ')} 2>/dev/null`);
    expect(out.output).toBe(expected);
    const err = session.run(`kubectl explain ${args.map(quote).join(' ')} 2>&1 >/dev/null`);
    expect(err.output).toBe(expectedErr);
    expect(out.status).toBe(expectedErr ? 1 : 0);
  });
  test('every recorded golden has a case', () => {
    const outs = readdirSync(dir).filter((f) => f.endsWith('.out'));
    expect(outs.length).toBe(cases.length);
  });
});

describe('schema data', () => {
  test('holds Kubernetes 1.32 definitions: pod-level resources (1.32 alpha), no 1.33 fields', () => {
    const schemas = builtinSchemas();
    expect(schemas.definition('io.k8s.api.core.v1.PodSpec')?.properties?.resources).toBeDefined();
    expect(schemas.definition('io.k8s.api.apps.v1.DeploymentStatus')?.properties?.terminatingReplicas).toBe(
      undefined,
    );
  });
});

// What a real 1.32 server serves for enum fields (OpenAPIEnums is on by default); the published
// swagger.json omits it and scripts/explain-enums.ts puts it back from the Go API sources.
describe('schema data carries the served enums', () => {
  const property = (definition: string, name: string) =>
    builtinSchemas().definition(definition)?.properties?.[name];

  test('Container.imagePullPolicy as a real server dumps it (kubectl testdata/openapi/v3/api/v1.json)', () => {
    const field = property('io.k8s.api.core.v1.Container', 'imagePullPolicy');
    expect(field?.enum).toEqual(['Always', 'IfNotPresent', 'Never']);
    expect(field?.description).toBe(
      'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images\n\nPossible enum values:\n' +
        ' - `"Always"` means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.\n' +
        ' - `"IfNotPresent"` means that kubelet pulls if the image isn\'t present on disk. Container will fail if the image isn\'t present and the pull fails.\n' +
        ' - `"Never"` means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn\'t present',
    );
  });

  test('constants without a doc comment give bare lines (Toleration.operator, same dump)', () => {
    const field = property('io.k8s.api.core.v1.Toleration', 'operator');
    expect(field?.enum).toEqual(['Equal', 'Exists']);
    expect(field?.description?.endsWith('\n\nPossible enum values:\n - `"Equal"`\n - `"Exists"`')).toBe(true);
  });

  test('ValidationRule.reason as 1.32 openapi-gen wrote it (apiextensions-apiserver v0.32.4 zz_generated.openapi.go)', () => {
    const field = property(
      'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ValidationRule',
      'reason',
    );
    expect(field?.enum).toEqual([
      'FieldValueDuplicate',
      'FieldValueForbidden',
      'FieldValueInvalid',
      'FieldValueRequired',
    ]);
    expect(field?.description).toContain(
      'treated as FieldValueInvalid.\n\nPossible enum values:\n - `"FieldValueDuplicate"` is used to report collisions of values that must be unique (e.g. unique IDs).\n',
    );
  });

  test('aliased constants are deduplicated (ServiceExternalTrafficPolicyType, kube-openapi addIfNotPresent)', () => {
    const field = property('io.k8s.api.core.v1.ServiceSpec', 'externalTrafficPolicy');
    expect(field?.enum).toEqual(['Cluster', 'Local']);
    expect(field?.description).toContain(
      '\n - `"Cluster"` routes traffic to all endpoints.\n - `"Local"` preserves',
    );
  });

  test('a list of an enum type has the enum on its items only (ServiceSpec.ipFamilies, core/v1 IPFamily)', () => {
    const field = property('io.k8s.api.core.v1.ServiceSpec', 'ipFamilies');
    expect(field?.items?.enum).toEqual(['', 'IPv4', 'IPv6']);
    expect(field?.enum).toBe(undefined);
    expect(field?.description).not.toContain('Possible enum values');
  });
});

describe('wrapString (go-wordwrap v1.0.1 TestWrapString)', () => {
  const table: Array<[string, string, number]> = [
    ['foo', 'foo', 4],
    ['foobarbaz', 'foobarbaz', 4],
    ['foo bar baz', 'foo\nbar\nbaz', 4],
    ['foo bars bazzes', 'foo\nbars\nbazzes', 4],
    ['fo sop', 'fo\nsop', 4],
    ['foo bar\u00A0baz', 'foo\nbar\u00A0baz', 10],
    ['foo\nb\t r\n baz', 'foo\nb\t r\n baz', 4],
    ['foo    \nb   ar   ', 'foo\nb\nar', 4],
    ['foo bar baz\n', 'foo\nbar\nbaz\n', 4],
    ['\nfoo bar\n\n\nbaz\n', '\nfoo\nbar\n\n\nbaz\n', 4],
    [
      ' This is a list: \n\n\t* foo\n\t* bar\n\n\n\t* baz  \nBAM    ',
      ' This\nis a\nlist: \n\n\t* foo\n\t* bar\n\n\n\t* baz\nBAM',
      6,
    ],
    ['\u2584 '.repeat(4), '\u2584 \u2584\n' + '\u2584 '.repeat(2), 4],
  ];
  test.each(table)('wraps %j', (input, expected, limit) => {
    expect(wrapString(input, limit)).toBe(expected);
  });
});
