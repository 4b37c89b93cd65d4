// Everything the exports need from a knowledge base, gathered once: each note parsed and checked
// (reports come from the check cache when the note is unchanged), its page id, deck path and
// tags, and the cards found in it with their diagnostics.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { check } from '../cli/check.ts';
import { findNotes } from '../cli/files.ts';
import type { Diagnostic } from '../notebook/diagnostics.ts';
import { type Note, parseNote } from '../notebook/parse.ts';
import type { NoteReport } from '../notebook/report.ts';
import { noteId } from '../site/note-index.ts';
import { categoriesOf, type NoteData, tagsOf } from '../site/notes.ts';
import { type Card, tagName } from './card.ts';
import { cardsOf, type NoteMeta } from './cards.ts';

export interface CollectedNote {
  note: Note;
  meta: NoteMeta;
  report: NoteReport;
}

export interface Collection {
  notes: CollectedNote[];
  cards: Card[];
  /** Errors stop an export; warnings (a missing image) do not. */
  diagnostics: Diagnostic[];
  /** The images cards show, by the base name their HTML uses. */
  media: Map<string, Uint8Array>;
}

/** Finds each card's images: relative to its note, else by file name anywhere under the content. */
function gatherMedia(root: string, cards: Card[], diagnostics: Diagnostic[]): Map<string, Uint8Array> {
  const media = new Map<string, Uint8Array>();
  let byName: Map<string, string> | null = null;
  for (const card of cards) {
    for (const image of card.media ?? []) {
      const name = basename(image);
      if (media.has(name)) continue;
      const beside = resolve(dirname(card.note.file), image);
      byName ??= new Map(
        readdirSync(root, { recursive: true, encoding: 'utf8' }).map((f) => [
          basename(f).toLowerCase(),
          join(root, f),
        ]),
      );
      const file = existsSync(beside) ? beside : byName.get(name.toLowerCase());
      if (file) media.set(name, new Uint8Array(readFileSync(file)));
      else
        diagnostics.push({
          file: card.note.file,
          line: card.note.line,
          col: 1,
          rule: 'card/missing-image',
          severity: 'warning',
          message: `image "${image}" not found; the card is exported without it`,
        });
    }
  }
  return media;
}

/** `jobs`: worker threads for notes not in the cache (1 checks them in this thread). */
export async function collect(root = 'content', cacheDir?: string, jobs = 0): Promise<Collection> {
  const dir = resolve(root);
  const { files } = findNotes([dir]);
  const shown = files.map((f) => relative(process.cwd(), f));
  const summary = await check({
    paths: shown,
    cacheDir,
    update: false,
    reporter: 'human',
    cache: true,
    jobs,
    out: () => {},
    err: () => {},
  });
  const notes: CollectedNote[] = [];
  const cards: Card[] = [];
  const diagnostics: Diagnostic[] = [];
  shown.forEach((file, i) => {
    const note = parseNote(file, readFileSync(file, 'utf8'));
    if (note.frontmatter.draft === true) return;
    const path = relative(dir, resolve(file)).split('\\').join('/');
    const data = note.frontmatter as NoteData;
    const meta: NoteMeta = {
      id: noteId(path, note.frontmatter),
      path,
      tags: [...new Set([...tagsOf(data), ...categoriesOf(data)].map(tagName))].sort(),
    };
    const report = summary.reports[i];
    notes.push({ note, meta, report });
    const found = cardsOf(note, meta, report);
    cards.push(...found.cards);
    diagnostics.push(...found.diagnostics);
  });
  const media = gatherMedia(dir, cards, diagnostics);
  return { notes, cards, diagnostics, media };
}
