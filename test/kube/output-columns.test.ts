// kubectl -o custom-columns: goldens from the real kubectl 1.32 (the tabwriter behind it is tested in text-tabwriter.test.ts).
import { describe, expect, it } from 'vitest';
import {
  CustomColumnsError,
  parseCustomColumnsSpec,
  parseCustomColumnsTemplate,
  printCustomColumns,
  relaxedJsonPathExpression,
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
