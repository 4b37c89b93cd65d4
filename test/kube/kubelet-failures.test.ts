// Containers that cannot run: images the registry lacks (ErrImagePull, ImagePullBackOff),
// memory limits exceeded (OOMKilled), failing lifecycle hooks; and hooks that work.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { kubeWorld } from '../../engine/kube/world-clusters.ts';

function cluster() {
  const s = new Session(createWorld({ seed: 'kubelet-failures' }));
  const run = (line: string) => s.run(line);
  run('kind create cluster');
  const kind = kubeWorld(s.world).clusters.get('kind');
  if (!kind) throw new Error('no cluster');
  const apply = (yaml: string) => run(`cat <<'EOF' | kubectl apply -f -\n${yaml}\nEOF`);
  return { run, apply, cluster: kind.cluster };
}

function containerStatus(run: (l: string) => { output: string }, pod: string) {
  return JSON.parse(run(`kubectl get pod ${pod} -o json`).output).status.containerStatuses[0];
}

describe('kubelet failures', () => {
  it('fails to pull an image the registry lacks, then backs off', () => {
    const { run, cluster } = cluster_();
    cluster.registries.missing.add('nginx:nonexist');
    expect(run('kubectl run missing --image=nginx:nonexist').output).toBe('pod/missing created\n');
    expect(run('kubectl get pod missing').output).toMatch(/missing +0\/1 +ErrImagePull +0 /);
    // image_manager.go: "Failed to pull image %q: %v" with containerd's NotFound error
    const err =
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nonexist": ' +
      'failed to resolve reference "docker.io/library/nginx:nonexist": docker.io/library/nginx:nonexist: not found';
    let events = run('kubectl get events --field-selector involvedObject.name=missing').output;
    expect(events).toContain(`Failed to pull image "nginx:nonexist": ${err}`);
    // kuberuntime_container.go startContainer: "Error: %v" of ErrImagePull
    expect(events).toContain('Error: ErrImagePull');
    expect(containerStatus(run, 'missing').state.waiting).toEqual({ reason: 'ErrImagePull', message: err });
    run('sleep 40');
    events = run('kubectl get events --field-selector involvedObject.name=missing').output;
    expect(events).toContain('Back-off pulling image "nginx:nonexist"');
    expect(events).toContain('Error: ImagePullBackOff');
    const describe = run('kubectl describe pod missing').output;
    expect(describe).toMatch(/Normal +BackOff .*Back-off pulling image "nginx:nonexist"/);
  });

  it('matches missing images by their fully qualified reference too', () => {
    const { run, cluster } = cluster_();
    cluster.registries.missing.add('docker.io/library/redis:9.9');
    run('kubectl run cache --image=redis:9.9');
    expect(containerStatus(run, 'cache').state.waiting.reason).toBe('ErrImagePull');
  });

  it('OOM-kills the docs memory-demo-2 container and crash-loops it', () => {
    const { run, apply } = cluster_();
    apply(`apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-2
spec:
  containers:
  - name: memory-demo-2-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "100Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]`);
    const status = containerStatus(run, 'memory-demo-2');
    expect(status.lastState.terminated.reason).toBe('OOMKilled');
    expect(status.lastState.terminated.exitCode).toBe(137);
    expect(status.state.waiting.reason).toBe('CrashLoopBackOff');
  });

  it('keeps a stress container that stays within its limit running', () => {
    const { run, apply } = cluster_();
    apply(`apiVersion: v1
kind: Pod
metadata:
  name: memory-demo
spec:
  containers:
  - name: memory-demo-ctr
    image: polinux/stress
    resources:
      limits:
        memory: "200Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]`);
    run('sleep 30');
    expect(run('kubectl get pod memory-demo').output).toMatch(/memory-demo +1\/1 +Running +0 /);
  });

  it('kills a container whose postStart hook fails', () => {
    const { run, apply } = cluster_();
    apply(`apiVersion: v1
kind: Pod
metadata:
  name: hook
spec:
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "sleep 3600"]
    lifecycle:
      postStart:
        exec:
          command: ["sh", "-c", "exit 1"]`);
    const events = run('kubectl get events --field-selector involvedObject.name=hook').output;
    // kuberuntime_container.go: the event never quotes the hook's output
    expect(events).toMatch(/Warning +FailedPostStartHook +pod\/hook +PostStartHook failed/);
    expect(events).toMatch(/Normal +Killing +pod\/hook +FailedPostStartHook/);
  });

  it('runs postStart in the container and reports a failing preStop when the pod goes', () => {
    const { run, apply } = cluster_();
    apply(`apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: busybox
    command: ["sh", "-c", "sleep 3600"]
    readinessProbe:
      exec:
        command: ["cat", "/usr/share/message"]
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
      preStop:
        exec:
          command: ["/bin/sh", "-c", "sleep 5; exit 3"]`);
    // the readiness probe (every 10s) reads the file the postStart hook wrote
    run('sleep 15');
    expect(containerStatus(run, 'lifecycle-demo').ready).toBe(true);
    run('kubectl delete pod lifecycle-demo --wait=false');
    run('sleep 10');
    const events = run('kubectl get events --field-selector involvedObject.name=lifecycle-demo').output;
    expect(events).toContain('Stopping container lifecycle-demo-container');
    expect(events).toMatch(/Warning +FailedPreStopHook +pod\/lifecycle-demo +PreStopHook failed/);
  });
});

const cluster_ = cluster;
