// Server-side field validation: unknown fields of built-in kinds under Strict, Warn and Ignore,
// worded as the API server's strict decoder and transformDecodeError word them, and kubectl's
// --validate flag. Expected texts follow k8s test/integration/apiserver/field_validation_test.go.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { unknownFields } from '../../engine/kube/apiserver/field-validation.ts';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  unknownMeta: x
spec:
  unknown1: val1
  unknownDupe: valDupe
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:latest
        unknownNested: val1
        imagePullPolicy: Always
`;

function session(): Session {
  const s = new Session(createWorld({ seed: 'field-validation' }));
  s.run('kind create cluster');
  s.run(`cat > d.yaml <<'EOF'\n${MANIFEST}EOF`);
  return s;
}

// the patched-object case of field_validation_test.go (merge-patch-strict-validation): keys in
// sorted order, depth first, paths with list indexes
const UNKNOWN = [
  'unknown field "metadata.unknownMeta"',
  'unknown field "spec.template.spec.containers[0].unknownNested"',
  'unknown field "spec.unknown1"',
  'unknown field "spec.unknownDupe"',
];

describe('unknown fields of built-in kinds', () => {
  it('lists them as the strict decoder does', () => {
    const obj = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x', labels: { app: 'nginx' }, unknownMeta: 'x' },
      spec: {
        unknown1: 'val1',
        unknownDupe: 'valDupe',
        paused: false,
        selector: { matchLabels: { app: 'nginx' } },
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: {
            containers: [
              { name: 'nginx', image: 'nginx:latest', unknownNested: 'val1', imagePullPolicy: 'Never' },
            ],
          },
        },
      },
    };
    expect(unknownFields(obj, 'apps', 'v1', 'Deployment')).toEqual(UNKNOWN);
  });

  it('accepts maps, quantities and int-or-strings', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', annotations: { 'any.key/x': 'y' } },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'busybox',
            resources: { limits: { cpu: '100m', memory: 64 } },
            livenessProbe: { httpGet: { port: 'http', path: '/' } },
          },
        ],
        nodeSelector: { 'kubernetes.io/os': 'linux' },
      },
    };
    expect(unknownFields(pod, '', 'v1', 'Pod')).toEqual([]);
  });
});

describe('kubectl --validate', () => {
  it('fails the create under strict (the default), naming every unknown field', () => {
    const s = session();
    // transformDecodeError wraps the strict decoding error; kubectl apply.go adds "creating"
    expect(s.run('kubectl apply -f d.yaml')).toMatchObject({
      status: 1,
      output: `Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ${UNKNOWN.join(', ')}\n`,
    });
    expect(s.run('kubectl get deploy web').status).toBe(1);
  });

  it('warns under --validate=warn and drops the unknown fields', () => {
    const s = session();
    const r = s.run('kubectl create -f d.yaml --validate=warn');
    expect(r.status).toBe(0);
    expect(r.output).toBe(`${UNKNOWN.map((u) => `Warning: ${u}\n`).join('')}deployment.apps/web created\n`);
    const yaml = s.run('kubectl get deploy web -o yaml').output;
    expect(yaml).not.toContain('unknown');
    expect(yaml).toContain('imagePullPolicy: Always');
  });

  it('is silent under --validate=false', () => {
    const s = session();
    expect(s.run('kubectl apply -f d.yaml --validate=false')).toMatchObject({
      status: 0,
      output: 'deployment.apps/web created\n',
    });
  });

  it('refuses an unknown value as cmd/util GetValidationDirective does', () => {
    const s = session();
    expect(s.run('kubectl apply -f d.yaml --validate=loose').output).toBe(
      'error: invalid - validate option "loose"; must be one of: strict (or true), warn, ignore (or false)\n',
    );
  });
});
