// The kubelet's probes end to end: exec, httpGet and tcpSocket probes against what the
// containers serve, liveness kills and restarts, readiness driving the Ready condition.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';

function cluster() {
  const s = new Session(createWorld({ seed: 'kubelet-probes' }));
  const run = (line: string) => s.run(line);
  run('kind create cluster');
  const apply = (yaml: string) => run(`cat <<'EOF' | kubectl apply -f -\n${yaml}\nEOF`);
  return { s, run, apply };
}

const EXEC_LIVENESS = `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox:1.27.2
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5`;

describe('kubelet probes', () => {
  it('restarts the docs exec-liveness pod once /tmp/healthy is gone', () => {
    const { run, apply } = cluster();
    expect(apply(EXEC_LIVENESS).output).toBe('pod/liveness-exec created\n');
    run('sleep 20');
    let events = run('kubectl get events --field-selector involvedObject.name=liveness-exec').output;
    expect(events).not.toContain('Unhealthy');
    run('sleep 30');
    events = run('kubectl describe pod liveness-exec').output;
    // prober.go: "%s probe failed: %s" with the exec output; kuberuntime_manager.go:
    // "Container %s failed liveness probe" + ", will be restarted"
    expect(events).toMatch(/Warning +Unhealthy .*Liveness probe failed: cat: /);
    expect(events).toContain('Container liveness failed liveness probe, will be restarted');
    run('sleep 40');
    const pod = JSON.parse(run('kubectl get pod liveness-exec -o json').output);
    const status = pod.status.containerStatuses[0];
    expect(status.restartCount).toBe(1);
    expect(status.lastState.terminated.exitCode).toBe(137);
    expect(status.lastState.terminated.reason).toBe('Error');
    expect(status.state.running).toBeDefined();
  });

  it('fails the docs httpGet liveness probe once agnhost /healthz answers 500', () => {
    const { run, apply } = cluster();
    apply(`apiVersion: v1
kind: Pod
metadata:
  name: liveness-http
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/e2e-test-images/agnhost:2.40
    args:
    - liveness
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
      initialDelaySeconds: 3
      periodSeconds: 3`);
    run('sleep 25');
    const events = run('kubectl get events --field-selector involvedObject.name=liveness-http').output;
    // pkg/probe/http/http.go: "HTTP probe failed with statuscode: %d"
    expect(events).toContain('Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(events).toContain('Container liveness failed liveness probe, will be restarted');
  });

  it('keeps a pod unready while its readiness probe fails and reports refused connections', () => {
    const { run, apply } = cluster();
    apply(`apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent
    readinessProbe:
      httpGet:
        path: /ready
        port: 80
      periodSeconds: 5
    livenessProbe:
      tcpSocket:
        port: 8080
      periodSeconds: 5
      failureThreshold: 100`);
    run('sleep 12');
    expect(run('kubectl get pod web').output).toMatch(/web +0\/1 +Running +0 /);
    const pod = JSON.parse(run('kubectl get pod web -o json').output);
    const ready = pod.status.conditions.find((c: { type: string }) => c.type === 'Ready');
    expect(ready.status).toBe('False');
    expect(ready.reason).toBe('ContainersNotReady');
    const events = run('kubectl get events --field-selector involvedObject.name=web').output;
    expect(events).toContain('Readiness probe failed: HTTP probe failed with statuscode: 404');
    // pkg/probe/tcp/tcp.go returns net.DialTimeout's error text
    const ip = pod.status.podIP;
    expect(events).toContain(`Liveness probe failed: dial tcp ${ip}:8080: connect: connection refused`);
  });

  it('turns Ready on when an httpGet readiness probe succeeds, and reports Get errors', () => {
    const { run, apply } = cluster();
    apply(`apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  containers:
  - name: nginx
    image: nginx
    readinessProbe:
      httpGet:
        path: /
        port: 80
      initialDelaySeconds: 5
  - name: side
    image: busybox
    command: ["sh", "-c", "sleep 3600"]
    readinessProbe:
      httpGet:
        path: /healthz
        port: 8080`);
    run('sleep 20');
    const pod = JSON.parse(run('kubectl get pod ok -o json').output);
    const byName = Object.fromEntries(
      pod.status.containerStatuses.map((c: { name: string; ready: boolean }) => [c.name, c.ready]),
    );
    expect(byName).toEqual({ nginx: true, side: false });
    const ready = pod.status.conditions.find((c: { type: string }) => c.type === 'Ready');
    expect(ready.message).toBe('containers with unready status: [side]');
    const events = run('kubectl get events --field-selector involvedObject.name=ok').output;
    // net/http's *url.Error: Get "<url>": <dial error>
    expect(events).toContain(
      `Readiness probe failed: Get "http://${pod.status.podIP}:8080/healthz": dial tcp ${pod.status.podIP}:8080: connect: connection refused`,
    );
  });

  it('holds readiness and liveness until the startup probe succeeds', () => {
    const { run, apply } = cluster();
    apply(`apiVersion: v1
kind: Pod
metadata:
  name: slow
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "sleep 20; touch /tmp/started; sleep 3600"]
    startupProbe:
      exec:
        command: ["cat", "/tmp/started"]
      periodSeconds: 5
      failureThreshold: 30
    livenessProbe:
      exec:
        command: ["cat", "/tmp/started"]
      periodSeconds: 5`);
    run('sleep 10');
    let status = JSON.parse(run('kubectl get pod slow -o json').output).status.containerStatuses[0];
    expect(status.started).toBe(false);
    expect(status.ready).toBe(false);
    expect(run('kubectl get events --field-selector involvedObject.name=slow').output).toContain(
      'Startup probe failed: ',
    );
    run('sleep 30');
    status = JSON.parse(run('kubectl get pod slow -o json').output).status.containerStatuses[0];
    expect(status.started).toBe(true);
    expect(status.ready).toBe(true);
    expect(status.restartCount).toBe(0);
  });
});
