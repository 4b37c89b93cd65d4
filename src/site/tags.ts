// Tags (with Jekyll categories and Hugo topics) across the knowledge base: each tag with its note count, and the notes of one tag.
import type { NoteEntry, NoteIndex } from './note-index.ts';

const published = (index: NoteIndex) => [...index.notes.values()].filter((n) => !n.draft);

/** A note's tags and categories: both are listed on the tag pages. */
export function termsOf(note: NoteEntry): string[] {
  return [...new Set([...note.tags, ...note.categories])];
}

/** Tags by descending count, then name. */
export function tagCounts(index: NoteIndex): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const n of published(index)) for (const t of termsOf(n)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function notesTagged(index: NoteIndex, tag: string): NoteEntry[] {
  return published(index)
    .filter((n) => termsOf(n).includes(tag))
    .sort((a, b) => a.title.localeCompare(b.title));
}
