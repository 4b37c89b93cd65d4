// Protobuf request bodies (application/vnd.kubernetes.protobuf) as kubectl's typed clients send
// them: recorded bodies decode to the JSON the same Go object marshals to, and the real kubectl
// (where installed) creates objects through `labbook serve --kube-api`.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { type KubeApiServer, startKubeApi } from '../../src/serve/kube-api.ts';
import { decodeProtobufBody, ProtobufBodyError } from '../../src/serve/protobuf/envelope.ts';
import { goDuration } from '../../src/serve/protobuf/go-values.ts';

const FIXTURES = new URL('./fixtures/protobuf/', import.meta.url).pathname;
const CASES = JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8')) as Record<string, string[]>;

// The oracle: scripts/record-protobuf-bodies.ts captured NAME.pb from the real kubectl 1.32.4
// running `kubectl create ...` against a proxy, and NAME.dryrun from the same command with
// `--dry-run=client -o json`. Both come from one Go object: the create commands build it, then
// either hand it to the typed client (protobuf encoding) or to kubectl's JSONPrinter, which is
// json.MarshalIndent of that object (k8s.io/cli-runtime/pkg/printers/json.go). So the JSON is what
// the object's protobuf form must decode to, in the same key order (Go struct order; map keys sorted).
describe('recorded kubectl bodies decode to the JSON of the same object', () => {
  for (const [name, args] of Object.entries(CASES)) {
    it(`kubectl ${args.join(' ')}`, () => {
      const body = new Uint8Array(readFileSync(join(FIXTURES, `${name}.pb`)));
      const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.dryrun`), 'utf8'));
      const decoded = decodeProtobufBody(body, { apiVersion: expected.apiVersion, kind: expected.kind });
      expect(decoded).toEqual(expected);
      expect(JSON.stringify(decoded)).toBe(JSON.stringify(expected));
    });
  }

  it('keeps binary data as base64 and empty strings of maps (configmap --from-file, --from-literal=empty=)', () => {
    const body = new Uint8Array(readFileSync(join(FIXTURES, 'configmap.pb')));
    const decoded = decodeProtobufBody(body, { apiVersion: 'v1', kind: 'ConfigMap' }) as {
      data: Record<string, string>;
      binaryData: Record<string, string>;
    };
    expect(decoded.data).toEqual({ a: 'b', empty: '' });
    expect(Buffer.from(decoded.binaryData.blob, 'base64')).toHaveLength(64);
  });
});

describe('malformed bodies', () => {
  const into = { apiVersion: 'v1', kind: 'ConfigMap' };
  const fails = (bytes: number[]) => {
    try {
      decodeProtobufBody(Uint8Array.from(bytes), into);
    } catch (e) {
      if (e instanceof ProtobufBodyError) return e.message;
      throw e;
    }
    throw new Error('decoded');
  };
  it('words a missing prefix as apiserver transformDecodeError with summarizeData', () => {
    // protobuf.go Serializer.Decode; rest.go summarizeData hex-encodes non-JSON bodies
    expect(fails([0x01, 0x02])).toBe(
      'the object provided is unrecognized (must be of type ConfigMap): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] (0102)',
    );
    expect(fails([])).toBe(
      'the object provided is unrecognized (must be of type ConfigMap): empty data (<empty>)',
    );
    expect(fails([0x6b, 0x38, 0x73, 0x00])).toBe(
      'the object provided is unrecognized (must be of type ConfigMap): empty body (6b387300)',
    );
  });
  it('words a truncated object as "cannot be handled as"', () => {
    const good = [...readFileSync(join(FIXTURES, 'configmap.pb'))];
    // the raw ConfigMap cut short: its metadata's length points past the end
    const unknown = [0x0a, 0x0f, 0x0a, 0x02, 0x76, 0x31, 0x12, 0x09, ...Buffer.from('ConfigMap')];
    const raw = [0x0a, 0x10, 0x0a, 0x01];
    expect(good.slice(0, 4)).toEqual([0x6b, 0x38, 0x73, 0x00]);
    expect(fails([0x6b, 0x38, 0x73, 0x00, ...unknown, 0x12, raw.length, ...raw])).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: unexpected EOF',
    );
    // field 1 (metadata) sent as a varint: generated.pb.go "wrong wireType" with the Go field name
    expect(fails([0x6b, 0x38, 0x73, 0x00, ...unknown, 0x12, 2, 0x08, 0x01])).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: proto: wrong wireType = 0 for field ObjectMeta',
    );
  });
});

describe('metav1.Duration', () => {
  it('formats as Go time.Duration.String', () => {
    // values from Go's time package TestDurationString
    expect(goDuration(0n)).toBe('0s');
    expect(goDuration(1n)).toBe('1ns');
    expect(goDuration(1100n)).toBe('1.1µs');
    expect(goDuration(2_200_000n)).toBe('2.2ms');
    expect(goDuration(3_300_000_000n)).toBe('3.3s');
    expect(goDuration(4n * 60_000_000_000n + 5_000_000_000n)).toBe('4m5s');
    expect(goDuration(4n * 60_000_000_000n + 5_001_000_000n)).toBe('4m5.001s');
    expect(goDuration(5n * 3_600_000_000_000n + 6n * 60_000_000_000n + 7_001_000_000n)).toBe('5h6m7.001s');
    expect(goDuration(8n * 60_000_000_000n + 1n)).toBe('8m0.000000001s');
    expect(goDuration(-1n)).toBe('-1ns');
  });
});

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'labbook-protobuf-'));
const kubeconfig = join(dir, 'kubeconfig');
let server: KubeApiServer;
let hasKubectl = false;

beforeAll(async () => {
  server = await startKubeApi({ seed: 'protobuf-test' });
  writeFileSync(kubeconfig, server.kubeconfig());
  try {
    hasKubectl = (await run('kubectl', ['version', '--client'])).stdout.includes('Client Version: v1.32');
  } catch {
    hasKubectl = false;
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
});

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

describe('served over HTTP', () => {
  it('creates from a recorded protobuf POST and answers JSON', async () => {
    const res = await fetch(`${server.url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf', Accept: 'application/json' },
      body: readFileSync(join(FIXTURES, 'configmap.pb')),
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.metadata.name).toBe('conf');
    expect(created.data).toEqual({ a: 'b', empty: '' });
  });

  it('answers a 400 Status for an undecodable body', async () => {
    const res = await fetch(`${server.url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
      body: 'nope',
    });
    expect(res.status).toBe(400);
    const status = await res.json();
    expect(status.reason).toBe('BadRequest');
    expect(status.message).toBe(
      'the object provided is unrecognized (must be of type ConfigMap): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] (6e6f7065)',
    );
  });

  it('lists the accepted media types in a 415', async () => {
    const res = await fetch(`${server.url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'x',
    });
    expect(res.status).toBe(415);
    // handlers/negotiation errUnsupportedMediaType over the codec factory's media types
    expect((await res.json()).message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json, application/vnd.kubernetes.protobuf',
    );
  });
});

describe('the real kubectl', () => {
  it('creates a configmap, a namespace and a deployment (typed clients send protobuf)', async () => {
    if (!hasKubectl) return;
    const commands = [
      ['create', 'configmap', 'settings', '--from-literal=mode=fast'],
      ['create', 'namespace', 'team'],
      ['create', 'deployment', 'api', '--image=nginx:1.27', '--replicas=0', '--port=80'],
    ];
    // the engine's own kubectl on a world of its own prints what the real one must
    const engine = new Session(createWorld({ seed: 'protobuf-test' }));
    engine.run('kind create cluster');
    for (const args of commands) {
      const expected = engine.run(`kubectl ${args.join(' ')}`);
      expect(expected.status).toBe(0);
      expect(await kubectl(args)).toEqual({ status: 0, output: expected.output });
    }
    // create.go's name printer: RESOURCE[.GROUP]/NAME created
    expect(engine.run('kubectl create configmap conf --from-literal=a=b').output).toBe(
      'configmap/conf created\n',
    );

    const cm = await kubectl(['get', 'configmap', 'settings', '-o', 'yaml']);
    expect(cm.status).toBe(0);
    expect(cm.output).toContain('data:\n  mode: fast\nkind: ConfigMap\n');
    const deploy = await kubectl(['get', 'deployment', 'api', '-o', 'yaml']);
    expect(deploy.output).toContain('  replicas: 0\n');
    expect(deploy.output).toContain('        - containerPort: 80\n          protocol: TCP\n');
    expect((await kubectl(['get', 'namespace', 'team', '-o', 'yaml'])).output).toContain('  name: team\n');
  });
});
