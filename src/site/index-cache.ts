// The note index for the running build or dev server, rebuilt when a note is added, removed or
// changed (checked by modification times, so an edit in `npm run dev` is seen at once), and the
// attachment files (images) found by name as Obsidian finds them.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findNotes } from '../cli/files.ts';
import { buildIndex, type NoteIndex } from './note-index.ts';

/** The knowledge base's folder; LABBOOK_CONTENT points elsewhere (benchmarks, tests). */
export const CONTENT_ROOT = process.env.LABBOOK_CONTENT ?? 'content';

let cached: {
  root: string;
  signature: string;
  checkedAt: number;
  index: NoteIndex;
  attachments: Map<string, string> | null;
} | null = null;

/** How long a checked index is trusted before the notes' times are read again. */
const RECHECK_MS = 500;

function signature(root: string): string {
  return findNotes([root])
    .files.map((f) => `${f}:${statSync(f).mtimeMs}`)
    .join('\n');
}

export function currentIndex(root = process.env.LABBOOK_CONTENT ?? CONTENT_ROOT): NoteIndex {
  const now = Date.now();
  if (cached?.root === root && now - cached.checkedAt < RECHECK_MS) return cached.index;
  const sig = signature(root);
  if (cached?.root !== root || cached.signature !== sig)
    cached = { root, signature: sig, checkedAt: now, index: buildIndex(root), attachments: null };
  cached.checkedAt = now;
  return cached.index;
}

function listAttachments(root: string): Map<string, string> {
  const byName = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!byName.has(entry.name.toLowerCase())) byName.set(entry.name.toLowerCase(), full);
    }
  };
  walk(root);
  return byName;
}

/** The file an Obsidian embed names, searched by file name under the content root. */
export function attachmentPath(index: NoteIndex, name: string): string | null {
  if (!cached || cached.index !== index) return null;
  cached.attachments ??= listAttachments(index.root);
  return cached.attachments.get(basename(name).toLowerCase()) ?? null;
}
