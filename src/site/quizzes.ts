// The site's quizzes: the knowledge base's quiz questions, gathered once per build, by note and
// by tag, with the HTML of one question (marked in the browser by the quiz page's script).
import { tagName } from '../exports/card.ts';
import { type Collection, collect } from '../exports/collect.ts';
import { type Question, questionsFrom } from '../exports/quiz.ts';
import { escapeHtml } from './escape-html.ts';
import { CONTENT_ROOT } from './index-cache.ts';

let gathered: Promise<{ collection: Collection; questions: Question[] }> | null = null;

export function siteQuestions(): Promise<{ collection: Collection; questions: Question[] }> {
  // In this thread: inside Astro's bundle there is no worker script to start.
  gathered ??= collect(process.env.LABBOOK_CONTENT ?? CONTENT_ROOT, undefined, 1).then((collection) => ({
    collection,
    questions: questionsFrom(collection.cards).questions,
  }));
  return gathered;
}

export async function questionsOfNote(noteId: string): Promise<Question[]> {
  return (await siteQuestions()).questions.filter((q) => q.note.id === noteId);
}

export async function questionsTagged(tag: string): Promise<Question[]> {
  return (await siteQuestions()).questions.filter((q) => q.tags.includes(tagName(tag)));
}

/**
 * One question as a form: radio buttons (multiple choice, true/false) or a text field (short
 * answer), a Check button, and the explanation revealed once answered. The right answer rides in
 * data attributes: the page is a study aid, not an exam.
 */
export function questionHtml(q: Question, n: number): string {
  const name = `q-${q.id}`;
  const correct = q.answers.filter((a) => a.correct).map((a) => a.text);
  const field =
    q.type === 'shortanswer'
      ? `<label>Your answer <input type="text" name="${name}" autocomplete="off" spellcheck="false"></label>`
      : q.answers
          .map(
            (a, i) =>
              `<label class="quiz-option"><input type="radio" name="${name}" value="${i}"${a.correct ? ' data-correct' : ''}> ${q.type === 'truefalse' ? escapeHtml(a.text === 'true' ? 'True' : 'False') : a.html}</label>`,
          )
          .join('');
  return `<form class="quiz-question" data-id="${escapeHtml(q.id)}" data-type="${q.type}" data-answers="${escapeHtml(JSON.stringify(correct))}"${q.caseSensitive ? ' data-case' : ''}><fieldset><legend><span class="quiz-number">${n}.</span> ${q.prompt}</legend>${field}</fieldset><button type="submit">Check</button><p class="quiz-result" role="status" aria-live="polite"></p><div class="quiz-explanation" hidden>${q.explanation}</div></form>`;
}
