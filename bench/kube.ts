// Kubernetes benchmarks: the scheduler placing 10,000 pods on 1,000 nodes through the API
// server (as scheduler_perf's SchedulingBasic does: no kubelets), and a 100-replica rolling
// update on a kind cluster, run to completion in simulated time.
import { createClock } from '../engine/core/clock.ts';
import { createRandom } from '../engine/core/random.ts';
import { createWorld, Session } from '../engine/index.ts';
import type { KubeObject } from '../engine/kube/api/types.ts';
import { Cluster } from '../engine/kube/cluster.ts';
import { startNodeLifecycleController } from '../engine/kube/controllers/node-lifecycle.ts';
import { startScheduler } from '../engine/kube/controllers/scheduling.ts';

/** Kubernetes' scheduler_perf threshold for SchedulingBasic at 5,000 nodes (pods/s). */
const SCHEDULER_PERF_FLOOR = 270;

function node(i: number): KubeObject {
  const name = `node-${String(i).padStart(4, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' } },
    spec: {},
    status: {
      capacity: { cpu: '4', memory: '32Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '32Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

function pod(i: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'pause',
          image: 'registry.k8s.io/pause:3.10',
          resources: { requests: { cpu: '100m', memory: '500Mi' } },
        },
      ],
    },
  };
}

/** Seconds of wall time to schedule `pods` pods onto `nodes` nodes, and how many were bound. */
function scheduleThroughApiServer(nodes: number, pods: number): { seconds: number; bound: number } {
  const cluster = new Cluster({
    name: 'bench',
    clock: createClock(),
    random: createRandom('bench'),
    server: 'https://127.0.0.1:6443',
  });
  // The node lifecycle controller lifts the not-ready taint admission puts on new nodes.
  startNodeLifecycleController(cluster);
  startScheduler(cluster);
  cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  for (let i = 0; i < nodes; i++) cluster.create(node(i));
  cluster.runtime.drain();
  const podType = cluster.type('pods');
  const t = performance.now();
  for (let i = 0; i < pods; i++) cluster.create(pod(i));
  cluster.runtime.drain();
  const seconds = (performance.now() - t) / 1000;
  const bound = cluster.store.list(podType, 'default').filter((p) => p.spec?.nodeName).length;
  return { seconds, bound };
}

function rollingUpdate(replicas: number): { seconds: number; simulated: string; status: string } {
  const session = new Session(createWorld({ seed: 'bench-rollout' }));
  session.run(`cat > kind.yaml <<'EOF'
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
- role: worker
- role: worker
- role: worker
EOF`);
  session.run('kind create cluster --config kind.yaml');
  session.run(`kubectl create deployment web --image=nginx:1.27 --replicas=${replicas}`);
  const before = session.run('date +%s').output.trim();
  const t = performance.now();
  session.run('kubectl set image deployment/web nginx=nginx:1.28');
  const status = session.run('kubectl rollout status deployment/web').output.trim().split('\n').pop() ?? '';
  const seconds = (performance.now() - t) / 1000;
  const after = session.run('date +%s').output.trim();
  return { seconds, simulated: `${Number(after) - Number(before)} s`, status };
}

export async function benchKube(): Promise<void> {
  console.log('\nKubernetes');
  const s = scheduleThroughApiServer(1000, 10_000);
  const rate = s.bound / s.seconds;
  console.log(
    `schedule 10,000 pods on 1,000 nodes:  ${s.seconds.toFixed(2)} s, ${Math.round(rate)} pods/s ` +
      `(${s.bound} bound; ${(rate / SCHEDULER_PERF_FLOOR).toFixed(1)}x scheduler_perf's ${SCHEDULER_PERF_FLOOR} pods/s floor)`,
  );
  const r = rollingUpdate(100);
  console.log(
    `100-replica rolling update:           ${r.seconds.toFixed(2)} s wall, ${r.simulated} simulated ("${r.status}")`,
  );
}
