// Reads a note: Markdown via unified/remark (GFM, front matter), its YAML front matter with
// positions, and its fenced blocks classified as transcripts, scripts, files, outputs or
// diagrams, each with its attributes and position in the file.
import type { Code, Heading, Root, RootContent, Yaml } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseDocument } from 'yaml';
import { type BlockAttributes, parseInfo } from './attributes.ts';
import type { Diagnostic } from './diagnostics.ts';
import { isTranscript } from './transcript.ts';

export const SHELL_LANGS = new Set(['console', 'shell-session', 'sh', 'shell', 'bash']);

export type BlockKind = 'transcript' | 'script' | 'file' | 'output' | 'mermaid' | 'topology' | 'plain';

export interface NoteBlock {
  index: number;
  kind: BlockKind;
  lang: string;
  attrs: BlockAttributes;
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
  col: number;
  /** 1-based line of the first body line. */
  bodyLine: number;
  /** For a script: the `output` block right after it. */
  output?: NoteBlock;
}

export interface Note {
  file: string;
  source: string;
  frontmatter: Record<string, unknown>;
  title: string;
  tree: Root;
  blocks: NoteBlock[];
  diagnostics: Diagnostic[];
}

/** An opening fence, possibly inside block quotes or callouts (`> ```console`). */
const FENCE = /^(?:\s*>)*\s*(`{3,}|~{3,})/;

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

export function parseNote(file: string, source: string): Note {
  const tree = processor.parse(source) as Root;
  const diagnostics: Diagnostic[] = [];
  const frontmatter = readFrontmatter(file, tree, diagnostics);
  const blocks: NoteBlock[] = [];
  const codes: Code[] = [];
  collectCode(tree, codes);
  for (const code of codes) {
    const { lang, attrs, errors } = parseInfo(code.lang, code.meta);
    const line = code.position?.start.line ?? 1;
    const col = code.position?.start.column ?? 1;
    const fenced = FENCE.test(source.split('\n')[line - 1] ?? '');
    for (const message of errors)
      diagnostics.push({ file, line, col, rule: 'block/attribute', severity: 'error', message });
    if (fenced && isUnterminated(source, code)) {
      diagnostics.push({
        file,
        line,
        col,
        rule: 'block/unterminated-fence',
        severity: 'error',
        message: 'code fence is never closed',
      });
    }
    let kind: BlockKind = 'plain';
    if (!fenced) kind = 'plain';
    else if (attrs.file) kind = 'file';
    else if (lang === 'output') kind = 'output';
    else if (lang === 'mermaid') kind = 'mermaid';
    else if (lang === 'topology') kind = 'topology';
    else if (SHELL_LANGS.has(lang) && attrs.run) kind = 'script';
    else if (SHELL_LANGS.has(lang) && isTranscript(code.value)) kind = 'transcript';
    else if (attrs.run) {
      diagnostics.push({
        file,
        line,
        col,
        rule: 'block/attribute',
        severity: 'error',
        message: `run needs a shell block (${[...SHELL_LANGS].join(', ')}), not "${lang || 'no language'}"`,
      });
    }
    blocks.push({ index: blocks.length, kind, lang, attrs, body: code.value, line, col, bodyLine: line + 1 });
  }
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    if (b.kind === 'script' && next?.kind === 'output') b.output = next;
    if (b.kind === 'output' && blocks[i - 1]?.kind !== 'script') {
      diagnostics.push({
        file,
        line: b.line,
        col: b.col,
        rule: 'block/orphan-output',
        severity: 'error',
        message: 'an `output` block must follow a `run` block',
      });
    }
  });
  return { file, source, frontmatter, title: titleOf(file, frontmatter, tree), tree, blocks, diagnostics };
}

function collectCode(node: Root | RootContent, out: Code[]): void {
  if (node.type === 'code') out.push(node);
  if ('children' in node) for (const child of node.children) collectCode(child as RootContent, out);
}

function isUnterminated(source: string, code: Code): boolean {
  const lines = source.split('\n');
  const start = code.position?.start.line ?? 1;
  const end = code.position?.end.line ?? 0;
  const open = FENCE.exec(lines[start - 1] ?? '');
  if (!open) return false;
  const fence = open[1];
  const close = new RegExp(`^(?:\\s*>)*\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
  return end === start || !close.test(lines[end - 1] ?? '');
}

function readFrontmatter(file: string, tree: Root, diagnostics: Diagnostic[]): Record<string, unknown> {
  const node = tree.children.find((c): c is Yaml => c.type === 'yaml');
  if (!node) return {};
  const doc = parseDocument(node.value, { prettyErrors: false });
  for (const error of doc.errors) {
    const line = (node.position?.start.line ?? 1) + (error.linePos?.[0]?.line ?? 1);
    diagnostics.push({
      file,
      line,
      col: error.linePos?.[0]?.col ?? 1,
      rule: 'frontmatter/yaml',
      severity: 'error',
      message: error.message.split('\n')[0],
    });
  }
  if (doc.errors.length > 0) return {};
  const value = doc.toJS();
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function headingText(node: Heading): string {
  const parts: string[] = [];
  const walk = (n: RootContent) => {
    if ('value' in n && typeof n.value === 'string') parts.push(n.value);
    if ('children' in n) for (const c of n.children) walk(c as RootContent);
  };
  for (const c of node.children) walk(c);
  return parts.join('').trim();
}

export function titleOf(file: string, fm: Record<string, unknown>, tree: Root): string {
  if (typeof fm.title === 'string' && fm.title.trim()) return fm.title.trim();
  const heading = tree.children.find((c): c is Heading => c.type === 'heading');
  if (heading) return headingText(heading);
  const base = file.split('/').pop() ?? file;
  return base.replace(/\.(md|mdx|markdown)$/, '');
}
