// The kubectl conformance corpus: every command of kubectl-corpus.ts runs through the real
// kubectl (v1.32, when installed) against labbook serve --kube-api and through the engine's own
// kubectl on a twin world with the same seed and history; the outputs and exit statuses are
// compared after normalising ages. Prints the match rate per topic; LABBOOK_CORPUS_DIFF=1
// prints each mismatch, LABBOOK_CORPUS_CLOCK=1 both clocks after each command.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { type KubeApiServer, startKubeApi } from '../../src/serve/kube-api.ts';
import { CORPUS, FILES } from './kubectl-corpus.ts';

const run = promisify(execFile);
const SEED = 'kubectl-corpus';
const dir = mkdtempSync(join(tmpdir(), 'labbook-corpus-'));
const kubeconfig = join(dir, 'kubeconfig');

interface Outcome {
  status: number;
  output: string;
}

async function kubectlVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('kubectl', ['version', '--client']);
    return /Client Version: (v1\.32\.\d+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

/** A corpus entry's leading NAME=value settings (the environment) and the kubectl argv after them. */
function splitEnv(entry: string[]): { env: Record<string, string>; args: string[] } {
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < entry.length && /^[A-Z_][A-Z0-9_]*=/.test(entry[i]); i++) {
    const eq = entry[i].indexOf('=');
    env[entry[i].slice(0, eq)] = entry[i].slice(eq + 1);
  }
  return { env, args: entry.slice(i) };
}

async function realKubectl(entry: string[]): Promise<Outcome> {
  const { env, args } = splitEnv(entry);
  try {
    // KUBECONFIG rather than --kubeconfig: a flag before an unknown command is read as a plugin's
    const { stdout, stderr } = await run('kubectl', args, {
      cwd: dir,
      timeout: 30_000,
      env: {
        ...process.env,
        KUBECONFIG: kubeconfig,
        KUBECACHEDIR: join(dir, 'cache'),
        NO_COLOR: '1',
        ...env,
      },
    });
    return { status: 0, output: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return {
      status: typeof err.code === 'number' ? err.code : 1,
      output: (err.stdout ?? '') + (err.stderr ?? ''),
    };
  }
}

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Ages and durations differ with when each side looked: normalised, with column padding; the
 * server's address and scheme (plain HTTP on loopback) and the client's build suffix too.
 */
function normalise(text: string): string {
  return (
    text
      .replace(/\b\d+(?:d|h|m|s)(?:\d+(?:h|m|s))?\b/g, 'AGE')
      .replace(/ +/g, ' ')
      .replace(/https?:\/\/127\.0\.0\.1:\d+/g, 'SERVER')
      // klog's header: the wall-clock time and the process id
      .replace(/^([EWI])\d{4} \d\d:\d\d:\d\d\.\d{6} \d+ /gm, '$1MMDD TIME PID ')
      // kubectl diff's temporary directories (os.MkdirTemp: random names)
      .replace(/\/tmp\/(LIVE|MERGED)-\d+\//g, '/tmp/$1-RANDOM/')
      // and the modification times diff prints for their files (the wall clock, not the cluster's)
      .replace(/\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} [+-]\d{4}$/gm, '\tMTIME')
      // the installed client may be a vendor build (v1.32.4-dispatcher): the engine prints upstream's
      .replace(/Client Version: v1\.32\.\d+(?:-\w+)?/, 'Client Version: v1.32')
  );
}

/**
 * The engine's kubectl on the twin, its standard output then its standard error (as the real
 * kubectl's are captured: apart, then joined; neither is a terminal).
 */
function engineKubectl(line: string): Outcome {
  // both to files: like the real kubectl's pipes, no terminal (kubectl create token checks)
  const ran = twin.run(`${line} >/tmp/corpus-stdout 2>/tmp/corpus-stderr`);
  const printed = twin.run('cat /tmp/corpus-stdout /tmp/corpus-stderr');
  return { status: ran.status, output: ran.output + printed.output };
}

let server: KubeApiServer;
let twin: Session;
let version: string | undefined;

beforeAll(async () => {
  version = await kubectlVersion();
  server = await startKubeApi({ seed: SEED });
  writeFileSync(kubeconfig, server.kubeconfig());
  twin = new Session(createWorld({ seed: SEED }));
  twin.run('kind create cluster');
  for (const [name, text] of Object.entries(FILES)) {
    writeFileSync(join(dir, name), text);
    twin.run(`cat > ${name} <<'EOF'\n${text}EOF`);
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('kubectl corpus: the real kubectl against labbook serve vs the engine kubectl', () => {
  it('prints the same outputs', async () => {
    if (!version) {
      // without kubectl, the served world still answers what the corpus reads first
      const res = await fetch(`${server.url}/api/v1/namespaces/kube-system/pods`);
      expect(res.status).toBe(200);
      console.log('kubectl v1.32 is not installed: the kubectl corpus was not run');
      return;
    }
    const byTopic: Record<string, { matched: number; total: number }> = {};
    const mismatched: string[] = [];
    for (const [topic, commands] of Object.entries(CORPUS)) {
      const tally = (byTopic[topic] = { matched: 0, total: 0 });
      for (const args of commands) {
        const real = await realKubectl(args);
        const { env, args: argv } = splitEnv(args);
        const settings = Object.entries(env).map(([name, value]) => `${name}=${shellQuote(value)} `);
        const engine = engineKubectl(`${settings.join('')}kubectl ${argv.map(shellQuote).join(' ')}`);
        const match = real.status === engine.status && normalise(real.output) === normalise(engine.output);
        if (process.env.LABBOOK_CORPUS_CLOCK)
          console.log(`CLOCK ${args.join(' ')} serve=${server.cluster.now()} twin=${twin.world.clock.now()}`);
        tally.total++;
        if (match) tally.matched++;
        else {
          mismatched.push(args.join(' '));
          if (process.env.LABBOOK_CORPUS_DIFF) {
            const a = normalise(real.output).split('\n');
            const b = normalise(engine.output).split('\n');
            const at = a.findIndex((line, i) => line !== b[i]);
            console.log(
              `first difference at line ${at + 1}: ${JSON.stringify(a[at])} vs ${JSON.stringify(b[at])}`,
            );
          }
          if (process.env.LABBOOK_CORPUS_DIFF)
            console.log(
              `MISMATCH kubectl ${args.join(' ')}\n--- real (${real.status})\n${real.output}--- engine (${engine.status})\n${engine.output}`,
            );
        }
      }
    }
    const matched = Object.values(byTopic).reduce((n, t) => n + t.matched, 0);
    const total = Object.values(byTopic).reduce((n, t) => n + t.total, 0);
    const topics = Object.entries(byTopic)
      .map(([t, { matched: m, total: n }]) => `${t} ${m}/${n}`)
      .join(', ');
    console.log(`kubectl corpus (${version}): ${matched}/${total} match (${topics})`);
    if (mismatched.length) console.log(`mismatched: ${mismatched.map((m) => `kubectl ${m}`).join('; ')}`);
    // the issue's acceptance: lists pods, applies a manifest and rolls a Deployment
    for (const must of [
      'get pods -A',
      'apply -f deploy.yaml',
      'rollout status deployment/web',
      'set image deployment/web nginx=nginx:1.28',
    ])
      expect(mismatched).not.toContain(must);
    expect(matched / total).toBeGreaterThanOrEqual(0.97);
  }, 300_000);
});
