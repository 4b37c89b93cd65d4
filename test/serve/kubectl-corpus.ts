// The corpus of kubectl commands run once through the real kubectl against labbook serve and
// once through the engine's own kubectl on a twin world: files they read, then the commands in
// order (writes and reads interleaved, so both worlds go through the same history).

export const FILES: Record<string, string> = {
  'deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
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
};

/** Commands by topic; each is an argv after `kubectl`. */
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
};
