// Remark plugin for the site: turns Obsidian wiki-links and embeds into links and images,
// rewrites Markdown links between notes to page URLs, renders `> [!type]` callouts as asides,
// and shows a placeholder (with a warning) for a missing image instead of failing the build.
// A link to a note or heading that does not exist fails the build with its position.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Blockquote, Image, Link, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { type Diagnostic, formatDiagnostic } from '../notebook/diagnostics.ts';
import { attachmentPath, currentIndex } from './index-cache.ts';
import { type LinkRef, markdownLinkRef, positionInText, wikiLinksIn } from './links.ts';
import { type NoteEntry, type NoteIndex, resolveLink } from './note-index.ts';
import { escapeHtml } from './render-block.ts';

const IMAGE_EXT = /\.(png|jpe?g|gif|svg|webp|avif)$/i;

export function pageUrl(target: NoteEntry, hash: string | null): string {
  return `/notes/${target.id}/${hash ? `#${hash}` : ''}`;
}

function missingImage(name: string): RootContent {
  return {
    type: 'html',
    value: `<span class="lb-missing-image" role="img" aria-label="Missing image: ${escapeHtml(name)}">Missing image: ${escapeHtml(name)}</span>`,
  };
}

interface Ctx {
  index: NoteIndex;
  from: NoteEntry;
  noteDir: string;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** The text the tree was parsed from, for columns on continuation lines. */
  lines: string[];
}

function problem(
  ctx: Ctx,
  list: Diagnostic[],
  rule: string,
  at: { line: number; col: number },
  message: string,
) {
  list.push({
    file: ctx.from.file,
    line: at.line,
    col: at.col,
    rule,
    severity: list === ctx.errors ? 'error' : 'warning',
    message,
  });
}

/** An image file an embed or image node points at, as a URL relative to the note, or null. */
function findImage(ctx: Ctx, name: string, obsidian: boolean): string | null {
  if (/^(?:[a-z]+:)?\/\//i.test(name) || name.startsWith('data:')) return name;
  if (name.startsWith('/')) return existsSync(join('public', name)) ? name : null;
  const direct = resolve(ctx.noteDir, decodeURI(name));
  if (existsSync(direct)) return name;
  if (!obsidian) return null;
  // Obsidian finds attachments by file name anywhere in the vault.
  const found = attachmentPath(ctx.index, name);
  return found ? relative(ctx.noteDir, found).split('\\').join('/') : null;
}

function wikiNode(
  ctx: Ctx,
  ref: Omit<LinkRef, 'line' | 'col'>,
  at: { line: number; col: number },
): PhrasingContent | RootContent {
  if (ref.embed && /\.[a-z0-9]+$/i.test(ref.target) && !/\.(md|markdown)$/i.test(ref.target)) {
    if (!IMAGE_EXT.test(ref.target)) return { type: 'text', value: ref.alias ?? ref.target };
    const url = findImage(ctx, ref.target, true);
    if (!url) {
      problem(
        ctx,
        ctx.warnings,
        'image/missing',
        at,
        `image "${ref.target}" not found; showing a placeholder`,
      );
      return missingImage(ref.target);
    }
    return { type: 'image', url, alt: ref.alias ?? ref.target } as Image;
  }
  const r = resolveLink(ctx.index, ctx.from, { ...ref, line: at.line, col: at.col });
  if (r.error || !r.target) {
    problem(ctx, ctx.errors, 'link/broken', at, r.error ?? 'broken link');
    return { type: 'text', value: ref.alias ?? ref.target };
  }
  const label = ref.alias ?? (ref.heading ? `${ref.target || r.target.title} › ${ref.heading}` : ref.target);
  return { type: 'link', url: pageUrl(r.target, r.hash), children: [{ type: 'text', value: label }] } as Link;
}

function splitText(ctx: Ctx, node: Text): Array<PhrasingContent | RootContent> | null {
  const found = wikiLinksIn(node.value);
  if (found.length === 0) return null;
  const out: Array<PhrasingContent | RootContent> = [];
  let last = 0;
  for (const { index, length, ref } of found) {
    if (index > last) out.push({ type: 'text', value: node.value.slice(last, index) });
    const at = positionInText(node, index, node.value.slice(index, index + length), ctx.lines);
    out.push(wikiNode(ctx, ref, at));
    last = index + length;
  }
  if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
  return out;
}

const CALLOUT = /^\[!([\w-]+)\]([+-]?)[ \t]*([^\n]*)\n?/;

/** `> [!warning] Title` → <aside class="callout callout-warning"> with a title line. */
function callout(node: Blockquote): void {
  const first = node.children[0];
  if (first?.type !== 'paragraph') return;
  const head = first.children[0];
  if (head?.type !== 'text') return;
  const m = CALLOUT.exec(head.value);
  if (!m) return;
  const type = m[1].toLowerCase();
  head.value = head.value.slice(m[0].length);
  if (head.value === '') first.children.shift();
  const titleText = m[3].trim() || type[0].toUpperCase() + type.slice(1);
  const title: Paragraph = {
    type: 'paragraph',
    data: { hProperties: { className: ['callout-title'] } },
    children: [{ type: 'text', value: titleText }],
  };
  if (first.children.length === 0) node.children.shift();
  node.children.unshift(title);
  node.data = {
    ...node.data,
    hName: 'aside',
    hProperties: { className: ['callout', `callout-${type}`], role: 'note' },
  };
}

function transform(ctx: Ctx, parent: Root | RootContent): void {
  if (!('children' in parent)) return;
  const children = parent.children as RootContent[];
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') continue;
    if (node.type === 'text') {
      const parts = splitText(ctx, node);
      if (parts) {
        children.splice(i, 1, ...(parts as RootContent[]));
        i += parts.length - 1;
      }
      continue;
    }
    if (node.type === 'blockquote') callout(node);
    if (node.type === 'link') {
      const ref = markdownLinkRef(node.url);
      if (ref) {
        const at = { line: node.position?.start.line ?? 1, col: node.position?.start.column ?? 1 };
        const r = resolveLink(ctx.index, ctx.from, { ...ref, ...at });
        if (r.error || !r.target) problem(ctx, ctx.errors, 'link/broken', at, r.error ?? 'broken link');
        else node.url = pageUrl(r.target, r.hash);
      }
    }
    if (node.type === 'image') {
      const at = { line: node.position?.start.line ?? 1, col: node.position?.start.column ?? 1 };
      if (!findImage(ctx, node.url, false)) {
        problem(
          ctx,
          ctx.warnings,
          'image/missing',
          at,
          `image "${node.url}" not found; showing a placeholder`,
        );
        children[i] = missingImage(node.url);
        continue;
      }
    }
    transform(ctx, node);
  }
}

export default function remarkKnowledgeLinks(options: { failOnError?: boolean } = {}) {
  const failOnError = options.failOnError ?? true;
  return (tree: Root, file: VFile) => {
    if (!file.path) return;
    const index = currentIndex();
    const rel = relative(resolve(index.root), file.path).split('\\').join('/');
    const from = [...index.notes.values()].find((n) => n.path === rel);
    if (!from) return;
    const ctx: Ctx = {
      index,
      from,
      noteDir: dirname(file.path),
      errors: [],
      warnings: [],
      lines: String(file.value).split('\n'),
    };
    transform(ctx, tree);
    // Astro hands over the body without its front matter: positions count from the body.
    const source = readFileSync(file.path, 'utf8');
    const at = source.indexOf(String(file.value));
    const offset = at > 0 ? source.slice(0, at).split('\n').length - 1 : 0;
    for (const d of [...ctx.errors, ...ctx.warnings]) d.line += offset;
    for (const w of ctx.warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
    if (ctx.errors.length > 0 && !failOnError)
      for (const e of ctx.errors) process.stderr.write(`${formatDiagnostic(e)}\n`);
    else if (ctx.errors.length > 0)
      throw new Error(
        `labbook: ${from.file} has broken links:\n${ctx.errors.map(formatDiagnostic).join('\n')}`,
      );
  };
}
