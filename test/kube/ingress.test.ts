// kind's "Ingress" guide (site/content/docs/user/ingress.md at kind v0.27.0) step by step:
// a cluster with extraPortMappings, ingress-nginx from the offline manifest catalog, the
// docs' usage.yaml, and curl on the docker host reaching the foo and bar pods.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { catalogEntry, catalogUrls } from '../../engine/kube/addons/catalog.ts';
import { nginxErrorPage } from '../../engine/kube/addons/ingress-nginx/responses.ts';
import { type IngressRoute, selectRoute } from '../../engine/kube/addons/ingress-nginx/routing.ts';

const DEPLOY = 'https://kind.sigs.k8s.io/examples/ingress/deploy-ingress-nginx.yaml';
const USAGE = 'https://kind.sigs.k8s.io/examples/ingress/usage.yaml';

// the docs' "Option 2: extraPortMapping" cluster, verbatim
const CREATE = `cat <<EOF | kind create cluster --config=-
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
  extraPortMappings:
  - containerPort: 80
    hostPort: 80
    protocol: TCP
  - containerPort: 443
    hostPort: 443
    protocol: TCP
EOF`;

describe('the manifest catalog', () => {
  it('holds the kind v0.27.0 files byte for byte (git blob ids from `git ls-tree v0.27.0`)', () => {
    for (const url of catalogUrls()) {
      const entry = catalogEntry(url);
      const bytes = new TextEncoder().encode(entry?.text ?? '');
      const blob = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
      expect(blob).toBe(entry?.gitBlob);
    }
    expect(catalogEntry(DEPLOY)?.gitBlob).toBe('58185aad8deeb83eda0f2a20fbf99131efe017f0');
    expect(catalogEntry(USAGE)?.gitBlob).toBe('6e8e614be711bfdae523ff445247a7792c3d7202');
  });
});

describe("kind's Ingress guide with ingress-nginx", () => {
  const s = new Session(createWorld({ seed: 'kind-ingress' }));
  expect(s.run(CREATE).status).toBe(0);

  it('applies deploy-ingress-nginx.yaml from its URL, in the manifest order', () => {
    const r = s.run(`kubectl apply -f ${DEPLOY}`);
    expect(r.status).toBe(0);
    // one "<resource>.<group>/<name> created" line per document of the manifest
    expect(r.output).toBe(
      [
        'namespace/ingress-nginx',
        'serviceaccount/ingress-nginx',
        'serviceaccount/ingress-nginx-admission',
        'role.rbac.authorization.k8s.io/ingress-nginx',
        'role.rbac.authorization.k8s.io/ingress-nginx-admission',
        'clusterrole.rbac.authorization.k8s.io/ingress-nginx',
        'clusterrole.rbac.authorization.k8s.io/ingress-nginx-admission',
        'rolebinding.rbac.authorization.k8s.io/ingress-nginx',
        'rolebinding.rbac.authorization.k8s.io/ingress-nginx-admission',
        'clusterrolebinding.rbac.authorization.k8s.io/ingress-nginx',
        'clusterrolebinding.rbac.authorization.k8s.io/ingress-nginx-admission',
        'configmap/ingress-nginx-controller',
        'service/ingress-nginx-controller',
        'service/ingress-nginx-controller-admission',
        'deployment.apps/ingress-nginx-controller',
        'job.batch/ingress-nginx-admission-create',
        'job.batch/ingress-nginx-admission-patch',
        'ingressclass.networking.k8s.io/nginx',
        'validatingwebhookconfiguration.admissionregistration.k8s.io/ingress-nginx-admission',
      ]
        .map((l) => `${l} created\n`)
        .join(''),
    );
  });

  it('waits for the controller pod', () => {
    const r = s.run(
      'kubectl wait --namespace ingress-nginx --for=condition=ready pod --selector=app.kubernetes.io/component=controller --timeout=90s',
    );
    expect(r.output).toMatch(/^pod\/ingress-nginx-controller-[a-z0-9]+-[a-z0-9]{5} condition met\n$/);
    expect(r.status).toBe(0);
  });

  it('runs the admission webhook jobs to completion, the secret and caBundle in place', () => {
    s.run('sleep 30');
    const jobs = s.run('kubectl get jobs -n ingress-nginx -o jsonpath={.items[*].status.succeeded}');
    expect(jobs.output).toBe('1 1');
    // kube-webhook-certgen pkg/k8s SaveCertsToSecret: Data{"ca", "cert", "key"}
    const keys = s.run(
      'kubectl get secret ingress-nginx-admission -n ingress-nginx -o jsonpath={.data}',
    ).output;
    expect(Object.keys(JSON.parse(keys)).sort()).toEqual(['ca', 'cert', 'key']);
    const ca = s.run(
      'kubectl get validatingwebhookconfiguration ingress-nginx-admission -o jsonpath={.webhooks[0].clientConfig.caBundle}',
    ).output;
    expect(ca).toBe(JSON.parse(keys).ca);
  });

  it('applies usage.yaml and routes /foo and /bar to the agnhost pods through localhost:80', () => {
    expect(s.run(`kubectl apply -f ${USAGE}`).output).toBe(
      'pod/foo-app created\nservice/foo-service created\npod/bar-app created\nservice/bar-service created\ningress.networking.k8s.io/example-ingress created\n',
    );
    s.run('sleep 10');
    // agnhost serve-hostname answers every path with the pod's hostname, no newline
    expect(s.run('curl localhost/foo/hostname').output).toBe('foo-app');
    expect(s.run('curl localhost/bar/hostname').output).toBe('bar-app');
    expect(s.run('curl localhost/foo').output).toBe('foo-app');
  });

  it("answers unmatched paths with the default backend's 404 (Prefix /foo is not /foobar)", () => {
    const r = s.run('curl -si localhost/foobar');
    // nginx.tmpl: the default server's `return 404`, server_tokens off and Server cleared
    expect(r.output).toMatch(
      /^HTTP\/1\.1 404 Not Found\r\nDate: .* GMT\r\nContent-Type: text\/html\r\nContent-Length: 146\r\nConnection: keep-alive\r\n\r\n/,
    );
    expect(r.output.slice(r.output.indexOf('\r\n\r\n') + 4)).toBe(nginxErrorPage('404 Not Found'));
    expect(nginxErrorPage('404 Not Found')).toBe(
      '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    );
  });

  it('publishes --publish-status-address=localhost as the ADDRESS, with Sync events', () => {
    s.run('sleep 60');
    const r = s.run('kubectl get ingress');
    expect(r.output).toMatch(
      /^NAME +CLASS +HOSTS +ADDRESS +PORTS +AGE\nexample-ingress +<none> +\* +localhost +80 +\d+s\n$/,
    );
    // status.go nameOrIPToLoadBalancerIngress: not an IP, so a hostname
    expect(
      s.run('kubectl get ingress example-ingress -o jsonpath={.status.loadBalancer.ingress}').output,
    ).toBe('[{"hostname":"localhost"}]');
    // store.go: recorder.Eventf(ing, Normal, "Sync", "Scheduled for sync") on add and on update
    const events = s.run(
      'kubectl get events --field-selector involvedObject.kind=Ingress -o jsonpath={.items[*].reason}',
    );
    expect(events.output.split(' ').every((x) => x === 'Sync')).toBe(true);
    expect(s.run('kubectl describe ingress example-ingress').output).toMatch(
      /Normal {2}Sync {4}.* nginx-ingress-controller {2}Scheduled for sync\n/,
    );
  });

  it('fails like kubectl without network for a URL the catalog lacks', () => {
    const r = s.run('kubectl apply -f https://kind.sigs.k8s.io/examples/ingress/nope.yaml');
    // recorded with kubectl v1.32.4 in a namespace without a resolver (see catalog.ts)
    expect(r.output).toBe(
      'The connection to the server kind.sigs.k8s.io was refused - did you specify the right host or port?\n',
    );
    expect(r.status).toBe(1);
  });
});

describe('location choice', () => {
  const route = (
    path: string,
    pathType: IngressRoute['pathType'],
    service: string,
    host = '',
  ): IngressRoute => ({
    host,
    path,
    pathType,
    backend: { namespace: 'default', service, port: 80 },
  });
  const routes = [
    route('/foo', 'Prefix', 'foo'),
    route('/foo/bar', 'Prefix', 'foobar'),
    route('/exact', 'Exact', 'exact'),
    route('/impl', 'ImplementationSpecific', 'impl'),
    route('/', 'Prefix', 'web', 'a.example.com'),
  ];
  it('matches Prefix element-wise, Exact exactly, ImplementationSpecific as an nginx prefix', () => {
    const pick = (path: string, host = 'localhost') =>
      selectRoute(routes, host, path)?.backend.service ?? null;
    expect(pick('/foo')).toBe('foo');
    expect(pick('/foo/')).toBe('foo');
    expect(pick('/foobar')).toBeNull();
    expect(pick('/foo/bar/baz')).toBe('foobar');
    expect(pick('/exact')).toBe('exact');
    expect(pick('/exact/')).toBeNull();
    expect(pick('/implementation')).toBe('impl');
    expect(pick('/foo', 'a.example.com')).toBe('web');
  });
});

// the guide's "If you want to run with multiple nodes you must ensure that your
// ingress-controller is deployed on the same node where you have configured the PortMapping
// ... use a nodeSelector to specify the control-plane node name" (kind v0.27.0 ingress.md)
describe('the guide on two nodes: the controller on the control plane, the backends on the worker', () => {
  const s = new Session(createWorld({ seed: 'kind-ingress-2' }));
  expect(s.run(CREATE.replace('\nEOF', '\n- role: worker\nEOF')).status).toBe(0);
  s.run(`kubectl apply -f ${DEPLOY}`);
  s.run(
    `kubectl patch deployment -n ingress-nginx ingress-nginx-controller -p '{"spec":{"template":{"spec":{"nodeSelector":{"kubernetes.io/hostname":"kind-control-plane"}}}}}'`,
  );
  s.run(
    'kubectl wait --namespace ingress-nginx --for=condition=ready pod --selector=app.kubernetes.io/component=controller --timeout=90s',
  );
  s.run(`kubectl apply -f ${USAGE}`);
  s.run(`cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: netexec
  labels:
    app: netexec
spec:
  nodeName: kind-worker
  containers:
  - name: netexec
    image: registry.k8s.io/e2e-test-images/agnhost:2.53
    args: ["netexec", "--http-port=8080"]
---
apiVersion: v1
kind: Service
metadata:
  name: netexec
spec:
  selector:
    app: netexec
  ports:
  - port: 8080
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: netexec
spec:
  rules:
  - http:
      paths:
      - pathType: Exact
        path: /clientip
        backend:
          service:
            name: netexec
            port:
              number: 8080
EOF`);
  s.run('sleep 10');
  const nodeOf = (pod: string, ns = 'default') =>
    s.run(`kubectl get pod ${pod} -n ${ns} -o jsonpath={.spec.nodeName}`).output;

  it('places the pods as the guide intends', () => {
    const controller = s.run(
      'kubectl get pods -n ingress-nginx -l app.kubernetes.io/component=controller -o jsonpath={.items[0].spec.nodeName}',
    ).output;
    expect(controller).toBe('kind-control-plane');
    expect(nodeOf('foo-app')).toBe('kind-worker');
    expect(nodeOf('bar-app')).toBe('kind-worker');
  });

  it('routes to backends on the other node', () => {
    expect(s.run('curl localhost/foo/hostname').output).toBe('foo-app');
    expect(s.run('curl localhost/bar/hostname').output).toBe('bar-app');
  });

  it('connects to the backend from the controller pod (kindnet routes pod CIDRs unmasqueraded)', () => {
    const controllerIp = s.run(
      'kubectl get pods -n ingress-nginx -l app.kubernetes.io/component=controller -o jsonpath={.items[0].status.podIP}',
    ).output;
    expect(controllerIp).toMatch(/^10\.244\.0\.\d+$/);
    // agnhost netexec /clientip: the request's RemoteAddr, "ip:port"
    const r = s.run('curl -s localhost/clientip');
    expect(r.output).toMatch(new RegExp(`^${controllerIp.replace(/\./g, '\\.')}:\\d+$`));
  });
});

// moby cmd/docker-proxy tcp_proxy.go clientLoop: net.DialTCP("tcp", nil, backendAddr) — no
// local address, so the kernel picks the route's source on the docker host: the kind network's
// gateway 172.18.0.1, which is the peer the node's program sees.
describe('docker-proxy of an extraPortMapping connects from the docker host', () => {
  const s = new Session(createWorld({ seed: 'kind-docker-proxy' }));
  s.run(`cat <<EOF | kind create cluster --config=-
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
  extraPortMappings:
  - containerPort: 8080
    hostPort: 8080
EOF`);
  s.run(`cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: netexec
spec:
  hostNetwork: true
  containers:
  - name: netexec
    image: registry.k8s.io/e2e-test-images/agnhost:2.53
    args: ["netexec", "--http-port=8080"]
EOF`);
  s.run('kubectl wait --for=condition=Ready pod/netexec --timeout=60s');

  it('the node sees the gateway 172.18.0.1 as the client', () => {
    const r = s.run('curl -s localhost:8080/clientip');
    expect(r.output).toMatch(/^172\.18\.0\.1:\d+$/);
    expect(r.status).toBe(0);
  });

  it('the docker host reaches the node address directly, from the same gateway address', () => {
    expect(s.run('curl -s 172.18.0.2:8080/clientip').output).toMatch(/^172\.18\.0\.1:\d+$/);
  });
});
