// `labbook serve` refuses cleanly: a taken port or an unwritable kubeconfig is a one-line
// error and status 1, and no server is left listening.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serveCommand, startKubeApi } from '../../src/serve/kube-api.ts';

function capture() {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  });
  return { lines, spy };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('served time', () => {
  it('flows with the wall clock under clock: wall, and only with writes otherwise', async () => {
    const wall = await startKubeApi({ seed: 'clock', clock: 'wall' });
    const writes = await startKubeApi({ seed: 'clock' });
    try {
      const [w0, s0] = [wall.cluster.now(), writes.cluster.now()];
      await new Promise((resolve) => setTimeout(resolve, 700));
      await fetch(`${wall.url}/api/v1/namespaces`);
      await fetch(`${writes.url}/api/v1/namespaces`);
      expect(wall.cluster.now() - w0).toBeGreaterThanOrEqual(600);
      expect(writes.cluster.now()).toBe(s0);
    } finally {
      await wall.close();
      await writes.close();
    }
  }, 60_000);
});

describe('engine failures', () => {
  it('answer one request with a 500 Status and leave the server serving', async () => {
    const server = await startKubeApi({ seed: 'failure' });
    try {
      // discovery reads the registry outside the resource handlers' own error handling
      const spy = vi.spyOn(server.cluster.registry, 'all').mockImplementationOnce(() => {
        throw new Error('simulated engine failure');
      });
      const failed = await fetch(`${server.url}/api/v1`);
      expect(failed.status).toBe(500);
      expect(((await failed.json()) as { message: string }).message).toBe('simulated engine failure');
      spy.mockRestore();
      expect((await fetch(`${server.url}/api/v1`)).status).toBe(200);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('labbook serve errors', () => {
  it('says the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const { lines } = capture();
    try {
      expect(await serveCommand(['--kube-api', '--port', String(port)])).toBe(1);
    } finally {
      blocker.close();
    }
    expect(lines.join('')).toBe(
      `labbook serve: cannot listen on 127.0.0.1:${port}: port ${port} is already in use\n`,
    );
  }, 60_000);

  it('says the kubeconfig cannot be written, and stops serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labbook-serve-cli-'));
    const { lines } = capture();
    // a directory where the kubeconfig file should go
    expect(await serveCommand(['--kube-api', '--port', '0', '--kubeconfig', dir])).toBe(1);
    expect(lines.join('')).toMatch(
      new RegExp(
        `^labbook serve: cannot write the kubeconfig ${dir}: EISDIR: illegal operation on a directory`,
      ),
    );
  }, 60_000);

  it('prints usage without --kube-api', async () => {
    const { lines } = capture();
    expect(await serveCommand([])).toBe(2);
    expect(lines.join('')).toContain('usage: labbook serve --kube-api');
  });
});
