// Quiz questions made from flashcards: a neutral model (multiple choice, true/false, short answer)
// that the Moodle XML and GIFT writers share, distractors picked deterministically from other cards.
import { escapeHtml } from '../site/escape-html.ts';
import { type Card, inlineHtml, sideHtml, stableId } from './card.ts';

export type QuestionType = 'multichoice' | 'truefalse' | 'shortanswer';

export interface Answer {
  /** Plain text: what a student types for a short answer (`true`/`false` for true/false). */
  text: string;
  /** The answer as HTML, as a multiple choice option shows it. */
  html: string;
  correct: boolean;
  /** HTML shown when this answer is chosen; empty for none. */
  feedback: string;
}

export interface Question {
  /** Stable: the card's id, or derived from it when a card gives several questions. */
  id: string;
  type: QuestionType;
  /** Plain text, for the teacher's question bank; never gives the answer away. */
  name: string;
  /** HTML. */
  prompt: string;
  /** Multiple choice: exactly one correct, in a deterministic order; true/false: `true`, `false`. */
  answers: Answer[];
  /** HTML shown after answering: the full answer and the note it comes from. */
  explanation: string;
  tags: string[];
  /** The card's deck as a `/`-separated path, `labbook/<folder>/…` (a `/` in a name is doubled). */
  category: string;
  /** Short answers: whether case matters (it does when the answer is code). */
  caseSensitive?: boolean;
  cardId: string;
  note: Card['note'];
}

export interface Skipped {
  card: Card;
  /** Why no question (or no question for one deletion or direction) was made. */
  reason: string;
}

/** Longest answer a student is asked to type; longer or multi-line answers need choices. */
export const SHORT_ANSWER_MAX = 40;
const DISTRACTORS = 3;
const CLOZE = /\{\{c(\d+)::([^}]*?)(?:::([^}]*))?\}\}/g;
const OUTPUT_FRONT = /^What does `([\s\S]+)` print here\?$/;

/** Inline Markdown as plain text: code spans, bold and italics unwrapped. */
export function plainText(markdown: string): string {
  return markdown
    .replace(
      /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*/g,
      (_, ticks, code, bold, italic) => (ticks ? code.trim() : (bold ?? italic)),
    )
    .trim();
}

/** 32-bit FNV-1a, then mixed: cheap enough to rank every candidate for every card. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

interface Candidate {
  card: Card;
  /** Equal keys are the same answer: never two of them, never one equal to the right answer. */
  key: string;
  answer: Answer;
  /** hash32 of the card id, computed once. */
  hash: number;
}

/** Candidates grouped the ways distractors are preferred: same note, same deck, any. */
class Pool {
  readonly all: Candidate[];
  private readonly byNote = new Map<string, Candidate[]>();
  private readonly byDeck = new Map<string, Candidate[]>();

  constructor(candidates: Candidate[]) {
    this.all = candidates;
    for (const c of candidates) {
      for (const [map, key] of [
        [this.byNote, c.card.note.file],
        [this.byDeck, c.card.deck],
      ] as const) {
        const list = map.get(key) ?? [];
        list.push(c);
        map.set(key, list);
      }
    }
  }

  note = (card: Card) => this.byNote.get(card.note.file) ?? [];
  deck = (card: Card) => this.byDeck.get(card.deck) ?? [];
}

/** Negative when `a` ranks first: lower rank, then lower card id. */
const before = (a: { rank: number; c: Candidate }, b: { rank: number; c: Candidate }) =>
  a.rank - b.rank || (a.c.card.id < b.c.card.id ? -1 : a.c.card.id > b.c.card.id ? 1 : 0);

/**
 * Up to `count` distractors with different keys, none with the right answer's key: tier by tier
 * (a later tier may repeat an earlier one; what it repeats was taken or ruled out already), and
 * in a tier by a rank hashed from the question's card id and the candidate's card id, so the pick
 * is the same on every run and does not depend on the order of the cards.
 */
function pickDistractors(self: Card, rightKey: string, tiers: Candidate[][], count: number): Candidate[] {
  const seed = hash32(self.id);
  const keys = new Set([rightKey]);
  const picked: Candidate[] = [];
  for (const tier of tiers) {
    const want = count - picked.length;
    if (want <= 0) break;
    // One pass keeping the best `want` keys, each with its best-ranked candidate.
    const best: { rank: number; c: Candidate }[] = [];
    for (const c of tier) {
      if (c.card.id === self.id || keys.has(c.key)) continue;
      const entry = { rank: mix(seed, c.hash), c };
      if (best.length === want && before(entry, best[want - 1]) > 0) continue;
      const same = best.findIndex((b) => b.c.key === c.key);
      if (same >= 0) {
        if (before(entry, best[same]) >= 0) continue;
        best[same] = entry;
      } else if (best.length < want) best.push(entry);
      else best[want - 1] = entry;
      best.sort(before);
    }
    for (const { c } of best) {
      keys.add(c.key);
      picked.push(c);
    }
  }
  return picked;
}

/** Answers in a deterministic order that does not put the right one first. */
function ordered(questionId: string, answers: Answer[]): Answer[] {
  const seed = hash32(questionId);
  return answers
    .map((a) => ({ a, rank: mix(seed, hash32(a.text)) }))
    .sort((x, y) => x.rank - y.rank || (x.a.text < y.a.text ? -1 : 1))
    .map((x) => x.a);
}

const normalized = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
const isShort = (text: string) => text.length <= SHORT_ANSWER_MAX && !text.includes('\n');
const hasCode = (markdown: string) => /`[^`]/.test(markdown);
const source = (card: Card) => `<p>From the note <i>${escapeHtml(card.note.title)}</i>.</p>`;
const truncate = (text: string, max = 80) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
const outputHtml = (output: string) => `<pre><code>${escapeHtml(output)}</code></pre>`;

function categoryOf(deck: string): string {
  const parts = deck.split('::').filter((p) => p.trim() !== '');
  if (parts[0] !== 'labbook') parts.unshift('labbook');
  return parts.map((p) => p.trim().replaceAll('/', '//')).join('/');
}

function base(
  card: Card,
  id: string,
  name: string,
): Omit<Question, 'type' | 'prompt' | 'answers' | 'explanation'> {
  return {
    id,
    name: truncate(`${card.note.title}: ${name}`, 200),
    tags: [...new Set(card.tags)],
    category: categoryOf(card.deck),
    cardId: card.id,
    note: card.note,
  };
}

function choice(question: Omit<Question, 'type' | 'answers'>, right: Answer, wrong: Candidate[]): Question {
  return {
    ...question,
    type: 'multichoice',
    answers: ordered(question.id, [right, ...wrong.map((c) => c.answer)]),
  };
}

function shortAnswer(
  question: Omit<Question, 'type' | 'answers'>,
  answer: string,
  markdown: string,
): Question {
  return {
    ...question,
    type: 'shortanswer',
    answers: [{ text: answer, html: escapeHtml(answer), correct: true, feedback: '' }],
    caseSensitive: hasCode(markdown),
  };
}

function commandOf(card: Card): string | undefined {
  return OUTPUT_FRONT.exec(card.front)?.[1];
}

/**
 * Questions from cards, and the cards (or a cloze deletion, or a reversed card's other direction)
 * that could not become a question, each with the reason:
 * - definition cards: multiple choice "Which term is this: …?" with up to 3 other definition cards'
 *   terms (same deck first); with fewer than 2 other terms, a short answer (the term);
 * - output cards: multiple choice "What does `cmd` print here?" with up to 3 other output cards'
 *   outputs (same note, then same deck, then any). With fewer than 2 other outputs (typing a whole
 *   output is impractical) a true/false "Does `cmd` print this?": the statement shows another
 *   card's output, and is false, when one exists and the card id's hash is odd, else the real one;
 * - explicit cards (both directions of a reversed one): a short answer when the answer is at most
 *   40 characters on one line, else multiple choice with other explicit cards' answers from the
 *   same note, then the same deck; with fewer than 2 of those, skipped;
 * - clozes: a short answer per deletion number, that deletion shown as `[...]`; a deletion too
 *   long to type, or a number used for different texts, is skipped.
 */
export function questionsFrom(cards: Card[]): { questions: Question[]; skipped: Skipped[] } {
  const questions: Question[] = [];
  const skipped: Skipped[] = [];

  const definitions = new Pool(
    cards
      .filter((c) => c.source === 'definition' && c.term)
      .map((c) => ({
        card: c,
        hash: hash32(c.id),
        key: normalized(plainText(c.term!)),
        answer: {
          text: plainText(c.term!),
          html: inlineHtml(c.term!),
          correct: false,
          feedback: `<p><b>${inlineHtml(c.term!)}</b>: ${inlineHtml(c.back)}</p>`,
        },
      })),
  );
  const outputs = new Pool(
    cards
      .filter((c) => c.source === 'output')
      .map((c) => {
        const command = commandOf(c);
        return {
          card: c,
          hash: hash32(c.id),
          key: c.back.replace(/\s+$/, ''),
          answer: {
            text: c.back,
            html: outputHtml(c.back),
            correct: false,
            feedback: command
              ? `<p>That is what <code>${escapeHtml(command)}</code> prints in <i>${escapeHtml(c.note.title)}</i>.</p>`
              : '',
          },
        };
      }),
  );
  const explicitCards = cards.filter((c) => c.source === 'explicit' && c.kind !== 'cloze');
  const explicitSide = (side: 'front' | 'back') =>
    new Pool(
      explicitCards.map((c) => ({
        card: c,
        hash: hash32(c.id),
        key: normalized(plainText(c[side])),
        answer: { text: plainText(c[side]), html: sideHtml(c, side), correct: false, feedback: '' },
      })),
    );
  const explicitBacks = explicitSide('back');
  const explicitFronts = explicitSide('front');

  const definition = (card: Card) => {
    const term = card.term ?? plainText(card.front);
    const meaning = inlineHtml(card.back.replace(/[.;:\s]+$/, ''));
    const q = {
      ...base(card, card.id, `term defined on line ${card.note.line}`),
      prompt: `<p>Which term is this: ${meaning}?</p>`,
      explanation: `<p><b>${inlineHtml(term)}</b>: ${inlineHtml(card.back)}</p>${source(card)}`,
    };
    const right = { text: plainText(term), html: inlineHtml(term), correct: true, feedback: '' };
    const tiers = [definitions.deck(card), definitions.all];
    const wrong = pickDistractors(card, normalized(right.text), tiers, DISTRACTORS);
    questions.push(wrong.length >= 2 ? choice(q, right, wrong) : shortAnswer(q, right.text, term));
  };

  const output = (card: Card) => {
    const command = commandOf(card);
    const name = command ? `output of ${truncate(command, 60)}` : `output on line ${card.note.line}`;
    const explanation = `${command ? `<p><code>${escapeHtml(command)}</code> prints:</p>` : ''}${outputHtml(card.back)}${source(card)}`;
    const tiers = [outputs.note(card), outputs.deck(card), outputs.all];
    const wrong = pickDistractors(card, card.back.replace(/\s+$/, ''), tiers, DISTRACTORS);
    const q = base(card, card.id, name);
    if (wrong.length >= 2) {
      const right = { text: card.back, html: outputHtml(card.back), correct: true, feedback: '' };
      questions.push(choice({ ...q, prompt: sideHtml(card, 'front'), explanation }, right, wrong));
      return;
    }
    const isFalse = wrong.length > 0 && hash32(card.id) % 2 === 1;
    const shown = isFalse ? wrong[0].card.back : card.back;
    const context = card.context?.length ? outputHtml(card.context.map((c) => `$ ${c}`).join('\n')) : '';
    const asked = command ? `<code>${escapeHtml(command)}</code>` : inlineHtml(card.front);
    questions.push({
      ...q,
      type: 'truefalse',
      prompt: `${context}<p>Does ${asked} print this here?</p>${outputHtml(shown)}`,
      answers: [
        { text: 'true', html: 'True', correct: !isFalse, feedback: '' },
        { text: 'false', html: 'False', correct: isFalse, feedback: '' },
      ],
      explanation,
    });
  };

  const explicit = (card: Card, reverse: boolean) => {
    const [ask, answer] = reverse ? (['back', 'front'] as const) : (['front', 'back'] as const);
    const id = reverse ? stableId(card.id, 'reversed') : card.id;
    const asked = plainText(card[ask]);
    const q = {
      ...base(card, id, `${truncate(asked.replace(/\s+/g, ' '))}${reverse ? ' (reversed)' : ''}`),
      prompt: sideHtml(card, ask),
      explanation: `<p>${sideHtml(card, answer)}</p>${source(card)}`,
    };
    const text = plainText(card[answer]);
    if (isShort(text)) {
      questions.push(shortAnswer(q, text, card[answer]));
      return;
    }
    const pool = reverse ? explicitFronts : explicitBacks;
    const wrong = pickDistractors(card, normalized(text), [pool.note(card), pool.deck(card)], DISTRACTORS);
    if (wrong.length >= 2) {
      const right = { text, html: sideHtml(card, answer), correct: true, feedback: '' };
      questions.push(choice(q, right, wrong));
      return;
    }
    const direction = reverse ? 'its reversed direction: the front' : 'its answer';
    skipped.push({
      card,
      reason: `${direction} is too long to type (over ${SHORT_ANSWER_MAX} characters or several lines) and its note and deck have ${wrong.length === 0 ? 'no other answer' : 'only one other answer'} to offer as wrong choices`,
    });
  };

  const cloze = (card: Card) => {
    const deletions = new Map<string, { texts: Set<string>; text: string; hint?: string }>();
    for (const m of card.front.matchAll(CLOZE)) {
      const entry = deletions.get(m[1]) ?? { texts: new Set<string>(), text: m[2] };
      entry.texts.add(normalized(plainText(m[2])));
      entry.hint ??= m[3]?.trim() || undefined;
      deletions.set(m[1], entry);
    }
    const full = card.front.replace(CLOZE, '\uE000$2\uE001');
    const fullHtml = inlineHtml(full).replaceAll('\uE000', '<mark>').replaceAll('\uE001', '</mark>');
    const numbers = [...deletions.keys()].sort((a, b) => Number(a) - Number(b));
    if (numbers.length === 0) skipped.push({ card, reason: 'this cloze card has no `{{cN::…}}` deletion' });
    for (const n of numbers) {
      const { texts, text, hint } = deletions.get(n)!;
      const answer = plainText(text);
      if (texts.size > 1) {
        skipped.push({ card, reason: `deletion c${n} stands for different texts: a short answer takes one` });
        continue;
      }
      if (!isShort(answer) || answer === '') {
        skipped.push({
          card,
          reason: `deletion c${n} is ${answer === '' ? 'empty' : `too long to type (over ${SHORT_ANSWER_MAX} characters or several lines)`}`,
        });
        continue;
      }
      const blank = hint ? `[... (${hint})]` : '[...]';
      const asked = card.front.replace(CLOZE, (_, m: string, t: string) => (m === n ? blank : t));
      questions.push(
        shortAnswer(
          {
            ...base(card, stableId(card.id, `c${n}`), `cloze c${n} on line ${card.note.line}`),
            prompt: `<p>Fill in the blank: ${inlineHtml(asked)}</p>`,
            explanation: `<p>${fullHtml}</p>${source(card)}`,
          },
          answer,
          text,
        ),
      );
    }
  };

  for (const card of cards) {
    if (card.kind === 'cloze') cloze(card);
    else if (card.source === 'definition') definition(card);
    else if (card.source === 'output') output(card);
    else {
      explicit(card, false);
      if (card.kind === 'reversed') explicit(card, true);
    }
  }
  return { questions, skipped };
}

/** The questions as JSON, for other tools. */
export function writeQuizJson(questions: Question[]): string {
  return JSON.stringify({ version: 1, questions }, null, 2);
}
