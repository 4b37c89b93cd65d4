// Server-side apply over labbook serve --kube-api: the real kubectl's `apply --server-side`
// (PATCH application/apply-patch+yaml with fieldManager and force) prints what the engine's
// kubectl prints; without kubectl the same requests are checked over HTTP.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeApiServer, startKubeApi } from '../../src/serve/kube-api.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'labbook-ssa-'));
const kubeconfig = join(dir, 'kubeconfig');

const CONFIG_MAP = (value: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: ${value}
`;

async function kubectlInstalled(): Promise<boolean> {
  try {
    const { stdout } = await run('kubectl', ['version', '--client']);
    return stdout.includes('Client Version: v1.32');
  } catch {
    return false;
  }
}

async function kubectl(args: string[]): Promise<{ status: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      'kubectl',
      ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args],
      { cwd: dir, timeout: 30_000 },
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

let server: KubeApiServer;
let hasKubectl = false;

beforeAll(async () => {
  server = await startKubeApi({ seed: 'ssa-serve' });
  writeFileSync(kubeconfig, server.kubeconfig());
  hasKubectl = await kubectlInstalled();
  for (const [name, value] of [
    ['cm-a.yaml', 'a'],
    ['cm-b.yaml', 'b'],
  ]) {
    writeFileSync(join(dir, name), CONFIG_MAP(value));
    server.session.run(`cat > ${name} <<'EOF'\n${CONFIG_MAP(value)}EOF`);
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
});

async function apply(path: string, query: string, body: string) {
  const res = await fetch(`${server.url}${path}?${query}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/apply-patch+yaml' },
    body,
  });
  return { status: res.status, json: JSON.parse(await res.text()) };
}

describe('server-side apply over the served API', () => {
  it('applies, conflicts and forces as the engine does', async () => {
    const engine = (cmd: string) => {
      const r = server.session.run(cmd);
      return { status: r.status, output: r.output };
    };
    if (!hasKubectl) {
      const path = '/api/v1/namespaces/default/configmaps/settings';
      const created = await apply(path, 'fieldManager=kubectl', CONFIG_MAP('a'));
      expect(created.status).toBe(201);
      expect(created.json.metadata.managedFields[0]).toMatchObject({
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:mode': {} } },
      });
      const refused = await apply(path, 'fieldManager=other', CONFIG_MAP('b'));
      expect(refused.status).toBe(409);
      // apimachinery managedfields/internal conflict.go getConflictMessage
      expect(refused.json.message).toBe('Apply failed with 1 conflict: conflict with "kubectl": .data.mode');
      expect(refused.json.details.causes).toEqual([
        { reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.data.mode' },
      ]);
      const forced = await apply(path, 'fieldManager=other&force=true', CONFIG_MAP('b'));
      expect(forced.status).toBe(200);
      expect(forced.json.data).toEqual({ mode: 'b' });
      return;
    }
    const first = await kubectl(['apply', '--server-side', '-f', 'cm-a.yaml']);
    expect(first).toEqual({ status: 0, output: 'configmap/settings serverside-applied\n' });
    const args = ['apply', '--server-side', '--field-manager', 'other', '-f', 'cm-b.yaml'];
    const real = await kubectl(args);
    expect(real.status).toBe(1);
    expect(real.output).toContain(
      'error: Apply failed with 1 conflict: conflict with "kubectl": .data.mode\n',
    );
    expect(real).toEqual(engine(`kubectl ${args.join(' ')}`));
    const forced = await kubectl([...args, '--force-conflicts']);
    expect(forced).toEqual({ status: 0, output: 'configmap/settings serverside-applied\n' });
    expect(engine(`kubectl ${[...args, '--force-conflicts'].join(' ')}`)).toEqual(forced);
    const yaml = ['get', 'configmap', 'settings', '-o', 'yaml'];
    expect(await kubectl(yaml)).toEqual(engine(`kubectl ${yaml.join(' ')}`));
    const shown = [...yaml, '--show-managed-fields'];
    expect(await kubectl(shown)).toEqual(engine(`kubectl ${shown.join(' ')}`));
  });
});
