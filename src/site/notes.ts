// Helpers over the notes collection for pages: titles, tags and links.
export interface NoteData {
  title?: string;
  tags?: string[] | string;
  tag?: string[] | string;
  categories?: string[] | string;
}

export function tagsOf(data: NoteData): string[] {
  const list = (v: string[] | string | undefined) =>
    Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\s,]+/) : [];
  return [...new Set([...list(data.tags), ...list(data.tag)].filter(Boolean))].sort();
}

export function noteTitle(id: string, data: NoteData, firstHeading?: string): string {
  return data.title ?? firstHeading ?? id.split('/').pop() ?? id;
}
