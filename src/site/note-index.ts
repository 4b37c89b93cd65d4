// The knowledge base as a graph, built once from content/: each note's page id, title, heading
// slugs (as the rendered page numbers them), tags, dates and the links it makes, so pages can
// resolve wiki-links, list backlinks and tags, and the build can reject a link to nothing.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import GithubSlugger, { slug } from 'github-slugger';
import type { Heading, Root, RootContent } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import { findNotes } from '../cli/files.ts';
import { parseNote } from '../notebook/parse.ts';
import { type LinkRef, linksIn } from './links.ts';
import { categoriesOf, type NoteData, tagsOf } from './notes.ts';

export interface NoteEntry {
  /** The page id: /notes/<id>/. */
  id: string;
  /** Path relative to the content directory. */
  path: string;
  /** Path as diagnostics show it (relative to the project). */
  file: string;
  title: string;
  headings: Array<{ depth: number; text: string; slug: string }>;
  tags: string[];
  /** Jekyll categories and Hugo topics; their pages are shared with tags. */
  categories: string[];
  date: string | null;
  draft: boolean;
  links: LinkRef[];
}

export interface NoteIndex {
  root: string;
  notes: Map<string, NoteEntry>;
  /** Notes by the names a wiki-link may use: path without extension, file name, page id, title (lowercased). */
  byName: Map<string, NoteEntry[]>;
  byPath: Map<string, NoteEntry>;
}

function addName(byName: Map<string, NoteEntry[]>, name: string, entry: NoteEntry): void {
  const key = name.toLowerCase();
  const list = byName.get(key);
  if (!list) byName.set(key, [entry]);
  else if (!list.includes(entry)) list.push(entry);
}

/** An index over entries: the lookups wiki-links and Markdown links resolve through. */
export function indexOf(root: string, entries: NoteEntry[]): NoteIndex {
  const notes = new Map<string, NoteEntry>();
  const byName = new Map<string, NoteEntry[]>();
  const byPath = new Map<string, NoteEntry>();
  for (const e of entries) {
    notes.set(e.id, e);
    byPath.set(e.path, e);
    const bare = e.path.replace(/\.(md|mdx|markdown)$/, '');
    addName(byName, bare, e);
    addName(byName, bare.split('/').pop() ?? bare, e);
    addName(byName, e.id, e);
    addName(byName, e.title, e);
  }
  return { root, notes, byName, byPath };
}

/** The page id of a note file, as the content collection is told to number them. */
export function noteId(path: string, data: Record<string, unknown> = {}): string {
  if (typeof data.slug === 'string' && data.slug) return data.slug;
  const segments = path.replace(/\.(md|mdx|markdown)$/, '').split('/');
  return segments
    .map((s) => slug(s))
    .join('/')
    .replace(/\/index$/, '');
}

function headingsOf(tree: Root): NoteEntry['headings'] {
  const slugger = new GithubSlugger();
  const out: NoteEntry['headings'] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === 'heading') {
      const text = textOf(node as Heading);
      out.push({ depth: (node as Heading).depth, text, slug: slugger.slug(text) });
      return;
    }
    if ('children' in node) for (const c of node.children) walk(c);
  };
  walk(tree);
  return out;
}

function dateOf(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return null;
}

export function indexNote(root: string, file: string, source: string, cwd = process.cwd()): NoteEntry {
  const path = relative(root, file).split('\\').join('/');
  const shown = relative(cwd, file);
  const note = parseNote(shown, source);
  const data = note.frontmatter;
  return {
    id: noteId(path, data),
    path,
    file: shown,
    title: note.title,
    headings: headingsOf(note.tree),
    tags: tagsOf(data as NoteData),
    categories: categoriesOf(data as NoteData),
    date: dateOf(data.date),
    draft: data.draft === true,
    links: linksIn(note.tree, source),
  };
}

/** Reads every note under `root`. */
export function buildIndex(root = 'content', cwd = process.cwd()): NoteIndex {
  const dir = resolve(cwd, root);
  const entries = findNotes([dir], cwd).files.map((file) =>
    indexNote(dir, file, readFileSync(file, 'utf8'), cwd),
  );
  return indexOf(dir, entries);
}

const backlinkMaps = new WeakMap<NoteIndex, Map<string, NoteEntry[]>>();

/** The notes that link to `id`, by title. */
export function backlinks(index: NoteIndex, id: string): NoteEntry[] {
  let map = backlinkMaps.get(index);
  if (!map) {
    map = new Map();
    for (const entry of index.notes.values()) {
      if (entry.draft) continue;
      for (const link of entry.links) {
        const target = resolveLink(index, entry, link).target;
        if (!target || target === entry) continue;
        const list = map.get(target.id) ?? [];
        if (!list.includes(entry)) list.push(entry);
        map.set(target.id, list);
      }
    }
    for (const list of map.values()) list.sort((a, b) => a.title.localeCompare(b.title));
    backlinkMaps.set(index, map);
  }
  return map.get(id) ?? [];
}

export type Resolution = { target: NoteEntry | null; hash: string | null; error: string | null };

/** Where a link from `from` points, or why it points nowhere. */
export function resolveLink(index: NoteIndex, from: NoteEntry, link: LinkRef): Resolution {
  let target: NoteEntry | null = null;
  if (link.kind === 'wiki') {
    if (link.target === '') target = from;
    else {
      const wanted = link.target.replace(/\.(md|markdown)$/, '');
      const distinct = index.byName.get(wanted.toLowerCase()) ?? index.byName.get(noteId(wanted)) ?? [];
      if (distinct.length > 1)
        return {
          target: null,
          hash: null,
          error: `[[${link.target}]] matches several notes: ${distinct.map((n) => n.path).join(', ')}`,
        };
      target = distinct[0] ?? null;
      if (!target) return { target: null, hash: null, error: `no note named "${link.target}"` };
    }
  } else {
    // `/dir/note.md` starts at the content root, anything else at the linking note's folder.
    const base = link.target.startsWith('/') ? [] : from.path.split('/').slice(0, -1);
    const parts = [...base];
    for (const seg of link.target.split('/')) {
      if (seg === '..') parts.pop();
      else if (seg !== '.' && seg !== '') parts.push(seg);
    }
    const path = parts.join('/');
    target = link.target === '' ? from : (index.byPath.get(path) ?? null);
    if (!target) return { target: null, hash: null, error: `no note at ${link.target}` };
  }
  if (target.draft && !from.draft)
    return { target: null, hash: null, error: `"${target.path}" is a draft (draft: true) and has no page` };
  if (link.heading === null) return { target, hash: null, error: null };
  const wantedSlug = slug(link.heading);
  const heading = target.headings.find((h) => h.slug === wantedSlug || h.slug === link.heading);
  if (!heading) return { target, hash: null, error: `"${target.path}" has no heading "${link.heading}"` };
  return { target, hash: heading.slug, error: null };
}
