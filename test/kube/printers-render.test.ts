// kubectl's table rendering: the tabwriter port (cases from github.com/liggitt/tabwriter's
// tabwriter_test.go, a copy of Go's text/tabwriter tests plus TestMultiWrite), cli-runtime
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
  TabFlags,
  type Table,
  type TableColumn,
  TabWriter,
} from '../../engine/kube/printers/index.ts';
import { NOW, obj } from './printers-helpers.ts';

const { AlignRight, DiscardEmptyColumns, Debug, RememberWidths } = TabFlags;

/** Writes src all at once, byte by byte, and in Fibonacci-sized slices, as check() does. */
function check(
  minwidth: number,
  tabwidth: number,
  padding: number,
  padchar: string,
  flags: number,
  src: string,
): string[] {
  const results: string[] = [];
  const w = new TabWriter(minwidth, tabwidth, padding, padchar, flags);
  w.write(src);
  w.flush();
  results.push(w.take());
  for (const ch of src) w.write(ch);
  w.flush();
  results.push(w.take());
  for (let i = 0, d = 0; i < src.length; ) {
    w.write(src.slice(i, i + d));
    i += d;
    d++;
    if (i + d > src.length) d = src.length - i;
  }
  w.flush();
  results.push(w.take());
  return results;
}

describe('tabwriter (liggitt/tabwriter tabwriter_test.go)', () => {
  const cases: Array<[string, number, number, number, string, number, string, string]> = [
    ['1a', 8, 0, 1, '.', 0, '', ''],
    ['2', 8, 0, 1, '.', 0, '\n\n\n', '\n\n\n'],
    ['3', 8, 0, 1, '.', 0, 'a\nb\nc', 'a\nb\nc'],
    ['4a', 8, 0, 1, '.', 0, '\t', ''],
    ['4b', 8, 0, 1, '.', AlignRight, '\t', ''],
    ['5', 8, 0, 1, '.', 0, '*\t*', '*.......*'],
    ['5b', 8, 0, 1, '.', 0, '*\t*\n', '*.......*\n'],
    ['5c', 8, 0, 1, '.', 0, '*\t*\t', '*.......*'],
    ['5c debug', 8, 0, 1, '.', Debug, '*\t*\t', '*.......|*'],
    ['5d', 8, 0, 1, '.', AlignRight, '*\t*\t', '.......**'],
    ['6', 8, 0, 1, '.', 0, '\t\n', '........\n'],
    ['7a', 8, 0, 1, '.', 0, 'a) foo', 'a) foo'],
    ['7b', 8, 0, 1, ' ', 0, 'b) foo\tbar', 'b) foo  bar'],
    ['7c', 8, 0, 1, '.', 0, 'c) foo\tbar\t', 'c) foo..bar'],
    ['7d', 8, 0, 1, '.', 0, 'd) foo\tbar\n', 'd) foo..bar\n'],
    ['7e', 8, 0, 1, '.', 0, 'e) foo\tbar\t\n', 'e) foo..bar.....\n'],
    ['8', 8, 0, 1, '*', 0, 'Hello, world!\n', 'Hello, world!\n'],
    ['9a', 1, 0, 0, '.', 0, '1\t2\t3\t4\n11\t222\t3333\t44444\n', '1.2..3...4\n11222333344444\n'],
    ['9c', 1, 0, 0, '.', 0, '1\t2\t3\t4\f11\t222\t3333\t44444\n', '1234\n11222333344444\n'],
    [
      '9c debug',
      1,
      0,
      0,
      '.',
      Debug,
      '1\t2\t3\t4\f11\t222\t3333\t44444\n',
      '1|2|3|4\n---\n11|222|3333|44444\n',
    ],
    ['10a', 5, 0, 0, '.', 0, '1\t2\t3\t4\n', '1....2....3....4\n'],
    ['10b', 5, 0, 0, '.', 0, '1\t2\t3\t4\t\n', '1....2....3....4....\n'],
    [
      '11',
      8,
      0,
      1,
      '.',
      0,
      '本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n',
      '本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n',
    ],
    [
      '12a',
      8,
      0,
      1,
      ' ',
      AlignRight,
      'a\tè\tc\t\naa\tèèè\tcccc\tddddd\t\naaa\tèèèè\t\n',
      '       a       è       c\n      aa     èèè    cccc   ddddd\n     aaa    èèèè\n',
    ],
    ['12b', 2, 0, 0, ' ', 0, 'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n', 'a  b  c\naa bbbcccc\naaabbbb\n'],
    [
      '12c',
      8,
      0,
      1,
      '_',
      0,
      'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n',
      'a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n',
    ],
    [
      '13a',
      4,
      0,
      1,
      '-',
      0,
      '4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
      '4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n',
    ],
    [
      '13b',
      4,
      0,
      3,
      '.',
      0,
      '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
      '4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n',
    ],
    [
      '14',
      1,
      0,
      2,
      ' ',
      AlignRight,
      '.0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t',
      '    .0          .3    2.4    -5.1\n  23.0  12345678.9    2.4  -989.4\n   5.1        12.0    2.4    -7.0\n    .0         0.0  332.0  8908.0\n    .0         -.3  456.4    22.1\n    .0         1.2   44.4   -13.3',
    ],
    ['15a', 4, 0, 0, '.', 0, 'a\t\tb', 'a.......b'],
    ['15b', 4, 0, 0, '.', DiscardEmptyColumns, 'a\t\tb', 'a.......b'],
    ['15c', 4, 0, 0, '.', DiscardEmptyColumns, 'a\v\vb', 'a...b'],
    ['15d', 4, 0, 0, '.', AlignRight | DiscardEmptyColumns, 'a\v\vb', '...ab'],
    [
      '16a',
      100,
      100,
      0,
      '\t',
      0,
      'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
      'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
    ],
    [
      '16b',
      100,
      100,
      0,
      '\t',
      DiscardEmptyColumns,
      'a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n',
      'a\tb\td\na\tb\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
    ],
    [
      '16c debug',
      100,
      100,
      0,
      '\t',
      DiscardEmptyColumns | Debug,
      'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
      'a\t|b\t|\t|d\na\t|b\t|\t|d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n',
    ],
  ];
  for (const [name, minwidth, tabwidth, padding, padchar, flags, src, expected] of cases) {
    it(name, () => {
      for (const result of check(minwidth, tabwidth, padding, padchar, flags, src))
        expect(result).toBe(expected);
    });
  }

  it('TestMultiWrite: RememberWidths keeps columns from shrinking across flushes', () => {
    const w = new TabWriter(6, 4, 3, ' ', RememberWidths);
    let out = '';
    const step = (text: string) => {
      w.write(text);
      w.flush();
      out += w.take();
    };
    w.write('First\tMiddle\tLast\n');
    w.write('a\tbb\tccc\n');
    step('ddd\teeeeeeeeeeeeee\tf\n');
    expect(out).toBe(
      'First   Middle           Last\na       bb               ccc\nddd     eeeeeeeeeeeeee   f\n',
    );
    step('g\th\ti\n');
    step('j\t\t\n');
    step('\tk\t\n');
    step('\t\tl\n');
    step('mmmmmmmmmmmmmmm\tnnn\tooo\n');
    expect(out.split('\n').slice(3)).toEqual([
      'g       h                i',
      'j                        ',
      '        k                ',
      '                         l',
      'mmmmmmmmmmmmmmm   nnn              ooo',
      '',
    ]);
    const next = new TabWriter(6, 4, 3, ' ', RememberWidths).setRememberedWidths(w.rememberedWidths());
    next.write('p\tq\tr\n');
    next.flush();
    expect(next.take()).toBe('p                 q                r\n');
    expect(next.rememberedWidths()).toEqual([18, 17]);
    next.setRememberedWidths(null);
    next.write('sssss\tt\tu\n');
    next.flush();
    expect(next.take()).toBe('sssss   t     u\n');
    expect(next.rememberedWidths()).toEqual([8, 6]);
    next.setRememberedWidths([10, 5, 5]);
    next.write('v\tw\tx\n');
    next.flush();
    expect(next.take()).toBe('v         w     x\n');
  });
});

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
