// kubectl's table rendering (the tabwriter itself is tested in text-tabwriter.test.ts): cli-runtime
// printers/tableprinter_test.go (TestPrintTable_*, TestStringPrinting) and the exact outputs of
// kubectl pkg/cmd/get/get_test.go.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import {
  buildTable,
  kindPrefix,
  noResourcesMessage,
  renderTable,
  renderTables,
  type Table,
  type TableColumn,
} from '../../engine/kube/printers/index.ts';
import { NOW, obj } from './printers-helpers.ts';

// cli-runtime printers/tableprinter_test.go fixtures
const testPod = obj('v1', 'Pod', {
  metadata: {
    name: 'test-pod-name',
    namespace: 'test-namespace',
    labels: { 'first-label': '12', 'second-label': 'label-value' },
  },
});
const col = (name: string, type = 'string', priority = 0, format?: string): TableColumn => ({
  name,
  type,
  priority,
  format,
});
const podLikeColumns = [col('Name'), col('Ready'), col('Status'), col('Retries', 'integer'), col('Age')];
const table = (columns: TableColumn[], rows: unknown[][], object: KubeObject = testPod): Table => ({
  columns,
  rows: rows.map((cells) => ({ cells: cells as Table['rows'][number]['cells'], object })),
});

describe('cli-runtime tableprinter_test.go', () => {
  it('TestPrintTable_MissingColumnsRows: no rows, no output', () => {
    expect(renderTable(table([], []))).toBe('');
    expect(renderTable(table(podLikeColumns, []))).toBe('');
  });
  it('TestPrintTable_SingleRow: priority columns only with wide', () => {
    const cols = [
      col('Name'),
      col('Ready'),
      col('Status'),
      col('Retries', 'integer', 1),
      col('Age', 'string', 1),
    ];
    const t = table(cols, [['test1', '1/1', 'podPhase', 5, '20h']]);
    expect(renderTable(t)).toBe('NAME    READY   STATUS\ntest1   1/1     podPhase\n');
    expect(renderTable(t, { wide: true })).toBe(
      'NAME    READY   STATUS     RETRIES   AGE\ntest1   1/1     podPhase   5         20h\n',
    );
  });
  it('TestPrintTable_MultipleRows', () => {
    const t = table(podLikeColumns, [
      ['test1', '1/1', 'podPhase', 5, '20h'],
      ['test2', '1/2', 'podPhase', 30, '21h'],
      ['test3', '4/4', 'podPhase', 1, '22h'],
    ]);
    expect(renderTable(t)).toBe(
      'NAME    READY   STATUS     RETRIES   AGE\ntest1   1/1     podPhase   5         20h\ntest2   1/2     podPhase   30        21h\ntest3   4/4     podPhase   1         22h\n',
    );
    // the tabwriter's minimum width of 6 shows once the headers are gone
    expect(renderTable(t, { noHeaders: true })).toBe(
      'test1   1/1   podPhase   5     20h\ntest2   1/2   podPhase   30    21h\ntest3   4/4   podPhase   1     22h\n',
    );
  });
  it('TestPrintTable_WithNamespace', () => {
    const t = table(podLikeColumns, [['test1', '1/1', 'podPhase', 5, '20h']]);
    expect(renderTable(t, { withNamespace: true })).toBe(
      'NAMESPACE        NAME    READY   STATUS     RETRIES   AGE\ntest-namespace   test1   1/1     podPhase   5         20h\n',
    );
  });
  it('TestPrintTable_WithKind: the prefix goes on the name-format column', () => {
    const cols = [
      col('Name', 'string', 0, 'name'),
      col('Ready'),
      col('Status'),
      col('Retries', 'integer'),
      col('Age'),
    ];
    const t = table(cols, [['test1', '1/1', 'podPhase', 5, '20h']]);
    expect(renderTable(t, { kindPrefix: kindPrefix('Pod') })).toBe(
      'NAME        READY   STATUS     RETRIES   AGE\npod/test1   1/1     podPhase   5         20h\n',
    );
    expect(kindPrefix('Deployment', 'apps')).toBe('deployment.apps/');
  });
  it('TestPrintTable_WithLabels', () => {
    const t = table(podLikeColumns, [['test1', '1/1', 'podPhase', 5, '20h']]);
    expect(renderTable(t, { showLabels: true })).toBe(
      'NAME    READY   STATUS     RETRIES   AGE   LABELS\ntest1   1/1     podPhase   5         20h   first-label=12,second-label=label-value\n',
    );
    expect(renderTable(t, { columnLabels: ['second-label'] })).toBe(
      'NAME    READY   STATUS     RETRIES   AGE   SECOND-LABEL\ntest1   1/1     podPhase   5         20h   label-value\n',
    );
    expect(renderTable(t, { columnLabels: ['first-label', 'second-label'] })).toBe(
      'NAME    READY   STATUS     RETRIES   AGE   FIRST-LABEL   SECOND-LABEL\ntest1   1/1     podPhase   5         20h   12            label-value\n',
    );
  });
  it('TestStringPrinting: line breaks truncate, terminal escapes are shown', () => {
    const cols = [col('Name'), col('Age'), col('Description')];
    expect(
      renderTable(
        table(cols, [
          ['test1', '20h', 'This is first line\nThis is second line\nThis is third line\nand another one\n'],
        ]),
      ),
    ).toBe('NAME    AGE   DESCRIPTION\ntest1   20h   This is first line...\n');
    expect(renderTable(table(cols, [['test1', '20h', 'This is first\n line which is long']]))).toBe(
      'NAME    AGE   DESCRIPTION\ntest1   20h   This is first...\n',
    );
    expect(renderTable(table([col('Name')], [['test1\x1b']]))).toBe('NAME\ntest1^[\n');
  });
  it('nil cells print empty; -L on a missing label prints empty', () => {
    const t = table([col('Name'), col('Value'), col('Age')], [['a', null, '1m']]);
    expect(renderTable(t, { columnLabels: ['example.com/missing'] })).toBe(
      'NAME   VALUE   AGE   MISSING\na              1m    \n',
    );
  });
});

describe('kubectl get_test.go outputs', () => {
  const podColumns = [
    col('Name', 'string', 0, 'name'),
    col('Ready'),
    col('Status'),
    col('Restarts', 'integer'),
    col('Age'),
    col('IP', 'string', 1),
    col('Node', 'string', 1),
    col('Nominated Node', 'string', 1),
    col('Readiness Gates', 'string', 1),
  ];
  const foo = obj('v1', 'Pod', { metadata: { name: 'foo', namespace: 'test' } });
  const fooTable = table(
    podColumns,
    [['foo', '0/0', '', 0, '<unknown>', '<none>', '<none>', '<none>', '<none>']],
    foo,
  );
  it('TestGetTableObjects: an empty cell is padded', () => {
    expect(renderTable(fooTable)).toBe(
      'NAME   READY   STATUS   RESTARTS   AGE\nfoo    0/0              0          <unknown>\n',
    );
  });
  it('TestGetTableObjectsShowKind', () => {
    expect(renderTable(fooTable, { kindPrefix: 'pod/' })).toBe(
      'NAME      READY   STATUS   RESTARTS   AGE\npod/foo   0/0              0          <unknown>\n',
    );
  });
  it('TestGetTableObjectsShowLabels', () => {
    expect(renderTable(fooTable, { showLabels: true })).toBe(
      'NAME   READY   STATUS   RESTARTS   AGE         LABELS\nfoo    0/0              0          <unknown>   <none>\n',
    );
  });
  it('TestGetMultipleTypeTableObjectsWithDirectReference: a blank line between types, trailing padding kept', () => {
    const svc = obj('v1', 'Service', {
      metadata: { name: 'baz', namespace: 'test' },
      spec: { type: 'ClusterIP' },
    });
    const node = obj('v1', 'Node', { metadata: { name: 'foo' } });
    const svcTable = buildTable('Service', [svc], { now: NOW });
    const nodeTable = buildTable('Node', [node], { now: NOW });
    expect(
      renderTables([
        { table: svcTable, options: { kindPrefix: 'service/' } },
        { table: nodeTable, options: { kindPrefix: 'node/' } },
      ]),
    ).toBe(
      'NAME          TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/baz   ClusterIP   <none>       <none>        <none>    <unknown>\n\nNAME       STATUS    ROLES    AGE         VERSION\nnode/foo   Unknown   <none>   <unknown>   \n',
    );
  });
  it('no blank line before the first output or with --no-headers; empty types print nothing', () => {
    const empty = buildTable('Pod', [], { now: NOW });
    const node = buildTable('Node', [obj('v1', 'Node', { metadata: { name: 'foo' } })], { now: NOW });
    expect(renderTables([{ table: empty }, { table: node }])).toBe(renderTable(node));
    expect(
      renderTables([
        { table: node, options: { noHeaders: true } },
        { table: node, options: { noHeaders: true } },
      ]),
    ).toBe('foo   Unknown   <none>   <unknown>   \nfoo   Unknown   <none>   <unknown>   \n');
  });
  it('TestGetEmptyTable: the message kubectl writes to stderr', () => {
    expect(noResourcesMessage('test', false)).toBe('No resources found in test namespace.\n');
    expect(noResourcesMessage('test', true)).toBe('No resources found\n');
    expect(noResourcesMessage('default', false, false)).toBe('No resources found\n');
  });
});
