// Update operations in metadata.managedFields: the "ancient-changes" cap (apimachinery v0.32.4
// managedfields/internal capmanagers_test.go TestCapUpdateManagers), the entries of a Deployment
// made by `kubectl create deployment` and rolled out by the controller (compared with
// `kubectl get -o yaml --show-managed-fields` dumps of real clusters), and server-side apply
// conflicting with kubectl-create (managedfields/internal conflict.go wording).
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { FieldSet, fieldElement } from '../../engine/kube/apiserver/field-set.ts';
import { type ManagerFields, managerIdentifier } from '../../engine/kube/apiserver/managed-fields.ts';
import { capUpdateManagers, managerOrUserAgent } from '../../engine/kube/apiserver/managed-fields-update.ts';

describe('capUpdateManagers (TestCapUpdateManagers, max 3)', () => {
  const hour = (n: number) => new Date(Date.UTC(2001, 0, 1, n)).toISOString().replace('.000Z', 'Z');
  const entry = (manager: string, apiVersion: string, order: number, ...fields: string[]): ManagerFields => ({
    manager,
    operation: 'Update',
    apiVersion,
    time: hour(order),
    set: FieldSet.of(fields.map((f) => [fieldElement(f)])),
  });
  const run = (input: ManagerFields[]) => {
    const managers = new Map(input.map((m) => [managerIdentifier(m), m]));
    capUpdateManagers(managers, 3);
    return [...managers.values()]
      .map(
        (m) =>
          `${m.manager} ${m.apiVersion} ${m.time} ${m.set
            .paths()
            .map((p) => p[0].slice(2))
            .join(',')}`,
      )
      .sort();
  };
  const show = (input: ManagerFields[]) => run(input).sort();
  const same = (expected: ManagerFields[]) =>
    expected
      .map(
        (m) =>
          `${m.manager} ${m.apiVersion} ${m.time} ${m.set
            .paths()
            .map((p) => p[0].slice(2))
            .join(',')}`,
      )
      .sort();

  it('one version, no ancient changes', () => {
    const out = show([
      entry('update-manager1', 'v1', 1, 'a'),
      entry('update-manager2', 'v1', 2, 'b'),
      entry('update-manager3', 'v1', 3, 'c'),
      entry('update-manager4', 'v1', 4, 'd'),
    ]);
    expect(out).toEqual(
      same([
        entry('ancient-changes', 'v1', 2, 'a', 'b'),
        entry('update-manager3', 'v1', 3, 'c'),
        entry('update-manager4', 'v1', 4, 'd'),
      ]),
    );
  });

  it('one version, one ancient changes', () => {
    expect(
      show([
        entry('ancient-changes', 'v1', 2, 'a', 'b'),
        entry('update-manager3', 'v1', 3, 'c'),
        entry('update-manager4', 'v1', 4, 'd'),
        entry('update-manager5', 'v1', 5, 'e'),
      ]),
    ).toEqual(
      same([
        entry('ancient-changes', 'v1', 3, 'a', 'b', 'c'),
        entry('update-manager4', 'v1', 4, 'd'),
        entry('update-manager5', 'v1', 5, 'e'),
      ]),
    );
  });

  it('two versions, no ancient changes', () => {
    expect(
      show([
        entry('update-manager1', 'v1', 1, 'a'),
        entry('update-manager2', 'v2', 2, 'b'),
        entry('update-manager3', 'v1', 3, 'c'),
        entry('update-manager4', 'v1', 4, 'd'),
        entry('update-manager5', 'v1', 5, 'e'),
      ]),
    ).toEqual(
      same([
        entry('update-manager2', 'v2', 2, 'b'),
        entry('ancient-changes', 'v1', 4, 'a', 'c', 'd'),
        entry('update-manager5', 'v1', 5, 'e'),
      ]),
    );
  });

  it('three versions, one ancient changes', () => {
    expect(
      show([
        entry('update-manager2', 'v2', 2, 'b'),
        entry('ancient-changes', 'v1', 4, 'a', 'c', 'd'),
        entry('update-manager5', 'v1', 5, 'e'),
        entry('update-manager6', 'v3', 6, 'f'),
        entry('update-manager7', 'v2', 7, 'g'),
      ]),
    ).toEqual(
      same([
        entry('ancient-changes', 'v1', 5, 'a', 'c', 'd', 'e'),
        entry('update-manager6', 'v3', 6, 'f'),
        entry('ancient-changes', 'v2', 7, 'b', 'g'),
      ]),
    );
  });

  it('four versions, two ancient changes: nothing left to merge', () => {
    const input = [
      entry('ancient-changes', 'v1', 5, 'a', 'c', 'd', 'e'),
      entry('update-manager6', 'v3', 6, 'f'),
      entry('ancient-changes', 'v2', 7, 'b', 'g'),
      entry('update-manager8', 'v4', 8, 'h'),
    ];
    expect(show(input)).toEqual(same(input));
  });
});

describe('managerOrUserAgent (handlers/rest.go prefixFromUserAgent)', () => {
  it('takes the fieldManager parameter, else the User-Agent up to its first slash', () => {
    expect(managerOrUserAgent('kubectl-edit', 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd')).toBe(
      'kubectl-edit',
    );
    expect(managerOrUserAgent(null, 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd')).toBe('kubectl');
    expect(managerOrUserAgent(undefined, 'kube-controller-manager/v1.32.2 (linux/amd64)')).toBe(
      'kube-controller-manager',
    );
  });
});

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

// kubectl v0.32.4 pkg/cmd/apply/apply.go, the text after a conflict error
const ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

describe('Update operations recorded by the store', () => {
  const setup = () => {
    const s = new Session(createWorld({ seed: 'managed-fields' }));
    s.run('kind create cluster');
    s.run('kubectl create deployment web --image=nginx');
    s.run(`cat > web.yaml <<'EOF'\n${DEPLOYMENT}EOF`);
    return s;
  };
  type Entry = { manager: string; operation: string; subresource?: string; time: string; fieldsV1: object };
  const managed = (s: Session, what: string): Entry[] =>
    JSON.parse(s.run(`kubectl get ${what} -o json --show-managed-fields`).output).metadata.managedFields;

  // A Deployment made by `kubectl create deployment` on a 1.2x cluster (the kubectl-create entry
  // of a dashboard export, whose f:replicas a scale had taken, plus the f:replicas kubectl
  // create deployment sends), and the controller's status entry (a 2025 dump of
  // `kubectl get deploy -o yaml --show-managed-fields`, subresource status).
  const CONTAINER = {
    '.': {},
    'f:image': {},
    'f:imagePullPolicy': {},
    'f:name': {},
    'f:resources': {},
    'f:terminationMessagePath': {},
    'f:terminationMessagePolicy': {},
  };
  const KUBECTL_CREATE = {
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': {
      'f:progressDeadlineSeconds': {},
      'f:replicas': {},
      'f:revisionHistoryLimit': {},
      'f:selector': {},
      'f:strategy': {
        'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} },
        'f:type': {},
      },
      'f:template': {
        'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
        'f:spec': {
          'f:containers': { 'k:{"name":"nginx"}': CONTAINER },
          'f:dnsPolicy': {},
          'f:restartPolicy': {},
          'f:schedulerName': {},
          'f:securityContext': {},
          'f:terminationGracePeriodSeconds': {},
        },
      },
    },
  };
  const CONDITION = {
    '.': {},
    'f:lastTransitionTime': {},
    'f:lastUpdateTime': {},
    'f:message': {},
    'f:reason': {},
    'f:status': {},
    'f:type': {},
  };
  const CONTROLLER_STATUS = {
    'f:metadata': { 'f:annotations': { '.': {}, 'f:deployment.kubernetes.io/revision': {} } },
    'f:status': {
      'f:availableReplicas': {},
      'f:conditions': { '.': {}, 'k:{"type":"Available"}': CONDITION, 'k:{"type":"Progressing"}': CONDITION },
      'f:observedGeneration': {},
      'f:readyReplicas': {},
      'f:replicas': {},
      'f:updatedReplicas': {},
    },
  };

  it('kubectl create and the deployment controller own what real clusters show', () => {
    const s = setup();
    const [create, controller] = managed(s, 'deploy web');
    expect(Object.keys(create)).toEqual([
      'apiVersion',
      'fieldsType',
      'fieldsV1',
      'manager',
      'operation',
      'time',
    ]);
    expect(create).toMatchObject({ manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1' });
    expect(create.fieldsV1).toEqual(KUBECTL_CREATE);
    expect(controller).toMatchObject({
      manager: 'kube-controller-manager',
      operation: 'Update',
      subresource: 'status',
    });
    expect(controller.fieldsV1).toEqual(CONTROLLER_STATUS);
  });

  it("a pod's creator owns its request, not admission's additions; the kubelet owns status", () => {
    const s = setup();
    const name = s.run("kubectl get pods -o jsonpath='{.items[0].metadata.name}'").output;
    const [controller, kubelet] = managed(s, `pod ${name}`);
    expect(controller.manager).toBe('kube-controller-manager');
    const meta = (controller.fieldsV1 as Record<string, Record<string, unknown>>)['f:metadata'];
    // metav1.OwnerReference +structType=atomic: the item is one leaf (real pod dumps)
    expect(Object.values(meta['f:ownerReferences'] as object)).toEqual([{}, {}]);
    const spec = (controller.fieldsV1 as Record<string, Record<string, unknown>>)['f:spec'];
    expect(Object.keys(spec)).toEqual([
      'f:containers',
      'f:dnsPolicy',
      'f:enableServiceLinks',
      'f:restartPolicy',
      'f:schedulerName',
      'f:securityContext',
      'f:terminationGracePeriodSeconds',
    ]);
    expect(kubelet).toMatchObject({ manager: 'kubelet', operation: 'Update', subresource: 'status' });
    const status = (kubelet.fieldsV1 as Record<string, Record<string, unknown>>)['f:status'];
    // PodScheduled comes from the binding subresource, which no field manager records
    expect(Object.keys(status['f:conditions'] as object)).not.toContain('k:{"type":"PodScheduled"}');
    expect(status['f:containerStatuses']).toEqual({});
  });

  it('server-side apply conflicts with kubectl-create, and --force-conflicts takes the fields', () => {
    const s = setup();
    const time = managed(s, 'deploy web')[0].time;
    const r = s.run('kubectl apply --server-side -f web.yaml');
    expect(r.status).toBe(1);
    expect(r.output).toBe(
      `error: Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps/v1 at ${time}:\n` +
        `- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image\n${ADVICE}`,
    );
    expect(s.run('kubectl apply --server-side --force-conflicts -f web.yaml').output).toBe(
      'deployment.apps/web serverside-applied\n',
    );
    const entries = managed(s, 'deploy web');
    const apply = entries.find((e) => e.operation === 'Apply') as Entry;
    const create = entries.find((e) => e.manager === 'kubectl-create') as Entry;
    const spec = (e: Entry) => (e.fieldsV1 as Record<string, Record<string, unknown>>)['f:spec'];
    expect(spec(apply)['f:replicas']).toEqual({});
    expect(spec(create)['f:replicas']).toBeUndefined();
    const container = JSON.parse(JSON.stringify(spec(create)['f:template']))['f:spec']['f:containers'][
      'k:{"name":"nginx"}'
    ];
    expect(Object.keys(container)).toEqual([
      '.',
      'f:imagePullPolicy',
      'f:name',
      'f:resources',
      'f:terminationMessagePath',
      'f:terminationMessagePolicy',
    ]);
  });

  it('kubectl label and scale are Update managers of their own', () => {
    const s = setup();
    s.run('kubectl label deploy web tier=front');
    s.run('kubectl scale deploy web --replicas=2');
    const entries = managed(s, 'deploy web');
    const label = entries.find((e) => e.manager === 'kubectl-label') as Entry;
    expect(label.fieldsV1).toEqual({ 'f:metadata': { 'f:labels': { 'f:tier': {} } } });
    const scale = entries.find((e) => e.subresource === 'scale') as Entry;
    expect(scale).toMatchObject({ manager: 'kubectl', operation: 'Update' });
    expect(scale.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    const create = entries.find((e) => e.manager === 'kubectl-create') as Entry;
    expect(
      (create.fieldsV1 as Record<string, Record<string, unknown>>)['f:spec']['f:replicas'],
    ).toBeUndefined();
  });
});
