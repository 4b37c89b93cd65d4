// kind's dynamic provisioner, rancher/local-path-provisioner (provisioner.go) driven by
// sig-storage-lib-external-provisioner v11 (controller.go): claims of the `rancher.io/local-path`
// class with a selected node get a hostPath PersistentVolume `pvc-<uid>` under
// /var/local-path-provisioner on that node; released volumes with reclaim policy Delete are removed.
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import type { EventSource } from '../events.ts';
import { keyOf, splitKey, WorkQueue } from './queue.ts';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  claimClass,
} from './volume-matching.ts';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
/** kind's local-path-config: DEFAULT_PATH_FOR_NON_LISTED_NODES → /var/local-path-provisioner */
const BASE_PATH = '/var/local-path-provisioner';
/** provisioner.go nodeNameAnnotationKey */
const ANN_NODE_NAME = 'local.path.provisioner/selected-node';
/** provisioner.go DefaultNodeAffinityKey */
const NODE_AFFINITY_KEY = 'kubernetes.io/hostname';
/**
 * How long the helper pod (helper-pod-create-pvc-…, which creates or removes the directory) takes
 * before the provisioner sees it Succeeded; an estimate, not taken from source.
 */
const HELPER_POD_MS = 3000;

export function startLocalPathProvisioner(cluster: Cluster): void {
  const pvcType = cluster.type('persistentvolumeclaims');
  const pvType = cluster.type('persistentvolumes');
  const scType = cluster.type('storageclasses');
  const podType = cluster.type('pods');
  const nodeType = cluster.type('nodes');
  const queue = new WorkQueue();
  /** Claims (by uid) and volumes (by name) whose helper pod is running, or that failed for good. */
  const inFlight = new Set<string>();
  let identity: string | undefined;

  cluster.store.watch((event) => {
    const obj = event.object;
    if (event.type === 'DELETED') return;
    if (event.resource === pvcType) queue.add(`claim:${keyOf(obj.metadata.namespace, obj.metadata.name)}`);
    else if (event.resource === pvType) queue.add(`volume:${obj.metadata.name}`);
  });

  cluster.runtime.addQueue(() => {
    const item = queue.take();
    if (item === undefined) return false;
    const [kind, key] = [item.slice(0, item.indexOf(':')), item.slice(item.indexOf(':') + 1)];
    if (kind === 'claim') {
      const [ns, name] = splitKey(key);
      const pvc = cluster.store.peek(pvcType, ns, name);
      if (pvc && shouldProvision(pvc)) provision(pvc);
    } else {
      const pv = cluster.store.peek(pvType, '', key);
      if (pv && shouldDelete(pv)) deleteVolume(pv);
    }
    return true;
  });

  /**
   * The controller's event source: the provisioner name, the identity os.Hostname() (the
   * provisioner pod's name) and a UUID (NewProvisionController).
   */
  function source(): EventSource {
    if (!identity) {
      const pod = cluster.store
        .scan(podType, 'local-path-storage')
        .find((p) => p.metadata.labels?.app === 'local-path-provisioner' && !p.metadata.deletionTimestamp);
      identity = `${pod?.metadata.name ?? 'local-path-provisioner'}_${cluster.store.uid()}`;
    }
    return { component: `${LOCAL_PATH_PROVISIONER}_${identity}` };
  }

  function event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    cluster.events.record({ object: obj, type, reason, message, source: source() });
  }

  function classOf(pvc: KubeObject): KubeObject | undefined {
    return cluster.store.peek(scType, '', claimClass(pvc));
  }

  /** controller.go shouldProvision (WaitForFirstConsumer claims need a selected node). */
  function shouldProvision(pvc: KubeObject): boolean {
    if (pvc.spec?.volumeName || pvc.metadata.deletionTimestamp) return false;
    if (inFlight.has(pvc.metadata.uid ?? '')) return false;
    const ann = pvc.metadata.annotations ?? {};
    const provisioner = ann[ANN_STORAGE_PROVISIONER] ?? ann[ANN_BETA_STORAGE_PROVISIONER];
    if (provisioner !== LOCAL_PATH_PROVISIONER) return false;
    const sc = classOf(pvc);
    if (!sc || sc.provisioner !== LOCAL_PATH_PROVISIONER) return false;
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && ann[ANN_SELECTED_NODE] === undefined) return false;
    return !cluster.store.peek(pvType, '', `pvc-${pvc.metadata.uid}`);
  }

  /** provisionClaimOperation with LocalPathProvisioner.provisionFor. */
  function provision(pvc: KubeObject): void {
    const uid = pvc.metadata.uid ?? '';
    const sc = classOf(pvc)!;
    const ns = pvc.metadata.namespace ?? 'default';
    inFlight.add(uid);
    event(
      pvc,
      'Normal',
      'Provisioning',
      `External provisioner is provisioning volume for claim "${ns}/${pvc.metadata.name}"`,
    );
    const fail = (err: string) =>
      event(
        pvc,
        'Warning',
        'ProvisioningFailed',
        `failed to provision volume with StorageClass "${sc.metadata.name}": ${err}`,
      );
    const modes: string[] = pvc.spec?.accessModes ?? [];
    const nodeName = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    if (pvc.spec?.selector) {
      fail('claim.Spec.Selector is not supported');
      return;
    }
    if (modes.some((m) => m !== 'ReadWriteOnce' && m !== 'ReadWriteOncePod')) {
      fail('NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes');
      return;
    }
    if (!nodeName) {
      fail('configuration error, no node was specified');
      return;
    }
    cluster.runtime.after(HELPER_POD_MS, `local-path create pvc-${uid}`, () => {
      inFlight.delete(uid);
      const claim = cluster.store.peek(pvcType, ns, pvc.metadata.name ?? '');
      if (!claim || claim.metadata.uid !== uid || claim.spec?.volumeName) return;
      const node = cluster.store.peek(nodeType, '', nodeName);
      const pvName = `pvc-${uid}`;
      const pv: KubeObject = {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: {
          name: pvName,
          annotations: { [ANN_NODE_NAME]: nodeName, [ANN_DYNAMICALLY_PROVISIONED]: LOCAL_PATH_PROVISIONER },
        },
        spec: {
          accessModes: claim.spec?.accessModes,
          capacity: { storage: claim.spec?.resources?.requests?.storage },
          claimRef: {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            name: claim.metadata.name,
            namespace: ns,
            resourceVersion: claim.metadata.resourceVersion,
            uid,
          },
          hostPath: {
            path: `${BASE_PATH}/${pvName}_${ns}_${claim.metadata.name}`,
            type: 'DirectoryOrCreate',
          },
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    {
                      key: NODE_AFFINITY_KEY,
                      operator: 'In',
                      values: [node?.metadata.labels?.[NODE_AFFINITY_KEY] ?? nodeName],
                    },
                  ],
                },
              ],
            },
          },
          persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
          storageClassName: sc.metadata.name,
          volumeMode: 'Filesystem',
        },
      };
      cluster.store.create(pv, { manager: 'local-path-provisioner' });
      event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
    });
  }

  /** controller.go shouldDelete: a released volume this provisioner made, with policy Delete. */
  function shouldDelete(pv: KubeObject): boolean {
    if (pv.metadata.deletionTimestamp || inFlight.has(pv.metadata.name ?? '')) return false;
    if (pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== LOCAL_PATH_PROVISIONER) return false;
    return pv.status?.phase === 'Released' && pv.spec?.persistentVolumeReclaimPolicy === 'Delete';
  }

  /** deleteVolumeOperation: the teardown helper pod, then the PersistentVolume object. */
  function deleteVolume(pv: KubeObject): void {
    const name = pv.metadata.name ?? '';
    inFlight.add(name);
    cluster.runtime.after(HELPER_POD_MS, `local-path delete ${name}`, () => {
      inFlight.delete(name);
      if (cluster.store.peek(pvType, '', name)) cluster.store.delete(pvType, '', name);
    });
  }
}
