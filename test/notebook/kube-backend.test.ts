// --backend kube: a note runs with the real kubectl against a cluster from a kubeconfig (here
// `labbook serve --kube-api`, started in-process) in a fresh namespace that is deleted after the
// note; an unreachable cluster is reported with kubectl's own diagnostic; notes running kind or
// docker are not runnable; without kubectl the backend says kubectl is missing.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeBackend, noteNamespace } from '../../src/notebook/kube-backend.ts';
import { parseNote } from '../../src/notebook/parse.ts';
import { runNote } from '../../src/notebook/run.ts';
import { type KubeApiServer, kubeconfigText, startKubeApi } from '../../src/serve/kube-api.ts';

const execFileAsync = promisify(execFile);
const kubectlInstalled = spawnSync('kubectl', ['version', '--client']).status === 0;

// The READY column is 1/1 once the simulated cluster settles after the create; AGE is left to [..].
const NOTE = `---
title: kube backend
---

\`\`\`yaml file=web.yml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx
\`\`\`

\`\`\`console
$ kubectl create -f web.yml
deployment.apps/web created
$ kubectl get deployment web
NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    1/1     1            1           [..]
$ kubectl get pods -o name | wc -l
1
\`\`\`
`;

let dir: string;
const kubeconfigEnv = (text: string) => {
  const file = join(dir, `config-${readdirSync(dir).length}`);
  writeFileSync(file, text);
  return { ...process.env, KUBECONFIG: file };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'labbook-kube-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('names a note namespace labbook-<hash of the path>-<random>', () => {
  const a = noteNamespace('content/x.md');
  expect(a).toMatch(/^labbook-[0-9a-f]{8}-[0-9a-f]{6}$/);
  expect(noteNamespace('content/x.md').slice(0, 16)).toBe(a.slice(0, 16));
  expect(noteNamespace('content/x.md')).not.toBe(a);
});

// One of the two suites is registered, so neither is ever reported as skipped.
if (kubectlInstalled)
  describe('labbook check --backend kube (with the real kubectl)', () => {
    let server: KubeApiServer;
    beforeAll(async () => {
      server = await startKubeApi({ seed: 'kube-backend-test' });
    });
    afterAll(() => server.close());

    /** Asks the served cluster with the real kubectl (asynchronously: the server is in this process). */
    const ask = async (...args: string[]) =>
      (await execFileAsync('kubectl', args, { env: kubeconfigEnv(server.kubeconfig()), encoding: 'utf8' }))
        .stdout;

    it('runs a note in a fresh namespace of the chosen context, then deletes it', async () => {
      // The current context is elsewhere: --context picks the served cluster.
      const config = server.kubeconfig().replace('current-context: kind-kind', 'current-context: ""');
      const env = kubeconfigEnv(config);
      const note = parseNote('notes/web.md', NOTE);
      const backend = kubeBackend(note, { context: 'kind-kind', env });
      const run = await runNote(note, backend);
      expect(run.diagnostics).toEqual([]);
      expect(run.backend).toBe('kube');
      expect(run.counts).toEqual({ commands: 3, asserted: 3, failed: 0 });
      const created = run.blocks.flatMap((b) => b.commands)[1].actual.split('\n')[1];
      expect(created).toMatch(/^web {4}1\/1 {5}1 {12}1 {11}\S+$/);
      // the note's namespace is being deleted (with the deployment in it)
      const phases = await ask(
        'get',
        'namespaces',
        '-o',
        'jsonpath={range .items[*]}{.metadata.name} {.status.phase}{"\\n"}{end}',
      );
      const labbook = phases.split('\n').filter((l) => l.startsWith('labbook-'));
      for (const line of labbook) expect(line).toMatch(/^labbook-[0-9a-f]{8}-[0-9a-f]{6} Terminating$/);
      expect(await ask('get', 'deployments', '-A', '-o', 'name')).not.toContain('deployment.apps/web');
    });

    it('passes the notes of content/ that need no cluster of their own, as the engine does', async () => {
      // the notes that create kind clusters with particular shapes (workers, images) or run
      // kind/docker are left to the engine; these two only need a cluster and a namespace
      for (const path of ['content/kubernetes/workloads.md', 'content/kubernetes/config-and-secrets.md']) {
        const note = parseNote(path, readFileSync(path, 'utf8'));
        const run = await runNote(note, kubeBackend(note, { env: kubeconfigEnv(server.kubeconfig()) }));
        expect({ path, diagnostics: run.diagnostics }).toEqual({ path, diagnostics: [] });
        expect(run.counts.failed).toBe(0);
        expect(run.counts.asserted).toBeGreaterThan(5);
      }
    }, 120_000);

    it('fails a wrong expected output', async () => {
      const note = parseNote('notes/wrong.md', NOTE.replace('\n1\n```', '\n2\n```'));
      const run = await runNote(note, kubeBackend(note, { env: kubeconfigEnv(server.kubeconfig()) }));
      expect(run.diagnostics.map((d) => d.rule)).toEqual(['output/mismatch']);
      expect(run.diagnostics[0].message).toContain('output differs from the note on kube');
    });

    it('reports an unreachable cluster with kubectl version’s diagnostic', async () => {
      const note = parseNote('notes/web.md', NOTE);
      // port 1 on loopback: nothing listens there
      const env = kubeconfigEnv(kubeconfigText('gone', 'http://127.0.0.1:1'));
      const run = await runNote(note, kubeBackend(note, { env }));
      expect(run.diagnostics).toHaveLength(1);
      expect(run.diagnostics[0].rule).toBe('backend/unavailable');
      expect(run.diagnostics[0].severity).toBe('error');
      expect(run.diagnostics[0].message).toContain(
        '--backend kube: the cluster is unreachable (`kubectl version` exited with status 1):\n',
      );
      expect(run.diagnostics[0].message).toContain(
        'The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?',
      );
      expect(run.counts.commands).toBe(0);
    });

    it('reports an unknown --context', async () => {
      const note = parseNote('notes/web.md', NOTE);
      const env = kubeconfigEnv(server.kubeconfig());
      const run = await runNote(note, kubeBackend(note, { env, context: 'nope' }));
      expect(run.diagnostics.map((d) => d.message)).toEqual([
        '--backend kube: error: no context exists with the name: "nope"',
      ]);
    });

    it('does not run notes that run kind or docker', async () => {
      const note = parseNote(
        'notes/kind.md',
        NOTE.replace('$ kubectl get pods', '$ kind get clusters\n$ kubectl get pods'),
      );
      const run = await runNote(note, kubeBackend(note, { env: kubeconfigEnv(server.kubeconfig()) }));
      expect(run.unsupported).toBe(
        'it runs `kind` (line 24), which makes its own cluster or containers; only the engine simulates those',
      );
      expect(run.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    });
  });
else
  describe('labbook check --backend kube (without kubectl)', () => {
    it('reports that kubectl is missing', async () => {
      const note = parseNote('notes/web.md', NOTE);
      const run = await runNote(note, kubeBackend(note));
      expect(run.unsupported).toMatch(/^needs the real kubectl: `kubectl version --client` failed: /);
    });
  });

it('reports that kubectl is missing when it is not on PATH', async () => {
  const note = parseNote('notes/web.md', NOTE);
  const run = await runNote(note, kubeBackend(note, { env: { ...process.env, PATH: dir } }));
  expect(run.unsupported).toBe(
    'needs the real kubectl: `kubectl version --client` failed: spawnSync kubectl ENOENT',
  );
  expect(run.counts.commands).toBe(0);
});
