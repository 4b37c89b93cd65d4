// `docker stop kind-worker` on a two-node kind cluster: the node lifecycle controller marks the
// silent node NotReady and taints it unreachable, the taint eviction controller deletes its
// pods once their 300s tolerations run out, and `docker start` brings everything back.
// Expected strings: pkg/controller/nodelifecycle/node_lifecycle_controller.go
// (tryUpdateNodeHealth: NodeStatusUnknown, "Kubelet stopped posting node status."),
// pkg/controller/util/node/controller_utils.go (RecordNodeStatusChange "Node %s status is now: %s",
// MarkPodsNotReady "Node is not ready"), pkg/controller/tainteviction/taint_eviction.go
// (emitPodDeletionEvent "Marking for deletion Pod %s", addConditionAndDeletePod) and
// TestTaintTolerationFilter-style scheduler messages (tainttoleration ErrReasonNotMatch).
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { tolerationTimeMs } from '../../engine/kube/controllers/taint-eviction.ts';

function cluster() {
  const s = new Session(createWorld({ seed: 'node-lifecycle' }));
  s.run(
    "printf 'kind: Cluster\\napiVersion: kind.x-k8s.io/v1alpha4\\nnodes:\\n- role: control-plane\\n- role: worker\\n' > kind.yaml",
  );
  expect(s.run('kind create cluster --config kind.yaml').status).toBe(0);
  return (line: string) => s.run(line);
}

const UNKNOWN_CONDITIONS =
  'MemoryPressure=Unknown NodeStatusUnknown Kubelet stopped posting node status.;' +
  'DiskPressure=Unknown NodeStatusUnknown Kubelet stopped posting node status.;' +
  'PIDPressure=Unknown NodeStatusUnknown Kubelet stopped posting node status.;' +
  'Ready=Unknown NodeStatusUnknown Kubelet stopped posting node status.;';
const CONDITIONS =
  "kubectl get node kind-worker -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.reason} {.message};{end}'";
const TAINTS = "kubectl get node kind-worker -o jsonpath='{range .spec.taints[*]}{.key}:{.effect};{end}'";

describe('docker stop / start of a kind node', () => {
  it('marks the node NotReady, evicts its pods after 300s and recovers', () => {
    const run = cluster();
    run('kubectl create deployment web --image=nginx --replicas=2');
    const original = run('kubectl get pods -o name').output.trim().split('\n');
    expect(original).toHaveLength(2);
    expect(run("kubectl get pods -o jsonpath='{.items[*].spec.nodeName}'").output).toBe(
      'kind-worker kind-worker',
    );

    // docker/cli container/stop.go prints each container as named
    expect(run('docker stop kind-worker').output).toBe('kind-worker\n');
    const ps = run('docker ps').output;
    expect(ps).toContain('kind-control-plane\n');
    expect(ps).not.toContain('kind-worker');
    expect(run('docker stop nope').output).toBe('Error response from daemon: No such container: nope\n');

    // before the 50s grace period (1.32 default, kubernetes/kubernetes#126287) nothing changes
    run('sleep 30');
    expect(run('kubectl get nodes').output).toMatch(/\nkind-worker {10}Ready {4}/);
    run('sleep 30');
    expect(run('kubectl get nodes').output).toMatch(/\nkind-worker {10}NotReady {3}<none> /);
    expect(run(CONDITIONS).output).toBe(UNKNOWN_CONDITIONS);
    // lastHeartbeatTime is the kubelet's last report, lastTransitionTime the controller's
    const times = run(
      "kubectl get node kind-worker -o jsonpath='{.status.conditions[3].lastHeartbeatTime} {.status.conditions[3].lastTransitionTime} {.spec.taints[0].timeAdded}'",
    ).output.split(' ');
    expect(times[0] < times[1]).toBe(true);
    expect(times[2]).toBe(times[1]);
    expect(run(TAINTS).output).toBe(
      'node.kubernetes.io/unreachable:NoExecute;node.kubernetes.io/unreachable:NoSchedule;',
    );
    const events = run('kubectl get events').output;
    expect(events).toMatch(
      /Normal +NodeNotReady +node\/kind-worker +Node kind-worker status is now: NodeNotReady\n/,
    );
    expect(events).toMatch(/Warning +NodeNotReady +pod\/web-\S+ +Node is not ready\n/);
    expect(
      run(
        'kubectl get pods -o jsonpath=\'{range .items[*]}{.status.conditions[?(@.type=="Ready")].status};{end}\'',
      ).output,
    ).toBe('False;False;');

    // the default tolerations (DefaultTolerationSeconds admission) keep the pods 300s
    run('sleep 240');
    expect(run('kubectl get pods -o name').output.trim().split('\n')).toEqual(original);
    run('sleep 60');
    const pods = run('kubectl get pods').output;
    for (const p of original) expect(pods).toMatch(new RegExp(`${p.slice(4)} +1/1 +Terminating +0 `));
    expect(pods.match(/0\/1 +Pending/g)).toHaveLength(2);
    const after = run('kubectl get events').output;
    for (const p of original)
      expect(after).toContain(
        `TaintManagerEviction   ${p}    Marking for deletion Pod default/${p.slice(4)}\n`,
      );
    expect(after).toContain(
      '0/2 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.\n',
    );
    expect(
      run(
        `kubectl get ${original[0]} -o jsonpath='{.status.conditions[?(@.type=="DisruptionTarget")].reason} {.status.conditions[?(@.type=="DisruptionTarget")].message}'`,
      ).output,
    ).toBe('DeletionByTaintManager Taint manager: deleting due to NoExecute taint');
    // the kubelet is down: nothing finishes the deletion
    run('sleep 120');
    expect(run('kubectl get pods').output.match(/Terminating/g)).toHaveLength(2);

    expect(run('docker start kind-worker').output).toBe('kind-worker\n');
    expect(run('docker ps').output).toMatch(/Up 1 second {6}\s+kind-worker\n/);
    expect(run('kubectl get nodes').output).toMatch(/\nkind-worker {10}Ready {4}<none> /);
    expect(run(TAINTS).output).toBe('');
    expect(run(CONDITIONS).output).toBe(
      'MemoryPressure=False KubeletHasSufficientMemory kubelet has sufficient memory available;' +
        'DiskPressure=False KubeletHasNoDiskPressure kubelet has no disk pressure;' +
        'PIDPressure=False KubeletHasSufficientPID kubelet has sufficient PID available;' +
        'Ready=True KubeletReady kubelet is posting ready status;',
    );
    const back = run('kubectl get pods -o wide').output;
    expect(back).not.toContain('Terminating');
    expect(back.match(/1\/1 +Running +0 +\S+ +10\.244\.1\.\d+ +kind-worker /g)).toHaveLength(2);
    for (const p of original) expect(back).not.toContain(p.slice(4));
  });

  it('cancels the scheduled evictions when the node comes back in time', () => {
    const run = cluster();
    run('kubectl create deployment web --image=nginx --replicas=1');
    const pod = run('kubectl get pods -o name').output.trim();
    run('docker stop kind-worker');
    run('sleep 120');
    expect(run('docker start kind-worker').output).toBe('kind-worker\n');
    // emitCancelPodDeletionEvent
    expect(run('kubectl get events').output).toContain(
      `TaintManagerEviction   ${pod}    Cancelling deletion Pod default/${pod.slice(4)}\n`,
    );
    run('sleep 400');
    expect(run('kubectl get pods -o name').output.trim()).toBe(pod);
    expect(
      run(`kubectl get ${pod} -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`).output,
    ).toBe('True');
  });
});

describe('tolerationTimeMs (getMatchingTolerations + getMinTolerationTime)', () => {
  const taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
  it('evicts at once what is not tolerated, never what is tolerated without a limit', () => {
    expect(tolerationTimeMs([taint], [])).toBeNull();
    expect(tolerationTimeMs([taint], [{ operator: 'Exists' }])).toBe(Number.POSITIVE_INFINITY);
    expect(
      tolerationTimeMs(
        [taint],
        [{ key: taint.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      ),
    ).toBe(300_000);
    expect(
      tolerationTimeMs(
        [taint],
        [{ key: taint.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: -5 }],
      ),
    ).toBe(0);
  });
});
