// The corpus of kubectl commands run once through the real kubectl against labbook serve and
// once through the engine's own kubectl on a twin world: files they read, then the commands in
// order (writes and reads interleaved, so both worlds go through the same history).
import { WEB_DEPLOYMENT_YAML } from '../fixtures/web-deployment.ts';

export const FILES: Record<string, string> = {
  'deploy.yaml': WEB_DEPLOYMENT_YAML,
  'typo.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: typo
  lables:
    a: b
data:
  k: v
`,
  'invalid.yaml': `apiVersion: v1
kind: Service
metadata:
  name: Bad_Name
spec:
  ports:
  - port: 80
`,
  'cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: applied
data:
  mode: server
`,
  'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`,
  'sts.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: nginx:1.27
        volumeMounts:
        - name: data
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`,
  'netpol.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`,
  'deploy-v3.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`,
  // a self-signed certificate for example.com (openssl req -x509 -newkey rsa:2048 -days 36500)
  'tls.crt': `-----BEGIN CERTIFICATE-----
MIIDDzCCAfegAwIBAgIUOkMsLn/eJ8IcMsM945EXi9U41h8wDQYJKoZIhvcNAQEL
BQAwFjEUMBIGA1UEAwwLZXhhbXBsZS5jb20wIBcNMjYxMTIyMTMzMjE5WhgPMjEy
NjEwMjkxMzMyMTlaMBYxFDASBgNVBAMMC2V4YW1wbGUuY29tMIIBIjANBgkqhkiG
9w0BAQEFAAOCAQ8AMIIBCgKCAQEAkSde9C6MUf9beiL6QhzC7dHrSSuzy1ynGUfG
3Ie6R1V3Nl7FIzZ8FhuuwwDVixNet+4Jde01aslQ4OXfnlnmUohWDfr9FJc7sdNx
/96aUKewQPQzlLB9JNf0HwSDBE8bfmc26i7PSELGStvEvhB8n6V18ZHmUsZYmvfV
fF/80pB8jdEMzyByWyZ8y34D4BBwbSHgcZnn3MkWgEnFJ0VmHOgDiw7frI9Xbrds
ZEvrMRuMXnSx24CafG08pYHx05xHxoQHexAHTzXiFcZ/Xt+tILBZkSme4PdqN8aC
1aHaRoP+hKNkcnF4++aI+eDj8q/BxrqRdaGP4p8SS6rMsk1qHwIDAQABo1MwUTAd
BgNVHQ4EFgQU32COBHuibZcXv5GiYlllFyugMVwwHwYDVR0jBBgwFoAU32COBHui
bZcXv5GiYlllFyugMVwwDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOC
AQEAaO3+E9HHFLiNvLpXO9ku9xKTgV7oU1fHEnvA7Uh5s7kWeqNGVErkufRX6+hx
4zCZJDbR3XDT4SkBEkmrGIE8k2H0ezV5LO3S0hypMN6mRSfNDwAGsM7wz6ohHWWv
Iap3is9Szb0juUIQZZIRTcFc9tcczlFKHsGeJHnVQF+/pWh+vztCch6dlnaA0Xp+
GCtkwSTX/dHkgOE0ZBm+sW6/oC91RbWGLZiaPS5X8Ogqi+29ZrfLyWzRkYEZi707
pon9f454h9Nf8lfJIpcohB5y/I0B91phnoaf+razzu8pSUqS3Noz8XmIsamVfoEx
b362jtDkEf5F8axF4p6PFzpl1Q==
-----END CERTIFICATE-----
`,
  'tls.key': `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCRJ170LoxR/1t6
IvpCHMLt0etJK7PLXKcZR8bch7pHVXc2XsUjNnwWG67DANWLE1637gl17TVqyVDg
5d+eWeZSiFYN+v0Ulzux03H/3ppQp7BA9DOUsH0k1/QfBIMETxt+ZzbqLs9IQsZK
28S+EHyfpXXxkeZSxlia99V8X/zSkHyN0QzPIHJbJnzLfgPgEHBtIeBxmefcyRaA
ScUnRWYc6AOLDt+sj1dut2xkS+sxG4xedLHbgJp8bTylgfHTnEfGhAd7EAdPNeIV
xn9e360gsFmRKZ7g92o3xoLVodpGg/6Eo2RycXj75oj54OPyr8HGupF1oY/inxJL
qsyyTWofAgMBAAECggEAIcgkcLbuoFzKWOwQC1fvQ/MRi8d4gjFPkHIkhYmvIE/z
PTukLNRO38RUkXy9ti7tYegr2n646l/tC1Jkj1GD6ZxiTsGlqeeilHnN88tGZdQJ
EKzk3kuO7Ia4AYoGxfd1Qh9aZ/k586raxGxOZx+mKW+UOgMHNCeGUpawYFBkokp1
cKaht5PQmdM9/6E3Rkp1ijn5OIncNrHHlOGpZ6VNcOwM+1zultTSyMstVT4D/8+i
Xt/vReYdRbsMsvao+nVpIOsdtFD+IIY49nNmeZuoLq4RRq73CTUbSdnzFrhDxW5n
rfZW7kJ8a9b7YixA0+U/XukvRQaj2H3siegF9+wsyQKBgQDIASU/j9J+A8WeGbs9
P64FxL5qdFU99ISaLSp30klvKX2H7Ey8u6VGku0++6plycv02US4Qd3H7CaC+8rm
k3Nk+MziWcBVDU/OOk6nsdnYfD81mmg2537zjNF2vzP6kDM2qNuGVrc4k5OyyFm8
XL8BEFQkWDkVbQP5OeVgMf68GQKBgQC5yu4+c+fLel4YV3VnEwZIcLCtXCfsztTO
ynQQxy4Uo2GFkxhGAdFByEdiiCdyMEpPalx5xD6TjvykKYl1jzCOCcX4xVKTZB/F
82m6cBGomFpqXn6CYaW0ixA4w55lnv/aqLKpo7J8Y3dYychtmSUbPlNSprIJd2Ww
t4e+hrMe9wKBgCW+kZj9O2wsqg68LGnSqrTL/GN6sNuQWbX+8BTMyq7/1YDhR1oW
z4oSEFPiirXK74K1vhJH2+Lu3hW6DwCUsyJLEd9lsLZcXMM+nbloBwSj7gnfqesy
pPKxkJYoX1bZ/9BA7azckJdMwoLq7IRvvFwnCLoTLDKu8CEInBEbXkeBAoGBAKwo
HQDjt5p1ZfFaQSBkoYLIYP4SkbA9qzV+pXPSjKF1Du2N8oUUNAmngnYLwblug7z4
yn3OWUmzyeh30LaNGynSZo5wkWaf9U0gkwy9wa8elVFRBBreToRwA3UF1qVFYsED
ZqIIXGAkbrdoKn9b0+VdqCnC6uAYsbLBLVhfSmTbAoGBAL7F/cz5FWawuzp+i8HB
ud5eP75vfDmB01yxoeTgTFr4kHWsTuu1l5AbDMHQ5hh0CNsq/AwgONYAZQfZ8hwC
qjjhtptnB8tgiL8h/lbkIgQuGfWK2hGN3oNFpjCNFvBrNcxQT8HGwUFprBAwHNif
R7QgRDkDGg8zNc0QnX9XHZZ4
-----END PRIVATE KEY-----
`,
};

/**
 * Commands by topic; each is an argv after `kubectl`, optionally led by NAME=value environment
 * settings (e.g. EDITOR for kubectl edit).
 */
export const CORPUS: Record<string, string[][]> = {
  apply: [
    ['apply', '-f', 'deploy.yaml'],
    ['rollout', 'status', 'deployment/web'],
    ['apply', '-f', 'deploy.yaml'],
    ['apply', '-f', 'svc.yaml'],
    ['apply', '-f', 'typo.yaml'],
    ['apply', '-f', 'invalid.yaml'],
    ['apply', '-f', 'missing.yaml'],
    ['apply', '-f', 'deploy.yaml', '--dry-run=server'],
  ],
  get: [
    ['get', 'pods', '-A'],
    ['get', 'nodes'],
    ['get', 'nodes', '-o', 'wide'],
    ['get', 'deploy'],
    ['get', 'deploy', '-o', 'wide'],
    ['get', 'deploy', 'web', '-o', 'yaml'],
    ['get', 'deploy', 'web', '-o', 'json'],
    ['get', 'svc', 'web', '-o', 'yaml'],
    ['get', 'deploy', '-o', 'name'],
    ['get', 'pods', '-n', 'kube-system', '-o', 'name'],
    ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'],
    ['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.status.phase}{"\\n"}{end}'],
    ['get', 'deploy', '-o', 'custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas'],
    ['get', 'deploy', 'web', '-o', 'go-template={{.metadata.name}} {{.spec.replicas}}'],
    [
      'get',
      'pods',
      '-n',
      'kube-system',
      '-o',
      'go-template={{range .items}}{{.metadata.name}} {{.status.phase}}{{"\\n"}}{{end}}',
    ],
    ['get', 'deploy', '-o', 'go-template={{len .items}} {{.kind}} {{.metadata}}'],
    [
      'get',
      'nodes',
      '-o',
      'template={{range .items}}{{index .metadata.labels "kubernetes.io/hostname"}}{{end}}',
    ],
    ['get', 'rs'],
    ['get', 'pods', '-l', 'app=web'],
    ['get', 'pods', '-L', 'app'],
    ['get', 'deploy', '--show-labels'],
    ['get', 'deploy', '--no-headers'],
    ['get', 'deploy,svc'],
    ['get', 'all'],
    ['get', 'ns'],
    ['get', 'svc', '-A'],
    ['get', 'cm', '-n', 'kube-system'],
    ['get', 'pods', '-A', '--field-selector=status.phase=Running'],
    ['get', 'pods', '-A', '--sort-by=.metadata.name'],
    ['get', 'endpoints', 'web'],
    ['get', 'sa'],
    ['get', 'clusterrole', 'view'],
    ['get', 'storageclass'],
    ['get', 'priorityclass'],
    ['get', 'leases', '-n', 'kube-system'],
  ],
  describe: [
    ['describe', 'deployment', 'web'],
    ['describe', 'svc', 'web'],
    ['describe', 'ns', 'default'],
    ['describe', 'pods', '-l', 'app=web'],
    ['describe', 'node', 'kind-control-plane'],
    ['describe', 'sa', 'default'],
  ],
  writes: [
    ['label', 'deployment', 'web', 'tier=front'],
    ['label', 'deployment', 'web', 'tier=back'],
    ['label', 'deployment', 'web', 'tier=back', '--overwrite'],
    ['label', 'deployment', 'web', 'tier-'],
    ['annotate', 'deployment', 'web', 'note=x'],
    ['annotate', 'deployment', 'web', 'note=y', '--overwrite', '-o', 'name'],
    ['label', 'deployment', 'web', 'extra=1', '-o', 'name'],
    ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":3}}'],
    ['patch', 'deployment', 'web', '--type=merge', '-p', '{"spec":{"replicas":3}}'],
    [
      'patch',
      'deployment',
      'web',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/replicas","value":2}]',
    ],
    ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":2}}', '-o', 'name'],
    ['scale', 'deployment', 'web', '--replicas=4'],
    ['scale', 'deployment/web', '--replicas=2', '--current-replicas=3'],
    ['set', 'image', 'deployment/web', 'nginx=nginx:1.28'],
    ['rollout', 'status', 'deployment/web'],
    ['rollout', 'history', 'deployment/web'],
    ['rollout', 'undo', 'deployment/web'],
    ['rollout', 'history', 'deployment/web', '--revision=3'],
    ['rollout', 'history', 'deployment/web', '--revision=1'],
    ['create', 'configmap', 'conf', '--from-literal=k=v'],
    ['create', 'configmap', 'conf', '--from-literal=k=v'],
    ['get', 'configmap', 'conf', '-o', 'yaml'],
    ['create', 'namespace', 'team'],
    ['create', 'deployment', 'api', '--image=nginx', '--replicas=2', '-n', 'team'],
    ['create', 'secret', 'generic', 'creds', '--from-literal=user=admin'],
    ['create', 'serviceaccount', 'bot'],
    ['expose', 'deployment', 'api', '--port=80', '-n', 'team'],
    ['get', 'svc', '-n', 'team'],
    ['run', 'box', '--image=busybox', '--restart=Never', '--', 'sleep', '3600'],
    ['wait', '--for=condition=Ready', 'pod/box'],
    ['logs', 'box'],
    ['exec', 'box', '--', 'echo', 'hello'],
    ['exec', 'box', '--', 'sh', '-c', 'exit 3'],
    ['cordon', 'kind-control-plane'],
    ['get', 'nodes'],
    ['uncordon', 'kind-control-plane'],
    ['taint', 'nodes', 'kind-control-plane', 'team=a:NoSchedule'],
    ['taint', 'nodes', 'kind-control-plane', 'team:NoSchedule-'],
    ['set', 'env', 'deployment/web', 'MODE=prod'],
    ['set', 'resources', 'deployment/web', '--limits=cpu=200m,memory=128Mi'],
    ['rollout', 'pause', 'deployment/web'],
    ['rollout', 'resume', 'deployment/web'],
    ['rollout', 'status', 'deployment/web'],
    ['apply', '--server-side', '-f', 'cm.yaml'],
    ['apply', '--server-side', '-f', 'cm.yaml'],
    ['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'],
    ['create', 'job', 'once', '--from=cronjob/tick'],
    ['get', 'cronjob'],
    ['get', 'jobs'],
    ['describe', 'cronjob', 'tick'],
    ['replace', '-f', 'svc.yaml'],
    ['label', 'nodes', 'kind-control-plane', 'disk=ssd'],
    ['get', 'nodes', '--show-labels'],
    ['get', 'pods', '-A', '-o', 'wide'],
    ['describe', 'pod', 'box'],
    ['top', 'pods'],
    ['delete', 'configmap', 'conf'],
    ['delete', 'pod', 'box', '--now'],
    ['delete', 'deployment', 'api', '-n', 'team'],
  ],
  errors: [
    ['get', 'configmap', 'conf'],
    ['get', 'pod', 'nosuch'],
    ['get', 'pod', 'nosuch', '-o', 'yaml'],
    ['get', 'pod', 'nosuch', 'nosuch2', '-o', 'name'],
    ['get', 'deploy', 'nosuch', '-o', 'json', '--ignore-not-found'],
    ['get', 'foo'],
    ['get', 'pods', '-l', 'a in ('],
    ['delete', 'pod', 'nosuch'],
    ['describe', 'deployment', 'nosuch'],
    ['scale', 'deployment', 'nosuch', '--replicas=1'],
    ['logs', 'nosuch'],
    ['explain', 'pods.spec.nosuch'],
    ['create', 'deployment', 'web', '--image=nginx'],
  ],
  other: [
    ['explain', 'pods.spec.restartPolicy'],
    ['explain', 'deployment.spec.strategy'],
    ['api-resources'],
    ['api-resources', '--namespaced=false'],
    ['api-resources', '-o', 'wide'],
    ['api-resources', '--api-group=apps', '--sort-by=kind'],
    ['api-resources', '--verbs=list', '--categories=all', '-o', 'name'],
    ['api-resources', '-o', 'json'],
    ['api-versions'],
    ['version'],
    ['cluster-info'],
    ['delete', '-f', 'svc.yaml'],
    ['get', 'events', '-n', 'team', '--field-selector=reason=ScalingReplicaSet'],
    ['auth', 'can-i', 'create', 'pods'],
    ['auth', 'can-i', 'create', 'pods', '--as=system:serviceaccount:default:default'],
    [
      'auth',
      'can-i',
      'get',
      'pods',
      '--as=system:serviceaccount:kube-system:replicaset-controller',
      '-n',
      'kube-system',
    ],
    ['auth', 'can-i', '--list', '--as=system:serviceaccount:default:default'],
  ],
  kinds: [
    ['apply', '-f', 'sts.yaml'],
    ['rollout', 'status', 'statefulset/db'],
    ['describe', 'statefulset', 'db'],
    ['describe', 'daemonset', 'kube-proxy', '-n', 'kube-system'],
    ['describe', 'replicaset', '-l', 'app=web'],
    ['describe', 'pvc', 'data-db-0'],
    ['get', 'pvc'],
    ['get', 'pv'],
    ['describe', 'pv'],
    ['describe', 'storageclass', 'standard'],
    ['describe', 'job', 'once'],
    ['create', 'ingress', 'web', '--rule=example.com/=web:80'],
    ['describe', 'ingress', 'web'],
    ['autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu-percent=80'],
    ['describe', 'hpa', 'web'],
    ['create', 'pdb', 'web', '--selector=app=web', '--min-available=1'],
    ['describe', 'pdb', 'web'],
    ['describe', 'configmap', 'applied'],
    ['describe', 'secret', 'creds'],
    ['describe', 'serviceaccount', 'bot'],
    ['create', 'role', 'reader', '--verb=get,list', '--resource=pods'],
    ['create', 'rolebinding', 'reader', '--role=reader', '--serviceaccount=default:bot'],
    ['describe', 'role', 'reader'],
    ['describe', 'rolebinding', 'reader'],
    ['describe', 'clusterrole', 'view'],
    ['describe', 'endpoints', 'kubernetes'],
    ['describe', 'endpointslice', '-l', 'kubernetes.io/service-name=kubernetes'],
    ['describe', 'priorityclass', 'system-cluster-critical'],
    ['apply', '-f', 'netpol.yaml'],
    ['describe', 'networkpolicy', 'deny-all'],
    ['describe', 'events', '-n', 'team'],
  ],
  wide: [
    ['get', 'statefulset', '-o', 'wide'],
    ['get', 'ds', '-A', '-o', 'wide'],
    ['get', 'rs', '-o', 'wide'],
    ['get', 'jobs', '-o', 'wide'],
    ['get', 'cronjob', '-o', 'wide'],
    ['get', 'svc', '-o', 'wide'],
    ['get', 'ingress', '-o', 'wide'],
    ['get', 'pvc', '-o', 'wide'],
    ['get', 'hpa', '-o', 'wide'],
    ['get', 'deploy', '--show-kind'],
    ['get', 'deploy,svc', '-L', 'app'],
    ['get', '--raw', '/api/v1/namespaces/default'],
  ],
  events: [
    ['events'],
    ['events', '-A'],
    ['events', '--for', 'deployment/web'],
    ['events', '--types', 'Warning', '-A'],
    ['events', '-n', 'team', '-o', 'yaml'],
    ['get', 'events', '--sort-by=.lastTimestamp'],
  ],
  wait: [
    ['wait', '--for=condition=Available', 'deployment/web'],
    ['wait', '--for=jsonpath={.metadata.name}=web', 'deployment/web'],
    ['wait', '--for=jsonpath={.spec.selector}', 'deployment/web', '--timeout=1s'],
    ['wait', '--for=condition=Ready', 'pod/nosuch', '--timeout=1s'],
    ['wait', '--for=condition=Ready', 'pod', '-l', 'app=web', '--timeout=10s'],
    ['create', 'configmap', 'gone', '--from-literal=a=b'],
    ['delete', 'configmap', 'gone', '--wait=false'],
    ['wait', '--for=delete', 'configmap/gone', '--timeout=5s'],
  ],
  create: [
    ['auth', 'whoami'],
    ['create', 'token', 'bot'],
    ['create', 'secret', 'tls', 'tls1', '--cert=tls.crt', '--key=tls.key'],
    [
      'create',
      'secret',
      'docker-registry',
      'reg',
      '--docker-server=r.io',
      '--docker-username=u',
      '--docker-password=p',
    ],
    ['get', 'secret', 'reg', '-o', 'yaml'],
    ['create', 'quota', 'q', '--hard=pods=10,cpu=4'],
    ['describe', 'quota', 'q'],
    ['create', 'priorityclass', 'high', '--value=1000', '--description=high'],
    ['get', 'priorityclass', 'high'],
    ['top', 'nodes'],
    ['top', 'pod', 'nosuch'],
  ],
  rollouts: [
    ['rollout', 'history', 'deployment/web'],
    ['rollout', 'undo', 'deployment/web', '--to-revision=1'],
    ['rollout', 'undo', 'deployment/web', '--to-revision=99'],
    ['expose', 'deployment', 'web', '--type=NodePort', '--port=80', '--name=web-np'],
    ['get', 'svc', 'web-np'],
    ['EDITOR=sed -i s/replicas:\\ 2/replicas:\\ 3/', 'edit', 'deployment/web'],
    ['EDITOR=true', 'edit', 'deployment/web'],
    ['EDITOR=sed -i s/replicas:\\ 3/replicas:\\ 2/', 'edit', 'deployment/web', '--output-patch'],
    ['EDITOR=nosuch-editor', 'edit', 'deployment/web'],
    ['EDITOR=sed -i s/nginx:1.27/nginx:1.28/', 'edit', 'deployment/web', '-o', 'name'],
    ['diff', '-f', 'deploy-v3.yaml'],
  ],
  deletes: [
    ['delete', 'pdb', 'web', '--dry-run=server'],
    ['delete', 'configmap', '-l', 'grp=none'],
    ['create', 'configmap', 'c1', '--from-literal=a=b'],
    ['label', 'configmap', 'c1', 'grp=one'],
    ['delete', 'configmap', '-l', 'grp=one'],
    ['delete', 'cronjob', '--all'],
    ['delete', 'ns', 'default'],
    ['delete', 'ns', 'kube-system'],
  ],
  'errors-more': [
    ['get', 'pods', '--bogus'],
    ['bogus'],
    ['get', 'pods', '-o', 'bogus'],
    ['create', 'deployment'],
    ['scale', 'deployment', 'web'],
    ['label', 'deployment', 'web'],
    ['patch', 'deployment', 'web', '-p', '{"spec":{"selector":{"matchLabels":{"app":"other"}}}}'],
    ['create', 'configmap'],
  ],
  // a real drain evicts its pods from one goroutine each (drain.go evictPods), printing
  // "evicting pod" lines in a racy order, and joins its warnings from a Go map (filters.go
  // Warnings, random order): only a client dry run over pods without warnings is comparable
  drain: [
    ['drain', 'kind-control-plane', '--dry-run=client', '--pod-selector=app=web'],
    ['drain', 'kind-control-plane', '--dry-run=client', '--pod-selector=app=db', '-o', 'name'],
    ['get', 'nodes'],
  ],
  // last, as what follows them cannot be compared: a wait that times out moves the engine's
  // simulated clock, not the served one's (labbook serve --kube-api moves time on writes only);
  // the real rollout restart stamps the wall clock into the template (restart.go
  // kubectl.kubernetes.io/restartedAt), so the new ReplicaSet's hash and pod names differ
  'clock-bound': [
    ['wait', '--for=jsonpath={.spec.replicas}=99', 'deployment/web', '--timeout=1s'],
    ['rollout', 'restart', 'deployment/web'],
  ],
};
