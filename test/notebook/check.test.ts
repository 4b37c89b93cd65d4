// labbook check end to end on fixture notes: results, diagnostics with positions and diffs,
// --update, determinism, budgets, the cache and the exit codes of the CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recallReport } from '../../src/cli/cache.ts';
import { check } from '../../src/cli/check.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'labbook.js');

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'labbook-check-'));
  cpSync(join(import.meta.dirname, '..', 'fixtures', 'check'), join(dir, 'notes'), { recursive: true });
  return dir;
}

async function run(dir: string, extra: Partial<Parameters<typeof check>[0]> = {}) {
  let out = '';
  const summary = await check({
    paths: [join(dir, 'notes')],
    update: false,
    reporter: 'human',
    cache: false,
    jobs: 1,
    cacheDir: join(dir, 'cache'),
    out: (t) => {
      out += t;
    },
    err: () => {},
    ...extra,
  });
  return { summary, out };
}

describe('labbook check', () => {
  it('passes correct notes and reports a wrong line with file:line and a diff', async () => {
    const dir = workspace();
    const { summary, out } = await run(dir);
    expect(summary.passed).toBe(2);
    expect(summary.failed).toBe(2);
    expect(out).toMatch(
      /notes\/wrong\.md:8:1: error output\/mismatch: output differs from the note\n\s+\$ echo "actual text"\n\s+--- expected\n\s+\+\+\+ actual\n\s+-expected text\n\s+\+actual text/,
    );
    expect(out).toContain('2 passed, 2 failed');
  });

  it('keeps each report for the site build in the same process, keyed by path and text', async () => {
    const dir = workspace();
    const { summary } = await run(dir);
    const file = summary.reports.find((r) => r.file.endsWith('wrong.md'))!.file;
    const source = readFileSync(file, 'utf8');
    expect(await recallReport(file, source)).toBe(summary.reports.find((r) => r.file === file));
    expect(recallReport(file, `${source}\nedited\n`)).toBeUndefined();
  });

  it('reports every failing command, not only the first', async () => {
    const { out } = await run(workspace());
    expect(out).toContain('wrong.md:8:1');
    expect(out).toContain('wrong.md:13:1');
  });

  it('stops a runaway loop with a budget error while the other notes are still checked', async () => {
    const started = Date.now();
    const { summary, out } = await run(workspace());
    expect(out).toMatch(/loop\.md:6:1: error run\/budget: step budget exceeded/);
    expect(summary.reports.find((r) => r.file.endsWith('loop.md'))!.counts.commands).toBe(2);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('--update rewrites expected output, keeps ... lines, and then passes', async () => {
    const dir = workspace();
    await run(dir, { update: true });
    const text = readFileSync(join(dir, 'notes', 'wrong.md'), 'utf8');
    expect(text).toContain('$ echo "actual text"\nactual text\n');
    expect(text).toContain('$ seq 1 5; echo end\n1\n...\n5\nend\n');
    const again = await run(dir);
    expect(again.summary.reports.find((r) => r.file.endsWith('wrong.md'))!.passed).toBe(true);
  });

  it('prints byte-identical results on two runs', async () => {
    const dir = workspace();
    const a = await run(dir, { reporter: 'json' });
    const b = await run(dir, { reporter: 'json' });
    expect(a.out).toBe(b.out);
  });

  it('reuses cached reports for unchanged notes and re-runs edited ones', async () => {
    const dir = workspace();
    await run(dir, { cache: true });
    const second = await run(dir, { cache: true });
    expect(second.summary.fromCache).toBe(4);
    writeFileSync(join(dir, 'notes', 'ok.md'), `${readFileSync(join(dir, 'notes', 'ok.md'), 'utf8')}\n`);
    const third = await run(dir, { cache: true });
    expect(third.summary.fromCache).toBe(3);
  });

  it('exits 0, 1 and 2 from the command line', () => {
    const dir = workspace();
    const ok = spawnSync(process.execPath, [bin, 'check', '--no-cache', join(dir, 'notes', 'ok.md')], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('1 passed, 0 failed');
    const bad = spawnSync(process.execPath, [bin, 'check', '--no-cache', join(dir, 'notes')], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    const usage = spawnSync(process.execPath, [bin, 'check', '--reporter', 'xml'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('unknown reporter "xml"');
  });

  it('labbook sh runs a script like bash and exits with its status', () => {
    const script =
      'f() { echo "f:$1"; }\nfor i in 1 2; do f $i; done | cat\ncat <<EOF\nhere $((6*7))\nEOF\nexit 3\n';
    const result = spawnSync(process.execPath, [bin, 'sh'], { input: script, encoding: 'utf8' });
    expect(result.stdout).toBe('f:1\nf:2\nhere 42\n');
    expect(result.status).toBe(3);
    expect(
      execFileSync(process.execPath, [bin, 'sh'], {
        input: 'echo hi >&2; echo out',
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    ).toBe('out\n');
  });
});

describe('labbook check --update --fill', () => {
  it('writes the output of commands that have none, and checks blocks inside callouts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labbook-fill-'));
    const note = join(dir, 'fill.md');
    writeFileSync(
      note,
      '# Fill\n\n```console\n$ printf "a\\nb\\n"\n$ true\n```\n\n> [!note]\n> ```console\n> $ ip netns exec nope true\n> ```\n',
    );
    let out = '';
    const summary = await check({
      paths: [note],
      update: true,
      fill: true,
      reporter: 'human',
      cache: false,
      jobs: 1,
      out: (t) => {
        out += t;
      },
      err: () => {},
    });
    expect(summary.failed).toBe(0);
    expect(readFileSync(note, 'utf8')).toBe(
      '# Fill\n\n```console\n$ printf "a\\nb\\n"\na\nb\n$ true\n```\n\n> [!note]\n> ```console\n> $ ip netns exec nope true\n> Cannot open network namespace "nope": No such file or directory\n> [255]\n> ```\n',
    );
    expect(out).toContain('updated');
  });
});
