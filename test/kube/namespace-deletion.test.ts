// Deleting a namespace: Terminating while its content goes, then finalized through the
// finalize subresource (a plain update keeps spec.finalizers, as namespace strategy.go does)
// and removed; new content is refused meanwhile.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { kubeWorld } from '../../engine/kube/world-clusters.ts';

function cluster(s: Session) {
  const kind = kubeWorld(s.world).clusters.get('kind');
  if (!kind) throw new Error('no cluster');
  return kind.cluster;
}

describe('namespace deletion', () => {
  it('empties the namespace, then removes it', () => {
    const s = new Session(createWorld({ seed: 'ns-delete' }));
    s.run('kind create cluster');
    s.run('kubectl create namespace team');
    s.run('kubectl create deployment web --image=nginx -n team');
    s.run('kubectl create configmap settings --from-literal=a=b -n team');
    // kubectl delete.go: the name is printed as soon as the server accepts the deletion
    expect(s.run('kubectl delete namespace team --wait=false').output).toBe('namespace "team" deleted\n');
    expect(s.run('kubectl get namespace team').output).toMatch(
      /^NAME +STATUS +AGE\nteam +Terminating +\d+s\n$/,
    );
    // namespace lifecycle admission (plugin/pkg/admission/namespace/lifecycle)
    expect(s.run('kubectl create configmap late --from-literal=a=b -n team').output).toBe(
      'error: failed to create configmap: configmaps "late" is forbidden: unable to create new content in namespace team because it is being terminated\n',
    );
    s.run('sleep 35');
    expect(s.run('kubectl get namespace team').output).toBe(
      'Error from server (NotFound): namespaces "team" not found\n',
    );
    const c = cluster(s);
    for (const type of c.registry.all())
      if (type.namespaced) expect(c.store.scan(type, 'team').map((o) => o.metadata.name)).toEqual([]);
  });

  it('keeps spec.finalizers on a plain update', () => {
    const s = new Session(createWorld({ seed: 'ns-finalizers' }));
    s.run('kind create cluster');
    s.run('kubectl create namespace team');
    s.run(`kubectl patch namespace team --type=merge -p '{"spec":{"finalizers":[]}}'`);
    expect(s.run(`kubectl get namespace team -o jsonpath='{.spec.finalizers}'`).output).toBe(
      '["kubernetes"]',
    );
  });
});
