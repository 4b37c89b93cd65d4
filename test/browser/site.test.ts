// The built site in a real browser: Debian's Chromium driven by playwright-core over dist/,
// built once by `labbook build` and served by a small static server. Checks the home page, a
// note with verified blocks, wiki-links, callouts and the missing-image placeholder, Pagefind
// search, the theme switch, pages without JavaScript, and saves screenshots to
// test/browser/artifacts/.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/site/note-index.ts';
import { sections } from '../../src/site/sections.ts';
import { type StaticServer, serveStatic } from './static-server.ts';

const root = join(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.LABBOOK_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, 'artifacts');
const NOTE = '/notes/networking/container-networking/';
const WIKI_NOTE = '/notes/kubernetes/kubernetes-notes/';
const OVERVIEW = '/notes/kubernetes/overview/';
const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(13, 17, 23)';

let browser: Browser;
let server: StaticServer;
let site: string;

/** `node bin/labbook.js build`, failing with its output when it fails. */
function buildSite(): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'labbook.js'), 'build'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`labbook build exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Why the site or the browser could not be set up. Each test throws it, so that a machine
 * without Chromium or a failed build fails every test with the reason instead of skipping them.
 */
let setupError: Error | null = null;

function ready(): void {
  if (setupError) throw setupError;
}

beforeAll(async () => {
  try {
    await setUp();
  } catch (error) {
    setupError = error as Error;
  }
}, 300_000);

async function setUp(): Promise<void> {
  // Checked before the build so that a machine without Chromium fails at once and says why.
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the browser tests need Debian's chromium ` +
        '(apt-get install -y chromium; .ci/run installs it), or LABBOOK_CHROMIUM=/path/to/chromium.',
    );
  // LABBOOK_SITE_DIR serves an already built site (for a quick rerun); otherwise build dist/.
  let built = process.env.LABBOOK_SITE_DIR;
  if (!built) {
    await buildSite();
    built = join(root, 'dist');
  }
  // A private copy, so that another build writing dist/ meanwhile does not change the pages
  // under the tests.
  site = mkdtempSync(join(tmpdir(), 'labbook-site-'));
  cpSync(built, site, { recursive: true });
  server = await serveStatic(site);
  browser = await chromium.launch({ executablePath: CHROMIUM });
  mkdirSync(ARTIFACTS, { recursive: true });
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
}, 30_000);

/** A page in a fresh context that records console errors, page errors and failed requests. */
async function open(path: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // The site has no favicon, so Chromium's own request for /favicon.ico fails on every page;
    // that request is the browser's, not the page's.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
      problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  const response = await page.goto(server.url + path);
  expect(response?.status(), path).toBe(200);
  return { page, problems, close: () => context.close() };
}

const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe('the built site in Chromium', { timeout: 60_000 }, () => {
  it('home page lists every note by section, without errors', async () => {
    ready();
    const { page, problems, close } = await open('/');
    await expect(page.title()).resolves.toBe('Notes · labbook');
    await page.waitForLoadState('networkidle');
    // buildIndex reads the files it finds relative to the working directory.
    const expected = sections(buildIndex(relative(process.cwd(), join(root, 'content'))));
    const shown = await page.$$eval('main section', (list) =>
      list.map((s) => ({
        name: s.querySelector('h2')?.textContent?.trim(),
        notes: [...s.querySelectorAll('ul.note-list > li > a')].map((a) => ({
          title: a.textContent?.trim(),
          href: a.getAttribute('href'),
        })),
      })),
    );
    expect(shown).toEqual(
      expected.map((s) => ({
        name: s.name,
        notes: s.notes.map((n) => ({ title: n.title, href: `/notes/${n.id}/` })),
      })),
    );
    expect(shown.map((s) => s.name)).toEqual(expect.arrayContaining(['Kubernetes', 'Networking']));
    expect(problems).toEqual([]);
    await close();
  });

  it('a note shows verified blocks, a table of contents, tags and a copy button for commands only', async () => {
    ready();
    const { page, problems, close } = await open(NOTE, {
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const verified = page.locator('figure.lb-block[data-status="verified"]');
    expect(await verified.count()).toBeGreaterThan(3);
    await expect(verified.first().locator('.lb-badge.lb-verified').textContent()).resolves.toBe('verified');
    expect(await verified.first().locator('.lb-badge').isVisible()).toBe(true);
    expect(await page.locator('.lb-badge.lb-failed').count()).toBe(0);

    // Table of contents: every entry points at a heading of the page.
    const toc = await page.$$eval('nav.toc a', (links) => links.map((a) => a.getAttribute('href')));
    expect(toc.length).toBeGreaterThan(1);
    for (const href of toc) {
      expect(href).toMatch(/^#/);
      expect(await page.locator(`[id="${href!.slice(1)}"]`).count(), href!).toBe(1);
    }

    // Tags link to their tag page.
    const tags = await page.$$eval('article .meta a.tag', (links) =>
      links.map((a) => [a.textContent, a.getAttribute('href')]),
    );
    expect(tags).toContainEqual(['#networking', '/tags/networking/']);
    const tagPage = await page.request.get(`${server.url}/tags/networking/`);
    expect(tagPage.status()).toBe(200);
    expect(await tagPage.text()).toContain(`href="${NOTE}"`);

    // The copy button copies the commands, not the prompts or the output.
    const button = page.locator('button.lb-copy').first();
    const copy = (await button.getAttribute('data-copy')) ?? '';
    expect(copy).toContain('ip netns add');
    expect(copy).not.toContain('$ ');
    expect(copy).not.toContain('LOOPBACK');
    await button.click();
    // The label changes once the asynchronous clipboard write has finished.
    await page.waitForFunction(
      () => document.querySelector('button.lb-copy')?.textContent === 'Copied',
      undefined,
      { timeout: 5000 },
    );
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(copy);

    expect(problems).toEqual([]);
    await close();
  });

  it('wiki-links are links to existing pages and headings', async () => {
    ready();
    const { page, problems, close } = await open(WIKI_NOTE);
    const article = page.locator('article');
    expect(await article.evaluate((a) => a.textContent?.includes('[['))).toBe(false);
    const links = await article.evaluate((a) =>
      [...a.querySelectorAll('a[href^="/notes/"]')].map((l) => l.getAttribute('href')!),
    );
    expect(links).toContain('/notes/kubernetes/architecture/');
    expect(links).toContain('/notes/kubernetes/architecture/#the-cluster');
    for (const href of new Set(links)) {
      const [path, hash] = href.split('#');
      const response = await page.request.get(server.url + path);
      expect(response.status(), href).toBe(200);
      if (hash) expect(await response.text(), href).toContain(`id="${hash}"`);
    }
    // Following one lands on the heading.
    await Promise.all([
      page.waitForURL(`**/notes/kubernetes/architecture/#the-cluster`),
      page.locator('article a[href="/notes/kubernetes/architecture/#the-cluster"]').first().click(),
    ]);
    expect(await page.locator('#the-cluster').count()).toBe(1);
    expect(problems).toEqual([]);
    await close();
  });

  it('callouts render as asides and a missing image as a visible placeholder', async () => {
    ready();
    const { page, problems, close } = await open(OVERVIEW);
    const callout = page.locator('aside.callout').first();
    expect(await callout.isVisible()).toBe(true);
    expect(await callout.getAttribute('class')).toMatch(/\bcallout-warning\b/);
    await expect(callout.locator('.callout-title').textContent()).resolves.toBe('Warning');
    expect(await page.locator('blockquote').evaluateAll((q) => q.map((e) => e.textContent))).not.toEqual(
      expect.arrayContaining([expect.stringContaining('[!')]),
    );
    const missing = page.locator('.lb-missing-image');
    expect(await missing.count()).toBe(1);
    expect(await missing.isVisible()).toBe(true);
    await expect(missing.getAttribute('aria-label')).resolves.toBe('Missing image: /img/k8s_arch.png');
    expect(problems).toEqual([]);
    await close();
  });

  it('diagrams are inline SVG, labelled for screen readers and readable in both themes', async () => {
    ready();
    const colours: Record<string, { text: string; background: string }> = {};
    for (const scheme of ['light', 'dark'] as const) {
      const { page, problems, close } = await open(NOTE, { colorScheme: scheme });
      const diagrams = page.locator('figure.lb-diagram');
      expect(await diagrams.count()).toBe(2);
      for (const i of [0, 1]) {
        const svg = diagrams.nth(i).locator('svg');
        expect(await svg.isVisible()).toBe(true);
        expect((await svg.boundingBox())!.height).toBeGreaterThan(100);
        expect(await svg.getAttribute('role')).toBe('img');
        const titleId = (await svg.getAttribute('aria-labelledby'))!;
        expect(await svg.locator(`title[id="${titleId}"]`).textContent()).toMatch(/\S/);
      }
      const topology = diagrams.first();
      await expect(topology.locator('figcaption').textContent()).resolves.toContain('drawn from the engine');
      expect(await topology.locator('svg text', { hasText: 'br0' }).count()).toBeGreaterThan(0);
      await expect(diagrams.nth(1).locator('svg').textContent()).resolves.toContain(
        'DNAT 10.96.0.10 → 172.18.0.20',
      );
      // The Mermaid source is one click away.
      await topology.locator('summary').click();
      await expect(topology.locator('.lb-diagram-source pre').textContent()).resolves.toMatch(
        /^flowchart LR\n/,
      );
      colours[scheme] = await topology
        .locator('svg text', { hasText: 'br0' })
        .first()
        .evaluate((t) => ({
          text: getComputedStyle(t).fill,
          background: getComputedStyle(document.body).backgroundColor,
        }));
      await topology.screenshot({ path: join(ARTIFACTS, `diagram-${scheme}.png`) });
      expect(problems).toEqual([]);
      await close();
    }
    // Dark text on the light page, light text on the dark one.
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(luminance(colours.light.text)).toBeLessThan(100);
    expect(luminance(colours.light.background)).toBeGreaterThan(200);
    expect(luminance(colours.dark.text)).toBeGreaterThan(150);
    expect(luminance(colours.dark.background)).toBeLessThan(50);
  });

  it('a note links to its quiz, which marks answers, keeps the score and starts again', async () => {
    ready();
    const { page, problems, close } = await open('/notes/kubernetes/terms/');
    await Promise.all([page.waitForURL('**/quiz/kubernetes/terms/'), page.locator('.quiz-link a').click()]);
    const questions = page.locator('form.quiz-question');
    const total = await questions.count();
    expect(total).toBeGreaterThan(10);
    const score = page.locator('.quiz-score');
    await expect(score.textContent()).resolves.toBe(`Score: 0 / ${total} (0 answered)`);
    // Right with the keyboard: focus the right option, select it with Space, submit with Enter.
    const first = questions.nth(0);
    await first.locator('input[data-correct]').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect(first.locator('.quiz-result').textContent()).resolves.toBe('Correct.');
    expect(await first.locator('.quiz-explanation').isVisible()).toBe(true);
    // Wrong with the mouse.
    const second = questions.nth(1);
    await second.locator('input[type=radio]:not([data-correct])').first().check();
    await second.locator('button[type=submit]').click();
    await expect(second.locator('.quiz-result').textContent()).resolves.toBe(
      'Not quite: the right answer is marked.',
    );
    expect(await second.locator('label.quiz-correct').count()).toBe(1);
    await expect(score.textContent()).resolves.toBe(`Score: 1 / ${total} (2 answered)`);
    // Kept in this browser across a reload, until started again.
    await page.reload();
    await expect(score.textContent()).resolves.toBe(`Score: 1 / ${total} (2 answered)`);
    await expect(questions.nth(0).locator('.quiz-result').textContent()).resolves.toBe('Correct.');
    await page.locator('.quiz-reset').click();
    await expect(score.textContent()).resolves.toBe(`Score: 0 / ${total} (0 answered)`);
    expect(await questions.nth(0).locator('.quiz-explanation').isVisible()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'quiz.png'), fullPage: true });
    expect(problems).toEqual([]);
    await close();

    // The exports are published with the site.
    const apkg = await fetch(`${server.url}/exports/labbook.apkg`);
    expect(apkg.status).toBe(200);
    expect(new Uint8Array(await apkg.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const gift = await fetch(`${server.url}/exports/labbook.gift`);
    expect(await gift.text()).toContain('$CATEGORY: labbook/kubernetes');
  });

  it('search finds notes with Pagefind', async () => {
    ready();
    const { page, problems, close } = await open('/search/?q=veth');
    await page.waitForSelector('.pagefind-ui__result', { timeout: 30_000 });
    const hrefs = await page.$$eval('.pagefind-ui__result a.pagefind-ui__result-link', (links) =>
      links.map((a) => a.getAttribute('href')!),
    );
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.some((h) => h.startsWith(NOTE))).toBe(true);
    for (const href of hrefs) expect(href).toMatch(/^\/notes\/.+\/(#.*)?$/);
    // The header's search box leads to the same page.
    await page.goto(`${server.url}/`);
    await page.fill('form.search input[name="q"]', 'netns');
    await Promise.all([page.waitForURL('**/search/?q=netns'), page.press('form.search input', 'Enter')]);
    await page.waitForSelector('.pagefind-ui__result', { timeout: 30_000 });
    expect(problems).toEqual([]);
    await close();
  });

  it('the theme switch toggles dark mode and remembers it; the system choice is the default', async () => {
    ready();
    const light = await open(NOTE, { colorScheme: 'light' });
    expect(await light.page.getAttribute('html', 'data-theme')).toBeNull();
    expect(await bodyBackground(light.page)).toBe(LIGHT_BG);
    const button = light.page.locator('button.theme');
    expect(await button.isVisible()).toBe(true);
    await button.click();
    expect(await light.page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await bodyBackground(light.page)).toBe(DARK_BG);
    // Remembered across pages.
    await light.page.goto(`${server.url}/`);
    expect(await light.page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await bodyBackground(light.page)).toBe(DARK_BG);
    await light.page.locator('button.theme').click();
    expect(await light.page.getAttribute('html', 'data-theme')).toBe('light');
    expect(await bodyBackground(light.page)).toBe(LIGHT_BG);
    expect(light.problems).toEqual([]);
    await light.close();

    const dark = await open(NOTE, { colorScheme: 'dark' });
    expect(await dark.page.getAttribute('html', 'data-theme')).toBeNull();
    expect(await bodyBackground(dark.page)).toBe(DARK_BG);
    await dark.page.locator('button.theme').click();
    expect(await dark.page.getAttribute('html', 'data-theme')).toBe('light');
    expect(await bodyBackground(dark.page)).toBe(LIGHT_BG);
    expect(dark.problems).toEqual([]);
    await dark.close();
  });

  it('pages work without JavaScript', async () => {
    ready();
    const note = await open(NOTE, { javaScriptEnabled: false });
    const blocks = note.page.locator('figure.lb-block pre');
    expect(await blocks.count()).toBeGreaterThan(3);
    expect(await blocks.first().isVisible()).toBe(true);
    await expect(blocks.first().textContent()).resolves.toContain('ip netns add container');
    expect(await note.page.locator('.lb-badge.lb-verified').first().isVisible()).toBe(true);
    expect(await note.page.locator('nav.toc').isVisible()).toBe(true);
    // Diagrams are drawn at build time: no script is needed to see them.
    expect(await note.page.locator('figure.lb-diagram svg').first().isVisible()).toBe(true);
    // The theme switch needs JavaScript, so it stays hidden.
    expect(await note.page.locator('button.theme').isVisible()).toBe(false);
    expect(note.problems).toEqual([]);
    await note.close();

    const home = await open('/', { javaScriptEnabled: false });
    expect(await home.page.locator('ul.note-list a').count()).toBeGreaterThan(5);
    await home.close();

    // Chromium still parses <noscript> as text when Playwright turns scripts off, so this checks
    // that the page carries the fallback rather than that it is drawn.
    const search = await open('/search/', { javaScriptEnabled: false });
    await expect(search.page.locator('noscript').textContent()).resolves.toContain('Search needs JavaScript');
    await search.close();
  });

  it('saves screenshots of the home page and a note in light and dark', async () => {
    ready();
    for (const scheme of ['light', 'dark'] as const) {
      for (const [name, path] of [
        ['home', '/'],
        ['note', NOTE],
      ]) {
        const { page, close } = await open(path, { colorScheme: scheme });
        await page.waitForLoadState('networkidle');
        const file = join(ARTIFACTS, `${name}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(existsSync(file)).toBe(true);
        await close();
      }
    }
  });
});
