// Remark plugin used by the Astro build: checks the note (or reuses `labbook check`'s cached
// report), fails the build with the same diagnostics when a block fails, and replaces each
// code block with its rendered, status-badged HTML.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Code, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { CACHE_DIR, cacheKey, readCached, recallReport } from '../cli/cache.ts';
import { parseInfo } from '../notebook/attributes.ts';
import { checkNote } from '../notebook/check-note.ts';
import { formatDiagnostic } from '../notebook/diagnostics.ts';
import { escapeHtml, renderBlock } from './render-block.ts';

function codeNodes(
  node: Root | RootContent,
  out: Array<{ node: Code; parent: Root | RootContent; index: number }>,
): void {
  if ('children' in node) {
    node.children.forEach((child, index) => {
      if (child.type === 'code') out.push({ node: child, parent: node, index });
      else collect(child);
    });
  }
  function collect(child: RootContent) {
    codeNodes(child, out);
  }
}

export interface VerifiedBlocksOptions {
  /** Build: a failing block stops the build. Dev: the page shows the failures instead. */
  failOnError?: boolean;
}

export default function remarkVerifiedBlocks(options: VerifiedBlocksOptions = {}) {
  const failOnError = options.failOnError ?? true;
  return async (tree: Root, file: VFile) => {
    if (!file.path) return;
    const rel = relative(process.cwd(), file.path);
    const source = readFileSync(file.path, 'utf8');
    const report =
      (await recallReport(file.path, source)?.catch(() => undefined)) ??
      readCached(CACHE_DIR, cacheKey(rel, source)) ??
      (await checkNote(rel, source)).report;
    const failures = report.diagnostics.map(formatDiagnostic).join('\n');
    if (!report.passed && failOnError) throw new Error(`labbook: ${rel} has failing blocks:\n${failures}`);
    const found: Array<{ node: Code; parent: Root | RootContent; index: number }> = [];
    codeNodes(tree, found);
    for (let i = 0; i < found.length; i++) {
      const { node, parent } = found[i];
      const { attrs } = parseInfo(node.lang, node.meta);
      const block = report.blocks[i];
      const html = attrs.hidden
        ? ''
        : await renderBlock(node.lang ?? '', node.value, { file: attrs.file }, block, report.engineVersion);
      (parent as { children: RootContent[] }).children[found[i].index] = { type: 'html', value: html };
    }
    if (!report.passed)
      tree.children.unshift({
        type: 'html',
        value: `<div class="lb-failures" role="alert"><p>This note failed verification:</p><pre>${escapeHtml(failures)}</pre></div>`,
      });
  };
}
