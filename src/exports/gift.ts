// Quiz questions as a Moodle GIFT text file: `$CATEGORY:` per deck, the id and tags as
// `// [id:…] [tag:…]` comments, and HTML question texts with GIFT's special characters escaped.
import type { Question } from './quiz.ts';

/**
 * Text safe inside a GIFT question: a backslash and each of `~ = # { } :` get a backslash, a
 * newline becomes `\n` (a blank line would end the question). A `->` (which would make Moodle
 * read the answers as a matching question) only appears in text the writer is given as HTML,
 * where `>` can be written `&gt;`.
 */
function giftEscape(text: string): string {
  return text
    .replace(/[\\~=#{}:]/g, (c) => `\\${c}`)
    .replace(/\r\n?|\n/g, '\\n')
    .replace(/[\x00-\x08\x0B-\x1F\x7F]/g, '');
}

const html = (text: string) => giftEscape(text.replaceAll('->', '-&gt;'));

/**
 * A short answer as Moodle matches it: `*` is its wildcard, so a literal one is `\*`; and since
 * a `->` cannot be escaped in GIFT, it is written `-*>`, which accepts the answer as typed.
 */
const shortAnswer = (text: string) => giftEscape(text.replaceAll('*', '\\*').replaceAll('->', '-*>'));

/** `[id:…]` and `[tag:…]` end at the first `]` and cannot hold line breaks. */
const label = (text: string) => text.replace(/[\]\x00-\x1F\x7F]/g, ' ').trim();

function questionGift(q: Question): string {
  const lines: string[] = [];
  const meta = [
    `[id:${label(q.id)}]`,
    ...q.tags
      .map(label)
      .filter(Boolean)
      .map((t) => `[tag:${t}]`),
  ];
  lines.push(`// ${meta.join(' ')}`);
  const head = `::${giftEscape(q.name)}::[html]${html(q.prompt)}`;
  const general = q.explanation ? `####${html(q.explanation)}` : '';
  const feedback = (fb: string) => (fb ? `#${html(fb)}` : '');
  if (q.type === 'truefalse') {
    const right = q.answers.find((a) => a.correct);
    const wrong = q.answers.find((a) => !a.correct);
    // Moodle reads `{T#feedback for a wrong answer#feedback for the right one}`.
    const fb =
      wrong?.feedback || right?.feedback
        ? `#${html(wrong?.feedback ?? '')}#${html(right?.feedback ?? '')}`
        : '';
    lines.push(`${head}{${right?.text === 'true' ? 'T' : 'F'}${fb}${general}}`);
  } else {
    lines.push(`${head}{`);
    for (const a of q.answers) {
      const text = q.type === 'shortanswer' ? shortAnswer(a.text) : html(a.html);
      lines.push(`\t${a.correct ? '=' : '~'}${text}${feedback(a.feedback)}`);
    }
    if (general) lines.push(`\t${general}`);
    lines.push('}');
  }
  return lines.join('\n');
}

/**
 * A GIFT file: per category (in the order categories first appear), `$CATEGORY: <category>` and
 * then that category's questions; multiple choice `{=right ~wrong}`, true/false `{T}`/`{F}`,
 * short answer `{=answer}`, per-answer `#feedback` and the explanation as `####` feedback.
 */
export function writeGift(questions: Question[]): string {
  const byCategory = new Map<string, Question[]>();
  for (const q of questions) {
    const list = byCategory.get(q.category) ?? [];
    list.push(q);
    byCategory.set(q.category, list);
  }
  const blocks: string[] = [];
  for (const [category, list] of byCategory) {
    // Moodle reads the category line as written, without unescaping.
    blocks.push(`$CATEGORY: ${category.replace(/[\r\n]+/g, ' ')}`);
    for (const q of list) blocks.push(questionGift(q));
  }
  return blocks.length ? `${blocks.join('\n\n')}\n` : '';
}
