// The Anki exports: the .apkg is unzipped and its collection opened with sql.js to check it
// against Anki's schema 11, and the text import file is read back the way Anki's CSV reader does.
import { createHash } from 'node:crypto';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeAnkiTsv } from '../../src/exports/anki-tsv.ts';
import { ankiChecksum, ankiStripHtml, writeApkg } from '../../src/exports/apkg.ts';
import { type Card, sideHtml, stableId } from '../../src/exports/card.ts';
import { readZip } from '../../src/exports/zip.ts';

function card(over: Partial<Card> & Pick<Card, 'kind' | 'front'>): Card {
  return {
    id: stableId('fixture', over.kind, over.front),
    source: 'explicit',
    back: '',
    note: { file: 'content/kubernetes/pods.md', id: 'kubernetes/pods', title: 'Pods', line: 3 },
    tags: ['kubernetes'],
    deck: 'labbook::kubernetes',
    ...over,
  };
}

const CARDS: Card[] = [
  card({ kind: 'basic', front: 'What runs a **pod**?', back: 'The `kubelet` on its node' }),
  card({
    kind: 'reversed',
    front: 'ClusterIP',
    back: 'A virtual IP that *kube-proxy* routes',
    tags: ['kubernetes', 'svc'],
  }),
  card({
    kind: 'cloze',
    front: 'A {{c1::pod}} holds one or more {{c2::containers}}; {{c1::pods}} share an IP.',
  }),
  card({
    kind: 'basic',
    source: 'output',
    front: 'What does `ip -br link` print here?',
    back: 'lo               UNKNOWN\nveth0@if2        UP',
    context: ['ip netns add blue', 'ip link add veth0 type veth peer name veth1'],
    note: { file: 'content/networking/netns.md', id: 'networking/netns', title: 'Namespaces', line: 12 },
    tags: ['networking', 'ip link'],
    deck: 'labbook::networking',
  }),
];

// rslib/src/storage/schema11.sql: each table's columns in order, `integer` unless marked; all are
// `not null` but the `id` primary keys.
const SCHEMA: Record<string, string> = {
  col: 'id crt mod scm ver dty usn ls conf:text models:text decks:text dconf:text tags:text',
  notes: 'id guid:text mid mod usn tags:text flds:text sfld csum flags data:text',
  cards: 'id nid did ord mod usn type queue due ivl factor reps lapses left odue odid flags data:text',
  revlog: 'id cid usn ease ivl lastIvl factor time type',
  graves: 'usn oid type',
};
const columnsOf = (table: string) =>
  SCHEMA[table].split(' ').map((c) => {
    const [name, type = 'integer'] = c.split(':');
    return { name, type: type.toUpperCase(), notnull: name === 'id' ? 0 : 1, pk: name === 'id' ? 1 : 0 };
  });
const INDEXES = {
  ix_notes_usn: ['notes', 'usn'],
  ix_cards_usn: ['cards', 'usn'],
  ix_revlog_usn: ['revlog', 'usn'],
  ix_cards_nid: ['cards', 'nid'],
  ix_cards_sched: ['cards', 'did,queue,due'],
  ix_revlog_cid: ['revlog', 'cid'],
  ix_notes_csum: ['notes', 'csum'],
};

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

function rows(db: Database, sql: string): Record<string, unknown>[] {
  const [result] = db.exec(sql);
  if (!result) return [];
  return result.values.map((v) => Object.fromEntries(result.columns.map((c, i) => [c, v[i]])));
}

function openApkg(apkg: Uint8Array): { db: Database; files: Map<string, Uint8Array> } {
  const files = readZip(apkg);
  return { db: new SQL.Database(files.get('collection.anki2')!), files };
}

/** The collection of an export, for tests that only look at its tables. */
async function collection(cards: Card[]): Promise<Database> {
  return openApkg(await writeApkg(cards)).db;
}

// The parts of the col row's JSON the tests look at.
interface ModelJson {
  id: number;
  name: string;
  type: number;
  css: string;
  req: unknown;
  flds: { name: string; ord: number }[];
  tmpls: { name: string; ord: number; qfmt: string; afmt: string }[];
}
interface DeckJson {
  id: number;
  name: string;
}
const colJson = (db: Database, column: string) =>
  JSON.parse(rows(db, `select ${column} from col`)[0][column] as string);
const models = (db: Database): Record<string, ModelJson> => colJson(db, 'models');
const decks = (db: Database): Record<string, DeckJson> => colJson(db, 'decks');

describe('writeApkg', () => {
  it('writes a ZIP holding collection.anki2 and an empty media map', async () => {
    const { db, files } = openApkg(await writeApkg(CARDS));
    expect([...files.keys()]).toEqual(['collection.anki2', 'media']);
    expect(new TextDecoder().decode(files.get('media'))).toBe('{}');
    expect(rows(db, 'pragma integrity_check')[0].integrity_check).toBe('ok');
  });

  it('numbers media files and maps them by name', async () => {
    const media = new Map([
      ['diagram.png', new Uint8Array([137, 80, 78, 71])],
      ['a.svg', new TextEncoder().encode('<svg/>')],
    ]);
    const { files } = openApkg(await writeApkg(CARDS, { media }));
    const map = JSON.parse(new TextDecoder().decode(files.get('media')));
    expect(map).toEqual({ 0: 'a.svg', 1: 'diagram.png' });
    expect(files.get('1')).toEqual(media.get('diagram.png'));
    expect(new TextDecoder().decode(files.get('0'))).toBe('<svg/>');
  });

  it("has schema 11's tables, columns and indexes", async () => {
    const db = await collection(CARDS);
    const tables = rows(db, "select name from sqlite_master where type = 'table' order by name").map(
      (r) => r.name,
    );
    expect(tables).toEqual(Object.keys(SCHEMA).sort());
    for (const table of Object.keys(SCHEMA)) {
      const info = rows(db, `pragma table_info(${table})`).map(({ name, type, notnull, pk }) => ({
        name,
        type,
        notnull,
        pk,
      }));
      expect(info).toEqual(columnsOf(table));
    }
    const indexes = rows(db, "select name, tbl_name from sqlite_master where type = 'index' order by name");
    expect(Object.fromEntries(indexes.map((i) => [i.name, i.tbl_name]))).toEqual(
      Object.fromEntries(Object.entries(INDEXES).map(([name, [table]]) => [name, table])),
    );
    for (const [name, [, columns]] of Object.entries(INDEXES)) {
      expect(
        rows(db, `pragma index_info(${name})`)
          .map((c) => c.name)
          .join(','),
      ).toBe(columns);
    }
  });

  it('writes the col row: version 11 and its JSON', async () => {
    const db = await collection(CARDS);
    const [col] = rows(db, 'select id, ver, crt, mod, scm, dty, usn, ls from col');
    expect(col).toMatchObject({ id: 1, ver: 11, dty: 0, usn: 0, ls: 0 });
    expect(col.mod).toBe((col.crt as number) * 1000);
    expect(colJson(db, 'conf')).toMatchObject({ nextPos: CARDS.length + 1, curDeck: 1, schedVer: 2 });
    expect(colJson(db, 'dconf')['1']).toMatchObject({ id: 1, name: 'Default', new: { perDay: 20 } });
    expect(colJson(db, 'tags')).toEqual({ ip_link: 0, kubernetes: 0, networking: 0, svc: 0 });
  });

  it('defines the Basic, Basic (and reversed card) and Cloze note types', async () => {
    const all = models(await collection(CARDS));
    const byName = Object.fromEntries(Object.values(all).map((m) => [m.name, m]));
    expect(Object.keys(byName).sort()).toEqual(['Basic', 'Basic (and reversed card)', 'Cloze']);
    for (const [id, m] of Object.entries(all)) {
      expect(String(m.id)).toBe(id);
      expect(m).toMatchObject({ sortf: 0, usn: -1, tags: [], vers: [] });
      for (const key of ['mod', 'did', 'css', 'latexPre', 'latexPost', 'req']) expect(m).toHaveProperty(key);
      m.flds.forEach((f, ord) => {
        expect(f).toMatchObject({ ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] });
      });
      m.tmpls.forEach((t, ord) => {
        expect(t).toMatchObject({ ord, did: null, bqfmt: '', bafmt: '' });
      });
    }
    const shape = (m: ModelJson) => ({
      type: m.type,
      flds: m.flds.map((f) => f.name),
      tmpls: m.tmpls.map((t) => [t.name, t.qfmt]),
      req: m.req,
    });
    expect(shape(byName.Basic)).toEqual({
      type: 0,
      flds: ['Front', 'Back'],
      tmpls: [['Card 1', '{{Front}}']],
      req: [[0, 'any', [0]]],
    });
    expect(shape(byName['Basic (and reversed card)'])).toEqual({
      type: 0,
      flds: ['Front', 'Back'],
      tmpls: [
        ['Card 1', '{{Front}}'],
        ['Card 2', '{{Back}}'],
      ],
      req: [
        [0, 'any', [0]],
        [1, 'any', [1]],
      ],
    });
    expect(shape(byName.Cloze)).toEqual({
      type: 1,
      flds: ['Text', 'Back Extra'],
      tmpls: [['Cloze', '{{cloze:Text}}']],
      req: [[0, 'any', [0]]],
    });
    expect(byName.Basic.tmpls[0].afmt).toBe('{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}');
    expect(byName.Cloze.css).toContain('.cloze');
  });

  it('creates each deck and its parents, with stable ids', async () => {
    const all = decks(await collection(CARDS));
    const names = Object.fromEntries(Object.values(all).map((d) => [d.name, d.id]));
    expect(Object.keys(names).sort()).toEqual([
      'Default',
      'labbook',
      'labbook::kubernetes',
      'labbook::networking',
    ]);
    expect(names.Default).toBe(1);
    for (const [id, d] of Object.entries(all)) {
      expect(String(d.id)).toBe(id);
      expect(d).toMatchObject({ dyn: 0, conf: 1, collapsed: false, lrnToday: [0, 0] });
    }
    expect(decks(await collection([...CARDS].reverse()))).toEqual(all);
    const fewer = decks(await collection(CARDS.slice(0, 1)));
    expect(fewer[names['labbook::kubernetes']]).toEqual(all[names['labbook::kubernetes']]);
    const rooted = decks(openApkg(await writeApkg(CARDS, { deckRoot: 'Study::Infra' })).db);
    expect(Object.values(rooted).map((d) => d.name)).toEqual(
      expect.arrayContaining([
        'Study',
        'Study::Infra',
        'Study::Infra::kubernetes',
        'Study::Infra::networking',
      ]),
    );
  });

  it('writes one note per card with its fields, tags, sort field and checksum', async () => {
    const db = await collection(CARDS);
    const types = models(db);
    const notes = rows(db, 'select * from notes order by id');
    expect(notes).toHaveLength(CARDS.length);
    for (const c of CARDS) {
      const note = notes.find((n) => n.guid === c.id)!;
      const model = types[String(note.mid)];
      const fields = (note.flds as string).split('\x1f');
      expect(fields).toHaveLength(model.flds.length);
      expect(fields).toEqual([sideHtml(c, 'front'), sideHtml(c, 'back')]);
      expect(model.name).toBe(
        { basic: 'Basic', reversed: 'Basic (and reversed card)', cloze: 'Cloze' }[c.kind],
      );
      expect(note.tags).toBe(` ${c.tags.map((t) => t.replaceAll(' ', '_')).join(' ')} `);
      expect(note).toMatchObject({ usn: -1, flags: 0, data: '' });
      const stripped = ankiStripHtml(fields[0]);
      expect(stripped).not.toMatch(/<|&lt;|&amp;/);
      expect(note.sfld).toBe(stripped);
      const sha1 = createHash('sha1').update(stripped).digest('hex');
      expect(note.csum).toBe(Number.parseInt(sha1.slice(0, 8), 16));
    }
    const output = notes.find((n) => n.guid === CARDS[3].id)!;
    expect(output.sfld).toBe(
      '$ ip netns add blue\n$ ip link add veth0 type veth peer name veth1What does ip -br link print here?',
    );
  });

  it("computes Anki's checksum", () => {
    // The values Anki's own tests expect (rslib/src/notes/mod.rs).
    expect(ankiChecksum('test')).toBe(2840236005);
    expect(ankiChecksum('今日')).toBe(1464653051);
    expect(ankiChecksum('<b>te</b>st<!-- x -->')).toBe(2840236005);
    expect(ankiStripHtml('a &lt;b&gt; &amp;amp; &#65;&#x42;&nbsp;<img src="x.png">')).toBe(
      'a <b> &amp; AB  x.png ',
    );
  });

  it('writes one card per template or cloze number, in the note deck', async () => {
    const db = await collection(CARDS);
    const deckOf = decks(db);
    const notes = rows(db, 'select id, guid from notes');
    const cards = rows(db, 'select * from cards order by nid, ord');
    const ordsOf = (c: Card) => {
      const nid = notes.find((n) => n.guid === c.id)!.id;
      return cards.filter((x) => x.nid === nid);
    };
    expect(ordsOf(CARDS[0]).map((c) => c.ord)).toEqual([0]);
    expect(ordsOf(CARDS[1]).map((c) => c.ord)).toEqual([0, 1]);
    expect(ordsOf(CARDS[2]).map((c) => c.ord)).toEqual([0, 1]);
    expect(ordsOf(CARDS[3]).map((c) => c.ord)).toEqual([0]);
    CARDS.forEach((c, position) => {
      for (const x of ordsOf(c)) {
        expect(deckOf[String(x.did)].name).toBe(c.deck);
        expect(x).toMatchObject({ type: 0, queue: 0, due: position + 1, ivl: 0, reps: 0, odid: 0, data: '' });
      }
    });
    expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
    // Ids read as creation times in milliseconds, and Anki renumbers any in the future.
    for (const x of [...cards, ...notes]) expect(x.id as number).toBeLessThan(Date.parse('2020-01-01'));
  });

  it('is byte-identical across exports, with stable GUIDs and ids', async () => {
    const a = await writeApkg(CARDS);
    const b = await writeApkg(CARDS.map((c) => ({ ...c })));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const ids = (db: Database) => rows(db, 'select id, guid, mid from notes order by guid');
    expect(ids(openApkg(a).db)).toEqual(ids(openApkg(b).db));
    expect(ids(openApkg(a).db).map((n) => n.guid)).toEqual(CARDS.map((c) => c.id).sort());
  });

  it('changes only the edited note when a card changes', async () => {
    const before = await collection(CARDS);
    const editedBack = CARDS.map((c, i) => (i === 1 ? { ...c, back: 'A stable virtual IP' } : c));
    const editedFront = CARDS.map((c, i) => (i === 1 ? { ...c, front: 'ClusterIP service' } : c));
    const dump = (db: Database) => ({
      notes: rows(db, 'select * from notes order by id'),
      cards: rows(db, 'select * from cards order by id'),
      col: rows(db, 'select * from col'),
    });
    const old = dump(before);
    for (const [edited, changed] of [
      [editedBack, ['flds']],
      [editedFront, ['flds', 'sfld', 'csum']],
    ] as const) {
      const now = dump(await collection(edited));
      expect(now.cards).toEqual(old.cards);
      expect(now.col).toEqual(old.col);
      now.notes.forEach((note, i) => {
        const differs = Object.keys(note).filter((k) => note[k] !== old.notes[i][k]);
        expect(differs).toEqual(note.guid === CARDS[1].id ? changed : []);
      });
    }
  });
});

/** Records as Anki's CSV reader (tab-delimited, `"` quoting, `#` comments) reads them. */
function readTsv(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '#') {
      i = text.indexOf('\n', i) + 1 || text.length;
      continue;
    }
    const record: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        for (i++; ; i++) {
          if (text[i] === '"' && text[i + 1] === '"') field += text[i++];
          else if (text[i] === '"') break;
          else field += text[i];
        }
        i++;
      } else {
        while (i < text.length && !'\t\n'.includes(text[i])) field += text[i++];
      }
      record.push(field);
      if (text[i++] !== '\t') break;
    }
    records.push(record);
  }
  return records;
}

describe('writeAnkiTsv', () => {
  it('writes the header lines Anki reads', () => {
    const tsv = writeAnkiTsv(CARDS);
    expect(tsv.split('\n').slice(0, 6)).toEqual([
      '#separator:tab',
      '#html:true',
      '#notetype column:1',
      '#deck column:2',
      '#guid column:3',
      '#tags column:6',
    ]);
    expect(tsv.endsWith('\n')).toBe(true);
  });

  it('writes one row per card with note type, deck, GUID, sides and tags', () => {
    const records = readTsv(writeAnkiTsv(CARDS));
    expect(records).toHaveLength(CARDS.length);
    expect(records[0]).toEqual([
      'Basic',
      'labbook::kubernetes',
      CARDS[0].id,
      'What runs a <b>pod</b>?',
      'The <code>kubelet</code> on its node',
      'kubernetes',
    ]);
    expect(records[1].slice(0, 1)).toEqual(['Basic (and reversed card)']);
    expect(records[1][5]).toBe('kubernetes svc');
    expect(records[2][0]).toBe('Cloze');
    expect(records[2][3]).toContain('{{c2::containers}}');
  });

  it('quotes fields with tabs, line breaks and quotes so rows stay whole', () => {
    const tabbed = card({ kind: 'basic', front: 'columns\tapart', back: 'x' });
    // Sides escape `"` as HTML; a tag can still hold one.
    const quoted = {
      ...tabbed,
      id: 'q',
      source: 'output' as const,
      back: 'say "hi"\n\tbye',
      tags: ['a"b', 'c'],
    };
    const tsv = writeAnkiTsv([tabbed, CARDS[3], quoted]);
    const lines = tsv.split('\n');
    expect(lines[6]).toBe(`Basic\tlabbook::kubernetes\t${tabbed.id}\t"columns\tapart"\tx\tkubernetes`);
    const records = readTsv(tsv);
    expect(records).toHaveLength(3);
    expect(records.every((r) => r.length === 6)).toBe(true);
    expect(records[0][3]).toBe('columns\tapart');
    expect(records[1][4]).toBe(sideHtml(CARDS[3], 'back'));
    expect(records[1][4]).toContain('\n');
    expect(records[1][5]).toBe('networking ip_link');
    expect(records[2][4]).toBe(sideHtml(quoted, 'back'));
    expect(records[2][4]).toBe('<pre><code>say &quot;hi&quot;\n\tbye</code></pre>');
    expect(records[2][5]).toBe('a"b c');
    expect(lines.at(-2)).toBe('\tbye</code></pre>"\t"a""b c"');
  });
});
