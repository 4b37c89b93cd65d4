// --backend linux: the networking notes pass in throw-away private hosts on this machine with
// the engine's outputs (once varying values are normalised), a wrong expected output fails on
// both backends, cluster notes are reported as not runnable, and nothing is left behind.
// Without root (or working namespaces) the backend must say it needs root.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNote } from '../../src/notebook/check-note.ts';
import { linuxBackend, linuxMode } from '../../src/notebook/linux-backend.ts';
import { normaliseRealOutput } from '../../src/notebook/normalise.ts';
import { parseNote } from '../../src/notebook/parse.ts';
import type { NoteReport } from '../../src/notebook/report.ts';

const root = join(import.meta.dirname, '..', '..');
const NOTES = ['content/networking/container-networking.md', 'content/networking/iptables-dnat.md'];

const unshareWorks =
  process.getuid?.() === 0 && spawnSync('unshare', ['--net', '--mount', '--uts', 'true']).status === 0;

/** Each command's output, normalised, in order. */
function outputs(report: NoteReport): string[] {
  return report.blocks.flatMap((b) =>
    b.commands.map((c) => `$ ${c.source}\n${normaliseRealOutput(c.actual)}[${c.status}]`),
  );
}

/** This process's child processes (any session left running would be one). */
function children(): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const machineNetns = () => (existsSync('/run/netns') ? readdirSync('/run/netns').sort() : []);

// One of the two suites is registered, so neither is ever reported as skipped.
if (unshareWorks)
  describe('labbook check --backend linux (as root)', () => {
    it('runs sessions as root in private hosts', () => {
      expect(linuxMode()).toEqual({ kind: 'root', description: 'root (unshare --net --mount --uts --pid)' });
    });

    for (const file of NOTES) {
      it(`${file} passes on Linux and in the engine with the same outputs`, async () => {
        const source = readFileSync(join(root, file), 'utf8');
        const netnsBefore = machineNetns();
        const linux = (await checkNote(file, source, false, false, 'linux')).report;
        const engine = (await checkNote(file, source, false, false, 'engine')).report;
        expect(linux.diagnostics).toEqual([]);
        expect(linux.passed).toBe(true);
        expect(linux.backend).toBe('linux');
        expect(engine.passed).toBe(true);
        expect(linux.counts.asserted).toBeGreaterThan(0);
        expect(outputs(linux)).toEqual(outputs(engine));
        expect(children()).toEqual([]);
        expect(machineNetns()).toEqual(netnsBefore);
      });
    }

    it('fails a deliberately wrong expected output on both backends, and says so', async () => {
      const file = NOTES[1];
      const right = readFileSync(join(root, file), 'utf8');
      const wrong = right.replace(
        '-A OUTPUT -d 10.96.0.10/32 -p icmp -j DNAT --to-destination 10.0.0.2\n```',
        '-A OUTPUT -d 10.96.0.10/32 -p icmp -j DNAT --to-destination 10.0.0.3\n```',
      );
      expect(wrong).not.toBe(right);
      const engine = (await checkNote(file, wrong, false, false, 'engine')).report;
      const linux = (await checkNote(file, wrong, false, false, 'linux')).report;
      expect(engine.passed).toBe(false);
      expect(linux.passed).toBe(false);
      const mismatch = linux.diagnostics.find((d) => d.rule === 'output/mismatch');
      expect(mismatch?.message).toBe(
        'output differs from the note on linux\n  $ ip netns exec client iptables -t nat -S OUTPUT',
      );
      expect(mismatch?.detail).toContain(
        '-A OUTPUT -d 10.96.0.10/32 -p icmp -j DNAT --to-destination 10.0.0.3\n+A OUTPUT'.replace(
          '+A',
          '+-A',
        ),
      );
      expect(linux.diagnostics.map((d) => d.rule)).toEqual(['output/mismatch', 'backend/both-failed']);
      expect(children()).toEqual([]);
    });

    it('reports an engine discrepancy when only Linux fails', async () => {
      // `date -u` prints the engine's simulated date, but the real one on Linux.
      const note = '---\ntitle: t\n---\n\n```console\n$ date -u +%Y\n2025\n```\n';
      const linux = (await checkNote('date.md', note, false, false, 'linux')).report;
      expect(linux.passed).toBe(false);
      expect(linux.diagnostics.at(-1)).toMatchObject({
        rule: 'backend/discrepancy',
        message:
          "labbook engine discrepancy: the note passes in the engine but fails on linux (the diffs above show linux's output)",
      });
    });

    it('stops a command at its timeout and leaves nothing running', async () => {
      const note = parseNote('t.md', '---\ntitle: t\n---\n\n```console\n$ sleep 30 & sleep 30\n```\n');
      const { runNote } = await import('../../src/notebook/run.ts');
      const run = await runNote(note, linuxBackend({ commandTimeoutMs: 500 }));
      expect(run.diagnostics[0].rule).toBe('run/budget');
      expect(run.diagnostics[0].message).toBe(
        'the command ran longer than 0.5s on linux; its session was stopped\n  in: $ sleep 30 & sleep 30',
      );
      expect(children()).toEqual([]);
    });

    it('keeps shell state within a session, writes file blocks in /root, runs as host labbook', async () => {
      const note = [
        '---\ntitle: t\n---\n',
        '```sh file=hello.sh mode=0755\necho "hello from $(hostname)"\n```\n',
        '```console\n$ cd /root && X=42\n$ ./hello.sh; echo $X; pwd\nhello from labbook\n42\n/root\n$ ip -br link\nlo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP>\n$ false\n[1]\n```\n',
      ].join('\n');
      const linux = (await checkNote('s.md', note, false, false, 'linux')).report;
      expect(linux.diagnostics).toEqual([]);
      // `[1]` alone asserts the status only.
      expect(linux.counts).toEqual({ commands: 4, asserted: 2, failed: 0 });
    });

    it('reports notes that need a cluster as not runnable, without running them', async () => {
      const file = 'content/kubernetes/workloads.md';
      const report = (await checkNote(file, readFileSync(join(root, file), 'utf8'), false, false, 'linux'))
        .report;
      expect(report.unsupported).toBe(
        'it needs a kind cluster (front matter `cluster:`), which only the engine simulates',
      );
      expect(report.diagnostics).toEqual([
        expect.objectContaining({ rule: 'backend/unsupported', severity: 'warning' }),
      ]);
      expect(report.counts.commands).toBe(0);
    });
  });
else
  describe('labbook check --backend linux (without root)', () => {
    it('reports that it needs root, or runs rootless in a user namespace', async () => {
      const file = NOTES[1];
      const source = readFileSync(join(root, file), 'utf8');
      const report = (await checkNote(file, source, false, false, 'linux')).report;
      const mode = linuxMode();
      if (mode.kind === 'unavailable') {
        expect(report.unsupported).toMatch(/^needs root/);
        expect(report.counts.commands).toBe(0);
      } else {
        expect(mode.kind).toBe('rootless');
        expect(report.counts.commands).toBe(19);
      }
    });
  });
