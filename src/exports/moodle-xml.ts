// Quiz questions as a Moodle XML question bank file: a category entry per deck, then its
// multiple choice, true/false and short answer questions with their idnumber and tags.
import type { Answer, Question } from './quiz.ts';

/** Characters XML 1.0 forbids anywhere, even in CDATA: most C0 controls, lone surrogates, U+FFFE/F. */
const NOT_XML =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
}

/** A CDATA section; a `]]>` inside is split across two sections so the text comes back whole. */
function cdata(text: string): string {
  if (text === '') return '';
  return `<![CDATA[${text.replace(NOT_XML, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Moodle's short answer matching treats `*` as a wildcard: a literal one is written `\*`. */
const shortAnswerText = (text: string) => text.replaceAll('*', '\\*');

function htmlField(tag: string, html: string, indent: string): string {
  return `${indent}<${tag} format="html">\n${indent}  <text>${cdata(html)}</text>\n${indent}</${tag}>`;
}

function answerXml(question: Question, answer: Answer): string {
  const fraction = answer.correct ? '100' : '0';
  const [format, text] =
    question.type === 'multichoice'
      ? ['html', cdata(answer.html)]
      : [
          'moodle_auto_format',
          xmlText(question.type === 'shortanswer' ? shortAnswerText(answer.text) : answer.text),
        ];
  return [
    `    <answer fraction="${fraction}" format="${format}">`,
    `      <text>${text}</text>`,
    htmlField('feedback', answer.feedback, '      '),
    '    </answer>',
  ].join('\n');
}

function questionXml(question: Question): string {
  const lines = [
    `  <question type="${question.type}">`,
    `    <name>\n      <text>${xmlText(question.name)}</text>\n    </name>`,
    htmlField('questiontext', question.prompt, '    '),
    htmlField('generalfeedback', question.explanation, '    '),
    '    <defaultgrade>1</defaultgrade>',
    // Moodle's defaults: a third of the mark lost per wrong try; true/false has one try.
    `    <penalty>${question.type === 'truefalse' ? '1' : '0.3333333'}</penalty>`,
    '    <hidden>0</hidden>',
    `    <idnumber>${xmlText(question.id)}</idnumber>`,
  ];
  if (question.type === 'multichoice') {
    lines.push(
      '    <single>true</single>',
      '    <shuffleanswers>true</shuffleanswers>',
      '    <answernumbering>abc</answernumbering>',
      htmlField('correctfeedback', '', '    '),
      htmlField('partiallycorrectfeedback', '', '    '),
      htmlField('incorrectfeedback', '', '    '),
    );
  }
  if (question.type === 'shortanswer') lines.push(`    <usecase>${question.caseSensitive ? 1 : 0}</usecase>`);
  // Moodle reads a true/false question's answers by their text, `true` and `false`.
  for (const answer of question.answers) lines.push(answerXml(question, answer));
  if (question.tags.length) {
    lines.push('    <tags>');
    for (const tag of question.tags)
      lines.push(`      <tag>\n        <text>${xmlText(tag)}</text>\n      </tag>`);
    lines.push('    </tags>');
  }
  lines.push('  </question>');
  return lines.join('\n');
}

/**
 * A Moodle XML file: per category (in the order categories first appear), a category entry
 * `$course$/top/<category>` and then that category's questions in their given order.
 */
export function writeMoodleXml(questions: Question[]): string {
  const byCategory = new Map<string, Question[]>();
  for (const q of questions) {
    const list = byCategory.get(q.category) ?? [];
    list.push(q);
    byCategory.set(q.category, list);
  }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>'];
  for (const [category, list] of byCategory) {
    out.push(
      '  <question type="category">',
      `    <category>\n      <text>${xmlText(`$course$/top/${category}`)}</text>\n    </category>`,
      htmlField('info', '', '    '),
      '  </question>',
    );
    for (const q of list) out.push(questionXml(q));
  }
  out.push('</quiz>', '');
  return out.join('\n');
}
