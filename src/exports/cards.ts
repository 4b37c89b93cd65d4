// Flashcards found in a note: Obsidian Spaced Repetition cards (`Q::A`, `Q:::A`, multi-line cards
// split by `?` or `??`, clozes with `==text==` or `{{c1::text}}`), definition bullets the way
// the seeds write them (`- **pod**: unit of deployment`, `**kube-proxy**. Hooks up to ...`) and
// verified-output cards ("What does `cmd` print here?"). Malformed cards are diagnostics.
import type { List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import type { Diagnostic } from '../notebook/diagnostics.ts';
import type { Note } from '../notebook/parse.ts';
import type { NoteReport } from '../notebook/report.ts';
import { type Card, imagesIn, stableId } from './card.ts';

export interface NoteMeta {
  /** The note's page id (its address on the site). */
  id: string;
  /** Path below the content folder, for the deck. */
  path: string;
  tags: string[];
}

export interface NoteCards {
  cards: Card[];
  diagnostics: Diagnostic[];
}

/** A paragraph's lines as written (inline Markdown kept), with their file lines. */
interface SourceLine {
  text: string;
  line: number;
}

function paragraphLines(note: Note, node: Paragraph): SourceLine[] {
  const start = node.position!.start;
  const end = node.position!.end;
  const raw = note.source.slice(start.offset, end.offset).split('\n');
  // Continuation lines inside block quotes and callouts carry their `>` markers; list items
  // their indentation.
  return raw.map((text, i) => ({
    text: i === 0 ? text : text.replace(/^\s*(?:>\s?)*\s*/, ''),
    line: start.line + i,
  }));
}

const DEFINITION = /^\*\*([^*]+?)\*\*(\s*\([^)]*\))?\s*[:.]\s+(\S[\s\S]*)$/;
const CLOZE_MARK = /==([^=\n]+)==|\{\{c(\d+)::([^}]*?)(?:::[^}]*)?\}\}/g;

/** Turns `==x==` into `{{cN::x}}` (numbered in order after any explicit ones). */
function clozeText(text: string): string {
  const masked = maskCode(text);
  let next = Math.max(0, ...[...masked.matchAll(/\{\{c(\d+)::/g)].map((m) => Number(m[1]))) + 1;
  let out = '';
  let last = 0;
  for (const m of masked.matchAll(/==([^=\n]+)==/g)) {
    out += `${text.slice(last, m.index)}{{c${next++}::${text.slice(m.index + 2, m.index + m[0].length - 2)}}}`;
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

/** The text with the inside of code spans blanked (same length), so syntax there is ignored. */
function maskCode(text: string): string {
  return text.replace(
    /(`+)([\s\S]*?[^`])\1(?!`)/g,
    (m, ticks: string) => ticks + ' '.repeat(m.length - 2 * ticks.length) + ticks,
  );
}

function deckOf(path: string): string {
  const folders = path.split('/').slice(0, -1);
  return ['labbook', ...folders].join('::');
}

export function cardsOf(note: Note, meta: NoteMeta, report?: NoteReport): NoteCards {
  const cards: Card[] = [];
  const diagnostics: Diagnostic[] = [];
  const base = {
    note: { file: note.file, id: meta.id, title: note.title, line: 0 },
    tags: meta.tags,
    deck: deckOf(meta.path),
  };
  const problem = (line: number, message: string) =>
    diagnostics.push({ file: note.file, line, col: 1, rule: 'card/syntax', severity: 'error', message });
  const add = (card: Omit<Card, 'note' | 'tags' | 'deck'>, line: number) => {
    const media = card.source === 'output' ? [] : imagesIn(`${card.front}\n${card.back}`);
    cards.push({ ...card, ...(media.length ? { media } : {}), ...base, note: { ...base.note, line } });
  };
  /** A card in Spaced Repetition syntax: its identity is its question. */
  const addExplicit = (question: string, answer: string, reversed: boolean, line: number) =>
    add(
      {
        id: stableId(meta.id, 'explicit', question),
        kind: reversed ? 'reversed' : 'basic',
        source: 'explicit',
        front: question,
        back: answer,
      },
      line,
    );
  const definitions = note.frontmatter['definition-cards'] !== false;

  const explicit = (lines: SourceLine[]) => {
    // Multi-line cards: question lines, a `?` or `??` line, answer lines.
    const split = lines.findIndex((l) => /^\?\??\s*$/.test(l.text.trim()));
    if (split >= 0) {
      const question = lines
        .slice(0, split)
        .map((l) => l.text)
        .join('\n')
        .trim();
      const answer = lines
        .slice(split + 1)
        .map((l) => l.text)
        .join('\n')
        .trim();
      if (!question || !answer) {
        problem(
          lines[split].line,
          `a multi-line card needs text ${question ? 'after' : 'before'} its \`${lines[split].text.trim()}\` line`,
        );
        return true;
      }
      const reversed = lines[split].text.trim() === '??';
      addExplicit(question, answer, reversed, lines[0].line);
      return true;
    }
    let found = false;
    for (const { text, line } of lines) {
      // A cloze's `{{c1::` is not a card separator.
      const at = maskCode(text.replace(/\{\{c\d+::/g, (m) => ' '.repeat(m.length))).indexOf('::');
      if (at >= 0 && !text.slice(at).startsWith('::[')) {
        const reversed = text.startsWith(':::', at);
        const question = text.slice(0, at).trim();
        const answer = text.slice(at + (reversed ? 3 : 2)).trim();
        found = true;
        if (!question || !answer) {
          problem(line, `\`${reversed ? ':::' : '::'}\` needs a question before it and an answer after it`);
          continue;
        }
        addExplicit(question, answer, reversed, line);
      }
    }
    return found;
  };

  const cloze = (lines: SourceLine[]) => {
    const text = lines.map((l) => l.text).join('\n');
    const masked = maskCode(text);
    if (/\{\{c\d+::(?![^}]*\}\})/.test(masked)) {
      problem(lines[0].line, 'a `{{cN::...}}` cloze is never closed with `}}`');
      return;
    }
    if (![...masked.matchAll(CLOZE_MARK)].length) return;
    const front = clozeText(text.trim());
    add(
      {
        id: stableId(meta.id, 'cloze', front.replace(/\{\{c\d+::([^}]*?)(?:::[^}]*)?\}\}/g, '$1')),
        kind: 'cloze',
        source: 'explicit',
        front,
        back: '',
      },
      lines[0].line,
    );
  };

  const definition = (lines: SourceLine[]) => {
    const m = DEFINITION.exec(
      lines
        .map((l) => l.text)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    if (!m) return false;
    const term = m[1].trim();
    add(
      {
        id: stableId(meta.id, 'definition', term.toLowerCase()),
        kind: 'basic',
        source: 'definition',
        term,
        front: `**${term}**${m[2] ?? ''}`,
        back: m[3].trim(),
      },
      lines[0].line,
    );
    return true;
  };

  const paragraph = (node: Paragraph) => {
    const lines = paragraphLines(note, node);
    if (explicit(lines)) return;
    if (definitions && definition(lines)) return;
    cloze(lines);
  };

  const walk = (node: Root | RootContent) => {
    if (node.type === 'code' || node.type === 'table' || node.type === 'html' || node.type === 'yaml') return;
    if (node.type === 'paragraph') return paragraph(node);
    if (node.type === 'list') {
      for (const item of (node as List).children as ListItem[])
        for (const child of item.children) walk(child);
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child as RootContent);
  };
  walk(note.tree);

  if (report) outputCards(meta, report, add);

  const seen = new Map<string, Card>();
  for (const card of cards) {
    const first = seen.get(card.id);
    if (first)
      diagnostics.push({
        file: note.file,
        line: card.note.line,
        col: 1,
        rule: 'card/duplicate',
        severity: 'error',
        message: `this card has the same identity as the card on line ${first.note.line}: give one of them a different question`,
      });
    else seen.set(card.id, card);
  }
  return { cards, diagnostics };
}

/**
 * A card per asserted, non-empty output of a verified transcript: the output as the note shows
 * it (the engine checked it), with the commands before it in the block as context.
 */
function outputCards(
  meta: NoteMeta,
  report: NoteReport,
  add: (card: Omit<Card, 'note' | 'tags' | 'deck'>, line: number) => void,
): void {
  const occurrences = new Map<string, number>();
  for (const block of report.blocks) {
    if (block.kind !== 'transcript' || block.status !== 'verified' || !block.transcript) continue;
    const before: string[] = [];
    block.transcript.forEach((command, i) => {
      const n = (occurrences.get(command.source) ?? 0) + 1;
      occurrences.set(command.source, n);
      const output = (command.expected ?? []).join('\n');
      const oneLine = !command.source.includes('\n');
      if (block.commands[i]?.ok && output.trim() !== '' && output !== '(no output)' && oneLine) {
        add(
          {
            id: stableId(meta.id, 'output', command.source, String(n)),
            kind: 'basic',
            source: 'output',
            front: `What does \`${command.source}\` print here?`,
            back: output,
            context: [...before],
          },
          block.commands[i].line,
        );
      }
      before.push(command.source);
    });
  }
}
