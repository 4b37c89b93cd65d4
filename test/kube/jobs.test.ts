// The Job, CronJob and TTL-after-finished controllers end to end through kind and kubectl,
// and the cron schedule arithmetic. Expected strings come from Kubernetes 1.32:
// pkg/controller/job/job_controller.go (newSuccessCondition, newFailureCondition,
// recordJobFinished), k8s.io/api batch/v1 types.go (JobReasonCompletionsReached,
// JobTrackingFinalizer), pkg/controller/cronjob (getJobName, SawCompletedJob, cleanupFinishedJobs)
// and robfig/cron/v3 spec_test.go TestNext for schedule times.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { parseCronSchedule } from '../../engine/kube/workloads/cron-schedule.ts';

function cluster() {
  const s = new Session(createWorld({ seed: 'jobs' }));
  s.run('kind create cluster');
  const run = (line: string) => s.run(line);
  const json = (line: string) => JSON.parse(s.run(line).output);
  return { run, json };
}

function jobYaml(name: string, script: string, extra: string): string {
  return `cat > ${name}.yaml <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${extra}  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ["sh", "-c", "${script}"]
EOF`;
}

describe('Job controller', () => {
  it('runs completions one at a time and completes with SuccessCriteriaMet then Complete', () => {
    const { run, json } = cluster();
    run(jobYaml('x', 'echo done', '  completions: 3\n  parallelism: 1\n'));
    expect(run('kubectl apply -f x.yaml').output).toBe('job.batch/x created\n');
    expect(run('kubectl get jobs').output).toMatch(
      /^NAME {3}STATUS {5}COMPLETIONS {3}DURATION {3}AGE\nx {6}Complete {3}3\/3 {11}\d+s +\d+s\n$/,
    );
    const pods = json('kubectl get pods -o json').items;
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^x-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.generateName).toBe('x-');
      expect(p.status.phase).toBe('Succeeded');
      // the tracking finalizer is removed once the pod is counted
      expect(p.metadata.finalizers).toBeUndefined();
      expect(p.metadata.labels['batch.kubernetes.io/job-name']).toBe('x');
      expect(p.metadata.labels['job-name']).toBe('x');
      expect(p.metadata.ownerReferences[0]).toMatchObject({ kind: 'Job', name: 'x', controller: true });
    }
    const job = json('kubectl get job x -o json');
    expect(job.status.succeeded).toBe(3);
    expect(job.status.ready).toBe(0);
    expect(job.status.terminating).toBe(0);
    expect(job.status.uncountedTerminatedPods).toEqual({});
    expect(job.status.active).toBeUndefined();
    expect(job.status.conditions.map((c: { type: string }) => c.type)).toEqual([
      'SuccessCriteriaMet',
      'Complete',
    ]);
    for (const c of job.status.conditions) {
      expect(c.reason).toBe('CompletionsReached');
      expect(c.message).toBe('Reached expected number of succeeded pods');
    }
    expect(job.status.completionTime).toBe(job.status.conditions[1].lastTransitionTime);
    // logsforobject.go: with several pods kubectl says on stderr which one (podutils ByLogging)
    expect(run('kubectl logs job/x').output).toMatch(/^Found 3 pods, using pod\/x-[a-z0-9]{5}\ndone\n$/);
    const described = run('kubectl describe job x').output;
    expect(described).toContain('Pods Statuses:    0 Active (0 Ready) / 3 Succeeded / 0 Failed\n');
    expect(described).toMatch(/Normal {2}SuccessfulCreate {2}\d+s +job-controller {2}Created pod: x-\w{5}\n/);
    expect(described).toMatch(/Normal {2}Completed {9}\d+s +job-controller {2}Job completed\n/);
  });

  it('backs off 10s then 20s between failed pods and fails with BackoffLimitExceeded', () => {
    const { run, json } = cluster();
    run(jobYaml('bad', 'exit 1', '  backoffLimit: 2\n'));
    run('kubectl apply -f bad.yaml');
    // settling stops at the first failure: the back-off wait does not hold the world
    expect(json('kubectl get pods -o json').items).toHaveLength(1);
    expect(run('kubectl wait --for=condition=failed job/bad --timeout=120s').output).toBe(
      'job.batch/bad condition met\n',
    );
    const pods = json('kubectl get pods -o json').items.sort(
      (a: { metadata: { creationTimestamp: string } }, b: { metadata: { creationTimestamp: string } }) =>
        Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp),
    );
    expect(pods).toHaveLength(3);
    const finished = (p: {
      status: { containerStatuses: Array<{ state: { terminated: { finishedAt: string } } }> };
    }) => Date.parse(p.status.containerStatuses[0].state.terminated.finishedAt);
    const created = (p: { metadata: { creationTimestamp: string } }) =>
      Date.parse(p.metadata.creationTimestamp);
    expect(created(pods[1]) - finished(pods[0])).toBe(10_000);
    expect(created(pods[2]) - finished(pods[1])).toBe(20_000);
    const status = json('kubectl get job bad -o json').status;
    expect(status.failed).toBe(3);
    expect(status.conditions.map((c: { type: string }) => c.type)).toEqual(['FailureTarget', 'Failed']);
    expect(status.conditions[1]).toMatchObject({
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    });
    expect(status.completionTime).toBeUndefined();
    expect(run('kubectl get jobs').output).toMatch(
      /^NAME {3}STATUS {3}COMPLETIONS.*\nbad {4}Failed {3}0\/1 /,
    );
    expect(run('kubectl describe job bad').output).toMatch(
      /Warning {2}BackoffLimitExceeded {2}\d+s +job-controller {2}Job has reached the specified backoff limit\n/,
    );
  });

  it('names Indexed pods by index and reports completedIndexes', () => {
    const { run, json } = cluster();
    run(jobYaml('idx', 'echo hi', '  completionMode: Indexed\n  completions: 3\n  parallelism: 3\n'));
    run('kubectl apply -f idx.yaml');
    const pods = json('kubectl get pods -o json').items;
    expect(pods.map((p: { metadata: { name: string } }) => p.metadata.name.slice(0, 6)).sort()).toEqual([
      'idx-0-',
      'idx-1-',
      'idx-2-',
    ]);
    for (const p of pods) {
      const ix = p.metadata.name[4];
      expect(p.metadata.annotations['batch.kubernetes.io/job-completion-index']).toBe(ix);
      expect(p.metadata.labels['batch.kubernetes.io/job-completion-index']).toBe(ix);
      expect(p.spec.hostname).toBe(`idx-${ix}`);
      expect(p.spec.containers[0].env).toEqual([
        {
          name: 'JOB_COMPLETION_INDEX',
          valueFrom: {
            fieldRef: {
              apiVersion: 'v1',
              fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']",
            },
          },
        },
      ]);
    }
    const status = json('kubectl get job idx -o json').status;
    expect(status.completedIndexes).toBe('0-2');
    expect(status.succeeded).toBe(3);
  });

  it('fails a Job past activeDeadlineSeconds once its pods are gone', () => {
    const { run, json } = cluster();
    run(jobYaml('slow', 'sleep 600', '  activeDeadlineSeconds: 20\n'));
    run('kubectl apply -f slow.yaml');
    run('sleep 25');
    const during = json('kubectl get job slow -o json').status;
    expect(during.conditions.map((c: { type: string }) => c.type)).toEqual(['FailureTarget']);
    expect(during.terminating).toBe(1);
    run('sleep 40');
    const after = json('kubectl get job slow -o json').status;
    expect(after.conditions[1]).toMatchObject({
      type: 'Failed',
      reason: 'DeadlineExceeded',
      message: 'Job was active longer than specified deadline',
    });
    expect(after.failed).toBe(1);
    expect(run('kubectl describe job slow').output).toMatch(
      /Normal {3}SuccessfulDelete {2}\d+s +job-controller {2}Deleted pod: slow-\w{5}\n/,
    );
  });

  it('deletes a finished Job after ttlSecondsAfterFinished', () => {
    const { run } = cluster();
    run(jobYaml('ttl', 'echo bye', '  ttlSecondsAfterFinished: 30\n'));
    run('kubectl apply -f ttl.yaml');
    expect(run('kubectl get jobs -o name').output).toBe('job.batch/ttl\n');
    run('sleep 40');
    expect(run('kubectl get jobs').output).toBe('No resources found in default namespace.\n');
    expect(run('kubectl get pods').output).toBe('No resources found in default namespace.\n');
  });
});

describe('CronJob controller', () => {
  it('creates a Job every minute and keeps three successful ones', () => {
    const { run, json } = cluster();
    run(`cat > cj.yaml <<'EOF'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: c
            image: busybox
            command: ["sh", "-c", "echo hello"]
EOF`);
    run('kubectl apply -f cj.yaml');
    expect(run('kubectl get jobs').output).toBe('No resources found in default namespace.\n');
    run('sleep 310');
    const jobs = json('kubectl get jobs -o json').items;
    const names = jobs.map((j: { metadata: { name: string } }) => j.metadata.name);
    // getJobName: <cronjob>-<scheduled time in minutes since the epoch>; the clock starts 2025-01-01
    const minute = Date.UTC(2025, 0, 1) / 60_000;
    expect(names).toEqual([3, 4, 5].map((m) => `tick-${minute + m}`));
    const last = jobs[2];
    expect(last.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(
      '2025-01-01T00:05:00Z',
    );
    expect(last.metadata.ownerReferences[0]).toMatchObject({
      kind: 'CronJob',
      name: 'tick',
      controller: true,
    });
    const cj = json('kubectl get cronjob tick -o json');
    expect(cj.status.lastScheduleTime).toBe('2025-01-01T00:05:00Z');
    expect(cj.status.lastSuccessfulTime).toMatch(/^2025-01-01T00:05:0\dZ$/);
    expect(cj.status.active).toBeUndefined();
    const described = run('kubectl describe cronjob tick').output;
    expect(described).toContain(`Created job tick-${minute + 1}\n`);
    expect(described).toContain(`Saw completed job: tick-${minute + 1}, status: Complete\n`);
    expect(described).toContain(`Deleted job tick-${minute + 1}\n`);
    expect(run('kubectl get cronjobs').output).toMatch(
      /^NAME {3}SCHEDULE {6}TIMEZONE {3}SUSPEND {3}ACTIVE {3}LAST SCHEDULE {3}AGE\ntick {3}\*\/1 \* \* \* \* {3}<none> {5}False {5}[01] {8}\d+s /,
    );
  });
});

describe('cron schedules (robfig/cron TestNext)', () => {
  const next = (from: string, spec: string) => {
    const t = parseCronSchedule(spec).next(Date.parse(from));
    return t === null ? null : new Date(t).toISOString();
  };
  it('steps, ranges, months and leap days', () => {
    expect(next('2012-07-09T14:45:00Z', '0/15 * * * *')).toBe('2012-07-09T15:00:00.000Z');
    expect(next('2012-07-09T14:59:00Z', '0/15 * * * *')).toBe('2012-07-09T15:00:00.000Z');
    expect(next('2012-07-09T23:45:00Z', '20-35/15 * * * *')).toBe('2012-07-10T00:20:00.000Z');
    expect(next('2012-07-09T23:35:00Z', '0 0 9 Apr-Oct ?')).toBe('2012-08-09T00:00:00.000Z');
    expect(next('2012-07-09T23:35:00Z', '0 0 29 Feb ?')).toBe('2016-02-29T00:00:00.000Z');
    expect(next('2012-07-09T23:35:00Z', '@hourly')).toBe('2012-07-10T00:00:00.000Z');
  });
  it('evaluates the schedule in a TZ= zone', () => {
    expect(next('2025-01-01T00:00:00Z', 'TZ=America/New_York 0 9 * * *')).toBe('2025-01-01T14:00:00.000Z');
  });
});
