// The engine's kubectl logs, exec and scale: kubectl's own checks and notes, the server's
// refusals and the printed lines, with texts taken from the real kubectl v1.32.4 pointed at
// `labbook serve --kube-api` (and from k8s.io/kubectl v0.32.4, kubelet_pods.go); where kubectl
// is installed, the real client and the engine's run side by side on the same world.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeApiServer, startKubeApi } from '../../src/serve/kube-api.ts';

const runFile = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'labbook-logs-exec-scale-'));
const kubeconfig = join(dir, 'kubeconfig');

let server: KubeApiServer;
let hasKubectl = false;

function engine(command: string) {
  return server.session.run(command);
}

async function real(args: string[]): Promise<{ status: number; output: string }> {
  try {
    const { stdout, stderr } = await runFile(
      'kubectl',
      ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args],
      { timeout: 30_000 },
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

/** The real kubectl and the engine's on the same command: same text, same status. */
async function same(command: string) {
  const r = await real(command.split(' '));
  const own = engine(`kubectl ${command}`);
  expect({ command, output: own.output, status: own.status }).toEqual({
    command,
    output: r.output,
    status: r.status,
  });
}

beforeAll(async () => {
  server = await startKubeApi({ seed: 'logs-exec-scale' });
  writeFileSync(kubeconfig, server.kubeconfig());
  server.cluster.registries.missing.add('nginx:nonexist');
  for (const command of [
    'kubectl create deployment web --image=nginx:1.27 --replicas=3',
    'kubectl create deployment one --image=busybox -- sh -c "echo a; echo b; echo c; sleep 3600"',
    'kubectl create deployment zero --image=nginx --replicas=0',
    'kubectl create configmap cm',
    'kubectl run bb --image=busybox --restart=Never -- sh -c "echo hello; echo oops >&2; echo world"',
    'kubectl run box --image=busybox -- sleep 3600',
    'kubectl run missing --image=nginx:nonexist',
  ])
    expect(engine(command).status).toBe(0);
  try {
    hasKubectl = (await runFile('kubectl', ['version', '--client'])).stdout.includes('Client Version: v1.32');
  } catch {
    hasKubectl = false;
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('kubectl logs (engine)', () => {
  it('checks the container itself (logsforobject.go) and takes -f as --follow', () => {
    expect(engine('kubectl logs bb -c zz').output).toBe('error: container zz is not valid for pod bb\n');
    expect(engine('kubectl logs -f bb').output).toBe('hello\noops\nworld\n');
    expect(engine('kubectl logs bb bb').output).toBe('hello\noops\nworld\n');
    expect(engine('kubectl logs bb -c bb bb').output).toBe(
      'error: only one of -c or an inline [CONTAINER] arg is allowed\n',
    );
  });

  it('passes --limit-bytes, --tail, --timestamps and --since to the kubelet', () => {
    expect(engine('kubectl logs bb --limit-bytes=8').output).toBe('hello\noo');
    expect(engine('kubectl logs bb --tail=1').output).toBe('world\n');
    // kubelet RFC3339NanoFixed timestamps
    expect(engine('kubectl logs bb --tail=1 --timestamps').output).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z world\n$/,
    );
    // a second rounds --since=0.4s down to 0: only what is written from now on
    expect(engine('kubectl logs bb --since=0.4s').output).toBe('');
    expect(engine('kubectl logs bb --since=1h').output).toBe('hello\noops\nworld\n');
    expect(engine('kubectl logs bb --since-time=2000-01-01T00:00:00Z').output).toBe('hello\noops\nworld\n');
    expect(engine('kubectl logs bb --since-time=2999-01-01T00:00:00Z').output).toBe('');
  });

  it("words kubectl's option checks as Validate does", () => {
    const cases: Array<[string, string]> = [
      ['--limit-bytes=-1', 'error: --limit-bytes must be greater than 0\n'],
      ['--since=-1s', 'error: --since must be greater than 0\n'],
      ['--tail=-2', 'error: --tail must be greater than or equal to -1\n'],
      [
        '--since=1h --since-time=2025-01-01T00:00:00Z',
        'error: at most one of `sinceTime` or `sinceSeconds` may be specified\n',
      ],
      [
        '-c bb --all-containers',
        'error: --all-containers=true should not be specified with container name bb\n',
      ],
      [
        '--tail=x',
        'Error: invalid argument "x" for "--tail" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl logs --help\' for usage.\n',
      ],
      [
        '--since=x',
        'Error: invalid argument "x" for "--since" flag: time: invalid duration "x"\nSee \'kubectl logs --help\' for usage.\n',
      ],
      [
        '--since-time=x',
        'error: parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"\n',
      ],
      [
        '--since-time=2025-01-01',
        'error: parsing time "2025-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"\n',
      ],
    ];
    for (const [options, text] of cases) {
      const r = engine(`kubectl logs bb ${options}`);
      expect(r.output).toBe(text);
      expect(r.status).toBe(1);
    }
    expect(engine('kubectl logs bb -l run=bb').output).toBe(
      "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n",
    );
  });

  it('reads pods by selector with --prefix, and notes an empty selection', () => {
    expect(engine('kubectl logs -l run=bb --prefix').output).toBe(
      '[pod/bb/bb] hello\n[pod/bb/bb] oops\n[pod/bb/bb] world\n',
    );
    // selectorTail: 10 lines by default with a selector
    expect(engine('kubectl logs -l app=one --tail=1 --prefix').output).toMatch(
      /^\[pod\/one-[a-z0-9]+-[a-z0-9]+\/busybox\] c\n$/,
    );
    const none = engine('kubectl logs -l app=zz');
    expect(none.output).toBe('No resources found in default namespace.\n');
    expect(none.status).toBe(0);
    expect(engine('kubectl logs -l app=web -f --max-log-requests=2').output).toBe(
      'error: you are attempting to follow 3 log streams, but maximum allowed concurrency is 2, use --max-log-requests to increase the limit\n',
    );
  });

  it('picks one pod of a deployment and says so (GetFirstPod, ByLogging)', () => {
    expect(engine('kubectl logs deploy/web').output).toMatch(
      /^Found 3 pods, using pod\/web-[a-z0-9]+-[a-z0-9]+\n$/,
    );
    expect(engine('kubectl logs deploy/one').output).toBe('a\nb\nc\n');
    expect(engine('kubectl logs deploy/nope').output).toBe(
      'error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n',
    );
    expect(engine('kubectl logs cm/cm').output).toBe(
      'error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n',
    );
    expect(engine('kubectl logs deploy/zero --pod-running-timeout=2s').output).toBe(
      'error: timed out waiting for the condition\n',
    );
  });

  it("relays the kubelet's refusal for a container waiting on its image (kubelet_pods.go)", () => {
    // validateContainerLogStatus words images.ErrImagePull and ErrImagePullBackOff itself
    const wording: Record<string, string> = {
      ErrImagePull: "image can't be pulled",
      ImagePullBackOff: 'trying and failing to pull image',
    };
    const seen = new Set<string>();
    for (let i = 0; i < 30 && seen.size < 2; i++) {
      const reason = engine(
        'kubectl get pod missing -o jsonpath={.status.containerStatuses[0].state.waiting.reason}',
      ).output;
      expect(engine('kubectl logs missing').output).toBe(
        `Error from server (BadRequest): container "missing" in pod "missing" is waiting to start: ${wording[reason]}\n`,
      );
      seen.add(reason);
      engine('sleep 3');
    }
    expect([...seen].sort()).toEqual(['ErrImagePull', 'ImagePullBackOff']);
  });
});

describe('kubectl exec (engine)', () => {
  it('leaves -c to the API server (strategy.go validateContainer)', () => {
    expect(engine('kubectl exec box -c zz -- ls').output).toBe(
      'Error from server (BadRequest): container zz is not valid for pod box\n',
    );
    // a completed pod is refused first, by kubectl itself
    expect(engine('kubectl exec bb -c zz -- ls').output).toBe(
      'error: cannot exec into a container in a completed pod; current phase is Succeeded\n',
    );
  });

  it('picks a pod of a deployment (reverse ActivePods) or fails as AttachablePodForObject does', () => {
    expect(engine('kubectl exec deploy/one -- echo hi').output).toBe('hi\n');
    expect(engine('kubectl exec cm/cm -- ls').output).toBe(
      'error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n',
    );
    expect(engine('kubectl exec deploy/zero --pod-running-timeout=2s -- ls').output).toBe(
      'error: timed out waiting for the condition\n',
    );
  });
});

describe('kubectl scale (engine)', () => {
  it('checks --current-replicas and --resource-version (pkg/scale PreconditionError)', () => {
    const mismatch = engine('kubectl scale deploy/web --replicas=3 --current-replicas=5');
    expect(mismatch.output).toBe('error: Expected replicas to be 5, was 3\n');
    expect(mismatch.status).toBe(1);
    const rv = engine('kubectl get deploy web -o jsonpath={.metadata.resourceVersion}').output;
    expect(engine('kubectl scale deploy/web --replicas=3 --resource-version=1').output).toBe(
      `error: Expected resource version to be 1, was ${rv}\n`,
    );
    expect(engine(`kubectl scale deploy/web --replicas=3 --resource-version=${rv}`).output).toBe(
      'deployment.apps/web scaled\n',
    );
    expect(engine('kubectl scale deploy/web deploy/zero --replicas=1 --resource-version=5').output).toBe(
      'error: cannot use --resource-version with multiple resources\n',
    );
    expect(engine('kubectl scale deploy/web --replicas=3 --current-replicas=-2').output).toBe(
      'error: The --current-replicas must specify an integer of -1 or greater\n',
    );
  });

  it('prints the dry-run suffixes and -o name, and scales by selector or --all', () => {
    expect(engine('kubectl scale deploy web --replicas=1 --dry-run=client').output).toBe(
      'deployment.apps/web scaled (dry run)\n',
    );
    expect(engine('kubectl scale deploy web --replicas=1 --dry-run=server').output).toBe(
      'deployment.apps/web scaled (server dry run)\n',
    );
    expect(engine('kubectl get deploy web -o jsonpath={.spec.replicas}').output).toBe('3');
    expect(engine('kubectl scale deploy web zero --replicas=0 -o name').output).toBe(
      'deployment.apps/web\ndeployment.apps/zero\n',
    );
    expect(engine('kubectl scale deploy -l app=web --replicas=3').output).toBe(
      'deployment.apps/web scaled\n',
    );
    expect(engine('kubectl scale deploy -l app=zz --replicas=3').output).toBe(
      'error: no objects passed to scale\n',
    );
    expect(engine('kubectl scale deploy --replicas=3').output).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
    expect(engine('kubectl scale deploy --all --replicas=0 --dry-run=client').output).toBe(
      'deployment.apps/one scaled (dry run)\ndeployment.apps/web scaled (dry run)\ndeployment.apps/zero scaled (dry run)\n',
    );
  });

  it('scales what exists, then reports what does not (ContinueOnError)', () => {
    const r = engine('kubectl scale deploy/web deploy/a deploy/b --replicas=3');
    expect(r.output).toBe(
      'deployment.apps/web scaled\nError from server (NotFound): deployments.apps "a" not found\nError from server (NotFound): deployments.apps "b" not found\n',
    );
    expect(r.status).toBe(1);
    expect(engine('kubectl scale deploy/nope deploy/zz --replicas=1').output).toBe(
      'error: no objects passed to scale [deployments.apps "nope" not found, deployments.apps "zz" not found]\n',
    );
    expect(engine('kubectl scale deploy/web --replicas=3 --timeout=30s').output).toBe(
      'deployment.apps/web scaled\n',
    );
    expect(engine('kubectl scale deploy/web --replicas=x').output).toBe(
      'Error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl scale --help\' for usage.\n',
    );
  });
});

describe('the real kubectl prints what the engine kubectl prints', () => {
  it('for logs', async () => {
    if (!hasKubectl) return;
    for (const command of [
      'logs bb -c zz',
      'logs -f bb',
      'logs bb --timestamps',
      'logs bb --limit-bytes=8',
      'logs bb --tail=2 --timestamps',
      'logs -l run=bb --prefix',
      'logs bb --all-containers --prefix',
      'logs -l app=web -f --max-log-requests=2',
      'logs -l app=zz',
      'logs deploy/web',
      'logs deploy/one --all-pods',
      'logs -l app=one',
      'logs deploy/nope',
      'logs cm/cm',
      'logs missing',
      'logs bb --tail=x',
      'logs bb --since-time=2025-01-01',
      'logs bb -c bb --all-containers',
    ])
      await same(command);
  }, 60_000);

  it('for exec', async () => {
    if (!hasKubectl) return;
    for (const command of [
      'exec box -c zz -- ls',
      'exec bb -c zz -- ls',
      'exec deploy/one -- echo hi',
      'exec cm/cm -- ls',
    ])
      await same(command);
  }, 60_000);

  it('for scale', async () => {
    if (!hasKubectl) return;
    // each command leaves the world as it found it (or changes nothing), so both run alike
    for (const command of [
      'scale deploy/web --replicas=3',
      'scale deploy/web --replicas=3 --current-replicas=5',
      'scale deploy/web --replicas=3 --current-replicas=3',
      'scale deploy/web --replicas=3 --resource-version=1',
      'scale deploy web zero --replicas=2 --dry-run=client',
      'scale deploy web --replicas=1 --dry-run=server',
      'scale deploy web --replicas=3 -o name',
      'scale deploy -l app=web --replicas=3',
      'scale deploy -l app=zz --replicas=3',
      'scale deploy --replicas=3',
      'scale deploy/web deploy/a deploy/b --replicas=3',
      'scale deploy/nope deploy/zz --replicas=1',
      'scale deploy a --replicas=1 -l app=web',
      'scale deploy/web --replicas=3 --current-replicas=-2',
      'scale deploy/web --replicas=x',
    ])
      await same(command);
  }, 60_000);
});
