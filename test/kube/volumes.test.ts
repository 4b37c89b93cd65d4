// Volume binding on a kind cluster: the scheduler's VolumeBinding plugin (messages of
// pkg/scheduler/framework/plugins/volumebinding volume_binding.go, as TestVolumeBinding expects them),
// the PV controller (pv_controller.go events and annotations) and kind's local-path provisioner
// (rancher/local-path-provisioner provisioner.go: pvc-<uid>, <base>/<pv>_<ns>_<claim>, hostPath
// DirectoryOrCreate, kubernetes.io/hostname node affinity).
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';

function cluster() {
  const s = new Session(createWorld({ seed: 'volumes-test' }));
  const run = (line: string) => s.run(line);
  run('kind create cluster');
  const json = (line: string) => JSON.parse(run(`${line} -o json`).output);
  const apply = (name: string, yaml: string) => {
    run(`cat > ${name} <<'EOF'\n${yaml}\nEOF`);
    return run(`kubectl create -f ${name}`);
  };
  return { run, json, apply };
}

const POD = (claim: string) => `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: nginx
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: ${claim}`;

const CLAIM = (name: string, extra = '') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:${extra}
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 2Gi`;

/** The PreFilter rejection as FitError.Error() and the preemption PostFilter render it. */
const failed = (reason: string) =>
  `0/1 nodes are available: ${reason}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`;

describe('VolumeBinding', () => {
  it('keeps a pod whose claim does not exist Pending', () => {
    const { run, json, apply } = cluster();
    apply('pod.yaml', POD('missing'));
    expect(run('kubectl get pod app').output).toMatch(/app {4}0\/1 {5}Pending {3}0 {10}\d+s\n/);
    const events = json('kubectl get events --field-selector reason=FailedScheduling').items;
    expect(events[0].message).toBe(failed('persistentvolumeclaim "missing" not found'));
    const cond = json('kubectl get pod app').status.conditions[0];
    expect(cond).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' });
    // once the claim exists the pod is scheduled, its volume provisioned, and it runs
    apply('pvc.yaml', CLAIM('missing'));
    expect(json('kubectl get pod app').status.phase).toBe('Running');
    expect(json('kubectl get pvc missing').status.phase).toBe('Bound');
  });

  it('rejects unbound claims of Immediate binding', () => {
    const { json, apply } = cluster();
    apply(
      'sc.yaml',
      `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: manual
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: Immediate`,
    );
    apply('pvc.yaml', CLAIM('data', '\n  storageClassName: manual'));
    apply('pod.yaml', POD('data'));
    const events = json('kubectl get events --field-selector reason=FailedScheduling').items;
    expect(events[0].message).toBe(failed('pod has unbound immediate PersistentVolumeClaims'));
    expect(json('kubectl get pvc data').status.phase).toBe('Pending');
  });
});

describe('PersistentVolume controller and local-path provisioner', () => {
  it('waits for the first consumer, then provisions pvc-<uid> on its node', () => {
    const { run, json, apply } = cluster();
    apply('pvc.yaml', CLAIM('data'));
    expect(json('kubectl get pvc data').status.phase).toBe('Pending');
    let events = json('kubectl get events').items.map(
      (e: { reason: string; message: string }) => `${e.reason}: ${e.message}`,
    );
    expect(events).toEqual(['WaitForFirstConsumer: waiting for first consumer to be created before binding']);
    expect(run('kubectl get pv').output).toBe('No resources found\n');

    apply('pod.yaml', POD('data'));
    const pvc = json('kubectl get pvc data');
    const uid = pvc.metadata.uid;
    expect(pvc.spec.volumeName).toBe(`pvc-${uid}`);
    expect(pvc.metadata.annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.kubernetes.io/selected-node': 'kind-control-plane',
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    });
    expect(pvc.status).toEqual({
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '2Gi' },
      phase: 'Bound',
    });

    const pv = json(`kubectl get pv pvc-${uid}`);
    expect(pv.metadata.annotations).toEqual({
      'local.path.provisioner/selected-node': 'kind-control-plane',
      'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path',
    });
    expect(pv.spec.hostPath).toEqual({
      path: `/var/local-path-provisioner/pvc-${uid}_default_data`,
      type: 'DirectoryOrCreate',
    });
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms).toEqual([
      {
        matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['kind-control-plane'] }],
      },
    ]);
    expect(pv.spec.claimRef).toMatchObject({
      kind: 'PersistentVolumeClaim',
      namespace: 'default',
      name: 'data',
      uid,
    });
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(pv.status.phase).toBe('Bound');

    events = json('kubectl get events --field-selector involvedObject.kind=PersistentVolumeClaim').items.map(
      (e: { reason: string; message: string }) => `${e.reason}: ${e.message}`,
    );
    expect(events).toEqual([
      'WaitForFirstConsumer: waiting for first consumer to be created before binding',
      "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'Provisioning: External provisioner is provisioning volume for claim "default/data"',
      `ProvisioningSucceeded: Successfully provisioned volume pvc-${uid}`,
    ]);
    // the pod is bound only once its claim is (PreBind waits for the binding)
    const scheduled = json('kubectl get pod app').status.conditions.find(
      (c: { type: string }) => c.type === 'PodScheduled',
    );
    expect(Date.parse(scheduled.lastTransitionTime)).toBeGreaterThanOrEqual(
      Date.parse(pv.metadata.creationTimestamp),
    );
    expect(json('kubectl get pod app').status.phase).toBe('Running');

    // deleting the consumer and the claim releases the volume, and its provisioner deletes it
    run('kubectl delete pod app');
    run('kubectl delete pvc data');
    run('sleep 10');
    expect(run('kubectl get pv').output).toBe('No resources found\n');
  });

  it('binds a claim to a matching static volume and releases it on deletion', () => {
    const { run, json, apply } = cluster();
    apply(
      'pv.yaml',
      `apiVersion: v1
kind: PersistentVolume
metadata:
  name: small
spec:
  storageClassName: manual
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /mnt/small
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: big
spec:
  storageClassName: manual
  capacity:
    storage: 5Gi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /mnt/big`,
    );
    expect(json('kubectl get pv big').status.phase).toBe('Available');
    apply('pvc.yaml', CLAIM('data', '\n  storageClassName: manual'));
    const pvc = json('kubectl get pvc data');
    expect(pvc.spec.volumeName).toBe('big');
    expect(pvc.status).toEqual({
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '5Gi' },
      phase: 'Bound',
    });
    const pv = json('kubectl get pv big');
    expect(pv.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(pv.status.phase).toBe('Bound');
    expect(json('kubectl get pv small').status.phase).toBe('Available');
    expect(run('kubectl get pv big').output).toMatch(
      /^NAME {3}CAPACITY {3}ACCESS MODES {3}RECLAIM POLICY {3}STATUS {3}CLAIM {10}STORAGECLASS {3}VOLUMEATTRIBUTESCLASS {3}REASON {3}AGE\nbig {4}5Gi {8}RWO {12}Retain {11}Bound {4}default\/data {3}manual {9}<unset> {26}\d+s\n$/,
    );
    run('kubectl delete pvc data');
    expect(json('kubectl get pv big').status.phase).toBe('Released');
  });
});
