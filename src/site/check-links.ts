// Every link between notes checked at once before the site is built: a wiki-link or Markdown
// link to a note or heading that does not exist is an error with its position.
import type { Diagnostic } from '../notebook/diagnostics.ts';
import { type NoteIndex, resolveLink } from './note-index.ts';

const isAttachment = (target: string) => /\.[a-z0-9]+$/i.test(target) && !/\.(md|markdown)$/i.test(target);

export function checkLinks(index: NoteIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const note of index.notes.values()) {
    for (const link of note.links) {
      if (link.embed && isAttachment(link.target)) continue;
      const r = resolveLink(index, note, link);
      if (r.error)
        out.push({
          file: note.file,
          line: link.line,
          col: link.col,
          rule: 'link/broken',
          severity: 'error',
          message: r.error,
        });
    }
  }
  return out;
}
