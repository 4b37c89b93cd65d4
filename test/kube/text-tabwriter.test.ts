// The Go text/tabwriter port every aligned table goes through: the `tests` table of Go's
// src/text/tabwriter/tabwriter_test.go as github.com/liggitt/tabwriter's tabwriter_test.go copies it
// (the cases without the 0xff Escape byte), liggitt's TestMultiWrite for RememberWidths, and the
// settings kubectl and docker use (docker/cli cli/command/formatter/container_test.go).
import { describe, expect, it } from 'vitest';
import {
  DOCKER_CLI_TABWRITER,
  KUBECTL_TABWRITER,
  TabFlags,
  TabWriter,
  type TabWriterSettings,
  tabulate,
  tabulateRows,
} from '../../engine/kube/text/tabwriter.ts';

const { AlignRight, Debug, DiscardEmptyColumns, FilterHTML } = TabFlags;

const CASES: Array<[string, number, number, number, string, number, string, string]> = [
  ['1a', 8, 0, 1, '.', 0, '', ''],
  ['1a debug', 8, 0, 1, '.', Debug, '', ''],
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
  ['7f', 8, 0, 1, '.', FilterHTML, 'f) f&lt;o\t<b>bar</b>\t\n', 'f) f&lt;o..<b>bar</b>.....\n'],
  [
    '7g',
    8,
    0,
    1,
    '.',
    FilterHTML,
    'g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp',
    'g) f&lt;o..<b>bar</b>..... non-terminated entity &amp',
  ],
  [
    '7g debug',
    8,
    0,
    1,
    '.',
    FilterHTML | Debug,
    'g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp',
    'g) f&lt;o..|<b>bar</b>.....| non-terminated entity &amp',
  ],
  ['8', 8, 0, 1, '*', 0, 'Hello, world!\n', 'Hello, world!\n'],
  ['9a', 1, 0, 0, '.', 0, '1\t2\t3\t4\n11\t222\t3333\t44444\n', '1.2..3...4\n11222333344444\n'],
  [
    '9b',
    1,
    0,
    0,
    '.',
    FilterHTML,
    '1\t2<!---\f--->\t3\t4\n11\t222\t3333\t44444\n',
    '1.2<!---\f--->..3...4\n11222333344444\n',
  ],
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
    '13c',
    8,
    8,
    1,
    '\t',
    FilterHTML,
    '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n',
    '4444\t\t333\t22\t1\t333\n999999999\t22\n7\t\t22\n\t\t\t\t88888888\n\n666666\t666666\t666666\t\t4444\n1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n',
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
    '16b debug',
    100,
    100,
    0,
    '\t',
    DiscardEmptyColumns | Debug,
    'a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n',
    'a\t|b\t||d\na\t|b\t||d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n',
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

/**
 * What the writer emits for src: written all at once, code point by code point and in growing
 * slices through one writer that is flushed in between (as check() does), then at once and
 * piecewise through fresh writers.
 */
function outputs(settings: TabWriterSettings, src: string): string[] {
  const results: string[] = [];
  const reused = new TabWriter(settings);
  reused.write(src);
  results.push(reused.flush());
  for (const ch of src) reused.write(ch);
  results.push(reused.flush());
  for (let i = 0, d = 0; i < src.length; ) {
    reused.write(src.slice(i, i + d));
    i += d;
    d++;
    if (i + d > src.length) d = src.length - i;
  }
  results.push(reused.flush());
  results.push(tabulate(src, settings));
  const fresh = new TabWriter(settings);
  for (const ch of src) fresh.write(ch);
  results.push(fresh.flush());
  return results;
}

describe('tabwriter (tabwriter_test.go Test)', () => {
  for (const [name, minWidth, tabWidth, padding, padChar, flags, src, expected] of CASES) {
    it(`${name}, written at once, piecewise, and through fresh and reused writers`, () => {
      for (const result of outputs({ minWidth, tabWidth, padding, padChar, flags }, src))
        expect(result).toBe(expected);
    });
  }
});

describe('liggitt/tabwriter RememberWidths', () => {
  it('TestMultiWrite: RememberWidths keeps columns from shrinking across flushes', () => {
    const w = new TabWriter(KUBECTL_TABWRITER);
    let out = '';
    const step = (text: string) => {
      w.write(text);
      out += w.flush();
    };
    w.write('First\tMiddle\tLast\n');
    w.write('a\tbb\tccc\n');
    step('ddd\teeeeeeeeeeeeee\tf\n');
    expect(out).toBe(
      'First   Middle           Last\na       bb               ccc\nddd     eeeeeeeeeeeeee   f\n',
    );
    // the same three lines in a single write
    expect(tabulate('First\tMiddle\tLast\na\tbb\tccc\nddd\teeeeeeeeeeeeee\tf\n', KUBECTL_TABWRITER)).toBe(
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
    const next = new TabWriter(KUBECTL_TABWRITER).setRememberedWidths(w.rememberedWidths());
    next.write('p\tq\tr\n');
    expect(next.flush()).toBe('p                 q                r\n');
    expect(next.rememberedWidths()).toEqual([18, 17]);
    next.setRememberedWidths(null);
    next.write('sssss\tt\tu\n');
    expect(next.flush()).toBe('sssss   t     u\n');
    expect(next.rememberedWidths()).toEqual([8, 6]);
    next.setRememberedWidths([10, 5, 5]);
    next.write('v\tw\tx\n');
    expect(next.flush()).toBe('v         w     x\n');
  });
});

describe('docker/cli table format (formatter.Context.postFormat: 10, 1, 3)', () => {
  it('TestContainerContextWrite table format: columns at least 10 wide, 3 spaces apart', () => {
    const header = ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'];
    const row = (id: string, name: string) => [id, 'ubuntu', '""', '24 hours ago', '', '', name];
    const rows = [header, row('containerID1', 'foobar_baz'), row('containerID2', 'foobar_bar')];
    expect(tabulateRows(rows, DOCKER_CLI_TABWRITER)).toBe(
      `CONTAINER ID   IMAGE     COMMAND   CREATED        STATUS    PORTS     NAMES
containerID1   ubuntu    ""        24 hours ago                       foobar_baz
containerID2   ubuntu    ""        24 hours ago                       foobar_bar
`,
    );
  });
});
