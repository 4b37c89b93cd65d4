// The kube backend: a note's blocks run with the real tools against a real cluster from the
// user's kubeconfig. Each note gets a fresh namespace (created before its first block, deleted
// after it, whatever happened) made the default of the chosen context in a private copy of the
// kubeconfig; each session is a bash child process with KUBECONFIG pointing at that copy.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from './backend.ts';
import type { Note } from './parse.ts';
import { ShellSession } from './shell-session.ts';
import { toolUse } from './tool-use.ts';

export interface KubeBackendOptions {
  /** The kubeconfig context to use (default: its current context). */
  context?: string;
  /** Longest a command may run before its session is stopped (default 60 s). */
  commandTimeoutMs?: number;
  /** The environment kubectl and the sessions start from (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** Tools that make their own clusters or containers: not runnable against the user's cluster. */
const LOCAL_CLUSTER_TOOLS = ['kind', 'docker'];
const KUBECTL_TIMEOUT_MS = 30_000;

interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
}

function kubectl(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn('kubectl', args, {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: KUBECTL_TIMEOUT_MS,
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.once('error', (e) => resolve({ status: 127, stdout, stderr: `${stderr}${e.message}\n` }));
    child.once('close', (code) => resolve({ status: code ?? 1, stdout, stderr }));
  });
}

/** Why the real kubectl cannot be used from `env`, or null when `kubectl version --client` works. */
export function kubectlMissing(env: NodeJS.ProcessEnv = process.env): string | null {
  const r = spawnSync('kubectl', ['version', '--client'], { env, encoding: 'utf8', timeout: 10_000 });
  if (r.error) return `needs the real kubectl: \`kubectl version --client\` failed: ${r.error.message}`;
  if (r.status !== 0)
    return `needs the real kubectl: \`kubectl version --client\` exited with status ${r.status}: ${r.stderr.trim()}`;
  return null;
}

/** `labbook-<short hash of the note path>-<random>`, a valid namespace name (DNS-1123 label). */
export function noteNamespace(file: string): string {
  const hash = createHash('sha256').update(file).digest('hex').slice(0, 8);
  return `labbook-${hash}-${randomBytes(3).toString('hex')}`;
}

class KubeSession extends ShellSession {
  static async open(env: NodeJS.ProcessEnv, dir: string, timeoutMs: number): Promise<KubeSession> {
    const child = spawn('bash', ['--noprofile', '--norc'], {
      env,
      cwd: join(dir, 'work'),
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const session = new KubeSession(child, { backend: 'kube', timeoutMs, scriptsDir: join(dir, 'scripts') });
    const setup = await session.exchange('exec 2>&1');
    if (setup.status !== 0 || setup.output !== '') {
      await session.close();
      throw new Error(`labbook: --backend kube could not start a shell:\n${setup.output}`);
    }
    return session;
  }
}

export function kubeBackend(note: Note, options: KubeBackendOptions = {}): Backend {
  const base = options.env ?? process.env;
  const timeout = options.commandTimeoutMs ?? 60_000;
  const namespace = noteNamespace(note.file);
  let dir: string | undefined;
  let sessionEnv: NodeJS.ProcessEnv | undefined;
  let created = false;

  async function prepare(): Promise<string | null> {
    dir = mkdtempSync(join(tmpdir(), 'labbook-kube-'));
    mkdirSync(join(dir, 'work'));
    const kubeconfig = join(dir, 'kubeconfig');
    // --flatten inlines certificate files, so the copy works from anywhere.
    const view = await kubectl(['config', 'view', '--raw', '--flatten'], base);
    if (view.status !== 0) return `could not read the kubeconfig: ${view.stderr.trim()}`;
    writeFileSync(kubeconfig, view.stdout, { mode: 0o600 });
    const env = { ...base, KUBECONFIG: kubeconfig, LANG: 'C', LC_ALL: 'C', TERM: 'dumb' };
    if (options.context !== undefined) {
      const use = await kubectl(['config', 'use-context', options.context], env);
      if (use.status !== 0) return use.stderr.trim();
    }
    const set = await kubectl(['config', 'set-context', '--current', `--namespace=${namespace}`], env);
    if (set.status !== 0) return set.stderr.trim();
    const version = await kubectl(['version', '--request-timeout=10s'], env);
    if (version.status !== 0)
      return `the cluster is unreachable (\`kubectl version\` exited with status ${version.status}):\n${version.stderr.trimEnd()}`;
    // `kubectl create -f -` sends JSON; `kubectl create namespace` sends protobuf, which
    // `labbook serve --kube-api` does not read.
    const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    const ns = await kubectl(['create', '-f', '-'], env, manifest);
    if (ns.status !== 0) return `could not create namespace ${namespace}:\n${ns.stderr.trimEnd()}`;
    created = true;
    sessionEnv = env;
    return null;
  }

  async function finish(): Promise<void> {
    if (created && sessionEnv) await kubectl(['delete', 'namespace', namespace, '--wait=false'], sessionEnv);
    created = false;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  }

  return {
    name: 'kube',
    unsupported(n) {
      const missing = kubectlMissing(base);
      if (missing) return missing;
      const use = toolUse(n, LOCAL_CLUSTER_TOOLS);
      return use
        ? `it runs \`${use.tool}\` (line ${use.line}), which makes its own cluster or containers; only the engine simulates those`
        : null;
    },
    prepare,
    finish,
    async openSession() {
      if (!dir || !sessionEnv) throw new Error('labbook: --backend kube: a session opened before prepare()');
      return KubeSession.open(sessionEnv, dir, timeout);
    },
  };
}
