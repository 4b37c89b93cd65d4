// Writes cards as an Anki package (.apkg): a ZIP holding `collection.anki2`, a SQLite collection
// in Anki's legacy schema 11 built with sql.js, and the `media` map. Every id and timestamp is
// derived from names, card ids or a fixed epoch, so the same cards always give the same bytes.
import { createHash } from 'node:crypto';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { type Card, type CardKind, sideHtml, tagName } from './card.ts';
import { writeZip } from './zip.ts';

export interface ApkgOptions {
  /** Replaces the first component of every deck path (`labbook::k8s` → `<deckRoot>::k8s`). */
  deckRoot?: string;
  /** Media files by name; notes refer to them by that name. */
  media?: Map<string, Uint8Array>;
  /**
   * Modification time (seconds) written on the collection, note types, decks, notes and cards.
   * Defaults to a fixed epoch. Anki updates an already imported note only when the incoming one
   * has a different (by default: newer) time, so pass e.g. the build time to push edits.
   */
  mtime?: number;
}

/** 2024-01-01T00:00:00Z: the collection's creation time and the default modification time. */
export const ANKI_EPOCH = 1_704_067_200;

/** The stock note type each kind of card becomes. */
export const ANKI_NOTETYPES: Record<CardKind, string> = {
  basic: 'Basic',
  reversed: 'Basic (and reversed card)',
  cloze: 'Cloze',
};

/** The note's GUID: the card's stable id (Anki only needs it unique and free of blanks). */
export function ankiGuid(card: Card): string {
  return card.id;
}

/** The note's fields as HTML: Front/Back, or Text/Back Extra for cloze cards. */
export function ankiFields(card: Card): [string, string] {
  return [sideHtml(card, 'front'), sideHtml(card, 'back')];
}

/** Tags as Anki allows them: no blanks inside a tag, no duplicates. */
export function ankiTags(card: Card): string[] {
  return [...new Set(card.tags.map(tagName).filter(Boolean))];
}

/** The card's deck path, tidied, with its first component replaced by `deckRoot` if given. */
export function ankiDeck(card: Card, deckRoot?: string): string {
  const parts = card.deck
    .split('::')
    .map((p) => p.trim())
    .filter(Boolean);
  if (deckRoot?.trim()) parts.splice(0, 1, ...deckRoot.split('::').map((p) => p.trim()));
  return parts.filter(Boolean).join('::') || 'Default';
}

/** Anki's text for the sort field and checksum: media file names kept, tags gone, entities decoded. */
export function ankiStripHtml(html: string): string {
  return decodeEntities(
    html
      .replace(
        /<\b(?:img|audio|video|object|source)\b[^>]*?\b(?:src|data)=["']?([^"' >]+)["']?[^>]*>/gis,
        ' $1 ',
      )
      .replace(/<!--.*?-->|<style.*?>.*?<\/style>|<script.*?>.*?<\/script>|<.*?>/gis, ''),
  );
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code === 0xa0 ? ' ' : code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Anki's duplicate-check checksum: the first 32 bits of the SHA-1 of the stripped first field. */
export function ankiChecksum(firstField: string): number {
  return parseInt(createHash('sha1').update(ankiStripHtml(firstField)).digest('hex').slice(0, 8), 16);
}

/**
 * A stable id for `label`: 10^12 plus 39 bits of its SHA-256, i.e. a millisecond timestamp
 * between 2001 and 2019. Anki reads note and card ids as creation times and renumbers any
 * that lie in the future, so the range stays in the past.
 */
function stableInt(label: string): number {
  const bits40 = parseInt(createHash('sha256').update(label).digest('hex').slice(0, 10), 16);
  return 1e12 + Math.floor(bits40 / 2);
}

/** `stableInt(label)`, moved to the next free id should two labels collide. */
function uniqueInt(label: string, taken: Set<number>): number {
  let id = stableInt(label);
  while (taken.has(id)) id++;
  taken.add(id);
  return id;
}

/** Card ordinals a note gets: one per template, or one per distinct cloze number. */
function cardOrds(card: Card, text: string): number[] {
  if (card.kind === 'basic') return [0];
  if (card.kind === 'reversed') return [0, 1];
  const numbers = new Set([...text.matchAll(/\{\{c(\d+)::/g)].map((m) => Number(m[1])).filter((n) => n > 0));
  return numbers.size ? [...numbers].sort((a, b) => a - b).map((n) => n - 1) : [0];
}

// The stock note types as Anki creates them (rslib/src/notetype/stock.rs), in schema-11 JSON.
const CSS = `.card {
    font-family: arial;
    font-size: 20px;
    line-height: 1.5;
    text-align: center;
    color: black;
    background-color: white;
}
.card pre {
    text-align: left;
}
`;
const CLOZE_CSS = `.cloze {
    font-weight: bold;
    color: blue;
}
.nightMode .cloze {
    color: lightblue;
}
`;
const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n' +
  '\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';
const LATEX_POST = '\\end{document}';

interface NotetypeSpec {
  type: 0 | 1;
  fields: string[];
  /** `asks`: the one field a template's question shows, which a card of it needs. */
  templates: { name: string; qfmt: string; afmt: string; asks: number }[];
}

const answer = (shown: string) => `{{FrontSide}}\n\n<hr id=answer>\n\n{{${shown}}}`;
const NOTETYPE_SPECS: Record<CardKind, NotetypeSpec> = {
  basic: {
    type: 0,
    fields: ['Front', 'Back'],
    templates: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: answer('Back'), asks: 0 }],
  },
  reversed: {
    type: 0,
    fields: ['Front', 'Back'],
    templates: [
      { name: 'Card 1', qfmt: '{{Front}}', afmt: answer('Back'), asks: 0 },
      { name: 'Card 2', qfmt: '{{Back}}', afmt: answer('Front'), asks: 1 },
    ],
  },
  cloze: {
    type: 1,
    fields: ['Text', 'Back Extra'],
    templates: [
      { name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}', asks: 0 },
    ],
  },
};

function notetypeJson(kind: CardKind, id: number, mtime: number) {
  const spec = NOTETYPE_SPECS[kind];
  return {
    id,
    name: ANKI_NOTETYPES[kind],
    type: spec.type,
    mod: mtime,
    usn: -1,
    sortf: 0,
    did: 1,
    tmpls: spec.templates.map(({ name, qfmt, afmt }, ord) => ({
      name,
      ord,
      qfmt,
      afmt,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0,
    })),
    flds: spec.fields.map((name, ord) => ({
      name,
      ord,
      sticky: false,
      rtl: false,
      font: 'Arial',
      size: 20,
      media: [],
      description: '',
      plainText: false,
      collapsed: false,
      excludeFromSearch: false,
    })),
    css: spec.type === 1 ? CSS + CLOZE_CSS : CSS,
    latexPre: LATEX_PRE,
    latexPost: LATEX_POST,
    latexsvg: false,
    // What Anki computes for these templates: a card needs the one field its question shows.
    req: spec.templates.map((t, ord) => [ord, 'any', [t.asks]]),
    tags: [],
    vers: [],
  };
}

function deckJson(id: number, name: string, mtime: number) {
  return {
    id,
    mod: mtime,
    name,
    usn: -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc: '',
    dyn: 0,
    conf: 1,
    extendNew: 0,
    extendRev: 0,
  };
}

// Anki's default options group (rslib/src/deckconfig/schema11.rs).
const DECK_CONFIG = {
  id: 1,
  mod: 0,
  name: 'Default',
  usn: 0,
  maxTaken: 60,
  autoplay: true,
  timer: 0,
  replayq: true,
  dyn: false,
  new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
  rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
  lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
};

// rslib/src/storage/schema11.sql, less its placeholder `col` row.
const SCHEMA_11 = `
create table col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
  models text not null, decks text not null, dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
  flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null,
  due integer not null, ivl integer not null, factor integer not null, reps integer not null,
  lapses integer not null, left integer not null, odue integer not null, odid integer not null,
  flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null,
  type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`;

let sqlJs: Promise<SqlJsStatic> | undefined;

/** An .apkg file with one note per card, in decks named after `card.deck`. */
export async function writeApkg(cards: Card[], options: ApkgOptions = {}): Promise<Uint8Array> {
  const SQL = await (sqlJs ??= initSqlJs());
  const db = new SQL.Database();
  try {
    fillCollection(db, cards, options);
    const collection = db.export();
    const mediaNames = [...(options.media?.keys() ?? [])].sort();
    const mediaMap = Object.fromEntries(mediaNames.map((name, i) => [String(i), name]));
    return writeZip([
      { name: 'collection.anki2', data: collection },
      { name: 'media', data: new TextEncoder().encode(JSON.stringify(mediaMap)) },
      ...mediaNames.map((name, i) => ({ name: String(i), data: options.media!.get(name)! })),
    ]);
  } finally {
    db.close();
  }
}

function fillCollection(db: Database, cards: Card[], options: ApkgOptions): void {
  const mtime = Math.floor(options.mtime ?? ANKI_EPOCH);
  db.run(SCHEMA_11);

  const kinds: CardKind[] = ['basic', 'reversed', 'cloze'];
  const modelIds = Object.fromEntries(kinds.map((k) => [k, stableInt(`notetype:${ANKI_NOTETYPES[k]}`)]));
  const models = Object.fromEntries(kinds.map((k) => [modelIds[k], notetypeJson(k, modelIds[k], mtime)]));

  // Decks: Default, every card's deck and each of their parents.
  const deckIds = new Map<string, number>([['Default', 1]]);
  const deckTaken = new Set([1]);
  const deckNames = cards.flatMap((card) => {
    const parts = ankiDeck(card, options.deckRoot).split('::');
    return parts.map((_, i) => parts.slice(0, i + 1).join('::'));
  });
  for (const name of [...new Set(deckNames)].sort()) {
    if (!deckIds.has(name)) deckIds.set(name, uniqueInt(`deck:${name}`, deckTaken));
  }
  const decks = Object.fromEntries([...deckIds].map(([name, id]) => [id, deckJson(id, name, mtime)]));

  const tags = [...new Set(cards.flatMap(ankiTags))].sort();
  const conf = {
    activeDecks: [1],
    curDeck: 1,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: modelIds.basic,
    nextPos: cards.length + 1,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
    dayLearnFirst: false,
    schedVer: 2,
  };
  db.run('insert into col values (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
    ANKI_EPOCH,
    mtime * 1000,
    mtime * 1000,
    JSON.stringify(conf),
    JSON.stringify(models),
    JSON.stringify(decks),
    JSON.stringify({ 1: DECK_CONFIG }),
    JSON.stringify(Object.fromEntries(tags.map((t) => [t, 0]))),
  ]);

  const insertNote = db.prepare('insert into notes values (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)');
  const insertCard = db.prepare(
    'insert into cards values (?, ?, ?, ?, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?)',
  );
  const noteTaken = new Set<number>();
  const cardTaken = new Set<number>();
  try {
    cards.forEach((card, position) => {
      const fields = ankiFields(card);
      const noteTags = ankiTags(card);
      const noteId = uniqueInt(`note:${card.id}`, noteTaken);
      insertNote.run([
        noteId,
        ankiGuid(card),
        modelIds[card.kind],
        mtime,
        noteTags.length ? ` ${noteTags.join(' ')} ` : '',
        fields.join('\x1f'),
        ankiStripHtml(fields[0]),
        ankiChecksum(fields[0]),
        '',
      ]);
      const deckId = deckIds.get(ankiDeck(card, options.deckRoot))!;
      for (const ord of cardOrds(card, fields[0])) {
        const cardId = uniqueInt(`card:${card.id}:${ord}`, cardTaken);
        insertCard.run([cardId, noteId, deckId, ord, mtime, position + 1, '']);
      }
    });
  } finally {
    insertNote.free();
    insertCard.free();
  }
}
