// The Endpoints and EndpointSlice controllers end to end (kubectl get/describe through the
// real printers) and their building blocks against pkg/controller/endpoint and
// staging/src/k8s.io/endpointslice (v1.32).
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { repackSubsets } from '../../engine/kube/controllers/endpoints-subsets.ts';
import { reconcileSlices } from '../../engine/kube/controllers/endpointslice-reconciler.ts';

function cluster() {
  const s = new Session(createWorld({ seed: 'endpoints' }));
  const run = (line: string) => s.run(line);
  run('kind create cluster');
  const apply = (yaml: string) => run(`cat <<'EOF' | kubectl apply -f -\n${yaml}\nEOF`);
  const json = (line: string) => JSON.parse(run(line).output);
  return { run, apply, json };
}

const POD_IP = '10\\.244\\.0\\.\\d+';

describe('Endpoints and EndpointSlices of a Deployment', () => {
  it('lists the ready pods of an exposed deployment', () => {
    const { run, json } = cluster();
    run('kubectl create deployment web --image=nginx --replicas=2');
    expect(run('kubectl expose deployment web --port=80').output).toBe('service/web exposed\n');
    // printEndpoints: NAME, ENDPOINTS (formatEndpoints), AGE
    expect(run('kubectl get endpoints web').output).toMatch(
      new RegExp(`^NAME +ENDPOINTS +AGE\\nweb +${POD_IP}:80,${POD_IP}:80 +\\d+s\\n$`),
    );
    const pods = json('kubectl get pods -l app=web -o json').items as KubeObject[];
    const ep = json('kubectl get endpoints web -o json');
    // syncService: labels copied from the Service, trigger time = Service creation on first sync
    expect(ep.metadata.labels).toEqual({ app: 'web' });
    const svc = json('kubectl get svc web -o json');
    expect(ep.metadata.annotations).toEqual({
      'endpoints.kubernetes.io/last-change-trigger-time': svc.metadata.creationTimestamp,
    });
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    const byIP = [...pods].sort((a, b) => (a.status?.podIP < b.status?.podIP ? -1 : 1));
    // podToEndpointAddressForService: ip, nodeName, targetRef without resourceVersion
    expect(ep.subsets[0].addresses).toEqual(
      byIP.map((p) => ({
        ip: p.status?.podIP,
        nodeName: 'kind-control-plane',
        targetRef: { kind: 'Pod', name: p.metadata.name, namespace: 'default', uid: p.metadata.uid },
      })),
    );

    const slices = json('kubectl get endpointslices -l kubernetes.io/service-name=web -o json').items;
    expect(slices).toHaveLength(1);
    const slice = slices[0];
    expect(slice.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.generateName).toBe('web-');
    expect(slice.metadata.labels).toEqual({
      app: 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      'kubernetes.io/service-name': 'web',
    });
    expect(slice.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        name: 'web',
        uid: svc.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    for (const e of slice.endpoints) {
      expect(e.conditions).toEqual({ ready: true, serving: true, terminating: false });
      expect(e.nodeName).toBe('kind-control-plane');
      expect(e.targetRef.kind).toBe('Pod');
    }
    // printEndpointSlice: NAME, ADDRESSTYPE, PORTS, ENDPOINTS, AGE
    expect(run('kubectl get endpointslices -l kubernetes.io/service-name=web').output).toMatch(
      new RegExp(
        `^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE\\nweb-\\w{5} +IPv4 +80 +${POD_IP},${POD_IP} +\\d+s\\n$`,
      ),
    );
    // describeService's Endpoints line comes from the slices
    expect(run('kubectl describe svc web').output).toMatch(
      new RegExp(`\\nEndpoints: +${POD_IP}:80,${POD_IP}:80\\n`),
    );
  });

  it('shows three addresses and "+ N more..." and follows scaling down', () => {
    const { run } = cluster();
    run('kubectl create deployment web --image=nginx --replicas=5');
    run('kubectl expose deployment web --port=80 --target-port=8080');
    expect(run('kubectl get ep web').output).toMatch(
      new RegExp(`\\nweb +${POD_IP}:8080,${POD_IP}:8080,${POD_IP}:8080 \\+ 2 more\\.\\.\\. +\\d+s\\n$`),
    );
    expect(run('kubectl get endpointslices').output).toMatch(
      new RegExp(` +IPv4 +8080 +${POD_IP},${POD_IP},${POD_IP} \\+ 2 more\\.\\.\\. +\\d+s\\n$`),
    );
    run('kubectl scale deployment web --replicas=1');
    expect(run('kubectl get ep web').output).toMatch(new RegExp(`\\nweb +${POD_IP}:8080 +\\d+s\\n$`));
    // the slice is updated in place, not replaced
    expect(run('kubectl get endpointslices -o name').output.trim().split('\n')).toHaveLength(2);
  });

  it('moves a pod between addresses and notReadyAddresses as readiness changes', () => {
    const { run, apply, json } = cluster();
    apply(`apiVersion: v1
kind: Pod
metadata:
  name: flip
  labels:
    app: flip
spec:
  containers:
  - name: c
    image: busybox
    args: [/bin/sh, -c, 'sleep 20; touch /tmp/ready; sleep 30; rm -f /tmp/ready; sleep 600']
    readinessProbe:
      exec:
        command: [cat, /tmp/ready]
      periodSeconds: 2`);
    run('kubectl create service clusterip flip --tcp=80:80');
    const notReady = json('kubectl get ep flip -o json');
    expect(notReady.subsets[0].addresses).toBeUndefined();
    expect(notReady.subsets[0].notReadyAddresses).toHaveLength(1);
    // formatEndpoints prints only ready addresses: subsets without any leave the cell empty
    expect(run('kubectl get ep flip').output).toMatch(/\nflip {15}\d+s\n$/);
    const slice0 = json('kubectl get endpointslices -l kubernetes.io/service-name=flip -o json').items[0];
    expect(slice0.endpoints[0].conditions).toEqual({ ready: false, serving: false, terminating: false });
    run('sleep 25');
    const ready = json('kubectl get ep flip -o json');
    expect(ready.subsets[0].addresses).toHaveLength(1);
    expect(ready.subsets[0].notReadyAddresses).toBeUndefined();
    const pod = json('kubectl get pod flip -o json');
    const readyCondition = pod.status.conditions.find((c: { type: string }) => c.type === 'Ready');
    // TriggerTimeTracker: the Ready condition's transition that caused the change
    expect(ready.metadata.annotations['endpoints.kubernetes.io/last-change-trigger-time']).toBe(
      readyCondition.lastTransitionTime,
    );
    const slice1 = json('kubectl get endpointslices -l kubernetes.io/service-name=flip -o json').items[0];
    expect(slice1.metadata.name).toBe(slice0.metadata.name);
    expect(slice1.endpoints[0].conditions).toEqual({ ready: true, serving: true, terminating: false });
    run('sleep 40');
    expect(json('kubectl get ep flip -o json').subsets[0].notReadyAddresses).toHaveLength(1);
  });

  it('leaves selectorless Services alone and gives empty ones a placeholder slice', () => {
    const { run, apply, json } = cluster();
    apply(`apiVersion: v1
kind: Service
metadata:
  name: manual
spec:
  ports:
  - port: 80`);
    expect(run('kubectl get ep manual').output).toBe(
      'Error from server (NotFound): endpoints "manual" not found\n',
    );
    run('kubectl create service clusterip empty --tcp=80:8080');
    // Endpoints without subsets print <none>; the placeholder slice has no ports or endpoints
    expect(run('kubectl get ep empty').output).toMatch(/\nempty +<none> +\d+s\n$/);
    const placeholder = json('kubectl get endpointslices -l kubernetes.io/service-name=empty -o json').items;
    expect(placeholder).toHaveLength(1);
    expect(placeholder[0].endpoints).toBeNull();
    expect(placeholder[0].ports).toBeNull();
    expect(run('kubectl get endpointslices -l kubernetes.io/service-name=empty').output).toMatch(
      /\nempty-\w{5} +IPv4 +<unset> +<unset> +\d+s\n$/,
    );
    run('kubectl delete svc empty');
    expect(run('kubectl get ep empty').output).toBe(
      'Error from server (NotFound): endpoints "empty" not found\n',
    );
  });

  it('labels headless Services and sets hostnames for pods of their subdomain', () => {
    const { apply, json } = cluster();
    apply(`apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - port: 5432
---
apiVersion: v1
kind: Pod
metadata:
  name: db-0
  labels:
    app: db
spec:
  hostname: db-0
  subdomain: db
  containers:
  - name: c
    image: nginx`);
    const ep = json('kubectl get ep db -o json');
    expect(ep.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(ep.subsets[0].addresses[0].hostname).toBe('db-0');
    const slice = json('kubectl get endpointslices -l kubernetes.io/service-name=db -o json').items[0];
    expect(slice.metadata.labels['service.kubernetes.io/headless']).toBe('');
    expect(slice.endpoints[0].hostname).toBe('db-0');
  });

  it('keeps the kubernetes Service pointing at the API server', () => {
    const { run, json } = cluster();
    expect(run('kubectl get ep kubernetes').output).toMatch(
      /^NAME +ENDPOINTS +AGE\nkubernetes +172\.18\.0\.2:6443 +\d+s\n$/,
    );
    const slice = json('kubectl get endpointslice kubernetes -o json');
    expect(slice.metadata.labels).toEqual({ 'kubernetes.io/service-name': 'kubernetes' });
    expect(slice.endpoints).toEqual([{ addresses: ['172.18.0.2'], conditions: { ready: true } }]);
    expect(slice.ports).toEqual([{ name: 'https', port: 6443, protocol: 'TCP' }]);
  });
});

describe('endpoint building blocks', () => {
  const address = (ip: string, uid: string) => ({ ip, nodeName: 'n', targetRef: { kind: 'Pod', uid } });

  it('repacks per-pod subsets: shared port sets merge, not-ready wins, addresses sort by IP', () => {
    // pkg/api/v1/endpoints/util.go RepackSubsets / LessEndpointAddress
    const p80 = { port: 80, protocol: 'TCP' };
    const subsets = repackSubsets([
      { address: address('10.0.0.9', 'b'), port: p80, ready: true },
      { address: address('10.0.0.10', 'a'), port: p80, ready: true },
      { address: address('10.0.0.11', 'c'), port: p80, ready: false },
    ]);
    expect(subsets).toEqual([
      {
        addresses: [address('10.0.0.10', 'a'), address('10.0.0.9', 'b')],
        notReadyAddresses: [address('10.0.0.11', 'c')],
        ports: [p80],
      },
    ]);
    // a headless Service without ports keeps its addresses (the Port -1 sentinel)
    expect(repackSubsets([{ address: address('1.2.3.4', 'x'), port: null, ready: true }])).toEqual([
      { addresses: [address('1.2.3.4', 'x')] },
    ]);
  });

  const svc: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'foo', namespace: 'test', uid: 'svc-uid', creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: {
      selector: { app: 'foo' },
      clusterIP: '10.96.0.5',
      ipFamilies: ['IPv4'],
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
    },
  };
  const pod = (name: string, ready: boolean, terminating = false): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'test',
      uid: `uid-${name}`,
      labels: { app: 'foo' },
      ...(terminating ? { deletionTimestamp: '2025-01-01T00:01:00Z' } : {}),
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'c' }] },
    status: {
      phase: 'Running',
      podIP: `10.0.0.${name.length}`,
      podIPs: [{ ip: `10.0.0.${name.length}` }],
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  });
  const node: KubeObject = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'us-a' } },
  };

  it('keeps terminating pods with ready=false and serving from readiness (podToEndpoint)', () => {
    const changes = reconcileSlices(svc, [pod('p', true, true)], [], (n) =>
      n === 'node-1' ? node : undefined,
    );
    expect(changes.create).toHaveLength(1);
    expect(changes.create[0].endpoints).toEqual([
      {
        addresses: ['10.0.0.1'],
        conditions: { ready: false, serving: true, terminating: true },
        targetRef: { kind: 'Pod', namespace: 'test', name: 'p', uid: 'uid-p' },
        nodeName: 'node-1',
        zone: 'us-a',
      },
    ]);
    expect(changes.create[0].ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
  });

  it('creates one placeholder for no pods and splits at 100 endpoints per slice', () => {
    // TestReconcileEmpty: one slice, named after the Service, with no ports and no endpoints
    const empty = reconcileSlices(svc, [], [], () => node);
    expect(empty.create).toHaveLength(1);
    expect(empty.create[0].metadata.generateName).toBe('foo-');
    expect(empty.create[0].endpoints).toEqual([]);
    expect(empty.create[0].ports).toEqual([]);
    const many = Array.from({ length: 250 }, (_, i) => {
      const p = pod(`p${i}`, true);
      p.status = { ...p.status, podIPs: [{ ip: `10.1.${i >> 8}.${i & 255}` }] };
      return p;
    });
    const split = reconcileSlices(svc, many, [], () => node);
    expect(split.create.map((s) => (s.endpoints as unknown[]).length)).toEqual([100, 100, 50]);
    expect(split.missingNodes).toEqual([]);
    // a pod on a Node that does not exist is left out (and the sync retried)
    const missing = reconcileSlices(svc, [pod('p', true)], [], () => undefined);
    expect(missing.missingNodes).toEqual(['p']);
  });
});
