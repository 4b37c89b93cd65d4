// labbook serve --kube-api: the real kubectl (when installed) drives the simulated cluster over
// HTTP and prints what the engine's own kubectl prints; the HTTP answers are checked directly too.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { type KubeApiServer, startKubeApi } from '../../src/serve/kube-api.ts';
import { WEB_DEPLOYMENT_YAML } from '../fixtures/web-deployment.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'labbook-kube-api-'));
const kubeconfig = join(dir, 'kubeconfig');
const SEED = 'kube-api-test';

const DEPLOY_YAML = WEB_DEPLOYMENT_YAML;
writeFileSync(join(dir, 'deploy.yaml'), DEPLOY_YAML);

async function kubectlInstalled(): Promise<boolean> {
  try {
    const { stdout } = await run('kubectl', ['version', '--client']);
    return stdout.includes('Client Version: v1.32');
  } catch {
    return false;
  }
}

/** Runs the real kubectl against the server: stdout+stderr and the exit status. */
async function kubectl(args: string[]): Promise<{ status: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      'kubectl',
      ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args],
      {
        cwd: dir,
        timeout: 30_000,
      },
    );
    return { status: 0, output: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return {
      status: typeof err.code === 'number' ? err.code : 1,
      output: (err.stdout ?? '') + (err.stderr ?? ''),
    };
  }
}

/** Ages and durations differ with when each side looked: normalised to AGE. */
function normaliseAges(text: string): string {
  return text.replace(/\b\d+(?:d|h|m|s)(?:\d+(?:h|m|s))?\b/g, 'AGE').replace(/ +/g, ' ');
}

let server: KubeApiServer;
let hasKubectl = false;

beforeAll(async () => {
  server = await startKubeApi({ seed: SEED });
  writeFileSync(kubeconfig, server.kubeconfig());
  hasKubectl = await kubectlInstalled();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

async function http(
  method: string,
  path: string,
  init: { accept?: string; contentType?: string; body?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (init.accept) headers.Accept = init.accept;
  if (init.contentType) headers['Content-Type'] = init.contentType;
  const res = await fetch(`${server.url}${path}`, { method, headers, body: init.body });
  const text = await res.text();
  return {
    status: res.status,
    json: text.startsWith('{') ? JSON.parse(text) : text,
    warning: res.headers.get('warning'),
  };
}

describe('HTTP answers', () => {
  it('serves legacy discovery and /version', async () => {
    const api = await http('GET', '/api');
    expect(api.json.kind).toBe('APIVersions');
    expect(api.json.versions).toEqual(['v1']);
    const apps = await http('GET', '/apis/apps/v1');
    expect(apps.json.groupVersion).toBe('apps/v1');
    expect(apps.json.resources.find((r: { name: string }) => r.name === 'deployments').shortNames).toEqual([
      'deploy',
    ]);
    expect((await http('GET', '/version')).json.gitVersion).toBe('v1.32.2');
  });

  it('answers a Table when kubectl get asks for one', async () => {
    const accept =
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    const table = await http('GET', '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-dns', {
      accept,
    });
    expect(table.json.kind).toBe('Table');
    // pkg/printers/internalversion printers.go podColumnDefinitions
    expect(table.json.columnDefinitions.map((c: { name: string }) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
      'IP',
      'Node',
      'Nominated Node',
      'Readiness Gates',
    ]);
    expect(table.json.rows).toHaveLength(2);
    expect(table.json.rows[0].object.kind).toBe('PartialObjectMetadata');
  });

  it('creates, patches and deletes, with Status errors', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'http-cm' }, data: { a: '1' } };
    const created = await http('POST', '/api/v1/namespaces/default/configmaps', {
      contentType: 'application/json',
      body: JSON.stringify(cm),
    });
    expect(created.status).toBe(201);
    expect(created.json.metadata.namespace).toBe('default');
    const again = await http('POST', '/api/v1/namespaces/default/configmaps', {
      contentType: 'application/json',
      body: JSON.stringify(cm),
    });
    expect(again.status).toBe(409);
    // apimachinery errors.NewAlreadyExists
    expect(again.json.message).toBe('configmaps "http-cm" already exists');
    const merged = await http('PATCH', '/api/v1/namespaces/default/configmaps/http-cm', {
      contentType: 'application/merge-patch+json',
      body: '{"data":{"b":"2"}}',
    });
    expect(merged.json.data).toEqual({ a: '1', b: '2' });
    const unknown = await http('PATCH', '/api/v1/namespaces/default/configmaps/http-cm', {
      contentType: 'text/plain',
      body: 'data: {}',
    });
    expect(unknown.status).toBe(415);
    expect(unknown.json.reason).toBe('UnsupportedMediaType');
    // apiserver endpoints/installer.go supportedTypes for a built-in kind's PATCH
    expect(unknown.json.message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    );
    expect((await http('DELETE', '/api/v1/namespaces/default/configmaps/http-cm')).status).toBe(200);
    const gone = await http('GET', '/api/v1/namespaces/default/configmaps/http-cm');
    expect(gone.status).toBe(404);
    expect(gone.json.message).toBe('configmaps "http-cm" not found');
  });
});

describe('field validation', () => {
  const body = JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'fv', unknownMeta: 'x' },
    data: { a: '1' },
  });
  const path = '/api/v1/namespaces/default/configmaps';
  it('fails a Strict create with the strict decoding error', async () => {
    const strict = await http('POST', `${path}?fieldValidation=Strict`, {
      contentType: 'application/json',
      body,
    });
    expect(strict.status).toBe(400);
    // handlers/rest.go transformDecodeError around runtime.NewStrictDecodingError
    expect(strict.json.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.unknownMeta"',
    );
  });

  it('warns by default and drops the field', async () => {
    const warned = await http('POST', path, { contentType: 'application/json', body });
    expect(warned.status).toBe(201);
    // util/net NewWarningHeader: 299, agent "-", the text quoted with its quotes escaped
    expect(warned.warning).toBe('299 - "unknown field \\"metadata.unknownMeta\\""');
    expect(warned.json.metadata.unknownMeta).toBeUndefined();
  });

  it('refuses a directive it does not know', async () => {
    const bad = await http('POST', `${path}?fieldValidation=Loose`, {
      contentType: 'application/json',
      body,
    });
    expect(bad.status).toBe(422);
    // metav1 validation ValidateFieldValidation: NotSupported over the allowed set
    expect(bad.json.message).toBe(
      'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Loose": supported values: "", "Ignore", "Strict", "Warn"',
    );
  });
});

describe('the real kubectl against labbook serve --kube-api', () => {
  it('lists pods, applies a manifest and rolls a Deployment', async () => {
    if (!hasKubectl) {
      // no kubectl here: the same steps over HTTP
      const body = JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
          },
        },
      });
      expect(
        (
          await http('POST', '/apis/apps/v1/namespaces/default/deployments', {
            contentType: 'application/json',
            body,
          })
        ).status,
      ).toBe(201);
      const patched = await http('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', {
        contentType: 'application/strategic-merge-patch+json',
        body: '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}',
      });
      expect(patched.json.status.updatedReplicas).toBe(2);
      return;
    }
    const pods = await kubectl(['get', 'pods', '-A']);
    expect(pods.output).toMatch(/^NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE\n/);
    expect(pods.output).toMatch(/kube-system +etcd-kind-control-plane +1\/1 +Running/);
    expect(await kubectl(['apply', '-f', 'deploy.yaml'])).toEqual({
      status: 0,
      output: 'deployment.apps/web created\n',
    });
    expect(await kubectl(['set', 'image', 'deployment/web', 'nginx=nginx:1.28'])).toEqual({
      status: 0,
      output: 'deployment.apps/web image updated\n',
    });
    // kubectl polymorphichelpers rollout_status.go DeploymentStatusViewer
    expect(await kubectl(['rollout', 'status', 'deployment/web'])).toEqual({
      status: 0,
      output: 'deployment "web" successfully rolled out\n',
    });
  }, 60_000);

  it('prints what the engine kubectl prints for a corpus of commands', async () => {
    if (!hasKubectl) {
      const list = await http('GET', '/apis/apps/v1/namespaces/default/deployments');
      expect(list.json.items.map((d: { metadata: { name: string } }) => d.metadata.name)).toEqual(['web']);
      return;
    }
    // writes: the real kubectl on the served world, the engine kubectl on a twin world
    const twin = new Session(createWorld({ seed: SEED }));
    twin.run('kind create cluster');
    twin.run(`cat > deploy.yaml <<'EOF'\n${DEPLOY_YAML}EOF`);
    const writes = [
      ['apply', '-f', 'deploy.yaml'],
      ['set', 'image', 'deployment/web', 'nginx=nginx:1.28'],
      ['rollout', 'status', 'deployment/web'],
      ['label', 'deployment', 'web', 'tier=front'],
      ['annotate', 'deployment', 'web', 'note=x'],
      ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":3}}'],
      ['create', 'configmap', 'conf', '--from-literal=k=v'],
      ['delete', 'configmap', 'conf'],
      ['get', 'configmap', 'conf'],
    ];
    // reads: both kubectls on the same served world
    const reads = [
      ['get', 'pods', '-A'],
      ['get', 'nodes'],
      ['get', 'deploy', '-o', 'wide'],
      ['get', 'rs'],
      ['get', 'pods', '-l', 'app=web'],
      ['get', 'ns'],
      ['get', 'svc', '-A'],
      ['get', 'deploy', 'web', '-o', 'yaml'],
      ['get', 'pods', '-n', 'kube-system', '-o', 'name'],
      ['get', 'pod', 'nosuch'],
      ['get', 'pods', '-A', '--field-selector=status.phase=Running'],
      ['get', 'cm', '-n', 'kube-system'],
      ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'],
      ['get', 'deploy', '--show-labels'],
      ['explain', 'pods.spec.restartPolicy'],
      ['describe', 'deployment', 'web'],
      ['rollout', 'history', 'deployment/web'],
      ['api-resources'],
    ];
    const results: { cmd: string; match: boolean }[] = [];
    const rest = (await kubectl(['delete', 'deployment', 'web'])).status;
    expect(rest).toBe(0);
    for (const args of writes) {
      const real = await kubectl(args);
      const engine = twin.run(`kubectl ${args.map((a) => `'${a}'`).join(' ')}`);
      results.push({
        cmd: args.join(' '),
        match: normaliseAges(real.output) === normaliseAges(engine.output) && real.status === engine.status,
      });
      if (!results[results.length - 1].match)
        console.log(
          `MISMATCH kubectl ${args.join(' ')}\n--- real\n${real.output}--- engine\n${engine.output}`,
        );
    }
    for (const args of reads) {
      const real = await kubectl(args);
      const engine = server.session.run(`kubectl ${args.map((a) => `'${a}'`).join(' ')}`);
      results.push({
        cmd: args.join(' '),
        match: normaliseAges(real.output) === normaliseAges(engine.output) && real.status === engine.status,
      });
      if (!results[results.length - 1].match)
        console.log(
          `MISMATCH kubectl ${args.join(' ')}\n--- real\n${real.output}--- engine\n${engine.output}`,
        );
    }
    const matched = results.filter((r) => r.match).length;
    console.log(`kube-api corpus: ${matched}/${results.length} outputs match`);
    expect(results.filter((r) => r.cmd.startsWith('apply') || r.cmd.startsWith('rollout status'))).toEqual([
      { cmd: 'apply -f deploy.yaml', match: true },
      { cmd: 'rollout status deployment/web', match: true },
    ]);
    expect(matched / results.length).toBeGreaterThanOrEqual(0.8);
  }, 120_000);
});
