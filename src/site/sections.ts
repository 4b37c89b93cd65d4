// The home page's sections: notes grouped by their top folder under content/, titles sorted.
import type { NoteEntry, NoteIndex } from './note-index.ts';

export function sections(index: NoteIndex): Array<{ name: string; notes: NoteEntry[] }> {
  const groups = new Map<string, NoteEntry[]>();
  for (const n of index.notes.values()) {
    if (n.draft) continue;
    const folder = n.path.includes('/') ? n.path.split('/')[0] : 'notes';
    const name = folder[0].toUpperCase() + folder.slice(1).replace(/[-_]/g, ' ');
    groups.set(name, [...(groups.get(name) ?? []), n]);
  }
  return [...groups]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([name, notes]) => ({ name, notes: notes.sort((a, b) => a.title.localeCompare(b.title)) }));
}
