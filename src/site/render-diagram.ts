// Mermaid diagrams drawn at build time: SVG inline in the page (no client JavaScript), coloured
// by the site's theme variables, with a title and description for screen readers and the
// Mermaid source one click away. beautiful-mermaid draws the types it knows; others are shown
// as source, since drawing them would need a browser.
import { createHash } from 'node:crypto';
import { renderMermaidSVG } from 'beautiful-mermaid';
import { escapeHtml } from './escape-html.ts';

/** Diagram headers beautiful-mermaid draws. */
const DRAWN =
  /^(?:flowchart|graph|sequenceDiagram|stateDiagram(?:-v2)?|classDiagram|erDiagram|xychart(?:-beta)?)\b/;

/** Mermaid's `#name;` and `#123;` entity codes, as Mermaid decodes them. */
const NAMED: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0' };

export interface MermaidParts {
  /** The diagram without its accessibility lines, entity codes decoded for beautiful-mermaid. */
  body: string;
  title: string | null;
  description: string | null;
  kind: string;
}

/**
 * Splits off `accTitle:` / `accDescr:` (beautiful-mermaid would draw them as nodes) and decodes
 * entity codes. `]` and `|` written as codes stay out of the label syntax beautiful-mermaid
 * reads (it ends a label at the first `]`, an edge label at the first `|`): they are drawn as
 * their full-width forms.
 */
export function mermaidParts(text: string): MermaidParts {
  let title: string | null = null;
  let description: string | null = null;
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const acc = /^\s*acc(Title|Descr)\s*:\s*(.*)$/.exec(line);
    if (acc) {
      if (acc[1] === 'Title') title = acc[2].trim();
      else description = acc[2].trim();
      continue;
    }
    kept.push(line);
  }
  const body = kept.join('\n').replace(/#([a-z]+|\d+);/g, (whole, code: string) => {
    if (/^\d+$/.test(code)) {
      const ch = String.fromCodePoint(Number(code));
      return ch === ']' ? '\uff3d' : ch === '|' ? '\uff5c' : ch === '[' ? '\uff3b' : ch;
    }
    return NAMED[code] ?? whole;
  });
  const kind = /^\s*(\S+)/.exec(body.replace(/^\s*%%.*$/gm, ''))?.[1] ?? '';
  return { body, title, description, kind };
}

/** Gives every id in one SVG a prefix, so several diagrams on a page do not share ids. */
function scopeIds(svg: string, prefix: string): string {
  const ids = new Set([...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
  let out = svg;
  for (const id of ids) {
    const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out
      .replace(new RegExp(`\\bid="${esc}"`, 'g'), `id="${prefix}-${id}"`)
      .replace(new RegExp(`url\\(#${esc}\\)`, 'g'), `url(#${prefix}-${id})`)
      .replace(new RegExp(`href="#${esc}"`, 'g'), `href="#${prefix}-${id}"`);
  }
  return out;
}

/** Average glyph width as a share of the font size, generous so wide fallback fonts fit too. */
const GLYPH_WIDTH = 0.62;

/**
 * Widens the viewBox to hold every label: the renderer measures text for one font, and a reader's
 * fallback font can be wider, which would clip long labels at the diagram's edges.
 */
function fitViewBox(svg: string): string {
  const box = /^<svg[^>]*\bviewBox="([\d.-]+) ([\d.-]+) ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!box) return svg;
  const [x0, y0, w, h] = box.slice(1).map(Number);
  let left = x0;
  let right = x0 + w;
  for (const m of svg.matchAll(/<text\b([^>]*)>(.*?)<\/text>/gs)) {
    const attrs = m[1];
    const x = Number(/\bx="([\d.-]+)"/.exec(attrs)?.[1] ?? Number.NaN);
    const size = Number(/\bfont-size="([\d.]+)"/.exec(attrs)?.[1] ?? 12);
    if (Number.isNaN(x)) continue;
    const lines = m[2].split(/<\/tspan>/).map((t) => t.replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/g, '_'));
    const width = Math.max(...lines.map((t) => t.length)) * size * GLYPH_WIDTH;
    const anchor = /text-anchor="(middle|end)"/.exec(attrs)?.[1] ?? 'start';
    const start = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
    left = Math.min(left, start - 4);
    right = Math.max(right, start + width + 4);
  }
  if (left >= x0 && right <= x0 + w) return svg;
  const width = right - left;
  const fmt = (n: number) => String(Math.round(n * 10) / 10);
  return svg.replace(/^<svg[^>]*>/, (open) =>
    open
      .replace(/\bviewBox="[^"]*"/, `viewBox="${fmt(left)} ${fmt(y0)} ${fmt(width)} ${fmt(h)}"`)
      .replace(/\bwidth="[\d.]+"/, `width="${fmt(width)}"`),
  );
}

/** The SVG for a diagram beautiful-mermaid can draw, accessible and self-contained; else null. */
export function diagramSvg(text: string): string | null {
  const parts = mermaidParts(text);
  if (!DRAWN.test(parts.kind)) return null;
  const raw = renderMermaidSVG(parts.body, {
    bg: 'var(--lb-diagram-bg)',
    fg: 'var(--lb-diagram-fg)',
    transparent: true,
    font: 'system-ui',
  });
  const id = `d${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
  const title = parts.title ?? 'Diagram';
  const description = parts.description;
  const a11y = `<title id="${id}-title">${escapeHtml(title)}</title>${description ? `<desc id="${id}-desc">${escapeHtml(description)}</desc>` : ''}`;
  const labelled = `role="img" aria-labelledby="${id}-title"${description ? ` aria-describedby="${id}-desc"` : ''}`;
  return (
    fitViewBox(scopeIds(raw, id))
      // The site works offline: no web font fetched from elsewhere.
      .replace(/@import url\([^)]*\);?\n?/g, '')
      .replace(/^<svg /, `<svg ${labelled} `)
      .replace(/^(<svg[^>]*>)/, `$1${a11y}`)
  );
}

/** A figure with the drawn diagram (or a note that it is not drawn here) and its Mermaid source. */
export function renderDiagram(text: string, header = ''): string {
  const svg = diagramSvg(text);
  const source = text.replace(/\n$/, '');
  const drawn = svg
    ? `<div class="lb-diagram-svg">${svg}</div>`
    : `<p class="lb-diagram-missing">This kind of Mermaid diagram is not drawn at build time; its source is below.</p>`;
  return `<figure class="lb-block lb-diagram">${header ? `<figcaption>${header}</figcaption>` : ''}${drawn}<details class="lb-diagram-source"${svg ? '' : ' open'}><summary>Mermaid source</summary><button type="button" class="lb-copy" data-copy="${escapeHtml(source)}">Copy</button><pre><code>${escapeHtml(source)}</code></pre></details></figure>`;
}
