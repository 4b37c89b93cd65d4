// kubectl auth can-i over the RBAC authorizer and kubectl events. Texts follow kubectl's
// pkg/cmd/auth/cani.go (yes/no, warnings, the --list table built with BreakdownRule,
// CompactRules and PolicyRule.String() order) and pkg/cmd/events (event_printer.go).
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { bootstrapPolicyObjects } from '../../engine/kube/auth/bootstrap-policy.ts';
import { kubeWorld } from '../../engine/kube/world-clusters.ts';

function cluster() {
  const world = createWorld({ seed: 'auth-events' });
  const s = new Session(world);
  s.run('kind create cluster');
  const c = kubeWorld(world).clusters.get('kind')?.cluster;
  if (!c) throw new Error('no cluster');
  return { run: (line: string) => s.run(line), c };
}

describe('kubectl auth can-i', () => {
  it('answers yes for kind admin (kubeadm:cluster-admins is bound to cluster-admin)', () => {
    const { run } = cluster();
    const r = run('kubectl auth can-i create deployments');
    expect(r.output).toBe('yes\n');
    expect(r.status).toBe(0);
    expect(run('kubectl auth can-i get /healthz').output).toBe('yes\n');
  });

  it('answers no with exit status 1, and -q prints nothing', () => {
    const { run } = cluster();
    const r = run('kubectl auth can-i list pods --as=alice');
    expect(r.output).toBe('no\n');
    expect(r.status).toBe(1);
    const q = run('kubectl auth can-i list pods --as=alice -q');
    expect(q.output).toBe('');
    expect(q.status).toBe(1);
  });

  it('follows Roles, RoleBindings, resourceNames and subresources', () => {
    const { run } = cluster();
    run('kubectl create role reader --verb=get,list --resource=pods,pods/log');
    run('kubectl create role one --verb=get --resource=configmaps --resource-name=cfg');
    run('kubectl create rolebinding reader --role=reader --user=alice');
    run('kubectl create rolebinding one --role=one --serviceaccount=default:app');
    expect(run('kubectl auth can-i list pods --as=alice').output).toBe('yes\n');
    expect(run('kubectl auth can-i list pods --as=alice -n kube-system').output).toBe('no\n');
    expect(run('kubectl auth can-i get pods --subresource=log --as=alice').output).toBe('yes\n');
    expect(run('kubectl auth can-i get pods --subresource=exec --as=alice').output).toBe('no\n');
    expect(run('kubectl auth can-i get configmaps/cfg --as=system:serviceaccount:default:app').output).toBe(
      'yes\n',
    );
    expect(run('kubectl auth can-i get configmaps/other --as=system:serviceaccount:default:app').output).toBe(
      'no\n',
    );
  });

  it('groups: --as-group and service-account groups', () => {
    const { run } = cluster();
    run('kubectl create clusterrolebinding devs --clusterrole=cluster-admin --group=devs');
    run(
      'kubectl create clusterrolebinding sas --clusterrole=cluster-admin --group=system:serviceaccounts:team',
    );
    expect(run('kubectl auth can-i delete nodes --as=bob --as-group=devs').output).toBe(
      "Warning: resource 'nodes' is not namespace scoped\nyes\n",
    );
    expect(run('kubectl auth can-i delete pods --as=system:serviceaccount:team:x').output).toBe('yes\n');
    expect(run('kubectl auth can-i delete pods --as=system:serviceaccount:other:x').output).toBe('no\n');
  });

  it('reports a binding to a missing role (rbac.go: "RBAC: " and the lookup error)', () => {
    const { run } = cluster();
    run('kubectl create rolebinding broken --clusterrole=nope --user=carol');
    expect(run('kubectl auth can-i get pods --as=carol').output).toBe(
      'no - RBAC: clusterrole.rbac.authorization.k8s.io "nope" not found\n',
    );
  });

  it('warns about unknown resources and verbs', () => {
    const { run } = cluster();
    expect(run('kubectl auth can-i get foos').output).toBe(
      "Warning: the server doesn't have a resource type 'foos'\nyes\n",
    );
    expect(run('kubectl auth can-i fly pods').output).toBe("Warning: verb 'fly' is not a known verb\nyes\n");
    expect(run('kubectl auth can-i get').output).toBe(
      "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n",
    );
  });

  it('impersonation needs permission: without the kubeadm binding the admin may not impersonate', () => {
    const { run } = cluster();
    // a new cluster has the bootstrap policy and kubeadm's binding
    for (const obj of bootstrapPolicyObjects())
      expect(run(`kubectl get ${obj.kind.toLowerCase()} ${obj.metadata.name} -o name`).status).toBe(0);
    expect(run('kubectl delete clusterrolebinding kubeadm:cluster-admins').status).toBe(0);
    expect(run('kubectl auth can-i get pods').output).toBe('no\n');
    expect(run('kubectl auth can-i get pods --as=alice').output).toBe(
      'Error from server (Forbidden): users "alice" is forbidden: User "kubernetes-admin" cannot impersonate resource "users" in API group "" at the cluster scope\n',
    );
  });

  it('--list for a service account: bootstrap roles broken down, compacted and sorted', () => {
    const { run } = cluster();
    const out = run('kubectl auth can-i --list --as=system:serviceaccount:default:default').output;
    const url = (u: string) =>
      `                                                ${u.padEnd(20)}[]               [get]\n`;
    expect(out).toBe(
      'Resources                                       Non-Resource URLs   Resource Names   Verbs\n' +
        'selfsubjectreviews.authentication.k8s.io        []                  []               [create]\n' +
        'selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]\n' +
        'selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]\n' +
        [
          '[/api/*]',
          '[/api]',
          '[/apis/*]',
          '[/apis]',
          '[/healthz]',
          '[/healthz]',
          '[/livez]',
          '[/livez]',
          '[/openapi/*]',
          '[/openapi]',
          '[/readyz]',
          '[/readyz]',
          '[/version/]',
          '[/version/]',
          '[/version]',
          '[/version]',
        ]
          .map(url)
          .join(''),
    );
  });
});

describe('kubectl events', () => {
  it('says when there are none', () => {
    const { run } = cluster();
    const r = run('kubectl events -n kube-public');
    expect(r.output).toBe('No events found in kube-public namespace.\n');
    expect(r.status).toBe(0);
  });

  it('prints the table sorted by time with kind/name objects, and filters', () => {
    const { run } = cluster();
    run('kubectl create deployment web --image=nginx');
    run('sleep 30');
    const out = run('kubectl events').output;
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(out).toMatch(
      /\n\d+s +Normal +ScalingReplicaSet +Deployment\/web +Scaled up replica set web-[a-z0-9]+ from 0 to 1\n/,
    );
    expect(out).toMatch(
      / +Normal +Scheduled +Pod\/web-[a-z0-9]+-[a-z0-9]+ +Successfully assigned default\/web-/,
    );
    const forDeploy = run('kubectl events --for deployment/web').output.trimEnd().split('\n');
    expect(forDeploy).toHaveLength(2);
    expect(run('kubectl events --types=Warning').output).toBe('No events found in default namespace.\n');
    expect(run('kubectl events --types=Bad').output).toBe('error: valid --types are Normal or Warning\n');
    expect(run('kubectl events --for web').output).toBe('error: --for must be in resource/name form\n');
    expect(run('kubectl events -A').output).toMatch(/^NAMESPACE +LAST SEEN +TYPE +REASON +OBJECT +MESSAGE\n/);
  });
});
