// npm run bench: prints figures (not pass/fail) for the engine and the checker. Each figure is
// the median of several runs, measured in this process.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld, Session } from '../engine/index.ts';
import { check } from '../src/cli/check.ts';
import { checkNote } from '../src/notebook/check-note.ts';
import { benchKube } from './kube.ts';
import { benchNet } from './net.ts';
import { benchNetfilter } from './netfilter.ts';
import { benchSite } from './site.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => unknown, runs = 7): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
}

const COMMANDS = [
  'echo hello',
  "printf '%s-%d\\n' a 1",
  'x=$((3 * 7)); echo $x',
  'for i in 1 2 3; do echo $i; done | cat',
  'cat <<EOF\nline $HOME\nEOF',
  'f() { echo "$@"; }; f a b c',
];

async function main() {
  console.log('labbook benchmarks (figures, not tests)\n');

  const perCommand = await time(() => {
    const session = new Session(createWorld());
    for (let i = 0; i < 100; i++) for (const c of COMMANDS) session.run(c);
  });
  console.log(
    `transcript command (engine, warm):   ${fmt(perCommand / (100 * COMMANDS.length))} per command`,
  );

  const worldCost = await time(() => {
    for (let i = 0; i < 100; i++) new Session(createWorld());
  });
  console.log(`new world + session:                  ${fmt(worldCost / 100)}`);

  const note = readFileSync(
    join(import.meta.dirname, '..', 'content', 'reference', 'note-format.md'),
    'utf8',
  );
  const perNote = await time(() => checkNote('content/reference/note-format.md', note));
  console.log(`check the note-format note (${note.split('\n').length} lines): ${fmt(perNote)} per note`);

  const dir = mkdtempSync(join(tmpdir(), 'labbook-bench-'));
  mkdirSync(join(dir, 'notes'));
  for (let i = 0; i < 50; i++)
    writeFileSync(
      join(dir, 'notes', `n${i}.md`),
      `# n${i}\n\n\`\`\`console\n${COMMANDS.map((c) => `$ ${c.replace(/\n/g, '\n> ')}`).join('\n')}\n\`\`\`\n`,
    );
  const quiet = { out: () => {}, err: () => {} };
  const opts = {
    paths: [join(dir, 'notes')],
    update: false,
    reporter: 'human' as const,
    jobs: 1,
    cacheDir: join(dir, 'cache'),
    ...quiet,
  };
  let t = performance.now();
  await check({ ...opts, cache: true });
  const cold = performance.now() - t;
  t = performance.now();
  await check({ ...opts, cache: true });
  const warm = performance.now() - t;
  console.log(`labbook check, 50 notes, cold:        ${fmt(cold)}`);
  console.log(
    `labbook check, 50 notes, unchanged:   ${fmt(warm)} (cache; ${(cold / warm).toFixed(1)}x faster)`,
  );
}

await main();
await benchNet();
await benchNetfilter();
await benchSite();
await benchKube();
await (await import('./kube-proxy.ts')).benchKubeProxy();
