// The links a note makes to other notes: Obsidian wiki-links `[[Note]]`, `[[Note#Heading|alias]]`
// and embeds `![[file]]` found in its text, and Markdown links to relative `.md` files, each
// with its position for diagnostics.
import type { Link, Root, RootContent, Text } from 'mdast';

export interface LinkRef {
  kind: 'wiki' | 'markdown';
  /** A note name or path, without the heading. Empty for a link within the note. */
  target: string;
  heading: string | null;
  alias: string | null;
  /** `![[...]]`: an embed of a file or note. */
  embed: boolean;
  line: number;
  col: number;
}

/** `[[target#heading|alias]]`, optionally prefixed with `!`. */
export const WIKI_LINK = /(!?)\[\[([^\]|#\n]*)(?:#([^\]|\n]*))?(?:\|([^\]\n]*))?\]\]/g;

/** Positions in `text` of the wiki-links it holds. */
export function wikiLinksIn(
  value: string,
): Array<{ index: number; length: number; ref: Omit<LinkRef, 'line' | 'col'> }> {
  const out: Array<{ index: number; length: number; ref: Omit<LinkRef, 'line' | 'col'> }> = [];
  for (const m of value.matchAll(WIKI_LINK)) {
    out.push({
      index: m.index,
      length: m[0].length,
      ref: {
        kind: 'wiki',
        target: m[2].trim(),
        heading: m[3]?.trim() || null,
        alias: m[4]?.trim() || null,
        embed: m[1] === '!',
      },
    });
  }
  return out;
}

/** A URL part with its %-escapes decoded, or as written when they are malformed (`100%.md`). */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i;

/** A relative Markdown link to another note (`other.md`, `../dir/note.md#section`), or null. */
export function markdownLinkRef(url: string): Omit<LinkRef, 'line' | 'col'> | null {
  if (EXTERNAL.test(url) && !url.startsWith('#')) return null;
  const [path, hash] = url.split('#', 2);
  if (path !== '' && !/\.(md|markdown)$/.test(path)) return null;
  return {
    kind: 'markdown',
    target: decoded(path),
    heading: hash ? decoded(hash) : null,
    alias: null,
    embed: false,
  };
}

/**
 * Where the wiki-link at `offset` in a text node starts in the file. On a continuation line the
 * node's value has lost the line's `> ` or indentation, so the column is found in the line.
 */
export function positionInText(
  node: Text,
  offset: number,
  match: string,
  lines: string[] | null,
): { line: number; col: number } {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const before = node.value.slice(0, offset).split('\n');
  if (before.length === 1) return { line: start.line, col: start.column + offset };
  const line = start.line + before.length - 1;
  const found = lines?.[line - 1]?.indexOf(match) ?? -1;
  return { line, col: found >= 0 ? found + 1 : before[before.length - 1].length + 1 };
}

/** The links a parsed note makes; `source` (the text it was parsed from) gives exact columns. */
export function linksIn(tree: Root, source?: string): LinkRef[] {
  const lines = source?.split('\n') ?? null;
  const out: LinkRef[] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') return;
    if (node.type === 'text') {
      for (const { index, length, ref } of wikiLinksIn(node.value))
        out.push({ ...ref, ...positionInText(node, index, node.value.slice(index, index + length), lines) });
      return;
    }
    if (node.type === 'link') {
      const ref = markdownLinkRef((node as Link).url);
      const pos = node.position?.start;
      if (ref) out.push({ ...ref, line: pos?.line ?? 1, col: pos?.column ?? 1 });
    }
    if ('children' in node) for (const c of node.children) walk(c);
  };
  walk(tree);
  return out;
}
