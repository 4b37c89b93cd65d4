// End to end through the shell: kind creates a cluster, kubectl drives it, controllers,
// scheduler and kubelets react in simulated time.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';

function session() {
  const s = new Session(createWorld({ seed: 'kube-test' }));
  const run = (line: string) => s.run(line);
  return { s, run };
}

describe('kind and kubectl', () => {
  it('creates a cluster and a kubeconfig context', () => {
    const { run } = session();
    const created = run('kind create cluster');
    expect(created.status).toBe(0);
    expect(created.output).toContain(
      'Creating cluster "kind" ...\n ✓ Ensuring node image (kindest/node:v1.32.2) 🖼\n',
    );
    expect(created.output).toContain('Set kubectl context to "kind-kind"\n');
    expect(run('kubectl config current-context').output).toBe('kind-kind\n');
    expect(run('kind get clusters').output).toBe('kind\n');
    const nodes = run('kubectl get nodes').output;
    expect(nodes).toMatch(
      /^NAME {17}STATUS {3}ROLES {11}AGE {3}VERSION\nkind-control-plane {3}Ready {4}control-plane {3}\d+s {4}v1\.32\.2\n$/,
    );
  });

  it('says where no cluster is configured', () => {
    const { run } = session();
    const r = run('kubectl get pods');
    expect(r.status).toBe(1);
    expect(r.output).toContain(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
    );
  });

  it('brings a Deployment up, rolls it and rolls it back', () => {
    const { run } = session();
    run('kind create cluster');
    expect(run('kubectl create deployment web --image=nginx:1.27 --replicas=3').output).toBe(
      'deployment.apps/web created\n',
    );
    const pods = run('kubectl get pods -o name').output.trim().split('\n');
    expect(pods).toHaveLength(3);
    for (const p of pods)
      expect(p).toMatch(/^pod\/web-[bcdfghjklmnpqrstvwxz2456789]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const rs1 = run('kubectl get rs -o name').output.trim();
    expect(run('kubectl get deploy web').output).toMatch(
      /^NAME {3}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nweb {4}3\/3 {5}3 {12}3 {11}\d+s\n$/,
    );
    expect(run('kubectl set image deployment/web nginx=nginx:1.28').output).toBe(
      'deployment.apps/web image updated\n',
    );
    expect(run('kubectl rollout status deployment/web').output).toBe(
      'deployment "web" successfully rolled out\n',
    );
    const rs = run('kubectl get rs').output.trim().split('\n');
    expect(rs).toHaveLength(3);
    expect(run('kubectl get pods -o jsonpath={.items[*].spec.containers[0].image}').output).toBe(
      'nginx:1.28 nginx:1.28 nginx:1.28',
    );
    expect(run('kubectl rollout history deployment/web').output).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    expect(run('kubectl rollout undo deployment/web').output).toBe('deployment.apps/web rolled back\n');
    run('kubectl rollout status deployment/web');
    expect(run('kubectl get pods -o jsonpath={.items[*].spec.containers[0].image}').output).toBe(
      'nginx:1.27 nginx:1.27 nginx:1.27',
    );
    expect(run(`kubectl get ${rs1} -o jsonpath={.spec.replicas}`).output).toBe('3');
  });

  it('keeps a pod whose requests fit no node Pending with the scheduler message', () => {
    const { run } = session();
    run('kind create cluster');
    run(`cat > big.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: "64"
EOF`);
    expect(run('kubectl apply -f big.yaml').output).toBe('pod/big created\n');
    expect(run('kubectl get pod big').output).toMatch(
      /^NAME {3}READY {3}STATUS {4}RESTARTS {3}AGE\nbig {4}0\/1 {5}Pending {3}0 {10}\d+s\n$/,
    );
    const events = run(
      'kubectl get events --field-selector reason=FailedScheduling -o jsonpath={.items[0].message}',
    ).output;
    expect(events).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('refuses the seeds HPA manifest as kubectl 1.32 does', () => {
    const { run } = session();
    run('kind create cluster');
    run(`cat > hpa.yaml <<'EOF'
apiVersion: autoscaling/v2beta2
kind: HorizontalPodAutoscaler
metadata:
  name: php-apache
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: php-apache
  minReplicas: 1
  maxReplicas: 10
EOF`);
    const r = run('kubectl apply -f hpa.yaml');
    expect(r.status).toBe(1);
    expect(r.output).toBe(
      'error: resource mapping not found for name: "php-apache" namespace: "" from "hpa.yaml": no matches for kind "HorizontalPodAutoscaler" in version "autoscaling/v2beta2"\nensure CRDs are installed first\n',
    );
  });

  it('reports API errors in kubectl words', () => {
    const { run } = session();
    run('kind create cluster');
    expect(run('kubectl get pod nope').output).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(run('kubectl get frobs').output).toBe('error: the server doesn\'t have a resource type "frobs"\n');
    expect(run('kubectl get pods').output).toBe('No resources found in default namespace.\n');
  });
});

describe('docker ps on kind nodes', () => {
  it('prints docker/cli columns with go-units durations', () => {
    const s = new Session(createWorld({ seed: 'kube-test' }));
    s.run('kind create cluster');
    s.run('sleep 100');
    const out = s.run('docker ps').output;
    const lines = out.split('\n');
    expect(lines[0]).toBe(
      'CONTAINER ID   IMAGE                  COMMAND                  CREATED              STATUS              PORTS                       NAMES',
    );
    expect(lines[1]).toMatch(
      /^[0-9a-f]{12} {3}kindest\/node:v1\.32\.2 {3}"\/usr\/local\/bin\/entr…" {3}About a minute ago {3}Up About a minute {3}127\.0\.0\.1:\d{5}->6443\/tcp {3}kind-control-plane$/,
    );
  });
});

describe('kubectl exec', () => {
  it("runs in the container's own file system: files its process and earlier execs wrote", () => {
    const { run } = session();
    run('kind create cluster');
    run(
      "kubectl run writer --image=busybox --restart=Never -- sh -c 'echo from-main > /tmp/main.txt; sleep 3600'",
    );
    expect(run('kubectl exec writer -- cat /tmp/main.txt').output).toBe('from-main\n');
    expect(run("kubectl exec writer -- sh -c 'echo from-exec > /tmp/exec.txt'").status).toBe(0);
    expect(run('kubectl exec writer -- cat /tmp/exec.txt').output).toBe('from-exec\n');
  });
});

describe('kubectl delete', () => {
  it('prints delete.go\'s lines: kind.group "name" deleted, force deleted with its warning, -o name', () => {
    const { run } = session();
    run('kind create cluster');
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl delete deployment web').output).toBe('deployment.apps "web" deleted\n');
    run('kubectl run a --image=nginx');
    run('kubectl run b --image=nginx');
    expect(run('kubectl delete pod a --grace-period=0 --force').output).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "a" force deleted\n',
    );
    expect(run('kubectl delete pod b -o name').output).toBe('pod/b\n');
    expect(run('kubectl delete pod c --now --grace-period=5').output).toBe(
      'error: --now and --grace-period cannot be specified together\n',
    );
  });
});
