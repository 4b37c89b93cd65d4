// Name, label and metadata checks against apimachinery's util/validation/validation.go messages,
// pkg/api/validation/objectmeta_test.go cases, and the API server's Invalid status texts.
import { describe, expect, it } from 'vitest';
import { fieldErrorText } from '../../engine/kube/apiserver/errors.ts';
import { goMap, goStrings } from '../../engine/kube/apiserver/kinds/field.ts';
import {
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../../engine/kube/apiserver/kinds/meta.ts';
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSSubdomain,
} from '../../engine/kube/apiserver/kinds/names.ts';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('apimachinery name checks', () => {
  it('words DNS-1123 subdomain errors like IsDNS1123Subdomain', () => {
    expect(isDNS1123Subdomain('Bad_Name')).toEqual([SUBDOMAIN_MSG]);
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
    expect(isDNS1123Subdomain('example.com')).toEqual([]);
  });

  it('says "must not contain dots" for subdomains used as labels', () => {
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('A')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it('words DNS-1035 labels (service names)', () => {
    expect(isDNS1035Label('1abc')).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it('checks qualified names with prefixes', () => {
    expect(isQualifiedName('example.com/MyName')).toEqual([]);
    expect(isQualifiedName('/a')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('a/b/c')[0]).toMatch(/^a qualified name must consist of alphanumeric characters/);
    expect(isQualifiedName('-a')).toEqual([
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  it('checks label values and config keys', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('-x')).toHaveLength(1);
    expect(isConfigMapKey('a b')).toEqual([
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
    expect(isConfigMapKey('..a')).toEqual(["must not start with '..'"]);
  });

  it('lets generateName end with a dash (maskTrailingDash)', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toEqual([SUBDOMAIN_MSG]);
  });
});

describe('ValidateObjectMeta', () => {
  it('requires a name or generateName', () => {
    const errs = validateObjectMeta({ namespace: 'default' }, true, nameIsDNSSubdomain);
    expect(errs.map(fieldErrorText)).toEqual([
      'metadata.name: Required value: name or generateName is required',
    ]);
  });

  it('reports invalid label keys and values on the labels path', () => {
    const errs = validateObjectMeta(
      { name: 'a', namespace: 'default', labels: { 'a b': 'x!' } },
      true,
      nameIsDNSSubdomain,
    );
    expect(errs.map((e) => `${e.field}: ${e.value}`)).toEqual([
      'metadata.labels: "a b"',
      'metadata.labels: "x!"',
    ]);
  });

  it('rejects a namespace on cluster-scoped kinds', () => {
    const errs = validateObjectMeta({ name: 'a', namespace: 'x' }, false, nameIsDNSSubdomain);
    expect(errs.map(fieldErrorText)).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
  });

  it('rejects non-standard unprefixed finalizers (core ValidateObjectMeta)', () => {
    const errs = validateObjectMeta(
      { name: 'a', namespace: 'x', finalizers: ['foo'] },
      true,
      nameIsDNSSubdomain,
    );
    expect(errs.map(fieldErrorText)).toEqual([
      'metadata.finalizers[0]: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it('does not let generation go down (TestObjectMetaGenerationUpdate)', () => {
    const errs = validateObjectMetaUpdate(
      { name: 'test', generation: 4 },
      { name: 'test', generation: 5 },
      'field',
    );
    expect(errs.map(fieldErrorText)).toEqual(['field.generation: Invalid value: 4: must not be decremented']);
  });

  it('forbids new finalizers while deleting (ValidateNoNewFinalizers)', () => {
    const errs = validateObjectMetaUpdate(
      { name: 'a', finalizers: ['x/y'] },
      { name: 'a', deletionTimestamp: '2025-01-01T00:00:00Z' },
    );
    expect(errs.map(fieldErrorText)).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"x/y"}',
    ]);
  });

  it('validates selector requirements (ValidateLabelSelectorRequirement)', () => {
    const errs = validateLabelSelector(
      {
        matchExpressions: [
          { key: 'a', operator: 'In' },
          { key: 'b', operator: 'Foo' },
        ],
      },
      'spec.selector',
    );
    expect(errs.map(fieldErrorText)).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.selector.matchExpressions[1].operator: Invalid value: "Foo": not a valid selector operator',
    ]);
  });
});

describe('Go value formatting', () => {
  it('prints maps and slices as %#v does', () => {
    expect(goMap({ b: '2', a: '1' })).toBe('map[string]string{"a":"1", "b":"2"}');
    expect(goMap(undefined)).toBe('map[string]string(nil)');
    expect(goStrings(['10.0.0.1'])).toBe('[]string{"10.0.0.1"}');
  });
});
