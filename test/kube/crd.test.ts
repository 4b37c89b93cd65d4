// CustomResourceDefinitions end to end: the naming and establishing controllers' status
// (apiextensions-apiserver pkg/controller/status/naming_controller.go, pkg/controller/establish),
// discovery, custom objects with pruning, defaulting and kube-openapi validation messages
// (pkg/validation/errors/schema.go, apiserver/validation.go kubeOpenAPIResultToFieldErrors),
// additionalPrinterColumns in `kubectl get`, and deleting the CRD with its objects.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';

// The CronTab example of the Kubernetes docs (tasks/extend-kubernetes/custom-resources/
// custom-resource-definitions), with its printer columns and a replicas range.
const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [cronSpec]
              properties:
                cronSpec:
                  type: string
                  pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'
                image:
                  type: string
                policy:
                  type: string
                  enum: [Allow, Forbid]
                replicas:
                  type: integer
                  minimum: 1
                  maximum: 10
                  default: 1
                extra:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
      additionalPrinterColumns:
      - name: Spec
        type: string
        description: The cron spec defining the interval a CronJob is run
        jsonPath: .spec.cronSpec
      - name: Replicas
        type: integer
        description: The number of jobs launched by the CronJob
        jsonPath: .spec.replicas
      - name: Image
        type: string
        priority: 1
        jsonPath: .spec.image
      - name: Age
        type: date
        jsonPath: .metadata.creationTimestamp
  scope: Namespaced
  names:
    plural: crontabs
    singular: crontab
    kind: CronTab
    shortNames:
    - ct
`;

function cronTab(name: string, spec: string): string {
  return `apiVersion: "stable.example.com/v1"\nkind: CronTab\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}

function cluster() {
  const s = new Session(createWorld({ seed: 'crd-test' }));
  const run = (line: string) => s.run(line);
  const file = (name: string, text: string) => run(`cat > ${name} <<'EOF'\n${text}EOF`);
  run('kind create cluster');
  return { run, file };
}

function withCRD() {
  const c = cluster();
  c.file('crd.yaml', CRD);
  expect(c.run('kubectl apply -f crd.yaml').output).toBe(
    'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n',
  );
  return c;
}

describe('CustomResourceDefinition status and discovery', () => {
  it('a custom object is refused before its CRD exists', () => {
    const { run, file } = cluster();
    file('ct.yaml', cronTab('my-new-cron-object', '  cronSpec: "* * * * */5"\n'));
    const r = run('kubectl apply -f ct.yaml');
    expect(r.status).toBe(1);
    expect(r.output).toBe(
      'error: resource mapping not found for name: "my-new-cron-object" namespace: "" from "ct.yaml": no matches for kind "CronTab" in version "stable.example.com/v1"\nensure CRDs are installed first\n',
    );
  });

  it("gets NamesAccepted and Established with the controllers' reasons and messages", () => {
    const { run } = withCRD();
    const status = run(
      `kubectl get crd crontabs.stable.example.com -o jsonpath='{range .status.conditions[*]}{.type}/{.status}/{.reason}/{.message}{"\\n"}{end}'`,
    ).output;
    // naming_controller.go calculateNamesAndConditions, establishing_controller.go sync
    expect(status).toBe(
      'NamesAccepted/True/NoConflicts/no conflicts found\nEstablished/True/InitialNamesAccepted/the initial names have been accepted\n',
    );
    expect(
      run(`kubectl get crd crontabs.stable.example.com -o jsonpath='{.status.acceptedNames}'`).output,
    ).toBe(
      '{"kind":"CronTab","listKind":"CronTabList","plural":"crontabs","shortNames":["ct"],"singular":"crontab"}',
    );
    expect(
      run(`kubectl get crd crontabs.stable.example.com -o jsonpath='{.status.storedVersions}'`).output,
    ).toBe('["v1"]');
  });

  it('appears in kubectl api-resources', () => {
    const { run } = withCRD();
    const line = run('kubectl api-resources')
      .output.split('\n')
      .find((l) => l.startsWith('crontabs '));
    expect(line?.split(/\s+/)).toEqual(['crontabs', 'ct', 'stable.example.com/v1', 'true', 'CronTab']);
  });

  it('a CRD asking for a name its group already uses is not accepted (naming controller)', () => {
    const { run, file } = withCRD();
    file(
      'other.yaml',
      CRD.replace('name: crontabs.stable.example.com', 'name: crontabz.stable.example.com')
        .replace('plural: crontabs', 'plural: crontabz')
        .replace('singular: crontab', 'singular: crontabs')
        .replace('- ct\n', '- ctz\n')
        .replace('kind: CronTab\n', 'kind: CronTabZ\n'),
    );
    run('kubectl apply -f other.yaml');
    expect(
      run(
        `kubectl get crd crontabz.stable.example.com -o jsonpath='{.status.conditions[0].reason}: {.status.conditions[0].message}'`,
      ).output,
    ).toBe('SingularConflict: "crontabs" is already in use');
  });
});

describe('custom objects', () => {
  it('are created, listed by plural, singular, short name and kind, with printer columns', () => {
    const { run, file } = withCRD();
    file(
      'ct.yaml',
      cronTab('my-new-cron-object', '  cronSpec: "* * * * */5"\n  image: my-awesome-cron-image\n'),
    );
    expect(run('kubectl apply -f ct.yaml').output).toBe(
      'crontab.stable.example.com/my-new-cron-object created\n',
    );
    // the docs' "Additional printer columns" output
    for (const name of ['crontabs', 'crontab', 'ct', 'CronTab', 'crontabs.stable.example.com']) {
      expect(run(`kubectl get ${name}`).output).toMatch(
        /^NAME {17}SPEC {10}REPLICAS {3}AGE\nmy-new-cron-object {3}\* \* \* \* \*\/5 {3}1 {10}\d+s\n$/,
      );
    }
    // priority 1 columns only with -o wide
    expect(run('kubectl get ct -o wide').output).toMatch(
      /^NAME {17}SPEC {10}REPLICAS {3}IMAGE {19}AGE\nmy-new-cron-object {3}\* \* \* \* \*\/5 {3}1 {10}my-awesome-cron-image {3}\d+s\n$/,
    );
    expect(run('kubectl get ct my-new-cron-object -o jsonpath={.spec.replicas}').output).toBe('1');
    expect(run('kubectl get ct my-new-cron-object -o jsonpath={.metadata.generation}').output).toBe('1');
    expect(run('kubectl apply -f ct.yaml').output).toBe(
      'crontab.stable.example.com/my-new-cron-object unchanged\n',
    );
    expect(run('kubectl delete ct my-new-cron-object').status).toBe(0);
    expect(run('kubectl get ct').output).toBe('No resources found in default namespace.\n');
  });

  it('reject values against the schema with kube-openapi messages', () => {
    const { run, file } = withCRD();
    const cases: Array<[string, string]> = [
      [
        '  cronSpec: "* * * * */5"\n  replicas: "three"\n',
        'The CronTab "bad" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"\n',
      ],
      [
        '  cronSpec: "* * * * */5"\n  replicas: 15\n',
        'The CronTab "bad" is invalid: spec.replicas: Invalid value: 15: spec.replicas in body should be less than or equal to 10\n',
      ],
      [
        '  cronSpec: "* * * * */5"\n  replicas: 0\n',
        'The CronTab "bad" is invalid: spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1\n',
      ],
      [
        '  cronSpec: "* * * *"\n',
        `The CronTab "bad" is invalid: spec.cronSpec: Invalid value: "* * * *": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'\n`,
      ],
      [
        '  cronSpec: "* * * * */5"\n  policy: Maybe\n',
        'The CronTab "bad" is invalid: spec.policy: Unsupported value: "Maybe": supported values: "Allow", "Forbid"\n',
      ],
      ['  image: x\n', 'The CronTab "bad" is invalid: spec.cronSpec: Required value\n'],
    ];
    for (const [spec, message] of cases) {
      file('bad.yaml', cronTab('bad', spec));
      const r = run('kubectl apply -f bad.yaml');
      expect(r.status).toBe(1);
      expect(r.output).toBe(message);
    }
  });

  it('unknown fields fail strict field validation; preserved subtrees keep them', () => {
    const { run, file } = withCRD();
    file('x.yaml', cronTab('x', '  cronSpec: "* * * * */5"\n  bogus: 1\n  extra:\n    anything: [1, 2]\n'));
    const r = run('kubectl create -f x.yaml');
    expect(r.status).toBe(1);
    // schemaCoercingDecoder: `unknown field "spec.bogus"`, wrapped by transformDecodeError
    expect(r.output).toBe(
      'Error from server (BadRequest): error when creating "x.yaml": CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.bogus"\n',
    );
    file('y.yaml', cronTab('y', '  cronSpec: "* * * * */5"\n  extra:\n    anything: [1, 2]\n'));
    expect(run('kubectl create -f y.yaml').status).toBe(0);
    expect(run('kubectl get ct y -o jsonpath={.spec.extra}').output).toBe('{"anything":[1,2]}');
  });

  it('cluster-scoped kinds without printer columns show NAME and AGE', () => {
    const { run, file } = cluster();
    file(
      'crd.yaml',
      `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Cluster
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1alpha1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
`,
    );
    run('kubectl apply -f crd.yaml');
    file(
      'w.yaml',
      'apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n',
    );
    expect(run('kubectl apply -f w.yaml').output).toBe('widget.example.com/w1 created\n');
    // tableconvertor serveDefaultColumnsIfEmpty
    expect(run('kubectl get widgets').output).toMatch(/^NAME {3}AGE\nw1 {5}\d+s\n$/);
    expect(run('kubectl get widget w1 -o jsonpath={.metadata.namespace}').output).toBe('');
  });

  it('deleting the CRD deletes its objects and the resource', () => {
    const { run, file } = withCRD();
    file('ct.yaml', cronTab('one', '  cronSpec: "* * * * */5"\n'));
    run('kubectl apply -f ct.yaml');
    expect(run('kubectl delete crd crontabs.stable.example.com').status).toBe(0);
    const r = run('kubectl get ct');
    expect(r.status).toBe(1);
    expect(r.output).toBe('error: the server doesn\'t have a resource type "ct"\n');
    run('kubectl apply -f crd.yaml');
    expect(run('kubectl get ct').output).toBe('No resources found in default namespace.\n');
  });
});
