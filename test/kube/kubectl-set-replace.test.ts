// kubectl set env / resources / serviceaccount and kubectl replace: the engine's output against
// texts recorded from the real kubectl v1.32.4 driving labbook serve --kube-api (each cites the
// kubectl v0.32.4 source that prints it), then, where kubectl is installed, the real kubectl
// against the served world vs the engine on a twin world, command by command.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { startKubeApi } from '../../src/serve/kube-api.ts';

const FILES: Record<string, string> = {
  'deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 1
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
        image: nginx:1.27
`,
  'multi.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: multi
spec:
  replicas: 1
  selector:
    matchLabels:
      app: multi
  template:
    metadata:
      labels:
        app: multi
    spec:
      initContainers:
      - name: init
        image: busybox
        command: ["true"]
      containers:
      - name: app
        image: nginx
        env:
        - name: POD
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
      - name: sidecar
        image: busybox
        command: ["sleep", "3600"]
`,
  'cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: applied
data:
  mode: server
`,
  'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`,
  'typo.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: conf
  lables:
    a: b
data:
  k: v
`,
};

/** [argv, exit status, combined output], in order; outputs recorded from kubectl v1.32.4. */
const CASES: Array<[string, number, string]> = [
  ['apply -f deploy.yaml', 0, 'deployment.apps/web created\n'],
  ['apply -f multi.yaml', 0, 'deployment.apps/multi created\n'],
  [
    'create configmap conf --from-literal=k1=v1 --from-literal=log.level=debug',
    0,
    'configmap/conf created\n',
  ],
  // set_env.go NewEnvOptions: PrintFlags "env updated"
  ['set env deployment/web MODE=prod', 0, 'deployment.apps/web env updated\n'],
  // set_env.go RunEnv: a patch of "{}" is skipped ("no changes") and nothing is printed
  ['set env deployment/web MODE=prod', 0, ''],
  // set_env.go validateNoOverwrites, wrapped as "error: %s %v\n" with info.ObjectName()
  [
    'set env deployment/web MODE=dev --overwrite=false',
    1,
    "error: deployments/web 'MODE' already has a value (prod), and --overwrite is false\n",
  ],
  // set_env.go RunEnv --list: "# %s %s, container %s" then NAME=VALUE
  ['set env deployment/web --list', 0, '# Deployment web, container nginx\nMODE=prod\n'],
  // env_parse.go parseIntoEnvVar with validation.IsEnvVarName's message
  [
    'set env deployment/web 1BAD=x',
    1,
    `error: "1BAD" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`,
  ],
  [
    'set env deployment/web X=1 X-',
    1,
    'error: can not both modify and remove the same environment variable in the same command\n',
  ],
  // set_env.go Complete / Validate
  [
    'set env deployment/web X=1 deployment/multi',
    1,
    'error: all resources must be specified before environment changes: deployment/web X=1 deployment/multi\n',
  ],
  [
    'set env',
    1,
    'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n',
  ],
  ['set env deployment/web --list -o yaml', 1, 'error: --list and --output may not be specified together\n'],
  [
    'set env deployment/web --keys=a',
    1,
    'error: when specifying --keys, a configmap or secret must be provided with --from\n',
  ],
  [
    'set env deployments --all -l app=web Y=1',
    1,
    'error: cannot set --all and --selector at the same time\n',
  ],
  // set_env.go: no container matches the -c pattern: a WarningPrinter line, no patch
  [
    'set env deployment/web -c nosuch X=1',
    0,
    'Warning: Deployment/web does not have any containers matching "nosuch"\n',
  ],
  ['set env deployment/web W=1 --dry-run=client', 0, 'deployment.apps/web env updated (dry run)\n'],
  ['set env deployment/web W=1 --dry-run=server', 0, 'deployment.apps/web env updated (server dry run)\n'],
  ['set env deployment/web W=2 -o name', 0, 'deployment.apps/web\n'],
  // set_env.go keyToEnvName warnings, --prefix on every variable
  [
    'set env --from=configmap/conf --prefix=C_ deployment/web',
    0,
    'Warning: key k1 transferred to K1\nWarning: key log.level transferred to LOG_LEVEL\ndeployment.apps/web env updated\n',
  ],
  ['set env --from=deployment/web deployment/web', 1, 'error: unsupported resource specified in --from\n'],
  // env_resolve.go GetEnvVarRefString / GetEnvVarRefValue
  [
    'set env deployment/web --list',
    0,
    '# Deployment web, container nginx\nMODE=prod\nW=2\n# C_K1 from configmap conf, key k1\n# C_LOG_LEVEL from configmap conf, key log.level\n',
  ],
  [
    'set env deployment/web --list --resolve',
    0,
    '# Deployment web, container nginx\nMODE=prod\nW=2\nC_K1=v1\nC_LOG_LEVEL=debug\n',
  ],
  // set_env.go: containers first, then init containers
  [
    'set env deployment/multi --list',
    0,
    '# Deployment multi, container app\n# POD from field path metadata.name\n# Deployment multi, container sidecar\n# Deployment multi, container init\n',
  ],
  ['set env deployment/multi --list -c side*', 0, '# Deployment multi, container sidecar\n'],
  [
    'set env deployments --all ENV=x',
    0,
    'deployment.apps/multi env updated\ndeployment.apps/web env updated\n',
  ],
  [
    'set env configmap/conf A=1',
    1,
    'error: configmaps/conf the object is not a pod or does not have a pod template: *v1.ConfigMap\n',
  ],
  ['set env deployment/nosuch X=1', 1, 'Error from server (NotFound): deployments.apps "nosuch" not found\n'],
  // set_resources.go: PrintFlags "resource requirements updated"
  [
    'set resources deployment/web --limits=cpu=200m,memory=128Mi',
    0,
    'deployment.apps/web resource requirements updated\n',
  ],
  ['set resources deployment/web --limits=cpu=200m,memory=128Mi', 0, ''],
  [
    'set resources deployment/multi -c nosuch --limits=cpu=1',
    1,
    'error: unable to find container named nosuch\n',
  ],
  // generateversioned populateResourceListV1 and resource.ParseQuantity's ErrFormatWrong
  [
    'set resources deployment/web --limits=cpu=abc',
    1,
    "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
  ],
  [
    'set resources deployment/web --limits=cpu',
    1,
    'error: Invalid argument syntax cpu, expected <resource>=<value>\n',
  ],
  [
    'set resources deployment/web',
    1,
    'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n',
  ],
  [
    'set resources deployment/web --requests=cpu=2',
    1,
    'error: failed to patch resources update to pod template Deployment.apps "web" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 200m\n',
  ],
  [
    'set resources deployment/web --local --limits=cpu=1',
    1,
    "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n",
  ],
  [
    'set env deployment/web K=2 -o wide',
    1,
    'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
  ],
  // set_serviceaccount.go: even an unchanged object is patched and printed
  ['create serviceaccount bot', 0, 'serviceaccount/bot created\n'],
  ['set serviceaccount deployment/web bot', 0, 'deployment.apps/web serviceaccount updated\n'],
  ['set sa deployment web bot', 0, 'deployment.apps/web serviceaccount updated\n'],
  ['set serviceaccount', 1, 'error: serviceaccount is required\n'],
  [
    'set sa deployment/web other --dry-run=server',
    0,
    'deployment.apps/web serviceaccount updated (server dry run)\n',
  ],
  // replace.go: PrintFlags "replaced"; cmdutil.AddSourceToErr("replacing", ...)
  [
    'replace -f svc.yaml',
    1,
    'Error from server (NotFound): error when replacing "svc.yaml": services "web" not found\n',
  ],
  ['apply -f svc.yaml', 0, 'service/web created\n'],
  ['replace -f svc.yaml', 0, 'service/web replaced\n'],
  ['replace --force -f cm.yaml', 0, 'configmap/applied replaced\n'],
  ['replace --force -f svc.yaml', 0, 'service "web" deleted\nservice/web replaced\n'],
  [
    'replace --force --grace-period=0 -f cm.yaml',
    0,
    'configmap "applied" deleted\nconfigmap/applied replaced\n',
  ],
  ['replace --grace-period=5 -f svc.yaml', 1, 'error: --grace-period must have --force specified\n'],
  [
    'replace --force --dry-run=client -f svc.yaml',
    1,
    'error: --dry-run can not be used when --force is set\n',
  ],
  ['replace', 1, 'error: must specify one of -f and -k\n'],
  ['replace -f svc.yaml --dry-run=client', 0, 'service/web replaced (dry run)\n'],
  ['replace -f svc.yaml --dry-run=server', 0, 'service/web replaced (server dry run)\n'],
  ['replace -f svc.yaml -o name', 0, 'service/web\n'],
  [
    'replace -f typo.yaml',
    1,
    'Error from server (BadRequest): error when replacing "typo.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.lables"\n',
  ],
  [
    'replace -f typo.yaml --validate=warn',
    0,
    'Warning: unknown field "metadata.lables"\nconfigmap/conf replaced\n',
  ],
  ['replace -f missing.yaml', 1, 'error: the path "missing.yaml" does not exist\n'],
];

const argv = (command: string) => command.split(' ');
const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

function engineSession(seed: string): Session {
  const s = new Session(createWorld({ seed }));
  s.run('kind create cluster');
  for (const [name, text] of Object.entries(FILES)) s.run(`cat > ${name} <<'EOF'\n${text}EOF`);
  return s;
}

describe('kubectl set and replace (engine)', () => {
  it('prints what kubectl v1.32.4 prints', () => {
    const s = engineSession('set-replace');
    for (const [command, status, output] of CASES) {
      const r = s.run(`kubectl ${argv(command).map(quote).join(' ')}`);
      expect({ command, status: r.status, output: r.output }).toEqual({ command, status, output });
    }
  });

  it('changes the objects as the commands say', () => {
    const s = engineSession('set-replace-objects');
    s.run('kubectl apply -f deploy.yaml');
    s.run('kubectl set env deployment/web A=1 B=');
    s.run('kubectl set resources deployment/web --requests=cpu=0.1 --limits=memory=1Gi');
    s.run('kubectl set sa deployment/web bot');
    const r = s.run(`kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].env}'`);
    // an EnvVar's empty value is omitted (omitempty)
    expect(r.output).toBe('[{"name":"A","value":"1"},{"name":"B"}]');
    const res = s.run(`kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].resources}'`);
    // quantities in their canonical form (0.1 -> 100m)
    expect(res.output).toBe('{"limits":{"memory":"1Gi"},"requests":{"cpu":"100m"}}');
    const sa = s.run(`kubectl get deploy web -o jsonpath='{.spec.template.spec.serviceAccountName}'`);
    expect(sa.output).toBe('bot');
    s.run('kubectl set env deployment/web A-');
    const after = s.run(`kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].env}'`);
    expect(after.output).toBe('[{"name":"B"}]');
  });
});

const run = promisify(execFile);

async function kubectlInstalled(): Promise<boolean> {
  try {
    const { stdout } = await run('kubectl', ['version', '--client']);
    return /Client Version: v1\.32\./.test(stdout);
  } catch {
    return false;
  }
}

/**
 * set env --from walks the ConfigMap's or Secret's data, a Go map, so the real kubectl prints
 * its "key … transferred" warnings in a random order: compared sorted.
 */
function mapOrder(output: string): string {
  const lines = output.split('\n');
  const warnings = lines.filter((l) => l.startsWith('Warning: key ')).sort();
  let next = 0;
  return lines.map((l) => (l.startsWith('Warning: key ') ? warnings[next++] : l)).join('\n');
}

describe('kubectl set and replace: the real kubectl against labbook serve vs the engine', () => {
  let installed = false;
  beforeAll(async () => {
    installed = await kubectlInstalled();
  });

  it('prints the same, command by command', async () => {
    const seed = 'set-replace-real';
    const server = await startKubeApi({ seed });
    try {
      if (!installed) {
        const res = await fetch(`${server.url}/apis/apps/v1/namespaces/default/deployments`);
        expect(res.status).toBe(200);
        return;
      }
      const dir = mkdtempSync(join(tmpdir(), 'labbook-set-'));
      const kubeconfig = join(dir, 'kubeconfig');
      writeFileSync(kubeconfig, server.kubeconfig());
      for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
      const twin = engineSession(seed);
      for (const [command] of CASES) {
        const args = argv(command);
        let real: { status: number; output: string };
        try {
          const { stdout } = await run(
            'bash',
            ['-c', `kubectl --kubeconfig ${kubeconfig} ${args.map(quote).join(' ')} 2>&1`],
            {
              cwd: dir,
              timeout: 30_000,
              env: { ...process.env, KUBECACHEDIR: join(dir, 'cache') },
            },
          );
          real = { status: 0, output: stdout };
        } catch (e) {
          const err = e as { code?: number; stdout?: string };
          real = { status: typeof err.code === 'number' ? err.code : 1, output: err.stdout ?? '' };
        }
        const engine = twin.run(`kubectl ${args.map(quote).join(' ')}`);
        expect({ command, status: engine.status, output: mapOrder(engine.output) }).toEqual({
          command,
          status: real.status,
          output: mapOrder(real.output),
        });
      }
    } finally {
      await server.close();
    }
  }, 180_000);
});
