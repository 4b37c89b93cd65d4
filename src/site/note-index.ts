// The knowledge base as a graph, built once from content/: each note's page id, title, heading
// slugs (as the rendered page numbers them), tags, dates and the links it makes, so pages can
// resolve wiki-links, list backlinks and tags, and the build can reject a link to nothing.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import GithubSlugger, { slug } from 'github-slugger';
import type { Heading, Root, RootContent } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import { findNotes } from '../cli/files.ts';
import { parseNote } from '../notebook/parse.ts';
import { type LinkRef, linksIn } from './links.ts';
import { type NoteData, tagsOf } from './notes.ts';

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
  date: string | null;
  draft: boolean;
  links: LinkRef[];
}

export interface NoteIndex {
  root: string;
  notes: Map<string, NoteEntry>;
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
    date: dateOf(data.date),
    draft: data.draft === true,
    links: linksIn(note.tree),
  };
}

/** Reads every note under `root`. */
export function buildIndex(root = 'content', cwd = process.cwd()): NoteIndex {
  const notes = new Map<string, NoteEntry>();
  for (const file of findNotes([root], cwd).files) {
    const entry = indexNote(root, file, readFileSync(file, 'utf8'), cwd);
    notes.set(entry.id, entry);
  }
  return { root, notes };
}

/** The notes that link to `id`, by title. */
export function backlinks(index: NoteIndex, id: string): NoteEntry[] {
  const from: NoteEntry[] = [];
  for (const entry of index.notes.values()) {
    if (entry.id === id || entry.draft) continue;
    if (entry.links.some((l) => resolveLink(index, entry, l).target?.id === id)) from.push(entry);
  }
  return from.sort((a, b) => a.title.localeCompare(b.title));
}

export type Resolution = { target: NoteEntry | null; hash: string | null; error: string | null };

/** Where a link from `from` points, or why it points nowhere. */
export function resolveLink(index: NoteIndex, from: NoteEntry, link: LinkRef): Resolution {
  let target: NoteEntry | null = null;
  if (link.kind === 'wiki') {
    if (link.target === '') target = from;
    else {
      const wanted = link.target.replace(/\.(md|markdown)$/, '');
      const candidates = [...index.notes.values()].filter(
        (n) =>
          n.path.replace(/\.(md|mdx|markdown)$/, '') === wanted ||
          n.path
            .replace(/\.(md|mdx|markdown)$/, '')
            .split('/')
            .pop()
            ?.toLowerCase() === wanted.toLowerCase() ||
          n.id === noteId(wanted) ||
          n.title.toLowerCase() === wanted.toLowerCase(),
      );
      const distinct = [...new Set(candidates)];
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
    const base = from.path.split('/').slice(0, -1);
    const parts = [...base];
    for (const seg of link.target.split('/')) {
      if (seg === '..') parts.pop();
      else if (seg !== '.' && seg !== '') parts.push(seg);
    }
    const path = parts.join('/');
    target = link.target === '' ? from : ([...index.notes.values()].find((n) => n.path === path) ?? null);
    if (!target) return { target: null, hash: null, error: `no note at ${link.target}` };
  }
  if (link.heading === null) return { target, hash: null, error: null };
  const wantedSlug = slug(link.heading);
  const heading = target.headings.find((h) => h.slug === wantedSlug || h.slug === link.heading);
  if (!heading) return { target, hash: null, error: `"${target.path}" has no heading "${link.heading}"` };
  return { target, hash: heading.slug, error: null };
}
