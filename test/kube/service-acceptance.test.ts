// Issue 8's acceptance, end to end through the shell: curl from a pod to a Service *name*
// (cluster DNS, kube-proxy's DNAT) reaches a backend; with no backends kube-proxy's REJECT
// refuses the connection; a default-deny NetworkPolicy makes it time out.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';

describe('traffic to a Service by name', () => {
  it('reaches a backend, is refused without endpoints, and times out under default deny', () => {
    const s = new Session(createWorld({ seed: 'service-acceptance' }));
    const run = (line: string) => s.run(line);
    expect(run('kind create cluster').status).toBe(0);
    run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    run('kubectl expose deployment web --port=80');
    // the nginx image (Debian) has curl 7.88.1
    run('kubectl run client --image=nginx:1.27');

    const ok = run('kubectl exec client -- curl -sS http://web/');
    expect(ok.status).toBe(0);
    expect(ok.output).toContain('<title>Welcome to nginx!</title>');

    run('kubectl scale deployment web --replicas=0');
    const refused = run('kubectl exec client -- curl -sS http://web/');
    expect(refused.output).toMatch(
      /^curl: \(7\) Failed to connect to web port 80 after \d+ ms: Couldn't connect to server\ncommand terminated with exit code 7\n$/,
    );

    run('kubectl scale deployment web --replicas=2');
    run(`cat > deny.yml <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
spec:
  podSelector: {}
  policyTypes: [Ingress]
EOF`);
    expect(run('kubectl apply -f deny.yml').output).toBe(
      'networkpolicy.networking.k8s.io/default-deny created\n',
    );
    const timedOut = run('kubectl exec client -- curl -sS --connect-timeout 3 http://web/');
    expect(timedOut.output).toMatch(
      /^curl: \(28\) Failed to connect to web port 80 after 300\d ms: Timeout was reached\ncommand terminated with exit code 28\n$/,
    );
  });
});
