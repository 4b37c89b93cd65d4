// `labbook export FORMAT [--out DIR] [CONTENT]`: flashcards for Anki (.apkg or text import),
// quizzes (Moodle XML, GIFT, JSON) and runnable snippets, from every note under CONTENT.
// Malformed cards stop the export with their `file:line`; nothing is written then.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../notebook/diagnostics.ts';
import { writeAnkiTsv } from './anki-tsv.ts';
import { writeApkg } from './apkg.ts';
import { type Collection, collect } from './collect.ts';
import { writeGift } from './gift.ts';
import { writeMoodleXml } from './moodle-xml.ts';
import { type Question, questionsFrom, writeQuizJson } from './quiz.ts';
import { snippetsOf } from './snippets.ts';

export const FORMATS = ['anki', 'anki-tsv', 'moodle-xml', 'gift', 'quiz-json', 'snippets'] as const;
export type Format = (typeof FORMATS)[number];

function newestNote(c: Collection): number {
  return Math.max(0, ...c.notes.map((n) => Math.floor(statSync(n.note.file).mtimeMs / 1000)));
}

/** Each format's files, by path relative to the output folder; `quiz` gives the questions. */
async function render(
  format: Format,
  c: Collection,
  quiz: () => Question[],
): Promise<Map<string, string | Uint8Array>> {
  switch (format) {
    case 'anki':
      // Anki re-imports a note only when it is newer: the newest note's time moves with edits,
      // and stays put (byte-identical exports) while nothing changes.
      return new Map([['labbook.apkg', await writeApkg(c.cards, { mtime: newestNote(c), media: c.media })]]);
    case 'anki-tsv':
      return new Map([['labbook-anki.txt', writeAnkiTsv(c.cards)]]);
    case 'moodle-xml':
      return new Map([['labbook-moodle.xml', writeMoodleXml(quiz())]]);
    case 'gift':
      return new Map([['labbook.gift', writeGift(quiz())]]);
    case 'quiz-json':
      return new Map([['labbook-quiz.json', writeQuizJson(quiz())]]);
    case 'snippets': {
      const files = new Map<string, string | Uint8Array>();
      for (const [path, text] of snippetsOf(c.notes).files) files.set(join('snippets', path), text);
      return files;
    }
  }
}

export interface ExportOptions {
  formats: Format[];
  out: string;
  content: string;
  err?: (text: string) => void;
}

/** Writes the exports; returns the files written, or null when the notes have card errors. */
export async function exportAll(options: ExportOptions): Promise<string[] | null> {
  const err = options.err ?? ((t: string) => void process.stderr.write(t));
  const collection = await collect(options.content);
  for (const d of collection.diagnostics) err(`${formatDiagnostic(d)}\n`);
  const errors = collection.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    err(`labbook export: ${errors} problem(s) with cards; nothing was written.\n`);
    return null;
  }
  const written: string[] = [];
  // The questions are made once, for every quiz format, and left-out cards are told once.
  let questions: Question[] | null = null;
  const quiz = () => {
    if (questions) return questions;
    const made = questionsFrom(collection.cards);
    for (const { card, reason } of made.skipped)
      err(`${card.note.file}:${card.note.line}: note: no quiz question for this card: ${reason}\n`);
    questions = made.questions;
    return questions;
  };
  for (const format of options.formats) {
    const files = await render(format, collection, quiz);
    for (const [path, data] of files) {
      const full = join(options.out, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, data);
      written.push(full);
    }
  }
  return written;
}

export async function exportCommand(args: string[]): Promise<number> {
  const usage = `usage: labbook export FORMAT [--out DIR] [CONTENT]\n  FORMAT: ${FORMATS.join(', ')} or all\n`;
  let parsed: ReturnType<
    typeof parseArgs<{ options: { out: { type: 'string'; default: string } }; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({
      args,
      options: { out: { type: 'string', default: 'exports' } },
      allowPositionals: true,
    });
  } catch (e) {
    process.stderr.write(`labbook export: ${(e as Error).message}\n${usage}`);
    return 2;
  }
  const [format, content = 'content', ...extra] = parsed.positionals;
  if (!format || extra.length > 0 || !(format === 'all' || (FORMATS as readonly string[]).includes(format))) {
    process.stderr.write(
      `labbook export: ${format ? `unknown format "${format}"` : 'which format?'}\n${usage}`,
    );
    return 2;
  }
  const formats = format === 'all' ? [...FORMATS] : [format as Format];
  const written = await exportAll({ formats, out: parsed.values.out, content });
  if (!written) return 1;
  for (const f of written.filter((w) => !w.includes(`${join('snippets', '')}`)))
    process.stdout.write(`wrote ${f}\n`);
  const snippets = written.filter((w) => w.includes(join('snippets', ''))).length;
  if (snippets)
    process.stdout.write(`wrote ${snippets} snippet files under ${join(parsed.values.out, 'snippets')}\n`);
  return 0;
}
