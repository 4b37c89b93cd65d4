// Full `kubectl describe` outputs (of jobs and autoscalers) for objects as a kind cluster stores them (API defaults
// filled in). describe_test.go mostly checks substrings; these expectations were worked out by
// hand from pkg/describe/describe.go and Go's text/tabwriter column rules (kubectl v0.32.4):
// every block of consecutive tab-carrying lines is padded to its widest cell plus two spaces.
// The same objects were also served to the real kubectl v1.32.4 binary from a loopback API server
// and its output matched these strings byte for byte.
import { expect, it, describe as suite } from 'vitest';
import { describe } from '../../engine/kube/describe/index.ts';
import { clusterAt, k, lines, KIND_OUTPUTS_NOW as NOW } from './describe-fixtures.ts';

const cluster = clusterAt(NOW);

const controllerEvent = (
  name: string,
  ns: string,
  io: object,
  component: string,
  reason: string,
  message: string,
  at: string,
) =>
  k('v1', 'Event', {
    metadata: { name, namespace: ns },
    involvedObject: io,
    reason,
    message,
    source: { component },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: 'Normal',
    eventTime: null,
    reportingComponent: component,
    reportingInstance: '',
  });

suite('batch', () => {
  it('describes a completed Job', () => {
    const labels = {
      'batch.kubernetes.io/controller-uid': 'job-uid',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': 'job-uid',
      'job-name': 'pi',
    };
    const job = k('batch/v1', 'Job', {
      metadata: {
        name: 'pi',
        namespace: 'default',
        uid: 'job-uid',
        labels,
        creationTimestamp: '2025-01-01T00:00:00Z',
      },
      spec: {
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        completions: 1,
        manualSelector: false,
        parallelism: 1,
        podReplacementPolicy: 'TerminatingOrFailed',
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'job-uid' } },
        suspend: false,
        template: {
          metadata: { creationTimestamp: null, labels },
          spec: {
            containers: [
              { name: 'pi', image: 'perl', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] },
            ],
            restartPolicy: 'Never',
          },
        },
      },
      status: {
        ready: 0,
        succeeded: 1,
        terminating: 0,
        startTime: '2025-01-01T00:00:00Z',
        completionTime: '2025-01-01T00:00:30Z',
        uncountedTerminatedPods: {},
      },
    });
    const io = { kind: 'Job', namespace: 'default', name: 'pi', uid: 'job-uid', apiVersion: 'batch/v1' };
    const events = [
      controllerEvent(
        'pi.1',
        'default',
        io,
        'job-controller',
        'SuccessfulCreate',
        'Created pod: pi-x7k2p',
        '2025-01-01T00:00:00Z',
      ),
      controllerEvent(
        'pi.2',
        'default',
        io,
        'job-controller',
        'Completed',
        'Job completed',
        '2025-01-01T00:00:30Z',
      ),
    ];
    expect(describe('Job', job, cluster([job, ...events]))).toBe(
      lines(
        'Name:             pi',
        'Namespace:        default',
        'Selector:         batch.kubernetes.io/controller-uid=job-uid',
        'Labels:           batch.kubernetes.io/controller-uid=job-uid',
        '                  batch.kubernetes.io/job-name=pi',
        '                  controller-uid=job-uid',
        '                  job-name=pi',
        'Annotations:      <none>',
        'Parallelism:      1',
        'Completions:      1',
        'Completion Mode:  NonIndexed',
        'Suspend:          false',
        'Backoff Limit:    6',
        'Start Time:       Wed, 01 Jan 2025 00:00:00 +0000',
        'Completed At:     Wed, 01 Jan 2025 00:00:30 +0000',
        'Duration:         30s',
        'Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  batch.kubernetes.io/controller-uid=job-uid',
        '           batch.kubernetes.io/job-name=pi',
        '           controller-uid=job-uid',
        '           job-name=pi',
        '  Containers:',
        '   pi:',
        '    Image:      perl',
        '    Port:       <none>',
        '    Host Port:  <none>',
        '    Command:',
        '      perl',
        '      -Mbignum=bpi',
        '      -wle',
        '      print bpi(2000)',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Events:',
        '  Type    Reason            Age    From            Message',
        '  ----    ------            ----   ----            -------',
        '  Normal  SuccessfulCreate  5m     job-controller  Created pod: pi-x7k2p',
        '  Normal  Completed         4m30s  job-controller  Job completed',
      ),
    );
  });

  it('describes a CronJob with an active job', () => {
    const cj = k('batch/v1', 'CronJob', {
      metadata: { name: 'hello', namespace: 'default', uid: 'cj-uid' },
      spec: {
        concurrencyPolicy: 'Allow',
        failedJobsHistoryLimit: 1,
        successfulJobsHistoryLimit: 3,
        suspend: false,
        schedule: '*/1 * * * *',
        jobTemplate: {
          metadata: { creationTimestamp: null, name: 'hello' },
          spec: {
            template: {
              metadata: { creationTimestamp: null },
              spec: {
                containers: [{ name: 'hello', image: 'busybox', command: ['date'] }],
                restartPolicy: 'OnFailure',
              },
            },
          },
        },
      },
      status: {
        lastScheduleTime: '2025-01-01T00:04:00Z',
        lastSuccessfulTime: '2025-01-01T00:03:03Z',
        active: [
          { apiVersion: 'batch/v1', kind: 'Job', name: 'hello-28950244', namespace: 'default', uid: 'j-uid' },
        ],
      },
    });
    expect(describe('CronJob', cj, cluster([cj]))).toBe(
      lines(
        'Name:                          hello',
        'Namespace:                     default',
        'Labels:                        <none>',
        'Annotations:                   <none>',
        'Schedule:                      */1 * * * *',
        'Concurrency Policy:            Allow',
        'Suspend:                       False',
        'Successful Job History Limit:  3',
        'Failed Job History Limit:      1',
        'Starting Deadline Seconds:     <unset>',
        'Selector:                      <unset>',
        'Parallelism:                   <unset>',
        'Completions:                   <unset>',
        'Pod Template:',
        '  Labels:  <none>',
        '  Containers:',
        '   hello:',
        '    Image:      busybox',
        '    Port:       <none>',
        '    Host Port:  <none>',
        '    Command:',
        '      date',
        '    Environment:     <none>',
        '    Mounts:          <none>',
        '  Volumes:           <none>',
        '  Node-Selectors:    <none>',
        '  Tolerations:       <none>',
        'Last Schedule Time:  Wed, 01 Jan 2025 00:04:00 +0000',
        'Active Jobs:         hello-28950244',
        'Events:              <none>',
      ),
    );
  });
});

suite('autoscaling', () => {
  const hpa = (behavior?: object) =>
    k('autoscaling/v2', 'HorizontalPodAutoscaler', {
      metadata: {
        name: 'web',
        namespace: 'default',
        uid: 'hpa-uid',
        creationTimestamp: '2025-01-01T00:00:30Z',
      },
      spec: {
        maxReplicas: 10,
        minReplicas: 1,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
        ],
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        ...(behavior && { behavior }),
      },
      status: {
        currentReplicas: 1,
        desiredReplicas: 1,
        currentMetrics: null,
        conditions: [
          {
            type: 'AbleToScale',
            status: 'True',
            reason: 'SucceededGetScale',
            message: "the HPA controller was able to get the target's current scale",
          },
          {
            type: 'ScalingActive',
            status: 'False',
            reason: 'FailedGetResourceMetric',
            message:
              'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
          },
        ],
      },
    });
  const failure = k('v1', 'Event', {
    metadata: { name: 'web.181a', namespace: 'default' },
    involvedObject: {
      kind: 'HorizontalPodAutoscaler',
      namespace: 'default',
      name: 'web',
      uid: 'hpa-uid',
      apiVersion: 'autoscaling/v2',
    },
    reason: 'FailedGetResourceMetric',
    message:
      'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
    source: { component: 'horizontal-pod-autoscaler' },
    firstTimestamp: '2025-01-01T00:00:45Z',
    lastTimestamp: '2025-01-01T00:04:45Z',
    count: 10,
    type: 'Warning',
  });
  const top = (name: string, value: string) => `${name}${' '.repeat(55 - name.length)}${value}`;

  it('describes an HPA without metrics server: huge first column, <unknown> current', () => {
    expect(describe('HorizontalPodAutoscaler', hpa(), cluster([hpa(), failure]))).toBe(
      lines(
        top('Name:', 'web'),
        top('Namespace:', 'default'),
        top('Labels:', '<none>'),
        top('Annotations:', '<none>'),
        top('CreationTimestamp:', 'Wed, 01 Jan 2025 00:00:30 +0000'),
        top('Reference:', 'Deployment/web'),
        top('Metrics:', '( current / target )'),
        '  resource cpu on pods  (as a percentage of request):  <unknown> / 50%',
        top('Min replicas:', '1'),
        top('Max replicas:', '10'),
        top('Deployment pods:', '1 current / 1 desired'),
        'Conditions:',
        '  Type           Status  Reason                   Message',
        '  ----           ------  ------                   -------',
        "  AbleToScale    True    SucceededGetScale        the HPA controller was able to get the target's current scale",
        '  ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
        'Events:',
        '  Type     Reason                   Age                   From                       Message',
        '  ----     ------                   ----                  ----                       -------',
        '  Warning  FailedGetResourceMetric  15s (x10 over 4m15s)  horizontal-pod-autoscaler  failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
      ),
    );
  });

  it('prints the scaling behavior between the replica bounds and the pods line', () => {
    const behavior = {
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: {
        stabilizationWindowSeconds: 300,
        selectPolicy: 'Max',
        policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
      },
    };
    const out = describe('HorizontalPodAutoscaler', hpa(behavior), cluster([], false));
    expect(out).toContain(
      lines(
        top('Max replicas:', '10'),
        'Behavior:',
        '  Scale Up:',
        '    Stabilization Window: 0 seconds',
        '    Select Policy: Max',
        '    Policies:',
        '      - Type: Pods     Value: 4    Period: 15 seconds',
        '      - Type: Percent  Value: 100  Period: 15 seconds',
        '  Scale Down:',
        '    Stabilization Window: 300 seconds',
        '    Select Policy: Max',
        '    Policies:',
        '      - Type: Percent  Value: 100  Period: 15 seconds',
        'Deployment pods:       1 current / 1 desired',
        'Conditions:',
      ),
    );
  });
});
