// Resource metrics, kubectl top and the HPA controller on a kind cluster: the TopCmdPrinter
// against kubectl's own metrics_printer_test.go cases, then end to end from a cluster without
// metrics-server to scale-up and the 5-minute scale-down stabilization.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { installMetricsServer, setUsage } from '../../engine/kube/metrics/index.ts';
import { printNodeMetrics, printPodMetrics } from '../../engine/kube/metrics/top-printer.ts';
import { kubeWorld } from '../../engine/kube/world-clusters.ts';

const Gi = 1024 ** 3;
const Mi = 1024 ** 2;
const cores = (n: number) => n * 1e9;
const node = (name: string, cpu: number, memGi: number) => ({
  name,
  nanocores: cores(cpu),
  memoryBytes: memGi * Gi,
});
// newNode in metrics_printer_test.go: capacity cpu 10, memory 10Gi
const capacity = { cpuMilli: 10_000, memoryBytes: 10 * Gi };

describe('TopCmdPrinter (kubectl pkg/metricsutil/metrics_printer_test.go)', () => {
  it('TestPrintNodeMetrics: single node with and without header', () => {
    const avail = () => new Map([['node1', capacity]]);
    expect(printNodeMetrics([node('node1', 1, 1)], avail(), false, '')).toBe(
      'NAME    CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   \nnode1   1000m        10%      1024Mi          10%         \n',
    );
    expect(printNodeMetrics([node('node1', 1, 1)], avail(), true, '')).toBe(
      'node1   1000m   10%   1024Mi   10%   \n',
    );
  });

  it('TestPrintNodeMetrics: a node without metrics, and sorting by memory', () => {
    const two = () =>
      new Map([
        ['node1', capacity],
        ['node2', capacity],
      ]);
    expect(printNodeMetrics([node('node1', 1, 1)], two(), false, '')).toBe(
      'NAME    CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)   \n' +
        'node1   1000m        10%         1024Mi          10%         \n' +
        'node2   <unknown>    <unknown>   <unknown>       <unknown>   \n',
    );
    expect(printNodeMetrics([node('node1', 1, 1), node('node2', 2, 5)], two(), false, 'memory')).toBe(
      'NAME    CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   \n' +
        'node2   2000m        20%      5120Mi          50%         \n' +
        'node1   1000m        10%      1024Mi          10%         \n',
    );
  });

  const pod = (name: string, memA: number, memB: number) => ({
    namespace: 'default',
    name,
    containers: [
      { name: 'container1', nanocores: cores(0.2), memoryBytes: memA * Gi },
      { name: 'container2', nanocores: cores(0.2), memoryBytes: memB * Gi },
    ],
  });
  const opts = { containers: false, withNamespace: false, noHeaders: false, sortBy: '', sum: false };

  it('TestPrintPodMetrics: totals, containers, no headers', () => {
    expect(printPodMetrics([pod('test', 1, 1)], opts)).toBe(
      'NAME   CPU(cores)   MEMORY(bytes)   \ntest   400m         2048Mi          \n',
    );
    expect(printPodMetrics([pod('test', 1, 1)], { ...opts, containers: true })).toBe(
      'POD    NAME         CPU(cores)   MEMORY(bytes)   \n' +
        'test   container1   200m         1024Mi          \n' +
        'test   container2   200m         1024Mi          \n',
    );
    expect(printPodMetrics([pod('test', 1, 1)], { ...opts, noHeaders: true })).toBe(
      'test   400m   2048Mi   \n',
    );
  });

  it('TestPrintPodMetrics: sort by memory and --sum', () => {
    const pods = [pod('test', 1, 1), pod('test-1', 2, 3)];
    expect(printPodMetrics(pods, { ...opts, sortBy: 'memory' })).toBe(
      'NAME     CPU(cores)   MEMORY(bytes)   \ntest-1   400m         5120Mi          \ntest     400m         2048Mi          \n',
    );
    expect(printPodMetrics(pods, { ...opts, sum: true })).toBe(
      'NAME     CPU(cores)   MEMORY(bytes)   \n' +
        'test     400m         2048Mi          \n' +
        'test-1   400m         5120Mi          \n' +
        '         ________     ________        \n' +
        '         800m         7168Mi          \n',
    );
  });

  it('rounds CPU up to whole millicores (Quantity.MilliValue) and memory down to Mi', () => {
    const p = {
      namespace: 'default',
      name: 'p',
      containers: [{ name: 'c', nanocores: 1, memoryBytes: 3 * Mi - 1 }],
    };
    expect(printPodMetrics([p], { ...opts, noHeaders: true })).toBe('p     1m    2Mi   \n');
  });
});

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: php-apache
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: php-apache
  minReplicas: 1
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
`;

function kind() {
  const world = createWorld({ seed: 'metrics-hpa' });
  const s = new Session(world);
  const run = (line: string) => s.run(line);
  run('kind create cluster');
  const cluster = kubeWorld(world).clusters.get('kind')?.cluster;
  if (!cluster) throw new Error('no cluster');
  run(`cat > php.yaml <<'EOF'\n${MANIFEST}EOF`);
  run('kubectl apply -f php.yaml');
  return { run, cluster };
}

const hpaEvents = (run: (l: string) => { output: string }) =>
  run(
    `kubectl get events --field-selector involvedObject.kind=HorizontalPodAutoscaler -o jsonpath='{range .items[*]}{.reason}{": "}{.message}{"\\n"}{end}'`,
  ).output;

const replicas = (run: (l: string) => { output: string }) =>
  run('kubectl get deploy php-apache -o jsonpath={.spec.replicas}').output;

describe('metrics-server, kubectl top and the HPA on kind', () => {
  it('has no Metrics API on a fresh kind cluster (top.go, horizontal.go messages)', () => {
    const { run } = kind();
    const top = run('kubectl top pods');
    expect(top.status).toBe(1);
    expect(top.output).toBe('error: Metrics API not available\n');
    expect(run('kubectl top nodes').output).toBe('error: Metrics API not available\n');
    run('sleep 20');
    expect(run('kubectl get hpa').output).toMatch(
      /^NAME {9}REFERENCE {15}TARGETS {14}MINPODS {3}MAXPODS {3}REPLICAS {3}AGE\nphp-apache {3}Deployment\/php-apache {3}cpu: <unknown>\/50% {3}1 {9}10 {8}1 {10}\d+s\n$/,
    );
    const cause =
      'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
    expect(hpaEvents(run)).toBe(
      `FailedGetResourceMetric: ${cause}\nFailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${cause}\n`,
    );
    expect(
      run(
        `kubectl get hpa php-apache -o jsonpath='{range .status.conditions[*]}{.type}={.status}/{.reason}: {.message}{"\\n"}{end}'`,
      ).output,
    ).toBe(
      "AbleToScale=True/SucceededGetScale: the HPA controller was able to get the target's current scale\n" +
        `ScalingActive=False/FailedGetResourceMetric: the HPA was unable to compute the replica count: ${cause}\n`,
    );
  });

  it('serves top once metrics-server is ready, scales up by the replica calculator and down after 300s', () => {
    const { run, cluster } = kind();
    installMetricsServer(cluster);
    expect(run('kubectl get apiservice v1beta1.metrics.k8s.io').output).toBe(
      'NAME                     SERVICE                      AVAILABLE                  AGE\n' +
        'v1beta1.metrics.k8s.io   kube-system/metrics-server   False (MissingEndpoints)   0s\n',
    );
    run('sleep 30');
    expect(run('kubectl get apiservice v1beta1.metrics.k8s.io').output).toContain('metrics-server   True');
    expect(run('kubectl top pods').output).toMatch(
      /^NAME {26}CPU\(cores\) {3}MEMORY\(bytes\) {3}\nphp-apache-\w+-\w{5} {3}1m {11}10Mi {12}\n$/,
    );
    expect(run('kubectl top node').output).toMatch(
      /^NAME {17}CPU\(cores\) {3}CPU\(%\) {3}MEMORY\(bytes\) {3}MEMORY\(%\) {3}\nkind-control-plane {3}\d+m +\d+% +\d+Mi +\d+% +\n$/,
    );
    // a pod metrics-server has not scraped twice yet (top_pod.go verifyEmptyMetrics)
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl top pods -l app=web').output).toBe('error: metrics not available yet\n');

    setUsage(cluster, { selector: 'run=php-apache', cpu: '500m' });
    run('sleep 60');
    const events = hpaEvents(run);
    // 250% of request against 50%: 5 wanted, max(2*1, 4) allowed in one step
    expect(events).toContain(
      'SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target\n',
    );
    run('sleep 60');
    expect(replicas(run)).toBe('10');
    expect(run('kubectl get hpa php-apache').output).toContain('cpu: 250%/50%   1         10        10');

    setUsage(cluster, { selector: 'run=php-apache', cpu: 0 });
    run('sleep 290');
    expect(replicas(run)).toBe('10');
    expect(run('kubectl get hpa php-apache -o jsonpath={.status.conditions[0].reason}').output).toBe(
      'ScaleDownStabilized',
    );
    run('sleep 60');
    expect(replicas(run)).toBe('1');
    expect(hpaEvents(run)).toContain('SuccessfulRescale: New size: 1; reason: All metrics below target\n');
  });

  it('validates top flags as top_pod.go and top_node.go do', () => {
    const { run, cluster } = kind();
    installMetricsServer(cluster);
    run('sleep 30');
    expect(run('kubectl top pods --sort-by=name').output).toBe(
      'error: --sort-by accepts only cpu or memory\n',
    );
    expect(run('kubectl top pod x -l a=b').output).toBe(
      'error: only one of NAME or selector can be provided\n',
    );
    expect(run('kubectl top node x -l a=b').output).toBe(
      'error: only one of NAME or --selector can be provided\n',
    );
    expect(run('kubectl top pod nope').output).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(run('kubectl top pods -n empty').output).toBe('No resources found in empty namespace.\n');
  });
});
