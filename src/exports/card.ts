// The flashcard model every export shares: what a card asks and answers, where it comes from,
// its deck and tags, and a stable id, plus the inline Markdown-to-HTML its writers use.
import { createHash } from 'node:crypto';
import { escapeHtml } from '../site/escape-html.ts';

/** basic: front → back; reversed: both directions; cloze: `{{c1::…}}` deletions in `front`. */
export type CardKind = 'basic' | 'reversed' | 'cloze';

/** explicit: Spaced Repetition syntax; definition: a `**term**: meaning` bullet; output: verified output. */
export type CardSource = 'explicit' | 'definition' | 'output';

export interface Card {
  /** Stable across exports: derived from the note and the card's identity, not its whole text. */
  id: string;
  kind: CardKind;
  source: CardSource;
  /** Inline Markdown (code spans, bold, italics). Cloze cards hold `{{cN::text}}` deletions here. */
  front: string;
  /** Inline Markdown; empty for cloze cards. Output cards: the verified output (a code block). */
  back: string;
  /** Output cards: the commands run before, in order, as shown in the note. */
  context?: string[];
  /** Definition cards: the term being defined (distractors for quizzes come from other terms). */
  term?: string;
  /** Images the card shows, as the note names them (`diagram.png`, `../img/x.png`). */
  media?: string[];
  note: { file: string; id: string; title: string; line: number };
  tags: string[];
  /** Anki deck path, `::`-separated: `labbook::<folder>::…`. */
  deck: string;
}

/** A tag as cards carry it: Anki tags cannot hold blanks. */
export function tagName(tag: string): string {
  return tag.trim().replace(/\s+/g, '_');
}

/** A 16-hex-digit id from the parts that identify a card (note id, kind of card, identity). */
export function stableId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}

/** `![[name.png]]` (Obsidian) or `![alt](path.png)`: groups 1 (wiki name), 2 (alt), 3 (path). */
export const IMAGE = /!\[\[([^\]|#]+)(?:\|[^\]]*)?\]\]|!\[([^\]]*)\]\(([^)\s]+)\)/;

/** The images a piece of inline Markdown shows, as written. */
export function imagesIn(markdown: string): string[] {
  return [...markdown.matchAll(new RegExp(IMAGE.source, 'g'))].map((m) => m[1] ?? m[3]);
}

/** Inline Markdown as HTML: code spans, **bold**, *italics*; everything else escaped. */
export function inlineHtml(markdown: string): string {
  const out: string[] = [];
  const pattern = new RegExp(
    `(\`+)([\\s\\S]*?[^\`])\\1(?!\`)|${IMAGE.source}|\\*\\*([^*]+)\\*\\*|\\*([^*\\s][^*]*)\\*`,
    'g',
  );
  let last = 0;
  for (const m of markdown.matchAll(pattern)) {
    out.push(escapeHtml(markdown.slice(last, m.index)));
    if (m[1]) out.push(`<code>${escapeHtml(m[2].trim())}</code>`);
    else if (m[3] || m[5]) {
      // Anki finds media by file name: images are exported under their base name.
      const name = (m[3] ?? m[5]).split('/').pop()!;
      out.push(`<img src="${escapeHtml(name)}" alt="${escapeHtml(m[4] ?? name)}">`);
    } else if (m[6]) out.push(`<b>${escapeHtml(m[6])}</b>`);
    else out.push(`<i>${escapeHtml(m[7])}</i>`);
    last = m.index + m[0].length;
  }
  out.push(escapeHtml(markdown.slice(last)));
  return out.join('').replace(/\n/g, '<br>');
}

/** A card side as HTML: output answers and contexts are preformatted, the rest inline Markdown. */
export function sideHtml(card: Card, side: 'front' | 'back'): string {
  if (card.source === 'output') {
    if (side === 'back') return `<pre><code>${escapeHtml(card.back)}</code></pre>`;
    const context = card.context?.length
      ? `<pre><code>${escapeHtml(card.context.map((c) => `$ ${c}`).join('\n'))}</code></pre>`
      : '';
    return `${context}${inlineHtml(card.front)}`;
  }
  return inlineHtml(side === 'front' ? card.front : card.back);
}
