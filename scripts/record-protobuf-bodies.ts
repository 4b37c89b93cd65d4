// Records what the real kubectl (v1.32.4) sends for typed creates, into
// test/serve/fixtures/protobuf/: NAME.pb, the request body (application/vnd.kubernetes.protobuf)
// captured by a proxy in front of `labbook serve --kube-api`, and NAME.dryrun, what the same
// command prints with `--dry-run=client -o json` (kubectl's JSONPrinter: encoding/json of the very
// Go object the typed client would have encoded as protobuf).
// Usage: node scripts/record-protobuf-bodies.ts   (needs kubectl on PATH)
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { kubeconfigText, startKubeApi } from '../src/serve/kube-api.ts';

const OUT = new URL('../test/serve/fixtures/protobuf/', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'record-protobuf-'));
const blob = join(work, 'blob.bin');
// not UTF-8, so kubectl puts it in binaryData (base64 in JSON, bytes in protobuf)
writeFileSync(
  blob,
  Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 128) % 256),
);

/** Case name => kubectl create arguments (no --dry-run, no -o). */
export const CASES: Record<string, string[]> = {
  configmap: [
    'create',
    'configmap',
    'conf',
    '--from-literal=a=b',
    '--from-literal=empty=',
    `--from-file=blob=${blob}`,
  ],
  secret: ['create', 'secret', 'generic', 'creds', '--from-literal=user=admin', '--from-literal=pass=s3cr3t'],
  namespace: ['create', 'namespace', 'dev'],
  deployment: ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=0', '--port=80'],
  service: ['create', 'service', 'nodeport', 'web', '--tcp=80:8080', '--node-port=30080'],
  job: ['create', 'job', 'once', '--image=busybox:1.36', '--', 'echo', 'hi'],
  cronjob: ['create', 'cronjob', 'tick', '--image=busybox:1.36', '--schedule=*/5 * * * *', '--', 'date'],
  role: ['create', 'role', 'reader', '--verb=get,list,watch', '--resource=pods,deployments.apps'],
  rolebinding: [
    'create',
    'rolebinding',
    'read',
    '--role=reader',
    '--user=alice',
    '--serviceaccount=default:bot',
  ],
  quota: ['create', 'quota', 'q', '--hard=cpu=1500m,memory=1Gi,pods=10', '--scopes=NotBestEffort'],
  priorityclass: [
    'create',
    'priorityclass',
    'high',
    '--value=1000',
    '--description=important',
    '--preemption-policy=Never',
  ],
  ingress: ['create', 'ingress', 'web', '--class=nginx', '--rule=example.com/api*=web:80,tls=cert'],
  pdb: ['create', 'pdb', 'web', '--selector=app=web', '--min-available=50%'],
  serviceaccount: ['create', 'serviceaccount', 'bot'],
  clusterrole: ['create', 'clusterrole', 'viewer', '--verb=get', '--non-resource-url=/healthz'],
  aggregated: ['create', 'clusterrole', 'monitoring', '--aggregation-rule=rbac.example.com/aggregate=true'],
};

async function main(): Promise<void> {
  const server = await startKubeApi({ seed: 'record-protobuf' });
  const target = new URL(server.url);
  let captured: Buffer | undefined;
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.headers['content-type'] === 'application/vnd.kubernetes.protobuf') captured = body;
      const upstream = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as { port: number }).port;
  const kubeconfig = join(work, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigText('kind-kind', `http://127.0.0.1:${port}`));
  // asynchronous: the proxy and the server answer from this process's event loop
  const kubectl = async (args: string[]) =>
    (
      await promisify(execFile)('kubectl', [
        '--kubeconfig',
        kubeconfig,
        '--cache-dir',
        join(work, 'cache'),
        ...args,
      ])
    ).stdout;

  mkdirSync(OUT, { recursive: true });
  for (const [name, args] of Object.entries(CASES)) {
    const dashDash = args.indexOf('--');
    const flags = ['--dry-run=client', '-o', 'json'];
    const dryRun =
      dashDash < 0 ? [...args, ...flags] : [...args.slice(0, dashDash), ...flags, ...args.slice(dashDash)];
    // kept verbatim (biome does not format the extension)
    writeFileSync(join(OUT, `${name}.dryrun`), await kubectl(dryRun));
    captured = undefined;
    process.stdout.write(await kubectl(args));
    if (!captured) throw new Error(`${name}: kubectl sent no protobuf body`);
    writeFileSync(join(OUT, `${name}.pb`), captured);
  }
  writeFileSync(
    join(OUT, 'cases.json'),
    `${JSON.stringify(
      Object.fromEntries(
        Object.entries(CASES).map(([k, v]) => [k, v.map((a) => a.replace(blob, 'blob.bin'))]),
      ),
      null,
      2,
    )}\n`,
  );
  await promisify(execFile)('npx', ['biome', 'format', '--write', join(OUT, 'cases.json')]);
  proxy.close();
  await server.close();
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
