// Subresources of the served API: pods/log, the scale subresource, pods/eviction and pods/exec
// over WebSocket, checked over HTTP and, when installed, with the real kubectl against the
// engine's own kubectl on the same world.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type KubeApiServer, startKubeApi } from '../../src/serve/kube-api.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'labbook-subresources-'));
const kubeconfig = join(dir, 'kubeconfig');

let server: KubeApiServer;
let hasKubectl = false;

async function kubectl(
  args: string[],
  input?: string,
): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const child = run('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args], {
      timeout: 30_000,
    });
    if (input !== undefined) child.child.stdin?.end(input);
    const { stdout, stderr } = await child;
    return { status: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return {
      status: typeof err.code === 'number' ? err.code : 1,
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? '',
    };
  }
}

/** The engine's kubectl on the same world. */
function engine(command: string) {
  return server.session.run(command);
}

beforeAll(async () => {
  server = await startKubeApi({ seed: 'subresources-test' });
  writeFileSync(kubeconfig, server.kubeconfig());
  for (const command of [
    'kubectl create deployment web --image=nginx:1.27 --replicas=2',
    'kubectl run bb --image=busybox --restart=Never -- sh -c "echo hello; echo oops >&2; echo world"',
    'kubectl run box --image=busybox -- sleep 3600',
  ])
    expect(engine(command).status).toBe(0);
  try {
    hasKubectl = (await run('kubectl', ['version', '--client'])).stdout.includes('Client Version: v1.32');
  } catch {
    hasKubectl = false;
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
});

async function http(method: string, path: string, init: { contentType?: string; body?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.contentType) headers['Content-Type'] = init.contentType;
  const res = await fetch(`${server.url}${path}`, { method, headers, body: init.body });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    text,
    json: text.startsWith('{') ? JSON.parse(text) : undefined,
  };
}

const PODS = '/api/v1/namespaces/default/pods';

describe('pods/log', () => {
  it('answers the container log as text/plain, with tailLines and timestamps', async () => {
    const all = await http('GET', `${PODS}/bb/log`);
    expect(all.status).toBe(200);
    expect(all.type).toBe('text/plain');
    expect(all.text).toBe('hello\noops\nworld\n');
    const tail = await http('GET', `${PODS}/bb/log?container=bb&tailLines=1&timestamps=true`);
    // kubelet types.RFC3339NanoFixed prefix, then a space
    expect(tail.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z world\n$/);
    expect((await http('GET', `${PODS}/bb/log?limitBytes=8`)).text).toBe('hello\noo');
  });

  it('words refusals as the API server and the kubelet do', async () => {
    // pkg/registry/core/pod/strategy.go validateContainer
    const bad = await http('GET', `${PODS}/bb/log?container=zz`);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('container zz is not valid for pod bb');
    // kubelet validateContainerLogStatus
    const previous = await http('GET', `${PODS}/bb/log?previous=true`);
    expect(previous.json.message).toBe('previous terminated container "bb" in pod "bb" not found');
    expect((await http('GET', `${PODS}/nope/log`)).json.message).toBe('pods "nope" not found');
  });

  it('prints what the engine kubectl prints (real kubectl)', async () => {
    if (!hasKubectl) return;
    for (const args of [
      ['logs', 'bb'],
      ['logs', 'bb', '--tail=2'],
      ['logs', 'bb', '--follow'],
    ]) {
      const real = await kubectl(args);
      const own = engine(`kubectl ${args.join(' ')}`);
      expect(real.stdout + real.stderr).toBe(own.output);
      expect(real.status).toBe(own.status);
    }
  });
});

describe('scale subresource', () => {
  it('serves the Scale of a deployment and updates its replicas', async () => {
    const path = '/apis/apps/v1/namespaces/default/deployments/web/scale';
    const scale = await http('GET', path);
    expect(scale.json).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2 },
      status: { replicas: 2, selector: 'app=web' },
    });
    const patched = await http('PATCH', path, {
      contentType: 'application/merge-patch+json',
      body: '{"spec":{"replicas":3}}',
    });
    expect(patched.status).toBe(200);
    expect(patched.json.spec.replicas).toBe(3);
    expect(engine('kubectl get deployment web -o jsonpath={.spec.replicas}').output).toBe('3');
    const stale = await http('PUT', path, {
      contentType: 'application/json',
      body: JSON.stringify({ ...scale.json, spec: { replicas: 1 } }),
    });
    expect(stale.status).toBe(409);
  });

  it('is listed in discovery as autoscaling/v1 Scale (client-go scale/util.go)', async () => {
    const apps = await http('GET', '/apis/apps/v1');
    expect(apps.json.resources).toContainEqual({
      name: 'deployments/scale',
      singularName: '',
      namespaced: true,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
  });

  it('kubectl scale prints what the engine kubectl prints (real kubectl)', async () => {
    if (!hasKubectl) return;
    const real = await kubectl(['scale', 'deployment/web', '--replicas=2']);
    expect(real.stdout).toBe('deployment.apps/web scaled\n');
    expect(engine('kubectl scale deployment/web --replicas=2').output).toBe(real.stdout);
    // kubectl pkg/scale PreconditionError
    const mismatch = await kubectl(['scale', 'deployment/web', '--current-replicas=5', '--replicas=1']);
    expect(mismatch.stderr).toBe('error: Expected replicas to be 5, was 2\n');
    expect(mismatch.status).toBe(1);
  });
});

/** Frames of a pods/exec WebSocket session, by channel, and how it closed. */
function execOverWebSocket(query: string): Promise<{ channels: Record<number, string>; code: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}${PODS}/box/exec?${query}`, [
      'v5.channel.k8s.io',
    ]);
    const channels: Record<number, string> = {};
    ws.on('message', (data: Buffer) => {
      channels[data[0]] = (channels[data[0]] ?? '') + data.subarray(1).toString();
    });
    ws.on('close', (code) => resolve({ channels, code }));
    ws.on('error', reject);
  });
}

describe('pods/exec', () => {
  it('streams stdout and stderr and ends with the exit status on channel 3', async () => {
    const command = ['sh', '-c', 'echo out; echo err >&2; exit 3'].map(
      (c) => `command=${encodeURIComponent(c)}`,
    );
    const { channels, code } = await execOverWebSocket(`${command.join('&')}&stdout=true&stderr=true`);
    expect(channels[1]).toBe('out\n');
    expect(channels[2]).toBe('err\n');
    const status = JSON.parse(channels[3]);
    // client-go remotecommand errorDecoderV4 reads reason NonZeroExitCode and the ExitCode cause
    expect(status.status).toBe('Failure');
    expect(status.reason).toBe('NonZeroExitCode');
    expect(status.details.causes).toEqual([{ reason: 'ExitCode', message: '3' }]);
    expect(code).toBe(1000);
    const ok = await execOverWebSocket('command=true&stdout=true&stderr=true');
    expect(JSON.parse(ok.channels[3]).status).toBe('Success');
  });

  it('refuses the upgrade of an unknown container with the API server Status', async () => {
    const res = await fetch(`${server.url}${PODS}/box/exec?command=ls&container=zz`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    }).catch(() => undefined);
    if (res) {
      expect(res.status).toBe(400);
      expect((await res.json()).message).toBe('container zz is not valid for pod box');
    }
  });

  it('prints what the engine kubectl prints (real kubectl)', async () => {
    if (!hasKubectl) return;
    for (const command of ['sh -c "echo out; exit 3"', 'hostname', 'nosuch']) {
      const real = await kubectl([
        'exec',
        'box',
        '--',
        ...(command.startsWith('sh') ? ['sh', '-c', 'echo out; exit 3'] : [command]),
      ]);
      const own = engine(`kubectl exec box -- ${command}`);
      // each exec draws its own runtime exec id
      const execId = (text: string) => text.replace(/exec "[0-9a-f]{64}"/, 'exec "ID"');
      expect(execId(real.stdout + real.stderr)).toBe(execId(own.output));
      expect(real.status).toBe(own.status);
    }
  });
});

describe('pods/eviction', () => {
  it('evicts a pod through the engine eviction and answers 201 Success', async () => {
    const pod = (await http('GET', `${PODS}?labelSelector=app%3Dweb`)).json.items[0].metadata.name;
    const res = await http('POST', `${PODS}/${pod}/eviction`, {
      contentType: 'application/json',
      body: JSON.stringify({
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name: pod, namespace: 'default' },
      }),
    });
    expect(res.status).toBe(201);
    expect(res.json.status).toBe('Success');
    expect((await http('GET', `${PODS}/${pod}`)).status).toBe(404);
    const v1 = await http('GET', '/api/v1');
    expect(v1.json.resources.find((r: { name: string }) => r.name === 'pods/eviction')).toMatchObject({
      group: 'policy',
      version: 'v1',
      kind: 'Eviction',
    });
  });
});
