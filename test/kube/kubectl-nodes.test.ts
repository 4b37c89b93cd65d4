// kubectl taint, cordon, uncordon and drain against a kind cluster with two workers. Expected
// lines come from k8s.io/kubectl v0.32.4: pkg/cmd/taint (taint.go, utils.go), pkg/cmd/drain
// (drain.go RunDrain, RunCordonOrUncordon), pkg/drain (filters.go, drain.go evictPods) and the
// eviction subresource's 429 (pkg/registry/core/pod/storage/eviction.go).
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';

function cluster() {
  const s = new Session(createWorld({ seed: 'nodes' }));
  s.run(
    "printf 'kind: Cluster\\napiVersion: kind.x-k8s.io/v1alpha4\\nnodes:\\n- role: control-plane\\n- role: worker\\n- role: worker\\n' > kind.yaml",
  );
  expect(s.run('kind create cluster --config kind.yaml').status).toBe(0);
  return (line: string) => s.run(line);
}

describe('kubectl taint', () => {
  it('adds, removes and refuses taints as taint/utils.go does', () => {
    const run = cluster();
    // updateTaints: checkIfTaintsAlreadyExists
    const again = run(
      'kubectl taint nodes kind-control-plane node-role.kubernetes.io/control-plane:NoSchedule',
    );
    expect(again.status).toBe(1);
    expect(again.output).toBe(
      'error: node kind-control-plane already has node-role.kubernetes.io/control-plane taint(s) with same effect(s) and --overwrite is false\n',
    );
    expect(run('kubectl taint nodes kind-worker dedicated=web:NoSchedule').output).toBe(
      'node/kind-worker tainted\n',
    );
    expect(run('kubectl get node kind-worker -o jsonpath={.spec.taints}').output).toBe(
      '[{"effect":"NoSchedule","key":"dedicated","value":"web"}]',
    );
    // reorganizeTaints: --overwrite reports "modified"
    expect(run('kubectl taint nodes kind-worker dedicated=api:NoSchedule --overwrite').output).toBe(
      'node/kind-worker modified\n',
    );
    expect(run('kubectl taint nodes kind-worker dedicated-').output).toBe('node/kind-worker untainted\n');
    const missing = run('kubectl taint nodes kind-worker dedicated:NoSchedule-');
    expect(missing.output).toBe('error: taint "dedicated:NoSchedule" not found\n');
    expect(run('kubectl taint nodes kind-worker a=b:Sometimes').output).toBe(
      "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n",
    );
    expect(run('kubectl taint pods x a=b:NoSchedule').output).toBe(
      'error: invalid resource type pods, only node types are supported\n',
    );
    expect(run('kubectl taint nodes --all e=1:PreferNoSchedule').output).toBe(
      'node/kind-control-plane tainted\nnode/kind-worker tainted\nnode/kind-worker2 tainted\n',
    );
  });
});

describe('kubectl cordon, uncordon and drain', () => {
  it('cordons once and says so the second time', () => {
    const run = cluster();
    expect(run('kubectl cordon kind-worker').output).toBe('node/kind-worker cordoned\n');
    expect(run('kubectl cordon kind-worker').output).toBe('node/kind-worker already cordoned\n');
    expect(run('kubectl get node kind-worker -o jsonpath={.spec.unschedulable}').output).toBe('true');
    expect(run('kubectl uncordon kind-worker').output).toBe('node/kind-worker uncordoned\n');
    expect(run('kubectl uncordon kind-worker').output).toBe('node/kind-worker already uncordoned\n');
  });

  it('refuses DaemonSet pods without --ignore-daemonsets', () => {
    const run = cluster();
    const r = run('kubectl drain kind-worker');
    expect(r.status).toBe(1);
    expect(r.output).toMatch(
      /^node\/kind-worker cordoned\nerror: unable to drain node "kind-worker" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kindnet-\w+, kube-system\/kube-proxy-\w+, continuing command...\nThere are pending nodes to be drained:\n kind-worker\ncannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kindnet-\w+, kube-system\/kube-proxy-\w+\n$/,
    );
  });

  it('evicts pods, retrying while a PodDisruptionBudget forbids it', () => {
    const run = cluster();
    run('kubectl create deployment web --image=nginx --replicas=3');
    run(
      "printf 'apiVersion: policy/v1\\nkind: PodDisruptionBudget\\nmetadata:\\n  name: web\\nspec:\\n  minAvailable: 3\\n  selector:\\n    matchLabels:\\n      app: web\\n' > pdb.yaml",
    );
    run('kubectl apply -f pdb.yaml');
    const onWorker = run(
      "kubectl get pods -l app=web --field-selector spec.nodeName=kind-worker -o jsonpath='{.items[0].metadata.name}'",
    ).output;
    const blocked = run('kubectl drain kind-worker --ignore-daemonsets --timeout=12s');
    expect(blocked.status).toBe(1);
    expect(blocked.output).toContain(
      `evicting pod default/${onWorker}\nerror when evicting pods/"${onWorker}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`,
    );
    expect(blocked.output).toContain(
      `error when evicting pods/"${onWorker}" -n "default": global timeout reached: 12s`,
    );
    run('kubectl patch pdb web --type merge -p \'{"spec":{"minAvailable":1}}\'');
    const drained = run('kubectl drain kind-worker --ignore-daemonsets');
    expect(drained.status).toBe(0);
    expect(drained.output).toMatch(
      /^node\/kind-worker already cordoned\nWarning: ignoring DaemonSet-managed Pods: /,
    );
    expect(drained.output).toContain(`pod/${onWorker} evicted\n`);
    expect(drained.output.endsWith('node/kind-worker drained\n')).toBe(true);
    expect(run('kubectl get pods -A --field-selector spec.nodeName=kind-worker -o name').output).toMatch(
      /^pod\/kindnet-\w+\npod\/kube-proxy-\w+\n$/,
    );
  });

  it('prints what it would evict with --dry-run=client', () => {
    const run = cluster();
    run('kubectl run solo --image=nginx');
    const node = run('kubectl get pod solo -o jsonpath={.spec.nodeName}').output;
    // unreplicatedFilter: a bare pod needs --force
    const refused = run(`kubectl drain ${node} --ignore-daemonsets`);
    expect(refused.output).toContain(
      'cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo\n',
    );
    const dry = run(`kubectl drain ${node} --ignore-daemonsets --force --dry-run=client`);
    // PodDeleteList.Warnings joins one "message: pods" part per message with "; " (map order)
    expect(dry.output).toMatch(/\nWarning: .*deleting Pods that declare no controller: default\/solo/);
    expect(dry.output).toContain('evicting pod default/solo (dry run)\n');
    expect(dry.output).toContain(`node/${node} drained (dry run)\n`);
  });
});
