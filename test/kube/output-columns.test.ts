// kubectl -o custom-columns and the tabwriter behind it: goldens from the real kubectl 1.32 and liggitt/tabwriter's tests.
import { describe, expect, it } from 'vitest';
import {
  CustomColumnsError,
  parseCustomColumnsSpec,
  parseCustomColumnsTemplate,
  printCustomColumns,
  relaxedJsonPathExpression,
  TabWriter,
} from '../../engine/kube/kubectl/output/index.ts';
import { cases, fixture, printedError, recorded, servedItem, servedItems } from './output-fixtures.ts';

/** The objects a recorded `kubectl get` printed together. */
function getObjects(args: string[]): unknown[] {
  if (args[0] === 'configmaps') return [];
  if (args[0] === 'pod') return [servedItem('pods.json', args[1])];
  return servedItems(args[0] === 'widgets' ? 'widgets.json' : 'pods.json');
}

/** Runs a recorded command line's custom-columns output: [stdout, stderr], or null if it is not one. */
function execute(args: string[]): [string, string] | null {
  const output = args[args.indexOf('-o') + 1] ?? '';
  const spec = /^custom-columns=(.*)$/s.exec(output);
  const file = /^custom-columns-file=(.*)$/s.exec(output);
  if (!spec && !file) return null;
  try {
    const columns = spec
      ? parseCustomColumnsSpec(spec[1])
      : parseCustomColumnsTemplate(fixture(file![1].replace('test/kube/fixtures/kubectl-offline/', '')));
    return [printCustomColumns(columns, getObjects(args), { noHeaders: args.includes('--no-headers') }), ''];
  } catch (error) {
    if (!(error instanceof CustomColumnsError)) throw error;
    return [error.output, printedError(error.message)];
  }
}

describe('matches `kubectl get -o custom-columns...` (fake API server)', () => {
  for (const { name, args } of cases('get-cases.tsv')) {
    if (!execute(args)) continue;
    it(name, () => {
      const { stdout, stderr } = recorded('get', name);
      expect(execute(args)).toEqual([stdout, stderr]);
    });
  }
});

describe('kubectl pkg/cmd/get/customcolumn_test.go', () => {
  it.each([
    ['foo.bar', '{.foo.bar}'],
    ['{foo.bar}', '{.foo.bar}'],
    ['.foo.bar', '{.foo.bar}'],
    ['{.foo.bar}', '{.foo.bar}'],
    ['', ''],
  ])('TestMassageJSONPath %s', (input, expected) => expect(relaxedJsonPathExpression(input)).toBe(expected));
  it.each(['{foo.bar', 'foo.bar}', '{foo.bar}}', '{{foo.bar}'])('TestMassageJSONPath rejects %s', (input) => {
    expect(() => relaxedJsonPathExpression(input)).toThrow(CustomColumnsError);
  });
  it.each(['', 'invalid', 'invalid=foobar', 'invalid,foobar:blah'])(
    'TestNewColumnPrinterFromSpec rejects %j',
    (spec) => {
      expect(() => parseCustomColumnsSpec(spec)).toThrow(CustomColumnsError);
    },
  );
  it('TestNewColumnPrinterFromSpec ok', () => {
    expect(parseCustomColumnsSpec('NAME:metadata.name,API_VERSION:apiVersion')).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'API_VERSION', fieldSpec: '{.apiVersion}' },
    ]);
  });
  it('TestNewColumnPrinterFromTemplate', () => {
    const expected = [
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'API_VERSION', fieldSpec: '{.apiVersion}' },
    ];
    expect(
      parseCustomColumnsTemplate('NAME               API_VERSION\n{metadata.name}    {apiVersion}'),
    ).toEqual(expected);
    expect(
      parseCustomColumnsTemplate(
        'NAME               \t\tAPI_VERSION\n\t\t\t\t\t\t\t{metadata.name}    {apiVersion}',
      ),
    ).toEqual(expected);
    for (const bad of ['', 'invalid', 'invalid=foobar', 'invalid,foobar:blah']) {
      expect(() => parseCustomColumnsTemplate(bad)).toThrow(CustomColumnsError);
    }
  });
  const name = { header: 'NAME', fieldSpec: '{.metadata.name}' };
  const apiVersion = { header: 'API_VERSION', fieldSpec: '{.apiVersion}' };
  it('TestColumnPrint', () => {
    const foo = { metadata: { name: 'foo' } };
    expect(printCustomColumns([name], [foo])).toBe('NAME\nfoo\n');
    expect(printCustomColumns([name], [foo, { metadata: { name: 'bar' } }])).toBe('NAME\nfoo\nbar\n');
    const typed = { apiVersion: 'baz', metadata: { name: 'foo' } };
    expect(printCustomColumns([name, apiVersion], [typed])).toBe('NAME   API_VERSION\nfoo    baz\n');
    const notFound = { header: 'NOT_FOUND', fieldSpec: '{.notFound}' };
    expect(printCustomColumns([name, apiVersion, notFound], [typed])).toBe(
      'NAME   API_VERSION   NOT_FOUND\nfoo    baz           <none>\n',
    );
    expect(printCustomColumns([name], [{ metadata: { name: '\x1b \r' } }])).toBe('NAME\n^[ \\r\n');
  });
  it('TestIndividualPrintObjOnExistingTabWriter', () => {
    const columns = [
      name,
      { header: 'LONG COLUMN NAME', fieldSpec: '{.metadata.labels.label1}' },
      { header: 'LABEL 2', fieldSpec: '{.metadata.labels.label2}' },
    ];
    const pods = ['foo', 'bar'].map((n) => ({ metadata: { name: n, labels: { label1: n, label2: n } } }));
    expect(printCustomColumns(columns, pods)).toBe(
      'NAME   LONG COLUMN NAME   LABEL 2\nfoo    foo                foo\nbar    bar                bar\n',
    );
  });
  const pod = {
    metadata: { name: 'fake-name' },
    spec: { containers: ['fake0', 'fake1', 'fake2', 'fake3'].map((n) => ({ name: n })) },
  };
  it.each([
    ['[0]', 'fake0'],
    ['[3]', 'fake3'],
    ['[-1]', 'fake3'],
    ['[-2]', 'fake2'],
    ['[-4]', 'fake0'],
    ['[0:0]', '<none>'],
    ['[0:3]', 'fake0,fake1,fake2'],
    ['[1:]', 'fake1,fake2,fake3'],
  ])('TestSliceColumnPrint containers%s', (index, expected) => {
    const columns = parseCustomColumnsSpec(`CONTAINER:.spec.containers${index}.name`);
    expect(printCustomColumns(columns, [pod])).toBe(`CONTAINER\n${expected}\n`);
  });
  it.each(['[5]', '[-5]', '[3:1]'])('TestSliceColumnPrint containers%s fails', (index) => {
    const columns = parseCustomColumnsSpec(`CONTAINER:.spec.containers${index}.name`);
    expect(() => printCustomColumns(columns, [pod])).toThrow(CustomColumnsError);
  });
});

/** Runs text through a writer and returns what it wrote. */
function tabulateWith(minWidth: number, padding: number, padChar: string, text: string): string {
  const writer = new TabWriter({ minWidth, tabWidth: 0, padding, padChar, rememberWidths: false });
  writer.write(text);
  return writer.flush();
}

describe('tabwriter (liggitt/tabwriter tabwriter_test.go)', () => {
  it.each([
    ['2', 8, 1, '.', '\n\n\n', '\n\n\n'],
    ['3', 8, 1, '.', 'a\nb\nc', 'a\nb\nc'],
    ['4a', 8, 1, '.', '\t', ''],
    ['5', 8, 1, '.', '*\t*', '*.......*'],
    ['5b', 8, 1, '.', '*\t*\n', '*.......*\n'],
    ['5c', 8, 1, '.', '*\t*\t', '*.......*'],
    ['6', 8, 1, '.', '\t\n', '........\n'],
    ['7b', 8, 1, ' ', 'b) foo\tbar', 'b) foo  bar'],
    ['7e', 8, 1, '.', 'e) foo\tbar\t\n', 'e) foo..bar.....\n'],
    ['9a', 1, 0, '.', '1\t2\t3\t4\n11\t222\t3333\t44444\n', '1.2..3...4\n11222333344444\n'],
    ['9c', 1, 0, '.', '1\t2\t3\t4\f11\t222\t3333\t44444\n', '1234\n11222333344444\n'],
    ['10b', 5, 0, '.', '1\t2\t3\t4\t\n', '1....2....3....4....\n'],
    [
      '11',
      8,
      1,
      '.',
      '本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n',
      '本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n',
    ],
    ['12b', 2, 0, ' ', 'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n', 'a  b  c\naa bbbcccc\naaabbbb\n'],
    [
      '13b',
      4,
      3,
      '.',
      '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
      '4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n',
    ],
    ['15a', 4, 0, '.', 'a\t\tb', 'a.......b'],
  ])('%s', (_name, minWidth, padding, padChar, input, expected) => {
    expect(tabulateWith(minWidth, padding, padChar, input)).toBe(expected);
  });

  it('TestMultiWrite: RememberWidths keeps columns from shrinking across flushes', () => {
    const writer = new TabWriter();
    let out = '';
    writer.write('First\tMiddle\tLast\na\tbb\tccc\nddd\teeeeeeeeeeeeee\tf\n');
    out += writer.flush();
    writer.write('g\th\ti\n');
    out += writer.flush();
    for (const line of ['j\t\t\n', '\tk\t\n', '\t\tl\n', 'mmmmmmmmmmmmmmm\tnnn\tooo\n']) {
      writer.write(line);
      out += writer.flush();
    }
    expect(out).toBe(
      [
        'First   Middle           Last\n',
        'a       bb               ccc\n',
        'ddd     eeeeeeeeeeeeee   f\n',
        'g       h                i\n',
        'j                        \n',
        '        k                \n',
        '                         l\n',
        'mmmmmmmmmmmmmmm   nnn              ooo\n',
      ].join(''),
    );
  });
});
