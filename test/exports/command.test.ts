// `labbook export`: every format from a folder of notes, byte-identical when nothing changed,
// only the edited card changed after an edit, and nothing written when a card is malformed.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportAll, FORMATS } from '../../src/exports/command.ts';
import { readZip } from '../../src/exports/zip.ts';

function knowledgeBase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'labbook-export-'));
  mkdirSync(join(dir, 'content', 'net'), { recursive: true });
  writeFileSync(
    join(dir, 'content', 'net', 'terms.md'),
    '---\ntags: [networking]\n---\n# Terms\n\n- **veth**: a pair of linked interfaces\n- **bridge**: a software switch\n- **netns**: a private network stack\n- **route**: where packets go next\n\nWhat does ARP resolve::an IPv4 address to a MAC address\n',
  );
  writeFileSync(
    join(dir, 'content', 'net', 'lab.md'),
    '# Lab\n\n```console\n$ echo hello\nhello\n$ printf "a\\nb\\n"\na\nb\n```\n',
  );
  return dir;
}

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    try {
      out.set(relative(dir, join(dir, f)), readFileSync(join(dir, f), 'latin1'));
    } catch {
      // a folder
    }
  }
  return out;
}

describe('labbook export', () => {
  it('writes every format, identically twice; an edited answer changes only its card', async () => {
    const dir = knowledgeBase();
    const content = join(dir, 'content');
    const first = await exportAll({ formats: [...FORMATS], out: join(dir, 'a'), content, err: () => {} });
    expect(first).not.toBeNull();
    const a = tree(join(dir, 'a'));
    expect([...a.keys()].filter((k) => !k.startsWith('snippets')).sort()).toEqual([
      'labbook-anki.txt',
      'labbook-moodle.xml',
      'labbook-quiz.json',
      'labbook.apkg',
      'labbook.gift',
    ]);
    expect(a.get('snippets/manifest.json')).toContain('"note": "');
    await exportAll({ formats: [...FORMATS], out: join(dir, 'b'), content, err: () => {} });
    expect(tree(join(dir, 'b'))).toEqual(a);

    const terms = join(content, 'net', 'terms.md');
    writeFileSync(terms, readFileSync(terms, 'utf8').replace('a software switch', 'a virtual switch'));
    await exportAll({ formats: ['quiz-json', 'anki-tsv'], out: join(dir, 'c'), content, err: () => {} });
    const before = JSON.parse(a.get('labbook-quiz.json')!).questions;
    const after = JSON.parse(readFileSync(join(dir, 'c', 'labbook-quiz.json'), 'utf8')).questions;
    expect(after.map((q: { id: string }) => q.id)).toEqual(before.map((q: { id: string }) => q.id));
    const rows = (text: string) => text.split('\n').filter((l) => !l.startsWith('#') && l);
    const changed = rows(readFileSync(join(dir, 'c', 'labbook-anki.txt'), 'utf8')).filter(
      (r) => !rows(a.get('labbook-anki.txt')!).includes(r),
    );
    expect(changed).toHaveLength(1);
    expect(changed[0]).toContain('a virtual switch');
  });

  it('writes nothing when a card is malformed, and says where', async () => {
    const dir = knowledgeBase();
    const content = join(dir, 'content');
    writeFileSync(join(content, 'net', 'bad.md'), '# Bad\n\nQuestion\n??\n');
    let err = '';
    const written = await exportAll({
      formats: ['anki'],
      out: join(dir, 'out'),
      content,
      err: (t) => {
        err += t;
      },
    });
    expect(written).toBeNull();
    expect(err).toMatch(
      /bad\.md:4:1: error card\/syntax: a multi-line card needs text after its `\?\?` line/,
    );
    expect(err).toContain('nothing was written');
    expect(() => readdirSync(join(dir, 'out'))).toThrow();
  });

  it('puts the images cards show into the .apkg, and warns about missing ones', async () => {
    const dir = knowledgeBase();
    const content = join(dir, 'content');
    mkdirSync(join(content, 'img'));
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    writeFileSync(join(content, 'img', 'veth.png'), png);
    writeFileSync(
      join(content, 'net', 'pictures.md'),
      '# Pictures\n\nWhat does a veth pair look like::![[veth.png]]\n\nAnd a bridge::![a bridge](bridge.png)\n',
    );
    let err = '';
    const written = await exportAll({
      formats: ['anki', 'anki-tsv'],
      out: join(dir, 'out'),
      content,
      err: (t) => {
        err += t;
      },
    });
    expect(written).not.toBeNull();
    expect(err).toMatch(/pictures\.md:5:1: warning card\/missing-image: image "bridge\.png" not found/);
    const files = readZip(new Uint8Array(readFileSync(join(dir, 'out', 'labbook.apkg'))));
    expect(JSON.parse(new TextDecoder().decode(files.get('media')!))).toEqual({ '0': 'veth.png' });
    expect(files.get('0')).toEqual(png);
    expect(readFileSync(join(dir, 'out', 'labbook-anki.txt'), 'utf8')).toContain(
      '<img src=""veth.png"" alt=""veth.png"">',
    );
  });
});
