// Helpers over the notes collection for pages: titles, tags and links.
export interface NoteData {
  title?: string;
  tags?: string[] | string;
  tag?: string[] | string;
  categories?: string[] | string;
  topics?: string[] | string;
}

/** A front-matter list as Jekyll and Hugo write it: a YAML list or a space/comma-separated string. */
function listOf(v: string[] | string | undefined): string[] {
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(/[\s,]+/) : [];
}

/** Jekyll's `categories` and Hugo's `topics`: the note's broader subjects, shown beside its tags. */
export function categoriesOf(data: NoteData): string[] {
  return [...new Set([...listOf(data.categories), ...listOf(data.topics)].filter(Boolean))].sort();
}

export function tagsOf(data: NoteData): string[] {
  return [...new Set([...listOf(data.tags), ...listOf(data.tag)].filter(Boolean))].sort();
}

export function noteTitle(id: string, data: NoteData, firstHeading?: string): string {
  return data.title ?? firstHeading ?? id.split('/').pop() ?? id;
}
