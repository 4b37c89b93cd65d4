// Quiz questions from cards (distractors, fallbacks, skipped cards) and their three formats:
// Moodle XML checked for well-formedness and structure, GIFT parsed back with gift-pegjs, JSON.
import { type GIFTQuestion, parse as parseGift } from 'gift-pegjs';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/exports/card.ts';
import { writeGift } from '../../src/exports/gift.ts';
import { writeMoodleXml } from '../../src/exports/moodle-xml.ts';
import { type Question, questionsFrom, writeQuizJson } from '../../src/exports/quiz.ts';

const NET = 'labbook::net';
const K8S = 'labbook::k8s';
const netNote = { file: 'net/namespaces.md', id: 'net/namespaces', title: 'Namespaces: {basics} ~ #1 = ok' };
const k8sNote = { file: 'k8s/objects.md', id: 'k8s/objects', title: 'Kubernetes objects' };
const otherNote = { file: 'k8s/more.md', id: 'k8s/more', title: 'More objects' };

let line = 0;
function card(
  id: string,
  fields: Partial<Card> & Pick<Card, 'front' | 'back' | 'source'>,
  note = netNote,
  deck = NET,
): Card {
  const tags = note === netNote ? ['net', 'linux'] : ['k8s'];
  return { id, kind: 'basic', ...fields, note: { ...note, line: ++line }, tags, deck };
}
const definition = (id: string, term: string, back: string, note = netNote, deck = NET) =>
  card(id, { source: 'definition', term, front: `**${term}**`, back }, note, deck);
const output = (id: string, command: string, back: string, context?: string[]) =>
  card(id, { source: 'output', front: `What does \`${command}\` print here?`, back, context });

const definitions = [
  definition('d1netns', 'netns', 'a private copy of the network stack.'),
  definition('d2veth', '`veth` pair', 'two linked virtual interfaces; what enters one leaves the other'),
  definition('d3bridge', 'bridge', 'a virtual switch joining interfaces'),
  definition('d4pod', 'pod', 'the unit of deployment', k8sNote, K8S),
  definition('d5service', 'Service', 'a stable address for pods', k8sNote, K8S),
  definition(
    'd6selector',
    'selector',
    'matches labels like `app=web` in {braces}, ~tilde, #hash and ]]> too',
    k8sNote,
    K8S,
  ),
  definition('d7pod', 'Pod', 'one or more containers scheduled together', otherNote, K8S),
];
const outputs = [
  output('o1echo', 'echo hi', 'hi'),
  output('o2link', 'ip -br link', 'lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP>'),
  output('o3printf', "printf 'a=b{c}~#\\n'", 'a=b{c}~#', ['cd /tmp']),
];
const explicit = [
  card('e1short', { source: 'explicit', front: 'Which command lists namespaces?', back: '`ip netns list`' }),
  card('e2reversed', {
    source: 'explicit',
    kind: 'reversed',
    front: 'Where named namespaces live',
    back: '`/var/run/netns`',
  }),
  card('e3long', {
    source: 'explicit',
    front: 'Why does a new namespace have no connectivity?',
    back: 'Because it starts with only a loopback interface, which is down.',
  }),
  card('e4long', {
    source: 'explicit',
    front: 'What does `ip link set veth0 netns blue` do?',
    back: 'It moves veth0 into the namespace blue, where it keeps its name.',
  }),
  card('e5long', {
    source: 'explicit',
    front: 'How do you run a command in a namespace?',
    back: 'With `ip netns exec NAME COMMAND`, which also bind-mounts /etc/netns files.',
  }),
  card(
    'e6alone',
    {
      source: 'explicit',
      front: 'What has no peers?',
      back: 'An answer long enough that it cannot be typed as a short answer.',
    },
    { file: 'misc/alone.md', id: 'misc/alone', title: 'Alone' },
    'labbook::misc',
  ),
];
const clozes = [
  card('c1cloze', {
    source: 'explicit',
    kind: 'cloze',
    front: 'Create one with {{c1::`ip netns add`}} and list them with {{c2::ip netns list::command}}.',
    back: '',
  }),
  card('c2longcloze', {
    source: 'explicit',
    kind: 'cloze',
    front: 'A namespace {{c1::keeps its own routes, its own firewall rules and its own sockets}}.',
    back: '',
  }),
];
const cards = [...definitions, ...outputs, ...explicit, ...clozes];
const { questions, skipped } = questionsFrom(cards);
const byId = (id: string) => questions.find((q) => q.id === id)!;
const right = (q: Question) => q.answers.filter((a) => a.correct);
const wrong = (q: Question) => q.answers.filter((a) => !a.correct);

describe('questionsFrom', () => {
  it('asks definition cards as multiple choice with other cards’ terms, same deck first', () => {
    const terms = new Map(definitions.map((d) => [d.id, d.term!.replaceAll('`', '')]));
    for (const d of definitions) {
      const q = byId(d.id);
      expect(q.type).toBe('multichoice');
      expect(q.prompt).toMatch(/^<p>Which term is this: /);
      expect(right(q).map((a) => a.text)).toEqual([terms.get(d.id)]);
      const others = [...terms].filter(([id]) => id !== d.id).map(([, t]) => t);
      const texts = wrong(q).map((a) => a.text);
      expect(texts).toHaveLength(3);
      for (const t of texts) expect(others).toContain(t);
      // Never the right answer (in any case), never twice the same.
      const lower = texts.map((t) => t.toLowerCase());
      expect(lower).not.toContain(terms.get(d.id)!.toLowerCase());
      expect(new Set(lower).size).toBe(lower.length);
    }
    // The net deck has two other terms: both are used before one from another deck.
    expect(
      wrong(byId('d1netns'))
        .map((a) => a.text)
        .filter((t) => t === 'veth pair' || t === 'bridge'),
    ).toHaveLength(2);
    expect(wrong(byId('d2veth')).find((a) => a.text === 'veth pair')?.html).toBeUndefined();
    expect(right(byId('d2veth'))[0].html).toBe('<code>veth</code> pair');
  });

  it('falls back to a short answer when fewer than two other terms exist', () => {
    const few = questionsFrom(definitions.slice(0, 2)).questions;
    expect(few.map((q) => q.type)).toEqual(['shortanswer', 'shortanswer']);
    expect(few[0].answers).toEqual([{ text: 'netns', html: 'netns', correct: true, feedback: '' }]);
    expect(few[1].caseSensitive).toBe(true);
    expect(questionsFrom(definitions.slice(0, 3)).questions.every((q) => q.type === 'multichoice')).toBe(
      true,
    );
  });

  it('picks the same distractors on every call, whatever the order of the cards', () => {
    expect(questionsFrom(cards)).toEqual(questionsFrom(cards));
    const reversed = questionsFrom([...cards].reverse()).questions;
    for (const q of questions) expect(reversed.find((r) => r.id === q.id)).toEqual(q);
  });

  it('asks output cards as multiple choice with other outputs', () => {
    for (const o of outputs) {
      const q = byId(o.id);
      expect(q.type).toBe('multichoice');
      expect(q.prompt).toContain('<code>');
      expect(right(q).map((a) => a.text)).toEqual([o.back]);
      expect(
        wrong(q)
          .map((a) => a.text)
          .sort(),
      ).toEqual(
        outputs
          .filter((x) => x !== o)
          .map((x) => x.back)
          .sort(),
      );
    }
    expect(byId('o3printf').prompt).toContain('<pre><code>$ cd /tmp</code></pre>');
  });

  it('asks outputs as true/false when fewer than two other outputs exist, some of them false', () => {
    const statements: boolean[] = [];
    for (let i = 0; i < 16; i++) {
      const pair = [output(`tf${i}a`, 'echo one', 'one'), output(`tf${i}b`, 'echo two', 'two')];
      for (const q of questionsFrom(pair).questions) {
        expect(q.type).toBe('truefalse');
        expect(q.answers.map((a) => a.text)).toEqual(['true', 'false']);
        expect(right(q)).toHaveLength(1);
        const own = q.cardId.endsWith('a') ? 'one' : 'two';
        const shown = /<pre><code>(\w+)<\/code><\/pre>$/.exec(q.prompt)![1];
        expect(right(q)[0].text).toBe(shown === own ? 'true' : 'false');
        expect(q.explanation).toContain(`<pre><code>${own}</code></pre>`);
        statements.push(shown === own);
      }
    }
    expect(statements).toContain(true);
    expect(statements).toContain(false);
    const alone = questionsFrom([outputs[0]]).questions[0];
    expect(right(alone)[0].text).toBe('true');
  });

  it('asks explicit cards as short answers, or multiple choice when the answer is long', () => {
    expect(byId('e1short')).toMatchObject({
      type: 'shortanswer',
      answers: [{ text: 'ip netns list', correct: true }],
      caseSensitive: true,
    });
    const reversed = questions.filter((q) => q.cardId === 'e2reversed');
    expect(reversed.map((q) => [q.type, q.answers[0].text])).toEqual([
      ['shortanswer', '/var/run/netns'],
      ['shortanswer', 'Where named namespaces live'],
    ]);
    expect(new Set(reversed.map((q) => q.id)).size).toBe(2);
    const sameNote = explicit
      .filter((e) => e.note.file === netNote.file)
      .map((e) => e.back.replaceAll('`', ''));
    for (const id of ['e3long', 'e4long', 'e5long']) {
      const q = byId(id);
      expect(q.type).toBe('multichoice');
      expect(wrong(q)).toHaveLength(3);
      for (const a of wrong(q)) expect(sameNote).toContain(a.text);
      expect(wrong(q).map((a) => a.text)).not.toContain(right(q)[0].text);
    }
  });

  it('reports what it cannot ask, with a reason, and drops nothing silently', () => {
    expect(skipped.map((s) => s.card.id)).toEqual(['e6alone', 'c2longcloze']);
    expect(skipped[0].reason).toMatch(/too long to type .* no other answer/);
    expect(skipped[1].reason).toMatch(/deletion c1 is too long to type/);
    for (const c of cards)
      expect(questions.some((q) => q.cardId === c.id) || skipped.some((s) => s.card === c)).toBe(true);
  });

  it('asks a short answer per cloze deletion with that deletion blanked', () => {
    const qs = questions.filter((q) => q.cardId === 'c1cloze');
    expect(qs.map((q) => q.answers[0].text)).toEqual(['ip netns add', 'ip netns list']);
    expect(qs[0].prompt).toBe(
      '<p>Fill in the blank: Create one with [...] and list them with ip netns list.</p>',
    );
    expect(qs[1].prompt).toContain('<code>ip netns add</code> and list them with [... (command)].');
    expect(qs[0].caseSensitive).toBe(true);
    expect(qs[0].explanation).toContain('<mark>ip netns list</mark>');
    expect(new Set(qs.map((q) => q.id)).size).toBe(2);
  });

  it('keeps tags, the deck as a category and the note', () => {
    expect(byId('d4pod')).toMatchObject({
      tags: ['k8s'],
      category: 'labbook/k8s',
      note: { title: 'Kubernetes objects' },
    });
    expect(byId('d1netns').explanation).toContain('<i>Namespaces: {basics} ~ #1 = ok</i>');
    expect(byId('d1netns').name).not.toContain('netns');
  });
});

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

/** A strict little XML parser: throws on anything that is not well-formed (no DTDs needed here). */
function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml) ?? fail('no XML declaration');
  i = decl[0].length;
  const name = () => {
    const m = /[A-Za-z_][\w.-]*/y;
    m.lastIndex = i;
    const found = m.exec(xml) ?? fail('expected a name');
    i = m.lastIndex;
    return found[0];
  };
  const decode = (text: string) => {
    if (/[<\x00-\x08\x0B\x0C\x0E-\x1F]/.test(text)) fail('forbidden character in text');
    if (text.includes(']]>')) fail('`]]>` in text');
    const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    return text.replace(/&([^;]*);|&/g, (all, ref: string | undefined) => {
      if (ref && ref in entities) return entities[ref];
      if (ref && /^#\d+$/.test(ref)) return String.fromCodePoint(Number(ref.slice(1)));
      if (ref && /^#x[0-9a-f]+$/i.test(ref)) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
      return fail(`bad entity ${all}`);
    });
  };
  const document: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack = [document];
  while (i < xml.length) {
    const top = stack[stack.length - 1];
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      if (end < 0 || stack.length === 1) fail('bad CDATA section');
      top.children.push(xml.slice(i + 9, end));
      i = end + 3;
    } else if (xml.startsWith('</', i)) {
      i += 2;
      if (name() !== top.name || stack.length === 1) fail(`unexpected end tag for <${top.name}>`);
      if (xml[i++] !== '>') fail('expected >');
      stack.pop();
    } else if (xml[i] === '<') {
      i++;
      const element: XmlElement = { name: name(), attrs: {}, children: [] };
      for (;;) {
        const ws = /\s*/y;
        ws.lastIndex = i;
        ws.exec(xml);
        const spaced = ws.lastIndex > i;
        i = ws.lastIndex;
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        if (!spaced) fail('expected a space before an attribute');
        const attr = name();
        const value = /="([^"<]*)"/y;
        value.lastIndex = i;
        const m = value.exec(xml) ?? fail('expected ="value"');
        if (attr in element.attrs) fail('duplicate attribute');
        element.attrs[attr] = decode(m[1]);
        i = value.lastIndex;
      }
      if (stack.length === 1 && document.children.length) fail('a second root element');
      top.children.push(element);
      if (xml.startsWith('/>', i)) i += 2;
      else {
        i++;
        stack.push(element);
      }
    } else {
      const end = xml.indexOf('<', i) < 0 ? xml.length : xml.indexOf('<', i);
      const text = decode(xml.slice(i, end));
      if (stack.length === 1) {
        if (text.trim()) fail('text outside the root element');
      } else top.children.push(text);
      i = end;
    }
  }
  if (stack.length !== 1) fail(`<${stack[stack.length - 1].name}> is never closed`);
  return (document.children[0] as XmlElement) ?? fail('no root element');
}

const elements = (e: XmlElement, name: string) =>
  e.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
const element = (e: XmlElement, ...path: string[]) =>
  path.reduce((at, name) => elements(at, name)[0] ?? expect.fail(`no <${name}> in <${at.name}>`), e);
const textOf = (e: XmlElement, ...path: string[]): string =>
  element(e, ...path, 'text')
    .children.map((c) => (typeof c === 'string' ? c : ''))
    .join('');

describe('writeMoodleXml', () => {
  const xml = writeMoodleXml(questions);
  const quiz = parseXml(xml);
  const entries = elements(quiz, 'question');
  const real = entries.filter((e) => e.attrs.type !== 'category');

  it('writes well-formed XML, the same every time', () => {
    expect(quiz.name).toBe('quiz');
    expect(writeMoodleXml(questions)).toBe(xml);
    expect(() => parseXml(xml.replace('</name>', ''))).toThrow();
    expect(() => parseXml(xml.replace('<![CDATA[', '<![CDATA[ ]]> '))).toThrow();
  });

  it('puts each category before its questions', () => {
    const order = entries.map((e) => (e.attrs.type === 'category' ? textOf(e, 'category') : e.attrs.type));
    expect(order.filter((o) => o.startsWith('$'))).toEqual([
      '$course$/top/labbook/net',
      '$course$/top/labbook/k8s',
    ]);
    let current = '';
    for (const e of entries) {
      if (e.attrs.type === 'category') current = textOf(e, 'category');
      else {
        const id = (element(e, 'idnumber').children[0] as string) ?? '';
        expect(current).toBe(`$course$/top/${questions.find((q) => q.id === id)!.category}`);
      }
    }
  });

  it('writes every question with its stable id, texts, answers and tags', () => {
    expect(real).toHaveLength(questions.length);
    for (const e of real) {
      const id = element(e, 'idnumber').children.join('');
      const q = questions.find((x) => x.id === id)!;
      expect(q, id).toBeDefined();
      expect(e.attrs.type).toBe(q.type);
      expect(textOf(e, 'name')).toBe(q.name);
      expect(element(e, 'questiontext').attrs.format).toBe('html');
      expect(textOf(e, 'questiontext')).toBe(q.prompt);
      expect(textOf(e, 'generalfeedback')).toBe(q.explanation);
      expect(element(e, 'hidden').children).toEqual(['0']);
      expect(elements(element(e, 'tags'), 'tag').map((t) => textOf(t))).toEqual(q.tags);
      const answers = elements(e, 'answer');
      expect(answers.filter((a) => a.attrs.fraction === '100')).toHaveLength(1);
      expect(answers.filter((a) => a.attrs.fraction === '0')).toHaveLength(q.answers.length - 1);
      const correct = answers.find((a) => a.attrs.fraction === '100')!;
      if (q.type === 'multichoice') {
        expect(element(e, 'single').children).toEqual(['true']);
        expect(element(e, 'answernumbering').children).toEqual(['abc']);
        expect(textOf(correct)).toBe(right(q)[0].html);
        expect(answers.map((a) => textOf(a))).toEqual(q.answers.map((a) => a.html));
      } else if (q.type === 'truefalse') {
        expect(answers.map((a) => textOf(a))).toEqual(['true', 'false']);
        expect(textOf(correct)).toBe(right(q)[0].text);
      } else {
        expect(element(e, 'usecase').children).toEqual([q.caseSensitive ? '1' : '0']);
        expect(textOf(correct)).toBe(q.answers[0].text);
      }
    }
  });

  it('keeps text with `]]>` whole inside CDATA, and escapes the rest', () => {
    const q = {
      ...byId('d6selector'),
      name: 'a ]]> & <b>',
      prompt: '<p>x ]]> y</p>',
      explanation: ']]>]]>',
      tags: ['a&b'],
    };
    const one = parseXml(writeMoodleXml([q]));
    const e = elements(one, 'question')[1];
    expect(textOf(e, 'name')).toBe('a ]]> & <b>');
    expect(textOf(e, 'questiontext')).toBe('<p>x ]]> y</p>');
    expect(textOf(e, 'generalfeedback')).toBe(']]>]]>');
    expect(textOf(element(e, 'tags', 'tag'))).toBe('a&b');
  });
});

describe('writeGift', () => {
  const gift = writeGift(questions);
  const parsed = parseGift(gift);
  const real = parsed.filter((p) => p.type !== 'Category') as Exclude<GIFTQuestion, { type: 'Category' }>[];
  const kind = { multichoice: 'MC', truefalse: 'TF', shortanswer: 'Short' } as const;

  it('parses back into the same questions, categories first', () => {
    expect(writeGift(questions)).toBe(gift);
    expect(parsed.filter((p) => p.type === 'Category').map((p) => p.title)).toEqual([
      'labbook/net',
      'labbook/k8s',
    ]);
    expect(real).toHaveLength(questions.length);
    expect(gift).toContain('$CATEGORY: labbook/net\n\n// [id:');
  });

  it('marks the right answers and round-trips escaped special characters', () => {
    for (const p of real) {
      const q = questions.find((x) => x.id === p.id)!;
      expect(q, String(p.id)).toBeDefined();
      expect(p.type).toBe(kind[q.type]);
      expect(p.title).toBe(q.name);
      expect(p.tags).toEqual(q.tags);
      expect(p.stem).toEqual({ format: 'html', text: q.prompt });
      expect('globalFeedback' in p && p.globalFeedback?.text).toBe(q.explanation);
      if (p.type === 'TF') expect(p.isTrue).toBe(right(q)[0].text === 'true');
      else if (p.type === 'MC') {
        expect(p.choices.map((c) => [c.text.text, c.isCorrect])).toEqual(
          q.answers.map((a) => [a.html, a.correct]),
        );
        expect(p.choices.map((c) => c.feedback?.text ?? '')).toEqual(q.answers.map((a) => a.feedback));
      } else if (p.type === 'Short')
        expect(p.choices.map((c) => [c.text.text, c.isCorrect])).toEqual([[q.answers[0].text, true]]);
      else expect.fail(`unexpected ${p.type}`);
    }
    // The specials were there to escape: the name, a prompt and outputs.
    expect(gift).toContain('::Namespaces\\: \\{basics\\} \\~ \\#1 \\= ok\\: ');
    expect(gift).toContain('<code>app\\=web</code> in \\{braces\\}, \\~tilde, \\#hash and ]]&gt; too');
    expect(gift).toContain('a\\=b\\{c\\}\\~\\#');
  });

  it('writes short answers Moodle matches as typed', () => {
    const q: Question = {
      ...byId('e1short'),
      answers: [{ text: 'a*b -> c\\', html: '', correct: true, feedback: '' }],
    };
    const [p] = parseGift(writeGift([q])).filter((x) => x.type !== 'Category');
    expect(p.type).toBe('Short');
    expect(p.type === 'Short' && p.choices[0].text.text).toBe('a\\*b -*> c\\');
  });
});

describe('writeQuizJson', () => {
  it('round-trips the questions', () => {
    const json = writeQuizJson(questions);
    expect(JSON.parse(json)).toEqual({ version: 1, questions });
    expect(json).toBe(JSON.stringify({ version: 1, questions }, null, 2));
  });
});
