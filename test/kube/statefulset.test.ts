// The StatefulSet controller end to end on a kind cluster: ordered creation, stable names and
// claims, scale down from the highest ordinal, Parallel management, rolling updates, revisions.
// Event texts are those of pkg/controller/statefulset/stateful_pod_control.go (recordPodEvent,
// recordClaimEvent); the revision hash follows pkg/controller/history HashControllerRevision.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { fnv32, goJson, revisionHash } from '../../engine/kube/controllers/statefulset-revisions.ts';

const WEB = (extra = '') => `cat > web.yaml <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: nginx
  replicas: 3${extra}
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
EOF`;

function cluster(manifest = WEB()) {
  const s = new Session(createWorld({ seed: 'statefulset-test' }));
  const run = (line: string) => s.run(line);
  run('kind create cluster');
  run(manifest);
  expect(run('kubectl apply -f web.yaml').output).toBe(
    'service/nginx created\nstatefulset.apps/web created\n',
  );
  const json = (line: string) => JSON.parse(run(`${line} -o json`).output);
  return { run, json };
}

/** The statefulset-controller's events on the set, oldest first. */
function setEvents(json: (line: string) => { items: Record<string, unknown>[] }): string[] {
  return json('kubectl get events --field-selector involvedObject.kind=StatefulSet').items.map(
    (e) => `${e.reason} ${e.message}`,
  );
}

describe('StatefulSet controller', () => {
  it('creates web-0, web-1, web-2 in order with their claims', () => {
    const { run, json } = cluster();
    const pods = json('kubectl get pods').items;
    expect(pods.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual([
      'web-0',
      'web-1',
      'web-2',
    ]);
    const created = pods.map((p: { metadata: { creationTimestamp: string } }) =>
      Date.parse(p.metadata.creationTimestamp),
    );
    expect(created[0]).toBeLessThan(created[1]);
    expect(created[1]).toBeLessThan(created[2]);
    // OrderedReady: web-1 only after web-0 is Ready
    const ready0 = pods[0].status.conditions.find((c: { type: string }) => c.type === 'Ready');
    expect(created[1]).toBeGreaterThanOrEqual(Date.parse(ready0.lastTransitionTime));
    expect(setEvents(json)).toEqual([
      'SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'SuccessfulCreate create Pod web-2 in StatefulSet web successful',
    ]);
    expect(run('kubectl get sts').output).toMatch(/^NAME {3}READY {3}AGE\nweb {4}3\/3 {5}\d+s\n$/);
    expect(run('kubectl get pvc').output).toMatch(
      /^NAME {8}STATUS {3}VOLUME {37}CAPACITY {3}ACCESS MODES {3}STORAGECLASS {3}VOLUMEATTRIBUTESCLASS {3}AGE\nwww-web-0 {3}Bound {4}pvc-[0-9a-f-]{36} {3}1Gi {8}RWO {12}standard {7}<unset> {17}\d+s\n/,
    );
  });

  it('gives each pod its identity, claim volume and revision label', () => {
    const { json } = cluster();
    const pod = json('kubectl get pod web-1');
    const set = json('kubectl get sts web');
    const rev = json('kubectl get controllerrevisions').items[0];
    expect(pod.metadata.generateName).toBe('web-');
    expect(pod.metadata.labels).toEqual({
      app: 'nginx',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': rev.metadata.name,
      'statefulset.kubernetes.io/pod-name': 'web-1',
    });
    expect(pod.spec.hostname).toBe('web-1');
    expect(pod.spec.subdomain).toBe('nginx');
    expect(pod.spec.volumes[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    // ControllerRevisionName(set, hash) and the controller.kubernetes.io/hash label
    const hash = rev.metadata.labels['controller.kubernetes.io/hash'];
    expect(rev.metadata.name).toBe(`web-${hash}`);
    expect(rev.revision).toBe(1);
    expect(rev.data.spec.template.$patch).toBe('replace');
    expect(revisionHash(rev.data, 0)).toBe(hash);
    expect(set.status).toEqual({
      availableReplicas: 3,
      collisionCount: 0,
      currentReplicas: 3,
      currentRevision: rev.metadata.name,
      observedGeneration: 1,
      readyReplicas: 3,
      replicas: 3,
      updateRevision: rev.metadata.name,
      updatedReplicas: 3,
    });
    // claims carry the selector's labels and no owner (persistentVolumeClaimRetentionPolicy Retain)
    const claim = json('kubectl get pvc www-web-1');
    expect(claim.metadata.labels).toEqual({ app: 'nginx' });
    expect(claim.metadata.ownerReferences).toBeUndefined();
  });

  it('scales down from the highest ordinal, one pod at a time, keeping the claims', () => {
    const { run, json } = cluster();
    expect(run('kubectl scale sts web --replicas=1').output).toBe('statefulset.apps/web scaled\n');
    expect(run('kubectl get pods -o name').output).toBe('pod/web-0\n');
    const deletes = setEvents(json).filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes).toEqual([
      'SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete delete Pod web-1 in StatefulSet web successful',
    ]);
    const killed = json('kubectl get events --field-selector reason=Killing').items;
    const killedAt = (pod: string) =>
      Date.parse(
        killed.find((e: { involvedObject: { name: string } }) => e.involvedObject.name === pod)
          .firstTimestamp,
      );
    expect(killedAt('web-2')).toBeLessThanOrEqual(killedAt('web-1'));
    expect(run('kubectl get pvc -o name').output).toBe(
      'persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1\npersistentvolumeclaim/www-web-2\n',
    );
    expect(json('kubectl get sts web').status.replicas).toBe(1);
  });

  it('creates every pod at once with podManagementPolicy Parallel', () => {
    const { json } = cluster(WEB('\n  podManagementPolicy: Parallel'));
    const pods = json('kubectl get pods').items;
    const created = new Set(
      pods.map((p: { metadata: { creationTimestamp: string } }) => p.metadata.creationTimestamp),
    );
    expect(pods).toHaveLength(3);
    expect(created.size).toBe(1);
  });

  it('rolls a new template from the highest ordinal down and records revision 2', () => {
    const { run, json } = cluster();
    run('kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27');
    const revisions = json('kubectl get controllerrevisions').items;
    expect(revisions.map((r: { revision: number }) => r.revision).sort()).toEqual([1, 2]);
    const update = revisions.find((r: { revision: number }) => r.revision === 2).metadata.name;
    const pods = json('kubectl get pods').items;
    for (const p of pods) expect(p.metadata.labels['controller-revision-hash']).toBe(update);
    const deletes = setEvents(json).filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes).toEqual([
      'SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete delete Pod web-1 in StatefulSet web successful',
      'SuccessfulDelete delete Pod web-0 in StatefulSet web successful',
    ]);
    const status = json('kubectl get sts web').status;
    expect(status.currentRevision).toBe(update);
    expect(status.updateRevision).toBe(update);
    expect(status.updatedReplicas).toBe(3);
  });

  it('leaves ordinals below the partition at the current revision', () => {
    const { run, json } = cluster(
      WEB('\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: 2'),
    );
    const before = json('kubectl get sts web').status.currentRevision;
    run('kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27');
    const status = json('kubectl get sts web').status;
    expect(status.currentRevision).toBe(before);
    expect(status.updatedReplicas).toBe(1);
    expect(status.currentReplicas).toBe(2);
    const labels = json('kubectl get pods').items.map(
      (p: { metadata: { labels: Record<string, string> } }) => p.metadata.labels['controller-revision-hash'],
    );
    expect(labels).toEqual([before, before, status.updateRevision]);
  });
});

describe('revision hashing', () => {
  it('is FNV-1 32 as hash/fnv New32 (golden32 of hash/fnv fnv_test.go)', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(fnv32(enc(''))).toBe(0x811c9dc5);
    expect(fnv32(enc('a'))).toBe(0x050c5d7e);
    expect(fnv32(enc('ab'))).toBe(0x70772d38);
    expect(fnv32(enc('abc'))).toBe(0x439c2f4b);
  });

  it('encodes like encoding/json: sorted keys and HTML-safe strings', () => {
    expect(goJson({ b: 1, a: ['<&>'], c: null })).toBe('{"a":["\\u003c\\u0026\\u003e"],"b":1,"c":null}');
  });
});
