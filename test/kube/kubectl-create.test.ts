// kubectl create generators: every expected text was printed by the real kubectl v1.32.4
// client (`kubectl create ... --dry-run=client -o yaml`, offline), see pkg/cmd/create/*.go.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';

function session(cluster = false) {
  const s = new Session(createWorld({ seed: 'kubectl-create' }));
  if (cluster) s.run('kind create cluster');
  return (line: string) => s.run(line);
}

describe('kubectl create (client dry run)', () => {
  it('deployment: several images, port on the first container, replicas', () => {
    const run = session();
    const r = run(
      'kubectl create deployment web --image=nginx --image=busybox:1.36 --image=registry.k8s.io/pause@sha256:abc --port=80 --replicas=3 --dry-run=client -o yaml',
    );
    expect(r.output).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
      - image: busybox:1.36
        name: busybox
        resources: {}
      - image: registry.k8s.io/pause@sha256:abc
        name: pause
        resources: {}
status: {}
`);
  });

  it('names and required flags', () => {
    const run = session();
    const noName = run('kubectl create deployment --image=nginx --dry-run=client -o yaml');
    expect(noName.status).toBe(1);
    expect(noName.output).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n",
    );
    const noImage = run('kubectl create deployment web --dry-run=client -o yaml');
    expect(noImage.status).toBe(1);
    expect(noImage.output).toMatch(
      /^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ run\.go:72\] "command failed" err="required flag\(s\) \\"image\\" not set"\n$/,
    );
    expect(run('kubectl create secret foo x').output).toBe(
      'error: unknown command "foo x"\nSee \'kubectl create secret -h\' for help and examples\n',
    );
  });

  it('namespace: -o name, plain, --save-config', () => {
    const run = session();
    expect(run('kubectl create namespace foo --dry-run=client -o name').output).toBe('namespace/foo\n');
    expect(run('kubectl create namespace foo --dry-run=client').output).toBe(
      'namespace/foo created (dry run)\n',
    );
    expect(
      run('kubectl create namespace foo --save-config --dry-run=client -o yaml').output,
    ).toBe(`apiVersion: v1
kind: Namespace
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"foo","creationTimestamp":null},"spec":{},"status":{}}
  creationTimestamp: null
  name: foo
spec: {}
status: {}
`);
  });

  it('configmap from literals, files, a directory and an env file', () => {
    const run = session();
    run('mkdir -p d/sub');
    run("printf 'a\\n' > d/one.txt");
    run("printf 'bb' > d/two");
    run('echo x > d/sub/z');
    run('echo hi > f.txt');
    run("printf '# c\\nK1=v1\\n\\nK2= v 2 \\nK3\\n' > env.txt");
    expect(
      run(
        'kubectl create configmap cm1 --from-literal=a=1 --from-literal=b=x=y --from-file=f.txt --from-file=k2=f.txt --from-file=d --dry-run=client -o yaml',
      ).output,
    ).toBe(`apiVersion: v1
data:
  a: "1"
  b: x=y
  f.txt: |
    hi
  k2: |
    hi
  one.txt: |
    a
  two: bb
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: cm1
`);
    expect(
      run('kubectl create configmap cm2 --from-env-file=env.txt --dry-run=client -o yaml').output,
    ).toBe(`apiVersion: v1
data:
  K1: v1
  K2: ' v 2 '
  K3: ""
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: cm2
`);
    expect(run('kubectl create configmap cm4 --from-literal=a --dry-run=client -o yaml').output).toBe(
      'error: invalid literal source a, expected key=value\n',
    );
    expect(
      run('kubectl create configmap cm4 --from-literal=a=1 --from-literal=a=2 --dry-run=client -o yaml')
        .output,
    ).toBe(
      'error: cannot add key "a", another key by that name already exists in Data for ConfigMap "cm4"\n',
    );
    expect(run('kubectl create configmap cm5 --from-file=nope --dry-run=client -o yaml').output).toBe(
      'error: error reading nope: no such file or directory\n',
    );
  });

  it('secrets: generic, docker-registry', () => {
    const run = session();
    run('echo hi > f.txt');
    expect(
      run(
        'kubectl create secret generic s1 --from-literal=user=admin --from-file=f.txt --type=Opaque --dry-run=client -o yaml',
      ).output,
    ).toBe(`apiVersion: v1
data:
  f.txt: aGkK
  user: YWRtaW4=
kind: Secret
metadata:
  creationTimestamp: null
  name: s1
type: Opaque
`);
    expect(
      run(
        'kubectl create secret docker-registry reg --docker-server=r.io --docker-username=u --docker-password=p --docker-email=e@x --dry-run=client -o yaml',
      ).output,
    ).toBe(`apiVersion: v1
data:
  .dockerconfigjson: eyJhdXRocyI6eyJyLmlvIjp7InVzZXJuYW1lIjoidSIsInBhc3N3b3JkIjoicCIsImVtYWlsIjoiZUB4IiwiYXV0aCI6ImRUcHcifX19
kind: Secret
metadata:
  creationTimestamp: null
  name: reg
type: kubernetes.io/dockerconfigjson
`);
    expect(
      run(
        'kubectl create secret docker-registry reg --docker-username=u --docker-password=p --dry-run=client -o yaml',
      ).output,
    ).toContain(
      '  .dockerconfigjson: eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiYXV0aCI6ImRUcHcifX19\n',
    );
    expect(run('kubectl create secret tls t1 --dry-run=client -o yaml').output).toBe(
      'error: key and cert must be specified\n',
    );
  });

  it('services', () => {
    const run = session();
    expect(
      run('kubectl create service clusterip my --tcp=80:8080 --tcp=443 --dry-run=client -o yaml').output,
    ).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: my
  name: my
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  - name: "443"
    port: 443
    protocol: TCP
    targetPort: 443
  selector:
    app: my
  type: ClusterIP
status:
  loadBalancer: {}
`);
    expect(
      run('kubectl create service clusterip my --clusterip=None --dry-run=client -o yaml').output,
    ).toContain('spec:\n  clusterIP: None\n  selector:\n    app: my\n  type: ClusterIP\n');
    expect(
      run('kubectl create service nodeport np --tcp=80:8080 --node-port=30080 --dry-run=client -o yaml')
        .output,
    ).toContain(
      '  ports:\n  - name: 80-8080\n    nodePort: 30080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n',
    );
    expect(
      run('kubectl create service externalname ex --external-name=bar.com --dry-run=client -o yaml').output,
    ).toContain('spec:\n  externalName: bar.com\n  selector:\n    app: ex\n  type: ExternalName\n');
    expect(run('kubectl create service clusterip my --dry-run=client -o yaml').output).toBe(
      'error: at least one tcp port specifier must be provided\n',
    );
    expect(run('kubectl create service clusterip my --tcp=abc --dry-run=client -o yaml').output).toBe(
      'error: strconv.ParseUint: parsing "abc": invalid syntax\n',
    );
    expect(run('kubectl create sa sa1 -n foo --dry-run=client -o yaml').output).toBe(
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: sa1\n  namespace: foo\n',
    );
  });

  it('job and cronjob', () => {
    const run = session();
    expect(
      run('kubectl create job j1 --image=busybox --dry-run=client -o yaml -- echo hi').output,
    ).toBe(`apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  name: j1
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - command:
        - echo
        - hi
        image: busybox
        name: j1
        resources: {}
      restartPolicy: Never
status: {}
`);
    expect(run('kubectl create job j1 --dry-run=client -o yaml').output).toBe(
      'error: either --image or --from must be specified\n',
    );
    expect(
      run(
        "kubectl create cronjob cj --image=busybox --schedule='*/1 * * * *' --restart=OnFailure --dry-run=client -o yaml -- date",
      ).output,
    ).toBe(`apiVersion: batch/v1
kind: CronJob
metadata:
  creationTimestamp: null
  name: cj
spec:
  jobTemplate:
    metadata:
      creationTimestamp: null
      name: cj
    spec:
      template:
        metadata:
          creationTimestamp: null
        spec:
          containers:
          - command:
            - date
            image: busybox
            name: cj
            resources: {}
          restartPolicy: OnFailure
  schedule: '*/1 * * * *'
status: {}
`);
  });

  it('clusterrole (non-resource URLs, aggregation) and bindings', () => {
    const run = session();
    expect(
      run(
        "kubectl create clusterrole c1 --verb=get --non-resource-url='/logs/*' --non-resource-url=/healthz --dry-run=client -o yaml",
      ).output,
    ).toBe(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  creationTimestamp: null
  name: c1
rules:
- nonResourceURLs:
  - /logs/*
  - /healthz
  verbs:
  - get
`);
    expect(
      run(
        'kubectl create clusterrole c1 --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true" --dry-run=client -o yaml',
      ).output,
    ).toBe(`aggregationRule:
  clusterRoleSelectors:
  - matchLabels:
      rbac.example.com/aggregate-to-monitoring: "true"
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  creationTimestamp: null
  name: c1
rules: null
`);
    expect(run('kubectl create role r1 --resource=pods --dry-run=client -o yaml').output).toBe(
      'error: at least one verb must be specified\n',
    );
    expect(
      run(
        'kubectl create rolebinding rb --role=r1 --user=alice --user=bob --group=devs --serviceaccount=ns1:sa1 --dry-run=client -o yaml',
      ).output,
    ).toBe(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  creationTimestamp: null
  name: rb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: r1
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: alice
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: bob
- apiGroup: rbac.authorization.k8s.io
  kind: Group
  name: devs
- kind: ServiceAccount
  name: sa1
  namespace: ns1
`);
    expect(
      run('kubectl create rolebinding rb --clusterrole=view --serviceaccount=sa1 --dry-run=client -o yaml')
        .output,
    ).toBe('error: serviceaccount must be <namespace>:<name>\n');
    expect(run('kubectl create rolebinding rb --user=a --dry-run=client -o yaml').output).toBe(
      'error: exactly one of clusterrole or role must be specified\n',
    );
    expect(run('kubectl create clusterrolebinding crb --dry-run=client -o yaml').output).toContain(
      'err="required flag(s) \\"clusterrole\\" not set"',
    );
  });

  it('quota, priorityclass, ingress, pdb', () => {
    const run = session();
    expect(
      run(
        'kubectl create quota q --hard=cpu=1,memory=1G,pods=2,services.nodeports=0 --scopes=BestEffort,NotTerminating --dry-run=client -o yaml',
      ).output,
    ).toBe(`apiVersion: v1
kind: ResourceQuota
metadata:
  creationTimestamp: null
  name: q
spec:
  hard:
    cpu: "1"
    memory: 1G
    pods: "2"
    services.nodeports: "0"
  scopes:
  - BestEffort
  - NotTerminating
status: {}
`);
    expect(
      run(
        'kubectl create priorityclass pc --value=1000 --description="high" --global-default=true --preemption-policy=Never --dry-run=client -o yaml',
      ).output,
    ).toBe(`apiVersion: scheduling.k8s.io/v1
description: high
globalDefault: true
kind: PriorityClass
metadata:
  creationTimestamp: null
  name: pc
preemptionPolicy: Never
value: 1000
`);
    expect(
      run(
        'kubectl create ingress ing --class=default --default-backend=defaultsvc:http --rule="foo.com/*=svc:8080" --rule="bar.com/admin*=svc2:http" --annotation=a=b --dry-run=client -o yaml',
      ).output,
    ).toBe(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  annotations:
    a: b
  creationTimestamp: null
  name: ing
spec:
  defaultBackend:
    service:
      name: defaultsvc
      port:
        name: http
  ingressClassName: default
  rules:
  - host: foo.com
    http:
      paths:
      - backend:
          service:
            name: svc
            port:
              number: 8080
        path: /
        pathType: Prefix
  - host: bar.com
    http:
      paths:
      - backend:
          service:
            name: svc2
            port:
              name: http
        path: /admin
        pathType: Prefix
status:
  loadBalancer: {}
`);
    expect(
      run('kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert" --dry-run=client -o yaml')
        .output,
    ).toContain(
      '        path: /bar\n        pathType: Exact\n  tls:\n  - hosts:\n    - foo.com\n    secretName: my-cert\n',
    );
    expect(run('kubectl create ingress ing --rule="foo.com/path" --dry-run=client -o yaml').output).toBe(
      'error: rule foo.com/path is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n',
    );
    expect(
      run('kubectl create pdb p1 --selector=app=rails --max-unavailable=50% --dry-run=client -o yaml').output,
    ).toBe(`apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  creationTimestamp: null
  name: p1
spec:
  maxUnavailable: 50%
  selector:
    matchLabels:
      app: rails
status:
  currentHealthy: 0
  desiredHealthy: 0
  disruptionsAllowed: 0
  expectedPods: 0
`);
    expect(
      run(
        'kubectl create pdb p1 --selector=app=rails --min-available=1 --max-unavailable=1 --dry-run=client -o yaml',
      ).output,
    ).toBe('error: min-available and max-unavailable cannot be both specified\n');
  });
});

describe('kubectl create against the cluster', () => {
  it('role resolves short names through discovery; unknown resources fail', () => {
    const run = session(true);
    // generateResourcePolicyRules: one rule per group, groups sorted (the YAML printer sorts keys)
    expect(
      run(
        'kubectl create role r1 --verb=get,list --verb=watch --resource=pods,deploy.apps,pods/log --resource-name=a --dry-run=client -o yaml',
      ).output,
    ).toBe(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  creationTimestamp: null
  name: r1
rules:
- apiGroups:
  - ""
  resourceNames:
  - a
  resources:
  - pods
  - pods/log
  verbs:
  - get
  - list
  - watch
- apiGroups:
  - apps
  resourceNames:
  - a
  resources:
  - deployments
  verbs:
  - get
  - list
  - watch
`);
    // NoResourceMatchError (apply_test.go expects "no matches for /, Resource=doesnotexist")
    expect(run('kubectl create role r1 --verb=get --resource=foo').output).toBe(
      'error: no matches for /, Resource=foo\n',
    );
    expect(run('kubectl create role r1 --verb=bind --resource=pods').output).toBe(
      "error: can not perform 'bind' on 'pods' in group ''\n",
    );
    expect(run('kubectl create role r1 --verb=get --resource=pods').output).toBe(
      'role.rbac.authorization.k8s.io/r1 created\n',
    );
  });

  it('job --from=cronjob copies the template and is owned by the CronJob', () => {
    const run = session(true);
    run("kubectl create cronjob cj --image=busybox --schedule='0 0 * * *'");
    const r = run(
      'kubectl create job manual --from=cronjob/cj -o jsonpath={.metadata.annotations}{.metadata.ownerReferences[0].kind}',
    );
    expect(r.output).toBe('{"cronjob.kubernetes.io/instantiate":"manual"}CronJob');
    expect(run('kubectl create job manual --from=cronjob/cj').output).toBe(
      'error: failed to create job: jobs.batch "manual" already exists\n',
    );
  });

  it('token: a three-part JWT for an existing service account', () => {
    const run = session(true);
    run('sleep 5');
    const r = run('kubectl create token default');
    expect(r.status).toBe(0);
    const [header, claims, sig] = r.output.trim().split('.');
    expect(JSON.parse(atob(header.replaceAll('-', '+').replaceAll('_', '/')))).toMatchObject({
      alg: 'RS256',
    });
    const payload = JSON.parse(
      atob(claims.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (claims.length % 4)) % 4)),
    );
    expect(payload.sub).toBe('system:serviceaccount:default:default');
    expect(payload.exp - payload.iat).toBe(3600);
    expect(sig.length).toBe(342);
    expect(run('kubectl create token nope').output).toBe(
      'error: failed to create token: serviceaccounts "nope" not found\n',
    );
  });
});
