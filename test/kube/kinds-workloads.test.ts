// Workload kinds through the Store: pkg/apis/apps/v1 and batch/v1 defaults, the registry
// strategies (status reset, Job selector generation, DaemonSet template generation) and the
// apps/batch validation messages (cases from pkg/apis/batch/validation/validation_test.go
// TestValidateJob where the message is spelled out).
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../engine/core/random.ts';
import { ResourceRegistry } from '../../engine/kube/api/registry.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { StatusError } from '../../engine/kube/apiserver/errors.ts';
import '../../engine/kube/apiserver/kinds/index.ts';
import { Store } from '../../engine/kube/apiserver/store.ts';

const NOW = Date.parse('2025-01-01T00:00:00Z');

function cluster(): Store {
  const store = new Store({
    registry: new ResourceRegistry(),
    now: () => NOW,
    random: createRandom('kinds-workloads'),
  });
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return store;
}

function failure(run: () => unknown): StatusError {
  try {
    run();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('operation succeeded');
}

const TEMPLATE_SPEC_DEFAULTS = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

/** `kubectl create deployment web --image=nginx --dry-run=client -o yaml` (kubectl v1.32.4). */
const KUBECTL_DEPLOYMENT: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { creationTimestamp: null, labels: { app: 'web' }, name: 'web' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    strategy: {},
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'web' } },
      spec: { containers: [{ image: 'nginx', name: 'nginx', resources: {} }] },
    },
  },
  status: {},
};

function deployment(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec };
}

const TEMPLATE = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'a' }] } };

describe('Deployment', () => {
  it('is defaulted as SetDefaults_Deployment and the pod template defaulters do', () => {
    const d = cluster().create(KUBECTL_DEPLOYMENT);
    expect(d.metadata.generation).toBe(1);
    expect(d.spec).toEqual({
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: {
          containers: [
            {
              image: 'nginx',
              imagePullPolicy: 'Always',
              name: 'nginx',
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          ...TEMPLATE_SPEC_DEFAULTS,
        },
      },
    });
    expect(d.status).toEqual({});
  });

  it('rejects a selector that does not match the template labels', () => {
    const err = failure(() =>
      cluster().create(deployment({ selector: { matchLabels: { app: 'y' } }, template: TEMPLATE })),
    );
    expect(err.message).toBe(
      'Deployment.apps "x" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    );
  });

  it('reports a missing selector twice, as LabelSelectorAsSelector(nil) matches nothing', () => {
    const err = failure(() => cluster().create(deployment({ template: TEMPLATE })));
    expect(err.message).toBe(
      'Deployment.apps "x" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`]',
    );
  });

  it('only allows restartPolicy Always', () => {
    const template = { ...TEMPLATE, spec: { ...TEMPLATE.spec, restartPolicy: 'Never' } };
    const err = failure(() =>
      cluster().create(deployment({ selector: { matchLabels: { app: 'x' } }, template })),
    );
    expect(err.message).toBe(
      'Deployment.apps "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
  });

  it('checks replicas and the rolling update parameters', () => {
    const err = failure(() =>
      cluster().create(
        deployment({
          replicas: -1,
          selector: { matchLabels: { app: 'x' } },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
          template: TEMPLATE,
        }),
      ),
    );
    expect(err.message).toBe(
      'Deployment.apps "x" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, ' +
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0]',
    );
  });

  it('keeps the selector immutable in apps/v1 and bumps the generation on spec changes', () => {
    const store = cluster();
    const d = store.create(deployment({ selector: { matchLabels: { app: 'x' } }, template: TEMPLATE }));
    d.spec.replicas = 3;
    const scaled = store.update(d);
    expect(scaled.metadata.generation).toBe(2);
    scaled.metadata.annotations = { note: 'x' };
    expect(store.update(scaled).metadata.generation).toBe(3);
    const moved = store.get(store.registry.resolve('deployments')!, 'default', 'x');
    moved.spec.selector = { matchLabels: { app: 'y' } };
    moved.spec.template.metadata.labels = { app: 'y' };
    expect(failure(() => store.update(moved)).message).toBe(
      'Deployment.apps "x" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"y"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });
});

describe('ReplicaSet', () => {
  it('defaults replicas and resets status', () => {
    const rs = cluster().create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs' },
      spec: { selector: { matchLabels: { app: 'x' } }, template: TEMPLATE },
    });
    expect(rs.spec.replicas).toBe(1);
    expect(rs.status).toEqual({ replicas: 0 });
  });
});

describe('StatefulSet', () => {
  const sts = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: { serviceName: 'web', selector: { matchLabels: { app: 'x' } }, template: TEMPLATE, ...spec },
  });

  it('is defaulted as SetDefaults_StatefulSet, claim templates included', () => {
    const s = cluster().create(
      sts('web', {
        volumeClaimTemplates: [
          {
            metadata: { name: 'www' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      }),
    );
    expect(s.spec.podManagementPolicy).toBe('OrderedReady');
    expect(s.spec.updateStrategy).toEqual({ rollingUpdate: { partition: 0 }, type: 'RollingUpdate' });
    expect(s.spec.persistentVolumeClaimRetentionPolicy).toEqual({
      whenDeleted: 'Retain',
      whenScaled: 'Retain',
    });
    expect(s.spec.replicas).toBe(1);
    expect(s.spec.revisionHistoryLimit).toBe(10);
    expect(s.spec.volumeClaimTemplates).toEqual([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { creationTimestamp: null, name: 'www' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Pending' },
      },
    ]);
    expect(s.status).toEqual({ availableReplicas: 0, replicas: 0 });
  });

  it('needs a DNS label name (ValidateStatefulSetName)', () => {
    expect(failure(() => cluster().create(sts('a.b'))).message).toBe(
      'StatefulSet.apps "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots',
    );
  });

  it('forbids changing other spec fields', () => {
    const store = cluster();
    const s = store.create(sts('web'));
    s.spec.serviceName = 'other';
    expect(failure(() => store.update(s)).message).toBe(
      "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });
});

describe('DaemonSet', () => {
  it('defaults the update strategy and counts template generations', () => {
    const store = cluster();
    const ds = store.create({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ds' },
      spec: { selector: { matchLabels: { app: 'x' } }, template: TEMPLATE },
    });
    expect(ds.spec.updateStrategy).toEqual({
      rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
      type: 'RollingUpdate',
    });
    expect(ds.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect(ds.status).toEqual({
      currentNumberScheduled: 0,
      desiredNumberScheduled: 0,
      numberMisscheduled: 0,
      numberReady: 0,
    });
    ds.spec.template.spec.containers[0].image = 'b';
    expect(store.update(ds).metadata.annotations).toEqual({
      'deprecated.daemonset.template.generation': '2',
    });
  });
});

describe('Job', () => {
  const job = (spec: Record<string, unknown>, name = 'myjob'): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec,
  });
  const template = { spec: { containers: [{ name: 'pi', image: 'perl' }], restartPolicy: 'Never' } };

  it('generates its selector and labels (SetDefaults_Job, generateSelector)', () => {
    const j = cluster().create(job({ template }, 'pi'));
    const uid = j.spec.selector.matchLabels['batch.kubernetes.io/controller-uid'];
    expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const labels = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    };
    expect(j.metadata.labels).toEqual(labels);
    expect(j.spec.template.metadata).toEqual({ creationTimestamp: null, labels });
    const { selector: _selector, template: _template, ...rest } = j.spec;
    expect(rest).toEqual({
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      manualSelector: false,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      suspend: false,
    });
    expect(j.status).toEqual({});
  });

  it('requires OnFailure or Never', () => {
    const err = failure(() =>
      cluster().create(job({ template: { spec: { containers: [{ name: 'c', image: 'a' }] } } })),
    );
    expect(err.message).toBe(
      'Job.batch "myjob" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
  });

  it('checks a manual selector against the template (TestValidateJob)', () => {
    const err = failure(() =>
      cluster().create(
        job({
          manualSelector: true,
          selector: { matchLabels: { a: 'b' } },
          template: { ...template, metadata: { labels: { y: 'z' } } },
        }),
      ),
    );
    expect(err.message).toBe(
      'Job.batch "myjob" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"y":"z"}: `selector` does not match template `labels`',
    );
  });

  it('rejects a hand-written selector without manualSelector (TestValidateJob, after generateSelector)', () => {
    // Through the API server the strategy first adds the controller-uid label to the selector.
    const err = failure(() => cluster().create(job({ selector: { matchLabels: { a: 'b' } }, template })));
    const uid = '[0-9a-f-]{36}';
    expect(err.message).toMatch(
      new RegExp(
        '^Job\\.batch "myjob" is invalid: \\[spec\\.selector: Invalid value: v1\\.LabelSelector\\{MatchLabels:map\\[string\\]string\\{"a":"b", ' +
          `"batch\\.kubernetes\\.io/controller-uid":"${uid}"\\}, MatchExpressions:\\[\\]v1\\.LabelSelectorRequirement\\(nil\\)\\}: \`selector\` not auto-generated, ` +
          'spec\\.template\\.metadata\\.labels: Invalid value: map\\[string\\]string\\{.*\\}: `selector` does not match template `labels`\\]$',
      ),
    );
  });

  it('keeps the pod template immutable', () => {
    const store = cluster();
    const j = store.create(job({ template }, 'pi'));
    j.spec.template.spec.containers[0].image = 'perl:2';
    const err = failure(() => store.update(j));
    expect(err.message).toMatch(
      /^Job\.batch "pi" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec\{.*\}: field is immutable$/,
    );
  });
});

describe('CronJob', () => {
  const cronJob = (schedule: string, name = 'cj'): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule,
      jobTemplate: {
        spec: {
          template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'OnFailure' } },
        },
      },
    },
  });

  it('is defaulted as SetDefaults_CronJob', () => {
    const cj = cluster().create(cronJob('*/1 * * * *'));
    expect(cj.spec.concurrencyPolicy).toBe('Allow');
    expect(cj.spec.suspend).toBe(false);
    expect(cj.spec.successfulJobsHistoryLimit).toBe(3);
    expect(cj.spec.failedJobsHistoryLimit).toBe(1);
    expect(cj.spec.jobTemplate.metadata).toEqual({ creationTimestamp: null });
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(cj.status).toEqual({});
  });

  it('reports robfig/cron parse errors', () => {
    expect(failure(() => cluster().create(cronJob('abc'))).message).toBe(
      'CronJob.batch "cj" is invalid: spec.schedule: Invalid value: "abc": expected exactly 5 fields, found 1: [abc]',
    );
    expect(failure(() => cluster().create(cronJob('61 * * * *'))).message).toBe(
      'CronJob.batch "cj" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
    );
    expect(failure(() => cluster().create(cronJob('TZ=UTC 0 * * * *'))).message).toBe(
      'CronJob.batch "cj" is invalid: spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    );
  });

  it('limits names to 52 characters (ValidateCronJobCreate)', () => {
    const name = 'a'.repeat(53);
    expect(failure(() => cluster().create(cronJob('@hourly', name))).message).toBe(
      `CronJob.batch "${name}" is invalid: metadata.name: Invalid value: "${name}": must be no more than 52 characters`,
    );
  });
});
