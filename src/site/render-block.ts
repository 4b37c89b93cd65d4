// HTML for one code block of a note: highlighted source, the output the engine produced or
// verified, a status badge (verified, output generated, not run, failed) with the engine
// version, the file name of file blocks, and a copy button that copies commands only.
import type { BlockReport } from '../notebook/report.ts';
import { parseTranscript } from '../notebook/transcript.ts';
import { highlight } from './highlight.ts';

const LABEL: Record<string, string> = {
  verified: 'verified',
  generated: 'output generated',
  norun: 'not run',
  failed: 'failed',
};

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export async function renderBlock(
  lang: string,
  body: string,
  meta: { file?: string | null },
  report: BlockReport | undefined,
  engineVersion: string,
): Promise<string> {
  const status = report?.status ?? 'static';
  const header: string[] = [];
  if (meta.file) header.push(`<span class="lb-file">${escapeHtml(meta.file)}</span>`);
  if (status !== 'static') {
    header.push(
      `<span class="lb-badge lb-${status}" title="labbook engine ${escapeHtml(engineVersion)}">${LABEL[status] ?? status}</span>`,
    );
  }
  let code: string;
  let copy = body;
  if (report?.kind === 'transcript') {
    const { commands } = parseTranscript(body);
    copy = commands.map((c) => c.source).join('\n');
    const parts: string[] = [];
    commands.forEach((c, i) => {
      const run = report.commands[i];
      const shown = c.expected ?? (run?.actual ? run.actual.replace(/\n$/, '').split('\n') : []);
      parts.push(
        `<span class="lb-prompt" aria-hidden="true">$ </span>${escapeHtml(c.source).replace(/\n/g, '\n<span class="lb-prompt" aria-hidden="true">&gt; </span>')}`,
      );
      if (shown.length > 0) {
        const cls = c.expected ? 'lb-out' : 'lb-out lb-generated';
        parts.push(`<span class="${cls}">${escapeHtml(shown.join('\n'))}</span>`);
      }
    });
    code = `<pre class="lb-transcript"><code>${parts.join('\n')}</code></pre>`;
  } else {
    code = await highlight(body, lang);
  }
  const copyButton =
    status === 'static' && !meta.file
      ? ''
      : `<button type="button" class="lb-copy" data-copy="${escapeHtml(copy)}">Copy</button>`;
  return `<figure class="lb-block" data-status="${status}">${header.length || copyButton ? `<figcaption>${header.join(' ')}${copyButton}</figcaption>` : ''}${code}</figure>`;
}
