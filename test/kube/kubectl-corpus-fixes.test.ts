// The engine kubectl's fixes found by the kubectl conformance corpus (test/serve/kubectl-corpus.ts):
// expected texts are the real kubectl v1.32.4's, as printed against labbook serve --kube-api.
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';

let s: Session;

beforeAll(() => {
  s = new Session(createWorld({ seed: 'corpus-fixes' }));
  s.run('kind create cluster');
  s.run('kubectl create deployment web --image=nginx --replicas=2');
  s.run('kubectl rollout status deployment/web');
}, 60_000);

describe('label and annotate print through PrintFlags (label.go, annotate.go)', () => {
  it('-o name is the NamePrinter ShortOutput: the name alone', () => {
    expect(s.run('kubectl label deployment web extra=1 -o name').output).toBe('deployment.apps/web\n');
    expect(s.run('kubectl annotate deployment web note=y -o name').output).toBe('deployment.apps/web\n');
  });

  it('nothing to change is an error (label.go Validate, annotate.go)', () => {
    const label = s.run('kubectl label deployment web');
    expect(label.status).toBe(1);
    expect(label.output).toBe('error: at least one label update is required\n');
    expect(s.run('kubectl annotate deployment web').output).toBe(
      'error: at least one annotation update is required\n',
    );
  });
});

describe('field managers of set and replace (set_env.go:177, replace.go:136)', () => {
  it('set env writes as kubectl-set', () => {
    s.run('kubectl set env deployment/web MODE=prod');
    const managers = s.run(
      `kubectl get deployment web --show-managed-fields -o jsonpath='{.metadata.managedFields[*].manager}'`,
    ).output;
    expect(managers.split(' ')).toContain('kubectl-set');
  });

  it('replace writes as kubectl-replace', () => {
    s.run('kubectl create configmap rep --from-literal=a=b');
    s.run('kubectl get configmap rep -o yaml > rep.yaml');
    // a replace that changes nothing records no manager: change the data first
    s.run("sed -i 's/a: b/a: c/' rep.yaml");
    expect(s.run('kubectl replace -f rep.yaml').output).toBe('configmap/rep replaced\n');
    const managers = s.run(
      `kubectl get configmap rep --show-managed-fields -o jsonpath='{.metadata.managedFields[*].manager}'`,
    ).output;
    expect(managers.split(' ')).toContain('kubectl-replace');
  });
});

describe('delete with selectors and dry runs (delete.go)', () => {
  it('deletes only what -l selects, and says so when nothing matches', () => {
    s.run('kubectl create configmap c1 --from-literal=a=b');
    s.run('kubectl create configmap c2 --from-literal=a=b');
    s.run('kubectl label configmap c1 grp=one');
    expect(s.run('kubectl delete configmap -l grp=none').output).toBe('No resources found\n');
    expect(s.run('kubectl delete configmap -l grp=one').output).toBe('configmap "c1" deleted\n');
    expect(s.run('kubectl get configmap c2 -o name').output).toBe('configmap/c2\n');
  });

  it('--dry-run=server leaves the object', () => {
    expect(s.run('kubectl delete configmap c2 --dry-run=server').output).toBe(
      'configmap "c2" deleted (server dry run)\n',
    );
    expect(s.run('kubectl get configmap c2 -o name').output).toBe('configmap/c2\n');
  });
});

describe('kubectl wait (wait.go, json.go, condition.go)', () => {
  it('--for=delete of an object already gone prints nothing and succeeds', () => {
    const r = s.run('kubectl wait --for=delete configmap/nothing --timeout=5s');
    expect(r).toMatchObject({ status: 0, output: '' });
  });

  it('--for=jsonpath compares the value found', () => {
    expect(s.run(`kubectl wait --for=jsonpath='{.metadata.name}'=web deployment/web`).output).toBe(
      'deployment.apps/web condition met\n',
    );
  });

  it('a missing object is the server NotFound', () => {
    expect(s.run('kubectl wait --for=condition=Ready pod/nosuch --timeout=1s').output).toBe(
      'Error from server (NotFound): pods "nosuch" not found\n',
    );
  });

  it('an unknown condition is refused before anything is read', () => {
    expect(s.run('kubectl wait --for=ready deployment/web').output).toBe(
      'error: unrecognized condition: "ready"\n',
    );
  });
});

describe('rollout status of StatefulSets (rollout_status.go StatefulSetStatusViewer)', () => {
  it('reports a RollingUpdate with its partition', () => {
    s.run(`cat > sts.yaml <<'EOF'
apiVersion: apps/v1
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
EOF`);
    s.run('kubectl apply -f sts.yaml');
    const r = s.run('kubectl rollout status statefulset/db');
    expect(r.status).toBe(0);
    expect(r.output.split('\n').filter(Boolean).pop()).toBe(
      'partitioned roll out complete: 1 new pods have been updated...',
    );
  });
});

describe('cobra errors and small commands', () => {
  it('an unknown command names its suggestions (cobra SuggestionsFor)', () => {
    expect(s.run('kubectl bogus').output).toBe(
      'Error: unknown command "bogus" for "kubectl"\n\nDid you mean this?\n\tlogs\n\n',
    );
    expect(s.run('kubectl ge').output).toBe(
      'Error: unknown command "ge" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n\tcp\n\n',
    );
    expect(s.run('kubectl zzzz').output).toBe('Error: unknown command "zzzz" for "kubectl"\n');
  });

  it('auth whoami prints the SelfSubjectReview table (whoami.go)', () => {
    expect(s.run('kubectl auth whoami').output).toBe(
      'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n',
    );
  });

  it('get --raw prints the body without a trailing newline', () => {
    const out = s.run('kubectl get --raw /api/v1/namespaces/default').output;
    expect(out.startsWith('{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default"')).toBe(true);
    expect(out.endsWith('"status":{"phase":"Active"}}')).toBe(true);
  });
});

describe('diff keeps the live annotations (diff.go GetModifiedConfiguration(local, false))', () => {
  it('changes only what the manifest changes', () => {
    s.run(`cat > app.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  mode: one
EOF`);
    s.run('kubectl apply -f app.yaml');
    s.run("sed -i 's/mode: one/mode: two/' app.yaml");
    const r = s.run('kubectl diff -f app.yaml');
    expect(r.status).toBe(1);
    // the old last-applied annotation stays, unchanged, as the real diff shows it
    expect(r.output).not.toMatch(/^-\s+kubectl\.kubernetes\.io\/last-applied-configuration/m);
    expect(r.output).toMatch(/^- {2}mode: one\n\+ {2}mode: two$/m);
  });
});

describe('events and tokens as kubectl prints them to a pipe', () => {
  it('create token ends without a newline when stdout is no terminal (create_token.go)', () => {
    s.run('kubectl create serviceaccount bot');
    s.run('kubectl create token bot > token.txt');
    const token = s.run('cat token.txt').output;
    expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('events -o yaml omits managedFields (OmitManagedFieldsPrinter)', () => {
    const out = s.run('kubectl events -o yaml').output;
    expect(out.startsWith('apiVersion: v1\nitems:\n')).toBe(true);
    expect(out).not.toContain('managedFields');
  });
});
