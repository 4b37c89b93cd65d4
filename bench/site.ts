// The site benchmark: a synthetic knowledge base of N notes, each with shell transcripts, tags
// and wiki-links, built by labbook (every block verified) and by plain Astro on the same
// Markdown with verification off, in this process; then one note is edited and the verified
// site rebuilt. Prints both times, their ratio, the typical page size and the rebuild time.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AstroInlineConfig } from 'astro';
import { check } from '../src/cli/check.ts';
import { buildSite } from '../src/site/build.ts';
import labbook from '../src/site/integration.ts';

const REPO = join(import.meta.dirname, '..');
const TOPICS = ['networking', 'kubernetes', 'linux', 'iptables', 'storage'];

function note(i: number, n: number): string {
  const topic = TOPICS[i % TOPICS.length];
  const next = `note-${String((i + 1) % n).padStart(4, '0')}`;
  return `---
title: Note ${i}
tags: [${topic}, synthetic]
date: 2025-01-${String((i % 28) + 1).padStart(2, '0')}
---

## Setting up ${i}

This note belongs to the ${topic} section and links to [[${next}]] and [[${next}#Checking ${(i + 1) % n}|its check]].

\`\`\`console
$ x=${i}; echo "value $((x * 2))"
value ${i * 2}
$ printf '%s\\n' alpha beta gamma | sort -r | head -2
gamma
beta
$ mkdir -p /srv/n${i} && echo ${topic} > /srv/n${i}/topic && cat /srv/n${i}/topic
${topic}
\`\`\`

## Checking ${i}

\`\`\`console
$ seq 1 ${(i % 9) + 1} | wc -l
${(i % 9) + 1}
$ ls /srv
n${i}
\`\`\`

> [!note]
> Generated for the benchmark: ${'lorem ipsum dolor sit amet '.repeat(8)}
`;
}

export function generate(root: string, n: number): void {
  const dir = join(root, 'content', 'synthetic');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `note-${String(i).padStart(4, '0')}.md`), note(i, n));
}

/** Astro's configuration for a site built from `root`/content into `root`/dist. */
export function astroConfig(root: string, verify: boolean): AstroInlineConfig {
  return {
    root: REPO,
    outDir: join(root, 'dist'),
    cacheDir: join(root, '.astro-cache'),
    configFile: false,
    logLevel: 'error',
    build: { format: 'directory' },
    integrations: [labbook({ verify })],
  };
}

/** Plain Astro on the same Markdown: no block runs. */
async function plainBuild(root: string): Promise<void> {
  const { build } = await import('astro');
  process.env.LABBOOK_CONTENT = join(root, 'content');
  await build(astroConfig(root, false));
}

/** `labbook build` without the search index: every note checked while Astro builds. */
async function verifiedBuild(root: string): Promise<void> {
  process.env.LABBOOK_CONTENT = join(root, 'content');
  const status = await buildSite({
    paths: [join(root, 'content')],
    cacheDir: join(root, '.labbook-cache'),
    astro: astroConfig(root, true),
    searchIndex: false,
    exports: false,
    out: () => {},
    err: (t) => void process.stderr.write(t),
  });
  if (status !== 0) throw new Error('bench/site: the synthetic notes failed verification');
}

/** The check alone, without a cache: the verification work the build overlaps with Astro. */
async function checkOnly(root: string): Promise<void> {
  const summary = await check({
    paths: [join(root, 'content')],
    update: false,
    reporter: 'human',
    cache: false,
    jobs: 0,
    out: () => {},
    err: () => {},
  });
  if (summary.failed > 0) throw new Error(`bench/site: ${summary.failed} synthetic notes failed`);
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function pageSizes(dist: string): number[] {
  const sizes: number[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === 'index.html') sizes.push(statSync(full).size);
    }
  };
  walk(join(dist, 'notes'));
  return sizes.sort((a, b) => a - b);
}

export async function benchSite(n = Number(process.env.LABBOOK_BENCH_NOTES ?? 1000)): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'labbook-site-bench-'));
  const verified = join(base, 'verified');
  const plain = join(base, 'plain');
  generate(verified, n);
  cpSync(join(verified, 'content'), join(plain, 'content'), { recursive: true });
  try {
    const plainMs = await timed(() => plainBuild(plain));
    const verifiedMs = await timed(() => verifiedBuild(verified));
    const checkMs = await timed(() => checkOnly(verified));
    const sizes = pageSizes(join(verified, 'dist'));
    const edited = join(verified, 'content', 'synthetic', 'note-0000.md');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('This note', 'This edited note'));
    const rebuildMs = await timed(() => verifiedBuild(verified));
    const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
    console.log(`site: ${n} notes, plain Astro (verification off) ${(plainMs / 1000).toFixed(1)} s`);
    console.log(`site: ${n} notes, labbook build (every block verified) ${(verifiedMs / 1000).toFixed(1)} s`);
    console.log(
      `site: checking every block alone (overlapped with Astro in the build) ${(checkMs / 1000).toFixed(1)} s`,
    );
    console.log(`site: ratio verified/plain ${(verifiedMs / plainMs).toFixed(2)} (goal <= 1.2)`);
    console.log(
      `site: typical page ${kb(sizes[Math.floor(sizes.length / 2)])}, largest ${kb(sizes[sizes.length - 1])} (goal < 100 KB)`,
    );
    console.log(`site: rebuild after editing one note ${(rebuildMs / 1000).toFixed(1)} s`);
  } finally {
    delete process.env.LABBOOK_CONTENT;
    rmSync(base, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchSite();
