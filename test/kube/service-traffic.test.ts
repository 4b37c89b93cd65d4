// Traffic to pods and Services on a kind cluster: the servers a container's process runs
// (engine/kube/kubelet/servers.ts) answer curl and busybox wget through kube-proxy's DNAT, its
// REJECT for a Service without endpoints, and NodePorts from another node.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { detectContentType } from '../../engine/kube/kubelet/go-http.ts';
import { nginxVersionOf } from '../../engine/kube/kubelet/servers.ts';
import { NGINX_INDEX_HTML } from '../../engine/net/server/nginx.ts';

const TWO_NODES = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
- role: worker
`;

function get(s: Session, what: string, path: string): string {
  return s.run(`kubectl get ${what} -o jsonpath={${path}}`).output;
}

function cluster(seed: string, config?: string): Session {
  const s = new Session(createWorld({ seed }));
  if (config) s.run(`cat > kind.yaml <<'EOF'\n${config}EOF`);
  expect(s.run(config ? 'kind create cluster --config kind.yaml' : 'kind create cluster').status).toBe(0);
  expect(s.run('kubectl create deployment web --image=nginx --replicas=2').status).toBe(0);
  expect(s.run('kubectl expose deployment web --port=80').status).toBe(0);
  s.run('kubectl run client --image=curlimages/curl --restart=Never --command -- sleep 3600');
  s.run('kubectl run bb --image=busybox --restart=Never -- sleep 3600');
  s.run('sleep 30');
  return s;
}

describe('a ClusterIP Service in front of nginx (single-node kind)', () => {
  const s = cluster('service-traffic');
  const ip = get(s, 'svc web', '.spec.clusterIP');

  it('serves the nginx welcome page through the ClusterIP', () => {
    // nginx release-1.27.5 docs/html/index.html, what `curl -sS` prints as is
    const r = s.run(`kubectl exec client -- curl -sS http://${ip}/`);
    expect(r.output).toBe(NGINX_INDEX_HTML);
    expect(r.status).toBe(0);
  });

  it('leaves a DNATed connection in the node conntrack table', () => {
    const pods = s.run('kubectl get pods -l app=web -o jsonpath={.items[*].status.podIP}').output.split(' ');
    const client = get(s, 'pod client', '.status.podIP');
    const table = s.run('docker exec kind-control-plane conntrack -L').output;
    // the reply tuple comes from the chosen pod, not from the ClusterIP: KUBE-SEP-* DNAT
    const flow = table.split('\n').find((l) => l.includes(`dst=${ip} `));
    expect(flow).toBeDefined();
    const reply = / src=(\S+) dst=(\S+) sport=80 /.exec(flow ?? '');
    expect(pods).toContain(reply?.[1]);
    expect(reply?.[2]).toBe(client);
  });

  it('serves a pod IP directly, with nginx 1.27.5 headers', () => {
    const pod = s.run('kubectl get pods -l app=web -o jsonpath={.items[0].status.podIP}').output;
    const head = s.run(`kubectl exec client -- curl -sI http://${pod}/`).output;
    // ngx_http_header_filter_module.c order; ETag "%xT-%xO" of the release commit time and 615 bytes
    expect(head).toMatch(
      /^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.5\r\nDate: .* GMT\r\nContent-Type: text\/html\r\nContent-Length: 615\r\nLast-Modified: Wed, 16 Apr 2025 12:01:11 GMT\r\nConnection: keep-alive\r\nETag: "67ff9c07-267"\r\nAccept-Ranges: bytes\r\n\r\n$/,
    );
  });

  it('answers busybox wget through the ClusterIP', () => {
    const r = s.run(`kubectl exec bb -- wget -qO- http://${ip}/`);
    expect(r.output).toBe(NGINX_INDEX_HTML);
  });

  it('rejects connections once the Deployment has no pods', () => {
    expect(s.run('kubectl scale deployment web --replicas=0').status).toBe(0);
    s.run('sleep 40');
    expect(get(s, 'endpoints web', '.subsets')).toBe('');
    // KUBE-SERVICES: "has no endpoints" -j REJECT (icmp port-unreachable): ECONNREFUSED
    const curl = s.run(`kubectl exec client -- curl -sS http://${ip}/`);
    expect(curl.output).toBe(
      `curl: (7) Failed to connect to ${ip}:80 after 0 ms: Could not connect to server\ncommand terminated with exit code 7\n`,
    );
    const wget = s.run(`kubectl exec bb -- wget -qO- http://${ip}/`);
    expect(wget.output).toBe(
      `wget: can't connect to remote host (${ip}): Connection refused\ncommand terminated with exit code 1\n`,
    );
  });
});

describe('a NodePort reached from another node (two-node kind)', () => {
  it('serves nginx on the control plane IP from kind-worker', () => {
    const s = cluster('service-traffic-2', TWO_NODES);
    expect(s.run('kubectl expose deployment web --name=web-np --port=80 --type=NodePort').status).toBe(0);
    s.run('sleep 5');
    const port = get(s, 'svc web-np', '.spec.ports[0].nodePort');
    const cp = get(s, 'node kind-control-plane', '.status.addresses[0].address');
    expect(cp).toBe('172.18.0.2');
    // kindest/node has curl (kind images/base/Dockerfile installs it)
    const r = s.run(`docker exec kind-worker curl -s http://${cp}:${port}/`);
    expect(r.output).toBe(NGINX_INDEX_HTML);
    // and a pod on the worker reaches the Service's ClusterIP as well
    const ip = get(s, 'svc web', '.spec.clusterIP');
    expect(s.run(`kubectl exec client -- curl -s http://${ip}/`).output).toBe(NGINX_INDEX_HTML);
  });
});

describe('agnhost and http-echo servers', () => {
  const s = new Session(createWorld({ seed: 'service-traffic-3' }));
  s.run('kind create cluster');
  s.run('kubectl run client --image=curlimages/curl --restart=Never --command -- sleep 3600');
  s.run('kubectl run hn --image=registry.k8s.io/e2e-test-images/agnhost:2.53 -- serve-hostname');
  s.run('kubectl run nx --image=registry.k8s.io/e2e-test-images/agnhost:2.53 -- netexec --http-port=8080');
  s.run('kubectl run echo --image=hashicorp/http-echo:1.0 -- -text=hello');
  s.run('kubectl run echo2 --image=hashicorp/http-echo:1.0 -- -text=hello world');
  s.run('sleep 30');

  it('serve-hostname answers the pod name without a newline on 9376', () => {
    // serve_hostname.go: fmt.Fprintf(w, "%s", hostname); Go's server writes Date,
    // Content-Length, then the sniffed Content-Type (extraHeader.Write)
    const out = s.run(
      `kubectl exec client -- curl -si http://${get(s, 'pod hn', '.status.podIP')}:9376/`,
    ).output;
    expect(out).toMatch(
      /^HTTP\/1\.1 200 OK\r\nDate: .* GMT\r\nContent-Length: 2\r\nContent-Type: text\/plain; charset=utf-8\r\n\r\nhn$/,
    );
  });

  it('netexec answers /hostname and /echo', () => {
    const ip = get(s, 'pod nx', '.status.podIP');
    expect(s.run(`kubectl exec client -- curl -s http://${ip}:8080/hostname`).output).toBe('nx');
    expect(s.run(`kubectl exec client -- curl -s 'http://${ip}:8080/echo?msg=a+b%21'`).output).toBe('a b!');
  });

  it('http-echo answers its text and a newline, with the app headers', () => {
    const ip = get(s, 'pod echo', '.status.podIP');
    // main.go httpEcho: fmt.Fprintln(w, v); handlers.go withAppHeaders: X-App-Name, X-App-Version
    const out = s.run(`kubectl exec client -- curl -si http://${ip}:5678/`).output;
    expect(out).toMatch(
      /^HTTP\/1\.1 200 OK\r\nX-App-Name: http-echo\r\nX-App-Version: 1\.0\.0\r\nDate: .* GMT\r\nContent-Length: 6\r\nContent-Type: text\/plain; charset=utf-8\r\n\r\nhello\n$/,
    );
    expect(s.run(`kubectl exec client -- curl -s http://${ip}:5678/health`).output).toBe('{"status":"ok"}\n');
    // `-text=hello world` leaves "world" as an argument: main.go exits "Too many arguments!"
    const other = get(s, 'pod echo2', '.status.podIP');
    expect(s.run(`kubectl exec client -- curl -sS http://${other}:5678/`).output).toContain('curl: (7) ');
  });
});

describe('which nginx a tag stands for', () => {
  it('maps full versions, finished branches and floating tags; refuses the rest', () => {
    expect(nginxVersionOf('latest')).toBe('1.27.5');
    expect(nginxVersionOf('1.27')).toBe('1.27.5');
    expect(nginxVersionOf('1.25.3-alpine')).toBe('1.25.3');
    expect(nginxVersionOf('1.28')).toBeNull();
    expect(nginxVersionOf('stable')).toBeNull();
    expect(nginxVersionOf('1.14.2')).toBeNull();
  });

  it('sniffs like http.DetectContentType (net/http sniff_test.go cases)', () => {
    // sniff_test.go snifferTests: "HTML document #1" and "Plain text"
    expect(detectContentType('<HtMl><bOdY>blah blah blah</body></html>')).toBe('text/html; charset=utf-8');
    expect(detectContentType('This is not HTML. It has ☃ though.')).toBe('text/plain; charset=utf-8');
    expect(detectContentType('\n<?xml!')).toBe('text/xml; charset=utf-8');
  });
});
