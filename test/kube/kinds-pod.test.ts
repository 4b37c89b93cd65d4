// Pod defaulting, admission and validation through the Store, compared with what a 1.32 API
// server stores for `kubectl run` manifests (pkg/apis/core/v1/defaults.go, the ServiceAccount,
// DefaultTolerationSeconds and Priority admission plugins, pkg/apis/core/validation/validation.go).
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../engine/core/random.ts';
import { ResourceRegistry } from '../../engine/kube/api/registry.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { StatusError } from '../../engine/kube/apiserver/errors.ts';
import '../../engine/kube/apiserver/kinds/index.ts';
import { POD_UPDATE_FORBIDDEN } from '../../engine/kube/apiserver/kinds/pod.ts';
import { imageTag } from '../../engine/kube/apiserver/kinds/podDefaults.ts';
import { Store } from '../../engine/kube/apiserver/store.ts';

const NOW = Date.parse('2025-01-01T00:00:00Z');

function cluster(): Store {
  const store = new Store({
    registry: new ResourceRegistry(),
    now: () => NOW,
    random: createRandom('kinds-pod'),
  });
  for (const ns of ['default', 'kube-system']) {
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
  }
  return store;
}

function failure(store: Store, obj: KubeObject): StatusError {
  try {
    store.create(obj);
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('create succeeded');
}

function pod(spec: Record<string, unknown>, name = 'x'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec };
}

/** `kubectl run nginx --image=nginx:1.25 --dry-run=client -o yaml`, as kubectl v1.32.4 prints it. */
const KUBECTL_RUN: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { creationTimestamp: null, labels: { run: 'nginx' }, name: 'nginx' },
  spec: {
    containers: [{ image: 'nginx:1.25', name: 'nginx', resources: {} }],
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
  },
  status: {},
};

describe('Pod defaults and admission', () => {
  it('stores a `kubectl run` pod the way the API server does', () => {
    const created = cluster().create(KUBECTL_RUN);
    const volume = created.spec.volumes[0].name as string;
    expect(volume).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(created.metadata.generation).toBeUndefined();
    expect(created.spec).toEqual({
      containers: [
        {
          image: 'nginx:1.25',
          imagePullPolicy: 'IfNotPresent',
          name: 'nginx',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [
            { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: volume, readOnly: true },
          ],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        {
          effect: 'NoExecute',
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          tolerationSeconds: 300,
        },
        {
          effect: 'NoExecute',
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          tolerationSeconds: 300,
        },
      ],
      volumes: [
        {
          name: volume,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              {
                downwardAPI: {
                  items: [
                    { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' },
                  ],
                },
              },
            ],
          },
        },
      ],
    });
    expect(created.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('picks imagePullPolicy from the tag (SetDefaults_Container, parsers.ParseImageName)', () => {
    expect(imageTag('nginx')).toBe('latest');
    expect(imageTag('nginx:latest')).toBe('latest');
    expect(imageTag('nginx:1.25')).toBe('1.25');
    expect(imageTag('localhost:5000/app')).toBe('latest');
    expect(imageTag(`busybox@sha256:${'a'.repeat(64)}`)).toBe('');
    expect(imageTag('UPPER/case')).toBe('');
    const created = cluster().create(
      pod({
        containers: [
          { name: 'a', image: 'nginx' },
          { name: 'b', image: 'nginx:1.25' },
          { name: 'c', image: 'nginx:latest' },
        ],
      }),
    );
    expect(created.spec.containers.map((c: { imagePullPolicy: string }) => c.imagePullPolicy)).toEqual([
      'Always',
      'IfNotPresent',
      'Always',
    ]);
  });

  it('defaults probes, ports and copies limits into requests (SetDefaults_Probe, SetDefaults_Pod)', () => {
    const created = cluster().create(
      pod({
        containers: [
          {
            name: 'c',
            image: 'nginx:1.25',
            ports: [{ containerPort: 80 }],
            readinessProbe: { httpGet: { port: 80 } },
            resources: { limits: { cpu: '0.5', memory: '128Mi' } },
          },
        ],
      }),
    );
    const c = created.spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.readinessProbe).toEqual({
      failureThreshold: 3,
      httpGet: { path: '/', port: 80, scheme: 'HTTP' },
      periodSeconds: 10,
      successThreshold: 1,
      timeoutSeconds: 1,
    });
    expect(c.resources).toEqual({
      limits: { cpu: '500m', memory: '128Mi' },
      requests: { cpu: '500m', memory: '128Mi' },
    });
    expect(created.status.qosClass).toBe('Guaranteed');
  });

  it('classes requests without equal limits as Burstable (qos.GetPodQOS)', () => {
    const created = cluster().create(
      pod({ containers: [{ name: 'c', image: 'a', resources: { requests: { cpu: '100m' } } }] }),
    );
    expect(created.status.qosClass).toBe('Burstable');
  });

  it('does not add tolerations the pod already has (DefaultTolerationSeconds)', () => {
    const created = cluster().create(
      pod({ containers: [{ name: 'c', image: 'a' }], tolerations: [{ operator: 'Exists' }] }),
    );
    expect(created.spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('takes priority from system PriorityClasses (Priority admission)', () => {
    const created = cluster().create(
      pod({ containers: [{ name: 'c', image: 'a' }], priorityClassName: 'system-cluster-critical' }),
    );
    expect(created.spec.priority).toBe(2000000000);
    const err = failure(
      cluster(),
      pod({ containers: [{ name: 'c', image: 'a' }], priorityClassName: 'gold' }),
    );
    expect(err.message).toBe('pods "x" is forbidden: no PriorityClass with name gold was found');
  });

  it('skips the token volume when automounting is off', () => {
    const created = cluster().create(
      pod({ containers: [{ name: 'c', image: 'a' }], automountServiceAccountToken: false }),
    );
    expect(created.spec.volumes).toBeUndefined();
    expect(created.spec.containers[0].volumeMounts).toBeUndefined();
  });

  it('rejects an unknown service account (ServiceAccount admission)', () => {
    const err = failure(
      cluster(),
      pod({ containers: [{ name: 'c', image: 'a' }], serviceAccountName: 'robot' }),
    );
    expect(err.code).toBe(403);
    expect(err.message).toBe(
      'pods "x" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    );
  });
});

describe('Pod validation', () => {
  it('requires an image', () => {
    const err = failure(cluster(), pod({ containers: [{ name: 'c' }] }));
    expect(err.code).toBe(422);
    expect(err.reason).toBe('Invalid');
    expect(err.message).toBe('Pod "x" is invalid: spec.containers[0].image: Required value');
    expect(err.details.causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' },
    ]);
  });

  it('requires containers', () => {
    expect(failure(cluster(), pod({ containers: [] })).message).toBe(
      'Pod "x" is invalid: spec.containers: Required value',
    );
  });

  it('reports requests above limits', () => {
    const err = failure(
      cluster(),
      pod({
        containers: [
          { name: 'c', image: 'a', resources: { limits: { cpu: '500m' }, requests: { cpu: '1' } } },
        ],
      }),
    );
    expect(err.message).toBe(
      'Pod "x" is invalid: spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
    );
  });

  it('aggregates several errors in one message', () => {
    const err = failure(
      cluster(),
      pod({
        restartPolicy: 'Sometimes',
        containers: [
          {
            name: 'c',
            image: 'a',
            ports: [{ containerPort: 70000 }],
            volumeMounts: [{ name: 'data', mountPath: '/data' }],
          },
          { name: 'c', image: 'b' },
        ],
      }),
    );
    expect(err.message).toBe(
      'Pod "x" is invalid: [spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive, ' +
        'spec.containers[0].volumeMounts[0].name: Not found: "data", spec.containers[1].name: Duplicate value: "c", ' +
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
    );
  });

  it('validates the name as a DNS subdomain', () => {
    const err = failure(cluster(), pod({ containers: [{ name: 'c', image: 'a' }] }, 'Bad_Name'));
    expect(err.message).toBe(
      "Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  });

  it('fails decoding a malformed quantity with BadRequest (transformDecodeError)', () => {
    const err = failure(
      cluster(),
      pod({ containers: [{ name: 'c', image: 'a', resources: { limits: { memory: '1 Gi' } } }] }),
    );
    expect(err.code).toBe(400);
    expect(err.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    );
  });

  it('checks probes (validateProbe, validateLivenessProbe)', () => {
    const err = failure(
      cluster(),
      pod({
        containers: [
          { name: 'c', image: 'a', livenessProbe: { successThreshold: 2, exec: { command: [] } } },
        ],
      }),
    );
    expect(err.message).toBe(
      'Pod "x" is invalid: [spec.containers[0].livenessProbe.exec.command: Required value, spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1]',
    );
  });
});

describe('Pod updates (ValidatePodUpdate)', () => {
  it('allows changing images and bumps nothing else', () => {
    const store = cluster();
    const created = store.create(pod({ containers: [{ name: 'c', image: 'nginx:1.25' }] }));
    created.spec.containers[0].image = 'nginx:1.26';
    const updated = store.update(created);
    expect(updated.spec.containers[0].image).toBe('nginx:1.26');
    expect(updated.metadata.generation).toBeUndefined();
  });

  it('forbids other spec changes with the updatable fields listed', () => {
    const store = cluster();
    const created = store.create(
      pod({ containers: [{ name: 'c', image: 'a', ports: [{ containerPort: 80 }] }] }),
    );
    created.spec.containers[0].ports[0].containerPort = 81;
    let err: StatusError | undefined;
    try {
      store.update(created);
    } catch (e) {
      err = e as StatusError;
    }
    expect(
      err?.message.startsWith(
        `Pod "x" is invalid: spec: Forbidden: ${POD_UPDATE_FORBIDDEN}\n  core.PodSpec{`,
      ),
    ).toBe(true);
    expect(POD_UPDATE_FORBIDDEN).toBe(
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
  });

  it('forbids adding containers', () => {
    const store = cluster();
    const created = store.create(pod({ containers: [{ name: 'c', image: 'a' }] }));
    created.spec.containers.push({ name: 'd', image: 'b' });
    expect(() => store.update(created)).toThrow(
      'Pod "x" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers',
    );
  });

  it('lets the scheduler bind an unscheduled pod', () => {
    const store = cluster();
    const created = store.create(pod({ containers: [{ name: 'c', image: 'a' }] }));
    created.spec.nodeName = 'kind-control-plane';
    expect(store.update(created).spec.nodeName).toBe('kind-control-plane');
  });
});
