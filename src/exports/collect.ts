// Everything the exports need from a knowledge base, gathered once: each note parsed and checked
// (reports come from the check cache when the note is unchanged), its page id, deck path and
// tags, and the cards found in it with their diagnostics.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { check } from '../cli/check.ts';
import { findNotes } from '../cli/files.ts';
import type { Diagnostic } from '../notebook/diagnostics.ts';
import { type Note, parseNote } from '../notebook/parse.ts';
import type { NoteReport } from '../notebook/report.ts';
import { noteId } from '../site/note-index.ts';
import { categoriesOf, type NoteData, tagsOf } from '../site/notes.ts';
import type { Card } from './card.ts';
import { cardsOf, type NoteMeta } from './cards.ts';

export interface CollectedNote {
  note: Note;
  meta: NoteMeta;
  report: NoteReport;
}

export interface Collection {
  notes: CollectedNote[];
  cards: Card[];
  diagnostics: Diagnostic[];
}

/** Anki tags cannot hold spaces. */
function tagName(tag: string): string {
  return tag.trim().replace(/\s+/g, '_');
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
  return { notes, cards, diagnostics };
}
