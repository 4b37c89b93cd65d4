// kubectl -o jsonpath: client-go util/jsonpath's own test cases and goldens from the real kubectl 1.32.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import {
  JsonPathError,
  jsonpath,
  listOf,
  type NumberMode,
  toNames,
} from '../../engine/kube/kubectl/output/index.ts';
import { cases, fixture, printedError, recorded, servedItem, servedItems } from './output-fixtures.ts';

interface Run {
  template: string;
  allowMissingKeys: boolean;
  asJson: boolean;
}

/** The template and flags of a recorded command line. */
function parseFlags(args: string[]): Run | null {
  const run: Run = { template: '', allowMissingKeys: true, asJson: false };
  let found = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] === '-o' ? `--output=${args[++i]}` : args[i];
    if (arg === '--allow-missing-template-keys=false') run.allowMissingKeys = false;
    const output = /^--output=(jsonpath|jsonpath-as-json)=(.*)$/s.exec(arg);
    if (output) {
      found = true;
      run.asJson = output[1] === 'jsonpath-as-json';
      run.template = output[2];
    }
  }
  return found ? run : null;
}

/** What kubectl prints for a run: [stdout, stderr]. */
function execute(run: Run, data: unknown, numbers: NumberMode): [string, string] {
  try {
    return [jsonpath(run.template, data, { ...run, numbers }), ''];
  } catch (error) {
    if (!(error instanceof JsonPathError)) throw error;
    return ['', printedError(error.message)];
  }
}

describe('matches `kubectl create --dry-run=client -o jsonpath=...` (typed objects: numbers are float64)', () => {
  for (const { name, source, args } of cases('jsonpath-cases.tsv')) {
    const run = parseFlags(args);
    if (!run) continue;
    it(name, () => {
      const object = JSON.parse(fixture(`create/${source}.json.out`));
      const { stdout, stderr } = recorded('jsonpath', name);
      expect(execute(run, object, 'float64')).toEqual([stdout, stderr]);
    });
  }
  it('-o name on the same object', () => {
    const object = JSON.parse(fixture('create/deployment.json.out')) as KubeObject;
    expect(toNames([object])).toBe(recorded('jsonpath', 'create-name').stdout);
  });
});

/** The objects a recorded `kubectl get` printed, as one object or the List get builds. */
function getData(args: string[]): unknown {
  const files: Record<string, string> = { pods: 'pods.json', pod: 'pods.json', widgets: 'widgets.json' };
  if (args[0] === 'configmaps') return listOf([]);
  const file = files[args[0]];
  if (args[0] === 'pod') return servedItem(file, args[1]);
  return listOf(servedItems(file));
}

describe('matches `kubectl get -o jsonpath=...` (unstructured objects: integers are int64)', () => {
  for (const { name, args } of cases('get-cases.tsv')) {
    const run = parseFlags(args);
    if (!run) continue;
    it(name, () => {
      const { stdout, stderr } = recorded('get', name);
      expect(execute(run, getData(args), 'unstructured')).toEqual([stdout, stderr]);
    });
  }
});

// client-go util/jsonpath jsonpath_test.go: inputs decoded with encoding/json (numbers float64).
const nodesData = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: {
        capacity: { cpu: '4' },
        ready: true,
        addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }],
      },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2', labels: { 'kubernetes.io/hostname': '127.0.0.2' } },
      status: {
        capacity: { cpu: '8' },
        ready: false,
        addresses: [
          { type: 'LegacyHostIP', address: '127.0.0.2' },
          { type: 'another', address: '127.0.0.3' },
        ],
      },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

function run(template: string, data: unknown, allowMissingKeys = false): string {
  return jsonpath(template, data, { allowMissingKeys, numbers: 'float64' });
}

describe('client-go TestKubernetes', () => {
  const table: Array<[string, string]> = [
    ['{range .items[*]}{.metadata.name}, {end}{.kind}', '127.0.0.1, 127.0.0.2, List'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{end}', '127.0.0.1\t127.0.0.2\t'],
    ['{.items[*].status.addresses[*].address}', '127.0.0.1 127.0.0.2 127.0.0.3'],
    [
      '{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}',
      '127.0.0.1, 127.0.0.2, 127.0.0.3, ',
    ],
    ['{.items[*].metadata.name}', '127.0.0.1 127.0.0.2'],
    ["{.items[*]['metadata.name', 'status.capacity']}", '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    [
      '{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}',
      '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] ',
    ],
    ['{.users[?(@.name=="e2e")].user.password}', 'secret'],
    ['{.items[0].metadata.labels.kubernetes\\.io/hostname}', '127.0.0.1'],
    ['{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', 'None'],
    ['{.items[?(@..ready==true)].metadata.name}', '127.0.0.1'],
  ];
  for (const [template, expected] of table)
    it(template, () => expect(run(template, nodesData)).toBe(expected));
  it('recursive name (order-insensitive in the Go test)', () => {
    expect(run('{..name}', nodesData).split(' ').sort()).toEqual(['127.0.0.1', '127.0.0.2', 'e2e', 'myself']);
  });
});

describe('client-go TestTypesInput, TestJSONInput, TestStructInput (maps in place of structs)', () => {
  const types = {
    bools: [true, false, true, false],
    floats: [1.0, 2.2, 3.3, 4.0],
    strings: ['one', 'two', 'three', 'four'],
    interfaces: [true, 'one', 1, 1.1],
    maps: [
      { name: 'one', value: 1 },
      { name: 'two', value: 2.02 },
      { name: 'three', value: 3.03 },
      { name: 'four', value: 4.04 },
    ],
  };
  const points = [
    { id: 'i1', x: 4, y: -5 },
    { id: 'i2', x: -2, y: -5, z: 1 },
    { id: 'i3', x: 8, y: 3 },
    { id: 'i4', x: -6, y: -1 },
    { id: 'i5', x: 0, y: 2, z: 1 },
    { id: 'i6', x: 1, y: 4 },
    { id: 'i7', x: null, y: 4 },
  ];
  const table: Array<[string, unknown, string]> = [
    ['{ .bools }', types, '[true,false,true,false]'],
    ['{ .bools[-1] }', types, 'false'],
    ['{ .bools[:4:2] }', types, 'true true'],
    ['{ .floats }', types, '[1,2.2,3.3,4]'],
    ['{ .floats[-2] }', types, '3.3'],
    ['{ .floats[:4:2] }', types, '1 3.3'],
    ['{ .strings[0:2] }', types, 'one two'],
    ['{ .interfaces }', types, '[true,"one",1,1.1]'],
    ['{ .interfaces[0:2] }', types, 'true one'],
    ['{ .maps[0] }', types, '{"name":"one","value":1}'],
    ['{ .maps[1::2] }', types, '{"name":"two","value":2.02} {"name":"four","value":4.04}'],
    ['{[?(@.z)].id}', points, 'i2 i5'],
    ["{[0]['id']}", points, 'i1'],
    ["{[-1]['x']}", points, 'null'],
    ['hello jsonpath', null, 'hello jsonpath'],
    ['{..}', [1, 2, 3], '[1,2,3]'],
    ['{"{"}', null, '{'],
    ['{[0:2]}', ['Monday', 'Tudesday'], 'Monday Tudesday'],
    ['{...x}', { a: { x: 'found' } }, 'found'],
  ];
  for (const [template, data, expected] of table)
    it(template, () => expect(run(template, data)).toBe(expected));

  it('template literals are Go ints: `{[?(@<5)]}` works on int data only', () => {
    expect(jsonpath('{[?(@<5)]}', [2, 6, 3, 7])).toBe('2 3');
    expect(jsonpath('{[1,3,4]}', [0, 1, 2, 3, 4])).toBe('1 3 4');
  });
});

describe('client-go failure cases (TestStructInput failStoreTests, TestFailParser)', () => {
  const reason = (template: string, data: unknown, allowMissingKeys = false) => {
    try {
      run(template, data, allowMissingKeys);
    } catch (error) {
      return (error as JsonPathError).reason;
    }
    return 'nil';
  };
  const store = { Labels: { engineer: 10, 'web/html': 15 }, Book: [{ Price: 8.95 }] };
  it.each([
    ['{hello}', 'unrecognized identifier hello'],
    ['{.hello}', 'hello is not found'],
    ['{.Labels[0]}', 'map[string]interface {} is not array or slice'],
    ['{.Book[?(@.Price<>10)]}', 'unrecognized filter operator <>'],
    ['{range .Labels.*}{@}{end}{end}', 'not in range, nothing to end'],
    ['{.hello', 'unclosed action'],
    ['{*}', "unrecognized character in action: U+002A '*'"],
    ['{+12.3.0}', 'cannot parse number +12.3.0'],
    ['{[1}', 'unterminated array'],
    ['{[?(.price]}', 'unterminated filter'],
    ['{........}', 'invalid multiple recursive descent'],
  ])('%s', (template, expected) => expect(reason(template, store)).toBe(expected));
  it('missing keys are empty when allowed', () => {
    expect(run('before-{.hello}after', store, true)).toBe('before-after');
  });
});

describe('client-go TestNestedRanges, TestEmptyRange, TestFilterPartialMatches, TestNegativeIndex, TestStep', () => {
  const pods = {
    items: [
      {
        metadata: { name: 'pod1' },
        spec: {
          containers: [
            { name: 'foo', another: [{ name: 'value1' }, { name: 'value2' }] },
            { name: 'bar', another: [{ name: 'value1' }, { name: 'value2' }] },
          ],
        },
      },
      {
        metadata: { name: 'pod2' },
        spec: { containers: [{ name: 'baz', another: [{ name: 'value1' }, { name: 'value2' }] }] },
      },
    ],
  };
  it('nested ranges', () => {
    expect(
      run(
        '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}',
        pods,
      ),
    ).toBe('pod1:foo,bar,+pod2:baz,+');
    expect(
      run(
        '{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}',
        pods,
      ),
    ).toBe('pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#');
    expect(
      run(
        '{range .items[*]}{.metadata.name}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\n"}{end}',
        pods,
      ),
    ).toBe('pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n');
  });
  it('empty ranges', () => {
    expect(run('{range .items[*]}{.metadata.name}{end}', { items: [] }, true)).toBe('');
    const nested =
      '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}';
    expect(run(nested, { items: [] }, true)).toBe('');
  });
  it('filters tolerate items without the field only when missing keys are allowed', () => {
    const list = {
      items: [
        { metadata: { name: 'pod1', annotations: { color: 'blue' } } },
        { metadata: { name: 'pod2' } },
        { metadata: { name: 'pod3', annotations: { color: 'green' } } },
        { metadata: { name: 'pod4', annotations: { color: 'blue' } } },
      ],
    };
    const template = '{.items[?(@.metadata.annotations.color=="blue")].metadata.name}';
    expect(run(template, list, true)).toBe('pod1 pod4');
    expect(() => run(template, list, false)).toThrow(JsonPathError);
  });
  const containers = {
    spec: { containers: ['fake0', 'fake1', 'fake2', 'fake3', 'fake4', 'fake5'].map((name) => ({ name })) },
  };
  const four = { spec: { containers: containers.spec.containers.slice(0, 4) } };
  it.each([
    ['{.spec.containers[0:0].name}', ''],
    ['{.spec.containers[0:-1].name}', 'fake0 fake1 fake2'],
    ['{.spec.containers[-1:].name}', 'fake3'],
    ['{.spec.containers[-2:].name}', 'fake2 fake3'],
    ['{.spec.containers[-4].name}', 'fake0'],
    ['{.spec.containers[5:5].name}', ''],
    ['{.spec.containers[-5:-5].name}', ''],
  ])('negative index %s', (template, expected) => expect(run(template, four)).toBe(expected));
  it.each(['{.spec.containers[-1:0].name}', '{.spec.containers[-5].name}', '{.spec.containers[3:1].name}'])(
    'negative index error %s',
    (template) => expect(() => run(template, four)).toThrow(JsonPathError),
  );
  it.each([
    ['{.spec.containers[0:6:].name}', 'fake0 fake1 fake2 fake3 fake4 fake5'],
    ['{.spec.containers[1:4:2].name}', 'fake1 fake3'],
    ['{.spec.containers[1:4:4].name}', 'fake1'],
    ['{.spec.containers[0:6:5].name}', 'fake0 fake5'],
  ])('step %s', (template, expected) => expect(run(template, containers)).toBe(expected));
});
