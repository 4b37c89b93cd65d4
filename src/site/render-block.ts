// HTML for one code block of a note: highlighted source, the output the engine produced or
// verified, a status badge (verified, output generated, not run, failed) with the engine
// version, the file name of file blocks, and a copy button that copies commands only.
import { requestLines } from '../notebook/diagram-block.ts';
import type { BlockReport } from '../notebook/report.ts';
import { parseTranscript, type TranscriptCommand } from '../notebook/transcript.ts';
import { escapeHtml } from './escape-html.ts';
import { highlight } from './highlight.ts';
import { renderDiagram } from './render-diagram.ts';

export { escapeHtml };

const LABEL: Record<string, string> = {
  verified: 'verified',
  generated: 'output generated',
  norun: 'not run',
  failed: 'failed',
};

const PROMPT = '<span class="lb-prompt" aria-hidden="true">$ </span>';
const CONTINUATION = '<span class="lb-prompt" aria-hidden="true">&gt; </span>';
const STATUS_LINE = /^(?:\[\d{1,3}\]|\(no output\))\s*$/;

/**
 * A transcript as the note wrote it, line by line: prompts, output, `[N]` and `(no output)`
 * lines, commentary; a command the note shows no output for gets the engine's, marked generated.
 */
function transcriptLines(body: string, commands: TranscriptCommand[], report: BlockReport): string[] {
  const lines = body.replace(/\n$/, '').split('\n');
  const at = new Map(commands.map((c, i) => [c.line, i]));
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const index = at.get(i);
    if (index === undefined) {
      out.push(lines[i] === '' ? '' : `<span class="lb-comment">${escapeHtml(lines[i])}</span>`);
      i++;
      continue;
    }
    const c = commands[index];
    c.source.split('\n').forEach((_, k) => {
      const text = lines[c.line + k] ?? '';
      if (k === 0) out.push(`${PROMPT}${escapeHtml(text.replace(/^\$ ?/, ''))}`);
      else if (text.startsWith('> ')) out.push(`${CONTINUATION}${escapeHtml(text.slice(2))}`);
      else out.push(escapeHtml(text));
    });
    i = c.line + c.source.split('\n').length;
    if (c.outputEnd > c.outputStart) {
      for (let j = c.outputStart; j < c.outputEnd; j++) {
        const cls = STATUS_LINE.test(lines[j]) ? 'lb-status' : 'lb-out';
        out.push(`<span class="${cls}">${escapeHtml(lines[j])}</span>`);
      }
      i = c.outputEnd;
    } else {
      const actual = report.commands[index]?.actual;
      if (actual)
        out.push(`<span class="lb-out lb-generated">${escapeHtml(actual.replace(/\n$/, ''))}</span>`);
    }
  }
  return out;
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
  const drawn = report?.diagram !== undefined;
  if (drawn) {
    const request = requestLines(body)[0]?.text ?? 'host';
    header.push(`<code class="lb-request">${escapeHtml(request)}</code>`);
  }
  if (status !== 'static') {
    const label = drawn && status === 'generated' ? 'drawn from the engine' : (LABEL[status] ?? status);
    header.push(
      `<span class="lb-badge lb-${status}" title="labbook engine ${escapeHtml(engineVersion)}">${label}</span>`,
    );
  }
  if (lang === 'mermaid') return renderDiagram(body, header.join(' '));
  if (drawn) return renderDiagram(report.diagram!, header.join(' '));
  let code: string;
  let copy = body;
  if (report?.kind === 'transcript') {
    const commands = report.transcript ?? parseTranscript(body).commands;
    copy = commands.map((c) => c.source).join('\n');
    code = `<pre class="lb-transcript"><code>${transcriptLines(body, commands, report).join('\n')}</code></pre>`;
  } else {
    code = await highlight(body, lang);
  }
  const copyButton =
    status === 'static' && !meta.file
      ? ''
      : `<button type="button" class="lb-copy" data-copy="${escapeHtml(copy)}">Copy</button>`;
  return `<figure class="lb-block" data-status="${status}">${header.length || copyButton ? `<figcaption>${header.join(' ')}${copyButton}</figcaption>` : ''}${code}</figure>`;
}
