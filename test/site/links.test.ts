// Links between notes on the fixture knowledge base test/fixtures/site/: finding wiki-links and
// Markdown links in text, page ids, resolving links to notes and headings, backlinks, the
// build's link check with positions, and the remark plugin that renders them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/notebook/diagnostics.ts';
import { checkLinks } from '../../src/site/check-links.ts';
import { type LinkRef, linksIn, markdownLinkRef, wikiLinksIn } from '../../src/site/links.ts';
import {
  backlinks,
  buildIndex,
  indexOf,
  type NoteEntry,
  noteId,
  resolveLink,
} from '../../src/site/note-index.ts';
import { notesTagged, tagCounts } from '../../src/site/tags.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'site');
// buildIndex reads the files it finds relative to the process's working directory.
const index = buildIndex(relative(process.cwd(), fixtures));
const shown = (path: string) => join(relative(process.cwd(), fixtures), path);
const note = (id: string): NoteEntry => {
  const n = index.notes.get(id);
  if (!n) throw new Error(`no note ${id} in ${[...index.notes.keys()].join(', ')}`);
  return n;
};
const wiki = (target: string, heading: string | null = null): LinkRef => ({
  kind: 'wiki',
  target,
  heading,
  alias: null,
  embed: false,
  line: 1,
  col: 1,
});

describe('wikiLinksIn', () => {
  it('finds links, headings, aliases and embeds with their offsets', () => {
    const text = 'See [[Note]], [[dir/Other note#Some heading|the heading]] and ![[pic.png]] or [[#Local]].';
    expect(wikiLinksIn(text)).toEqual([
      {
        index: 4,
        length: 8,
        ref: { kind: 'wiki', target: 'Note', heading: null, alias: null, embed: false },
      },
      {
        index: 14,
        length: 43,
        ref: {
          kind: 'wiki',
          target: 'dir/Other note',
          heading: 'Some heading',
          alias: 'the heading',
          embed: false,
        },
      },
      {
        index: 62,
        length: 12,
        ref: { kind: 'wiki', target: 'pic.png', heading: null, alias: null, embed: true },
      },
      {
        index: 78,
        length: 10,
        ref: { kind: 'wiki', target: '', heading: 'Local', alias: null, embed: false },
      },
    ]);
  });

  it('trims spaces and ignores single brackets and links across lines', () => {
    expect(wikiLinksIn('[[ spaced | alias ]]').map((l) => l.ref)).toEqual([
      { kind: 'wiki', target: 'spaced', heading: null, alias: 'alias', embed: false },
    ]);
    expect(wikiLinksIn('[not] [a link] [[broken\nacross]] [[]')).toEqual([]);
  });
});

describe('markdownLinkRef', () => {
  it('takes relative links to Markdown files, with their heading', () => {
    expect(markdownLinkRef('other.md')).toEqual({
      kind: 'markdown',
      target: 'other.md',
      heading: null,
      alias: null,
      embed: false,
    });
    expect(markdownLinkRef('../dir/my%20note.markdown#a%20heading')).toMatchObject({
      target: '../dir/my note.markdown',
      heading: 'a heading',
    });
    expect(markdownLinkRef('#local')).toMatchObject({ target: '', heading: 'local' });
    // A malformed %-escape is kept as written rather than stopping the build.
    expect(markdownLinkRef('100%.md#50%')).toMatchObject({ target: '100%.md', heading: '50%' });
  });

  it('leaves external links and other files alone', () => {
    for (const url of [
      'https://example.com/x.md',
      'mailto:someone@example.com',
      '//cdn.example.com/a.md',
      'image.png',
      'dir/',
      'notes.md.txt',
    ])
      expect(markdownLinkRef(url), url).toBeNull();
  });
});

describe('linksIn', () => {
  it('gives each link its line and column and skips code', () => {
    const source = [
      '# Title',
      '',
      'First [[a]] then',
      'on the next line [[b#H|x]] and [c](c.md).',
      '',
      '`[[inline]]`',
      '',
      '```sh',
      'echo [[fenced]]',
      '```',
      '',
      '<div>[[html]]</div>',
    ].join('\n');
    const tree = unified().use(remarkParse).use(remarkFrontmatter).parse(source) as Root;
    expect(linksIn(tree).map((l) => [l.kind, l.target, l.heading, l.line, l.col])).toEqual([
      ['wiki', 'a', null, 3, 7],
      ['wiki', 'b', 'H', 4, 18],
      ['markdown', 'c.md', null, 4, 32],
    ]);
  });
});

describe('noteId', () => {
  it('slugs each folder and file name, drops index and honours a slug', () => {
    expect(noteId('networking/Container Networking.md')).toBe('networking/container-networking');
    expect(noteId('Kubernetes/Pods & Services.markdown')).toBe('kubernetes/pods--services');
    expect(noteId('guides/index.md')).toBe('guides');
    expect(noteId('a/b.md', { slug: 'custom/page' })).toBe('custom/page');
    expect(noteId('a/b.md', { slug: '' })).toBe('a/b');
  });
});

describe('the note index of a folder', () => {
  it('numbers notes, reads titles, tags, dates, drafts and heading slugs', () => {
    expect([...index.notes.keys()].sort()).toEqual([
      'alpha',
      'custom/draft-page',
      'sub/beta',
      'sub/gamma-delta',
      'x/dup',
      'y/dup',
    ]);
    expect(note('alpha')).toMatchObject({
      path: 'alpha.md',
      file: shown('alpha.md'),
      title: 'Alpha',
      tags: ['linux', 'networking'],
      date: '2024-05-01',
      draft: false,
      headings: [
        { depth: 1, text: 'Alpha', slug: 'alpha' },
        { depth: 2, text: 'Setup', slug: 'setup' },
        { depth: 2, text: 'Next steps', slug: 'next-steps' },
      ],
    });
    expect(note('sub/beta')).toMatchObject({ title: 'Beta note', tags: ['linux'], date: null });
    expect(note('custom/draft-page')).toMatchObject({ path: 'draft.md', draft: true });
    // Jekyll's space-separated categories and Hugo's topics list, merged.
    expect(note('x/dup')).toMatchObject({ tags: [], categories: ['k8s', 'networking', 'yt'] });
    // Links in code are not links; the one in the callout is (its column: see below).
    expect(note('alpha').links.map((l) => `${l.kind}:${l.target}#${l.heading ?? ''}@${l.line}`)).toEqual([
      'wiki:beta#@7',
      'wiki:Beta note#Usage@7',
      'wiki:#Setup@7',
      'markdown:sub/beta.md#usage@8',
      'wiki:diagram.svg#@9',
      'wiki:missing.png#@9',
      'wiki:gamma delta#@21',
    ]);
    expect(
      note('alpha')
        .links.slice(0, 6)
        .map((l) => l.col),
    ).toEqual([16, 29, 78, 18, 32, 53]);
  });

  it('gives a wiki-link on a continuation line inside a callout its column in the file', () => {
    const link = note('alpha').links.find((l) => l.target === 'gamma delta');
    expect([link?.line, link?.col]).toEqual([21, 7]);
  });

  it('resolves wiki-links by file name, path, page id or title, and headings to slugs', () => {
    const alpha = note('alpha');
    const beta = note('sub/beta');
    const to = (from: NoteEntry, link: LinkRef) => {
      const r = resolveLink(index, from, link);
      return r.error ?? `${r.target?.id}${r.hash ? `#${r.hash}` : ''}`;
    };
    expect(to(alpha, wiki('beta'))).toBe('sub/beta');
    expect(to(alpha, wiki('BETA'))).toBe('sub/beta');
    expect(to(alpha, wiki('sub/beta'))).toBe('sub/beta');
    expect(to(alpha, wiki('sub/beta.md'))).toBe('sub/beta');
    expect(to(alpha, wiki('Beta note', 'Usage'))).toBe('sub/beta#usage');
    expect(to(alpha, wiki('gamma delta'))).toBe('sub/gamma-delta');
    expect(to(alpha, wiki('sub/gamma-delta'))).toBe('sub/gamma-delta');
    // By page id; a draft has no page, so only another draft may link to it.
    expect(to(note('custom/draft-page'), wiki('custom/draft-page'))).toBe('custom/draft-page');
    expect(to(alpha, wiki('custom/draft-page'))).toBe('"draft.md" is a draft (draft: true) and has no page');
    expect(to(beta, wiki('', 'Usage'))).toBe('sub/beta#usage');
    expect(to(beta, wiki('alpha', 'next-steps'))).toBe('alpha#next-steps');

    expect(to(alpha, wiki('nothing'))).toBe('no note named "nothing"');
    expect(to(alpha, wiki('beta', 'Nowhere'))).toBe('"sub/beta.md" has no heading "Nowhere"');
    expect(to(alpha, wiki('dup'))).toBe('[[dup]] matches several notes: x/dup.md, y/dup.md');
    expect(to(alpha, wiki('x/dup'))).toBe('x/dup');
  });

  it('treats a link from a published note to a draft as broken', () => {
    const linking: NoteEntry = {
      ...note('sub/beta'),
      id: 'sub/to-draft',
      path: 'sub/to-draft.md',
      file: shown('sub/to-draft.md'),
      links: [{ ...wiki('Draft'), line: 3, col: 1 }],
    };
    const withLink = indexOf(index.root, [...index.notes.values(), linking]);
    expect(checkLinks(withLink).filter((d) => d.file === linking.file)).toHaveLength(1);
  });

  it('resolves Markdown links relative to the note', () => {
    const md = (url: string): LinkRef => ({ ...markdownLinkRef(url)!, line: 1, col: 1 });
    const r = (from: string, url: string) => {
      const res = resolveLink(index, note(from), md(url));
      return res.error ?? `${res.target?.id}${res.hash ? `#${res.hash}` : ''}`;
    };
    expect(r('alpha', 'sub/beta.md#usage')).toBe('sub/beta#usage');
    expect(r('alpha', './sub/beta.md')).toBe('sub/beta');
    expect(r('sub/beta', '../alpha.md#setup')).toBe('alpha#setup');
    expect(r('sub/beta', 'gamma%20delta.md')).toBe('sub/gamma-delta');
    expect(r('sub/beta', '#usage')).toBe('sub/beta#usage');
    expect(r('sub/beta', 'alpha.md')).toBe('no note at alpha.md');
  });

  it('lists the published notes that link to a note', () => {
    const ids = (id: string) => backlinks(index, id).map((n) => n.id);
    // The draft links to alpha too, and alpha's link to itself does not count.
    expect(ids('alpha')).toEqual(['sub/beta', 'sub/gamma-delta']);
    expect(ids('sub/beta')).toEqual(['alpha']);
    expect(ids('sub/gamma-delta')).toEqual(['alpha']);
    expect(ids('x/dup')).toEqual([]);
  });
});

describe('tag pages', () => {
  it('count tags and categories together and list the notes of each', () => {
    expect(tagCounts(index)).toEqual([
      ['linux', 2],
      ['networking', 2],
      ['k8s', 1],
      ['yt', 1],
    ]);
    expect(notesTagged(index, 'networking').map((n) => n.id)).toEqual(['alpha', 'x/dup']);
  });
});

describe('checkLinks', () => {
  it('reports each broken link with file:line:col and skips attachments', () => {
    expect(checkLinks(index).map(formatDiagnostic)).toEqual([
      `${shown('sub/gamma delta.md')}:4:9: error link/broken: no note named "missing note"`,
      `${shown('sub/gamma delta.md')}:5:1: error link/broken: "alpha.md" has no heading "No such heading"`,
      `${shown('sub/gamma delta.md')}:5:33: error link/broken: no note at ../nope.md`,
      `${shown('sub/gamma delta.md')}:6:12: error link/broken: [[dup]] matches several notes: x/dup.md, y/dup.md`,
    ]);
  });
});

describe('remarkKnowledgeLinks', () => {
  // The plugin reads the index of content/ under the working directory: run it in a child
  // process whose working directory holds the fixtures as content/.
  const workspace = mkdtempSync(join(tmpdir(), 'labbook-links-'));
  cpSync(fixtures, join(workspace, 'content'), { recursive: true });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  const render = (path: string) => {
    const child = spawnSync(process.execPath, [join(import.meta.dirname, 'remark-run.ts'), path], {
      cwd: workspace,
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`remark-run exited with ${child.status}:\n${child.stderr}`);
    return {
      ...(JSON.parse(child.stdout) as { html: string | null; error: string | null }),
      stderr: child.stderr,
    };
  };

  it('renders wiki-links as page links, callouts as asides and a missing image as a placeholder', () => {
    const { html, error, stderr } = render('content/alpha.md');
    expect(error).toBeNull();
    expect(html).toContain('<a href="/notes/sub/beta/">beta</a>');
    expect(html).toContain('<a href="/notes/sub/beta/#usage">how to use it</a>');
    expect(html).toContain('<a href="/notes/alpha/#setup">Alpha › Setup</a>');
    expect(html).toContain('<a href="/notes/sub/beta/#usage">beta\'s usage</a>');
    expect(html).toContain('<a href="https://example.com">site</a>');
    // Obsidian finds an attachment by its name anywhere in the vault.
    expect(html).toContain('<img src="sub/diagram.svg" alt="diagram.svg">');
    expect(html).toContain(
      '<span class="lb-missing-image" role="img" aria-label="Missing image: missing.png">Missing image: missing.png</span>',
    );
    expect(html).toContain('<code>[[inline code]]</code>');
    expect(html).toContain('$ echo [[not a link]]');
    expect(html).toContain(
      '<aside class="callout callout-tip" role="note">\n<p class="callout-title">Read next</p>\n<p>See <a href="/notes/sub/gamma-delta/">gamma delta</a>.</p>\n</aside>',
    );
    expect(stderr).toBe(
      'content/alpha.md:9:53: warning image/missing: image "missing.png" not found; showing a placeholder\n',
    );
  });

  it('rewrites Markdown links between notes to page URLs', () => {
    const { html } = render('content/sub/beta.md');
    expect(html).toBe(
      '<p>Back to <a href="/notes/alpha/">alpha</a> and <a href="/notes/alpha/#setup">alpha\'s setup</a>.</p>\n<h2>Usage</h2>\n<p>Nothing else.</p>',
    );
  });

  it('stops on broken links with their positions', () => {
    const { html, error } = render('content/sub/gamma delta.md');
    expect(html).toBeNull();
    expect(error).toBe(
      [
        'labbook: content/sub/gamma delta.md has broken links:',
        'content/sub/gamma delta.md:4:9: error link/broken: no note named "missing note"',
        'content/sub/gamma delta.md:5:1: error link/broken: "alpha.md" has no heading "No such heading"',
        'content/sub/gamma delta.md:5:33: error link/broken: no note at ../nope.md',
        'content/sub/gamma delta.md:6:12: error link/broken: [[dup]] matches several notes: x/dup.md, y/dup.md',
      ].join('\n'),
    );
  });
});
