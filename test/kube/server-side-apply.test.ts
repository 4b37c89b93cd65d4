// Server-side apply in the engine: FieldsV1 sets (structured-merge-diff serialize_test.go), the
// conflict error (apimachinery managedfields/internal conflict_test.go), and kubectl apply
// --server-side end to end (kubectl apply.go's output and conflict advice).
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { FieldSet, fieldElement, pathString } from '../../engine/kube/apiserver/field-set.ts';
import { conflictError, type ManagerFields } from '../../engine/kube/apiserver/managed-fields.ts';

describe('FieldsV1', () => {
  // structured-merge-diff v4.4.2 fieldpath/serialize_test.go TestSerializeV1GoldenData
  const golden = [
    `{"f:aaa":{},"f:aab":{},"f:aac":{},"f:aad":{},"f:aae":{},"f:aaf":{},"k:{\\"name\\":\\"first\\"}":{},"k:{\\"name\\":\\"second\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{},"v:1":{},"v:2":{},"v:3":{},"v:\\"aa\\"":{},"v:\\"ab\\"":{},"v:true":{},"i:1":{},"i:2":{},"i:3":{},"i:4":{}}`,
    `{"f:aaa":{"k:{\\"name\\":\\"second\\"}":{"v:3":{"f:aab":{}}},"v:3":{},"v:true":{}},"f:aab":{"f:aaa":{},"f:aaf":{"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{}}},"k:{\\"name\\":\\"first\\"}":{}}}`,
  ];
  it.each(golden)('round-trips in structured-merge-diff order: %#', (text) => {
    const shuffled = Object.fromEntries(Object.entries(JSON.parse(text)).reverse());
    expect(JSON.stringify(FieldSet.fromFieldsV1(shuffled).toFieldsV1())).toBe(text);
  });

  it('writes "." for a member that has children', () => {
    const set = FieldSet.of([
      ['metadata', 'labels'].map(fieldElement),
      ['metadata', 'labels', 'app'].map(fieldElement),
    ]);
    expect(set.toFieldsV1()).toEqual({ 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } });
  });

  it('prints paths as fieldpath.Path.String', () => {
    expect(pathString(['f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image'])).toBe(
      '.spec.containers[name="nginx"].image',
    );
  });
});

describe('conflict error', () => {
  // apimachinery v0.32.4 pkg/util/managedfields/internal/conflict_test.go TestNewConflictError
  const foo: ManagerFields = {
    manager: 'foo',
    operation: 'Update',
    apiVersion: 'v1',
    time: '2001-02-03T04:05:06Z',
    set: new FieldSet(),
  };
  const bar: ManagerFields = { manager: 'bar', operation: 'Apply', apiVersion: 'v1', set: new FieldSet() };
  const fooId = '{"manager":"foo","operation":"Update","apiVersion":"v1"}';
  const barId = '{"manager":"bar","operation":"Apply"}';

  it('one conflict', () => {
    const e = conflictError([{ id: fooId, manager: foo, path: ['f:spec', 'f:replicas'] }]);
    expect(e.code).toBe(409);
    expect(e.reason).toBe('Conflict');
    expect(e.message).toBe(
      'Apply failed with 1 conflict: conflict with "foo" using v1 at 2001-02-03T04:05:06Z: .spec.replicas',
    );
    expect(e.details.causes).toEqual([
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "foo" using v1 at 2001-02-03T04:05:06Z',
        field: '.spec.replicas',
      },
    ]);
  });

  it('two managers, listed in identifier order', () => {
    const e = conflictError([
      { id: fooId, manager: foo, path: ['f:spec', 'f:replicas'] },
      { id: barId, manager: bar, path: ['f:metadata', 'f:labels', 'f:app'] },
    ]);
    expect(e.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "bar":\n- .metadata.labels.app\nconflicts with "foo" using v1 at 2001-02-03T04:05:06Z:\n- .spec.replicas',
    );
  });
});

const DEPLOYMENT = `apiVersion: apps/v1
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
        ports:
        - containerPort: 80
`;

// kubectl v0.32.4 pkg/cmd/apply/apply.go, the text after a conflict error
const ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

describe('kubectl apply --server-side', () => {
  const setup = () => {
    const s = new Session(createWorld({ seed: 'ssa' }));
    s.run('kind create cluster');
    s.run(`cat > web.yaml <<'EOF'\n${DEPLOYMENT}EOF`);
    s.run(`cat > web3.yaml <<'EOF'\n${DEPLOYMENT.replace('replicas: 2', 'replicas: 3')}EOF`);
    s.run(`cat > bare.yaml <<'EOF'\n${DEPLOYMENT.replace('  labels:\n    app: web\n', '')}EOF`);
    return s;
  };
  const managed = (s: Session) =>
    JSON.parse(s.run('kubectl get deploy web -o json --show-managed-fields').output).metadata.managedFields;

  it('creates, prints serverside-applied and records an Apply entry', () => {
    const s = setup();
    expect(s.run('kubectl apply --server-side -f web.yaml').output).toBe(
      'deployment.apps/web serverside-applied\n',
    );
    const [entry] = managed(s);
    expect(Object.keys(entry)).toEqual([
      'apiVersion',
      'fieldsType',
      'fieldsV1',
      'manager',
      'operation',
      'time',
    ]);
    expect(entry.manager).toBe('kubectl');
    expect(entry.operation).toBe('Apply');
    expect(entry.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    });
    // kubectl's OmitManagedFieldsPrinter: hidden without --show-managed-fields
    expect(s.run('kubectl get deploy web -o yaml').output).not.toContain('managedFields');
    expect(s.run('kubectl apply --server-side -f web.yaml --dry-run=server').output).toBe(
      'deployment.apps/web serverside-applied (server dry run)\n',
    );
  });

  it('refuses another manager changing an owned field, unless forced', () => {
    const s = setup();
    s.run('kubectl apply --server-side -f web.yaml');
    const r = s.run('kubectl apply --server-side --field-manager other -f web3.yaml');
    expect(r.status).toBe(1);
    expect(r.output).toBe(
      `error: Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas\n${ADVICE}`,
    );
    expect(s.run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").output).toBe('2');
    expect(
      s.run('kubectl apply --server-side --field-manager other --force-conflicts -f web3.yaml').output,
    ).toBe('deployment.apps/web serverside-applied\n');
    expect(s.run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").output).toBe('3');
    const entries = managed(s);
    // Apply entries first (encodeManagedFields), then the controller's status Update
    expect(entries.map((e: { manager: string }) => e.manager)).toEqual([
      'kubectl',
      'other',
      'kube-controller-manager',
    ]);
    expect(entries[0].fieldsV1['f:spec']['f:replicas']).toBeUndefined();
    expect(entries[1].fieldsV1['f:spec']['f:replicas']).toEqual({});
  });

  it('the same value is shared without conflict', () => {
    const s = setup();
    s.run('kubectl apply --server-side -f web.yaml');
    expect(s.run('kubectl apply --server-side --field-manager other -f web.yaml').status).toBe(0);
    expect(managed(s).filter((e: { operation: string }) => e.operation === 'Apply')).toHaveLength(2);
  });

  it('removes fields the manager no longer applies, keeping co-owned ones', () => {
    const s = setup();
    s.run('kubectl apply --server-side -f web.yaml');
    s.run('kubectl apply --server-side -f bare.yaml');
    expect(s.run("kubectl get deploy web -o jsonpath='{.metadata.labels}'").output).toBe('');
    const t = setup();
    t.run('kubectl apply --server-side -f web.yaml');
    t.run('kubectl apply --server-side --field-manager other -f web.yaml');
    t.run('kubectl apply --server-side -f bare.yaml');
    expect(t.run("kubectl get deploy web -o jsonpath='{.metadata.labels}'").output).toBe('{"app":"web"}');
  });

  it('flag checks of apply.go Validate', () => {
    const s = setup();
    expect(s.run('kubectl apply --force-conflicts -f web.yaml').output).toBe(
      'error: --force-conflicts only works with --server-side\n',
    );
    expect(s.run('kubectl apply --server-side --dry-run=client -f web.yaml').output).toBe(
      "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n",
    );
  });
});
