// Cards found in notes: Spaced Repetition syntax, definition bullets, verified outputs; stable
// ids that survive edits to answers; malformed cards and duplicates as diagnostics; snippets.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardsOf, type NoteMeta } from '../../src/exports/cards.ts';
import { collect } from '../../src/exports/collect.ts';
import { snippetsOf } from '../../src/exports/snippets.ts';
import { checkNote } from '../../src/notebook/check-note.ts';
import { parseNote } from '../../src/notebook/parse.ts';

const META: NoteMeta = { id: 'net/cards', path: 'net/cards.md', tags: ['linux'] };

async function cards(source: string) {
  const { report } = await checkNote('cards.md', source);
  return cardsOf(parseNote('cards.md', source), META, report);
}

const NOTE = `---
title: Cards
---
# Cards

What does \`ip -br link\` list::one line per interface
A veth pair:::two linked interfaces
Code \`a::b\` is not a card.

Which table rewrites addresses?
?
The \`nat\` table.

Bridge
??
A software switch.

The loopback address is ==127.0.0.1== and its prefix {{c1::/8}}.

- **pod**: unit of deployment for k8s
- **Controller manager** (\`kube-controller-manager\`): runs the controllers,
  each reconciling state.

**kube-proxy**. Hooks up to the API server.

\`\`\`console
$ echo one
one
$ printf 'a\\nb\\n'
a
b
$ date
Wed Jan  1 00:00:00 UTC 2025
$ true
\`\`\`
`;

describe('cardsOf', () => {
  it('finds explicit, cloze, definition and output cards with their lines', async () => {
    const { cards: found, diagnostics } = await cards(NOTE);
    expect(diagnostics).toEqual([]);
    const brief = found.map((c) => `${c.note.line} ${c.source}/${c.kind}: ${c.front} => ${c.back}`);
    expect(brief).toEqual([
      '6 explicit/basic: What does `ip -br link` list => one line per interface',
      '7 explicit/reversed: A veth pair => two linked interfaces',
      '10 explicit/basic: Which table rewrites addresses? => The `nat` table.',
      '14 explicit/reversed: Bridge => A software switch.',
      '18 explicit/cloze: The loopback address is {{c2::127.0.0.1}} and its prefix {{c1::/8}}. => ',
      '20 definition/basic: **pod** => unit of deployment for k8s',
      '21 definition/basic: **Controller manager** (`kube-controller-manager`) => runs the controllers, each reconciling state.',
      '24 definition/basic: **kube-proxy** => Hooks up to the API server.',
      '27 output/basic: What does `echo one` print here? => one',
      "29 output/basic: What does `printf 'a\\nb\\n'` print here? => a\nb",
      '32 output/basic: What does `date` print here? => Wed Jan  1 00:00:00 UTC 2025',
    ]);
    const date = found.find((c) => c.front.includes('`date`'))!;
    expect(date.context).toEqual(['echo one', "printf 'a\\nb\\n'"]);
    expect(found.find((c) => c.source === 'definition')).toMatchObject({
      term: 'pod',
      deck: 'labbook::net',
      tags: ['linux'],
      note: { file: 'cards.md', id: 'net/cards', title: 'Cards' },
    });
  });

  it('keeps ids when answers change, and changes them with the question', async () => {
    const ids = async (source: string) => (await cards(source)).cards.map((c) => c.id);
    const before = await ids(NOTE);
    expect(new Set(before).size).toBe(before.length);
    expect(before).toEqual(await ids(NOTE));
    const edited = await ids(
      NOTE.replace('one line per interface', 'a line per link').replace(
        'unit of deployment',
        'smallest unit',
      ),
    );
    expect(edited).toEqual(before);
    const asked = await ids(NOTE.replace('A veth pair:::', 'A veth:::'));
    expect(asked.filter((id) => !before.includes(id))).toHaveLength(1);
  });

  it('ignores card syntax inside code spans', async () => {
    expect(await cards('Code `==x==`, `{{c1::` and `a::b` make no cards.\n')).toEqual({
      cards: [],
      diagnostics: [],
    });
    const { cards: found } = await cards('Keep `==x==` but ==this== goes.\n');
    expect(found.map((c) => c.front)).toEqual(['Keep `==x==` but {{c1::this}} goes.']);
  });

  it('lets a note opt out of definition cards', async () => {
    const { cards: found } = await cards(`---\ndefinition-cards: false\n---\n- **pod**: unit\n\nQ::A\n`);
    expect(found.map((c) => c.source)).toEqual(['explicit']);
  });

  it('reports malformed cards and duplicates at their lines, dropping none silently', async () => {
    const { cards: found, diagnostics } = await cards(
      '# Bad\n\n::no question\n\nQuestion\n?\n\nAn {{c1::open cloze\n\nSame::one\n\nSame::two\n',
    );
    expect(diagnostics.map((d) => `${d.line} ${d.rule}: ${d.message}`)).toEqual([
      '3 card/syntax: `::` needs a question before it and an answer after it',
      '6 card/syntax: a multi-line card needs text after its `?` line',
      '8 card/syntax: a `{{cN::...}}` cloze is never closed with `}}`',
      '12 card/duplicate: this card has the same identity as the card on line 10: give one of them a different question',
    ]);
    expect(found.map((c) => c.front)).toEqual(['Same', 'Same']);
  });
});

describe('the default knowledge base', () => {
  it('has a card for every definition bullet of the Kubernetes terms note, and no problems', async () => {
    const { cards: all, diagnostics } = await collect('content');
    expect(diagnostics).toEqual([]);
    const source = readFileSync('content/kubernetes/terms.md', 'utf8');
    const bullets = [...source.matchAll(/^- \*\*([^*]+)\*\*(?: \([^)]*\))?[:.]/gm)].map((m) => m[1]);
    expect(bullets.length).toBeGreaterThan(10);
    const terms = all
      .filter((c) => c.note.id === 'kubernetes/terms' && c.source === 'definition')
      .map((c) => c.term);
    expect(terms).toEqual(bullets);
    const again = await collect('content');
    expect(again.cards.map((c) => c.id)).toEqual(all.map((c) => c.id));
  });
});

describe('snippetsOf', () => {
  it('writes scripts, cram tests with globs and statuses, VS Code snippets and a manifest', async () => {
    const source =
      '# S\n\n```console\n$ echo "time=5 ms *"\ntime=[..] ms *\n$ false\n[1]\n$ ls /nonexistent\nls: cannot access \'/nonexistent\': No such file or directory\n[2]\n```\n';
    const { report } = await checkNote('s.md', source);
    expect(report.passed).toBe(true);
    const note = parseNote('s.md', source);
    const { files, manifest } = snippetsOf([{ note, meta: { id: 'x/s', path: 'x/s.md', tags: [] }, report }]);
    expect(files.get('x/s/line-3.sh')).toBe(
      '#!/usr/bin/env bash\n# From s.md:3 (S), verified by labbook engine 0.1.0.\necho "time=5 ms *"\nfalse\nls /nonexistent\n',
    );
    expect(files.get('x/s/line-3.t')).toBe(
      'From s.md:3 (S), verified by labbook engine 0.1.0.\n\n  $ echo "time=5 ms *"\n  time=* ms \\* (glob)\n  $ false\n  [1]\n  $ ls /nonexistent\n  ls: cannot access \'/nonexistent\': No such file or directory\n  [2]\n',
    );
    expect(JSON.parse(files.get('labbook.code-snippets')!)).toEqual({
      'x/s/line-3': {
        prefix: 'lb-s-3',
        body: ['echo "time=5 ms *"', 'false', 'ls /nonexistent'],
        description: 'S (s.md:3), verified',
      },
    });
    expect(manifest).toEqual([
      expect.objectContaining({
        note: 's.md',
        line: 3,
        status: 'verified',
        engineVersion: '0.1.0',
        cram: 'x/s/line-3.t',
      }),
    ]);
  });

  it('replays the earlier blocks of a session so each snippet runs on its own', async () => {
    const source =
      '# S\n\n```sh file=/tmp/greeting\nhello\n```\n\n```console\n$ x=$(cat /tmp/greeting)\n```\n\n```console\n$ echo "$x world"\nhello world\n```\n\n```console session=other\n$ echo alone\nalone\n```\n';
    const { report } = await checkNote('s.md', source);
    expect(report.passed).toBe(true);
    const { files } = snippetsOf([
      { note: parseNote('s.md', source), meta: { id: 's', path: 's.md', tags: [] }, report },
    ]);
    expect(files.get('s/line-11.sh')).toBe(
      "#!/usr/bin/env bash\n# From s.md:11 (S), verified by labbook engine 0.1.0.\n# Set-up: what the note's earlier blocks did.\ncat > /tmp/greeting <<'LABBOOK_EOF'\nhello\nLABBOOK_EOF\nx=$(cat /tmp/greeting)\n# The block.\necho \"$x world\"\n",
    );
    expect(files.get('s/line-11.t')).toContain(
      "Set-up: what the note's earlier blocks did.\n\n  $ cat > /tmp/greeting <<'LABBOOK_EOF'\n  > hello\n  > LABBOOK_EOF\n  $ x=$(cat /tmp/greeting)\n\nThe block.\n\n  $ echo \"$x world\"\n  hello world\n",
    );
    // Another session starts from nothing.
    expect(files.get('s/line-16.sh')).toBe(
      '#!/usr/bin/env bash\n# From s.md:16 (S), verified by labbook engine 0.1.0.\necho alone\n',
    );
  });
});
