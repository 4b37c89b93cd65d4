// kubectl get --sort-by and --watch through the shell, checked against kubectl's
// pkg/cmd/get/sorter.go (RuntimeSort/TableSorter, isLess) and get.go watch (one tabwriter with
// remembered widths flushed per event, the header printed once, TestWatchResourceWatchEvents).
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';

const WIDGETS = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
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
            x-kubernetes-preserve-unknown-fields: true
    additionalPrinterColumns:
    - {name: Count, type: integer, jsonPath: .spec.count}
    - {name: Size, type: string, jsonPath: .spec.size}
`;

function widget(name: string, spec: string): string {
  return `---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}

function cluster() {
  const s = new Session(createWorld({ seed: 'get-watch-test' }));
  const run = (line: string) => s.run(line);
  const file = (name: string, text: string) => run(`cat > ${name} <<'EOF'\n${text}EOF`);
  run('kind create cluster');
  return { run, file };
}

function withWidgets() {
  const c = cluster();
  c.file('crd.yaml', WIDGETS);
  c.run('kubectl apply -f crd.yaml');
  c.file(
    'w.yaml',
    widget('b', '  count: 10\n  size: 2Gi\n') +
      widget('c', '  count: 9\n  size: 500Mi\n') +
      widget('a', '  count: 2\n  size: 1Ti\n'),
  );
  expect(c.run('kubectl apply -f w.yaml').status).toBe(0);
  return c;
}

const names = (text: string) =>
  text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s+/)[0]);

describe('kubectl get --sort-by', () => {
  it('sorts strings lexically, integers numerically and quantity strings by value', () => {
    const { run } = withWidgets();
    expect(names(run('kubectl get widgets').output)).toEqual(['a', 'b', 'c']);
    expect(names(run('kubectl get widgets --sort-by=.metadata.name').output)).toEqual(['a', 'b', 'c']);
    // isLess: int64 against int64 numerically (2 < 9 < 10, not "10" < "2")
    expect(names(run('kubectl get widgets --sort-by=.spec.count').output)).toEqual(['a', 'c', 'b']);
    expect(names(run('kubectl get widgets --sort-by={.spec.count}').output)).toEqual(['a', 'c', 'b']);
    // strings that parse as quantities compare as quantities: 500Mi < 2Gi < 1Ti
    expect(names(run('kubectl get widgets --sort-by=spec.size').output)).toEqual(['c', 'b', 'a']);
    expect(run('kubectl get widgets --sort-by=.spec.count -o name').output).toBe(
      'widget.example.com/a\nwidget.example.com/c\nwidget.example.com/b\n',
    );
  });

  it('puts objects without the field first', () => {
    const { run, file } = withWidgets();
    file('d.yaml', widget('d', '  other: true\n'));
    run('kubectl apply -f d.yaml');
    expect(names(run('kubectl get widgets --sort-by=.spec.count').output)).toEqual(['d', 'a', 'c', 'b']);
  });

  it('reports a path no object has, and paths kubectl cannot parse', () => {
    const { run } = withWidgets();
    let r = run('kubectl get widgets --sort-by=.spec.nothing');
    expect(r.status).toBe(1);
    expect(r.output).toBe(
      'error: couldn\'t find any field with path "{.spec.nothing}" in the list of objects\n',
    );
    r = run('kubectl get widgets --sort-by=.spec.nothing -o name');
    expect(r.output).toBe(
      'error: couldn\'t find any field with path "{.spec.nothing}" in the list of objects\n',
    );
    // RelaxedJSONPathExpression rejects it; the table path then parses it as given
    r = run("kubectl get widgets --sort-by='{{.x}}' -o name");
    expect(r.output).toBe(
      "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n",
    );
    r = run('kubectl get widgets --sort-by={.spec.count');
    expect(r.output).toBe('error: sorting error: unclosed action\n');
  });
});

describe('kubectl get --watch', () => {
  it('prints the table, then one aligned line per event without repeating the header', () => {
    const { run } = cluster();
    run('kubectl create deployment web --image=nginx --replicas=2');
    run('kubectl delete pod -l app=web --wait=false');
    const out = run('kubectl get pods -w').output;
    const lines = out.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('NAME'))).toHaveLength(1);
    expect(lines[0]).toMatch(/^NAME {19}READY {3}STATUS {14}RESTARTS {3}AGE$/);
    // RememberWidths: every line keeps the columns of the widest cell seen so far
    const statusAt = lines[0].indexOf('STATUS');
    const restartsAt = lines[0].indexOf('RESTARTS');
    for (const line of lines.slice(1)) {
      expect(line[statusAt - 1]).toBe(' ');
      expect(line[statusAt]).not.toBe(' ');
      expect(line.slice(restartsAt)).toMatch(/^0 {10}\d+s$/);
    }
    expect(lines.some((l) => / Running {13}0 /.test(l))).toBe(true);
    expect(lines.length).toBeGreaterThan(4);
  });

  it('ends at once when nothing is pending, or after --request-timeout', () => {
    const { run } = withWidgets();
    expect(run('kubectl get widgets -w').output).toBe(run('kubectl get widgets').output);
    const before = run('date +%s').output;
    expect(run('kubectl get widgets -w --request-timeout=30s').status).toBe(0);
    expect(Number(run('date +%s').output) - Number(before)).toBeGreaterThanOrEqual(30);
  });

  it('--watch-only prints only changes; --output-watch-events adds the EVENT column', () => {
    const { run } = withWidgets();
    expect(run('kubectl get widgets --watch-only').output).toBe('');
    // TestWatchResourceWatchEvents: EVENT first, existing objects as ADDED
    // (the CRD's columns replace the default AGE column)
    expect(run('kubectl get widgets -w --output-watch-events').output).toBe(
      'EVENT   NAME   COUNT   SIZE\nADDED   a      2       1Ti\nADDED   b      10      2Gi\nADDED   c      9       500Mi\n',
    );
    expect(run('kubectl get widgets -w -o name').output).toBe(
      'widget.example.com/a\nwidget.example.com/b\nwidget.example.com/c\n',
    );
    const yaml = run('kubectl get widgets -w -o yaml').output;
    expect(yaml.split('---\n')).toHaveLength(3);
    expect(yaml.startsWith('apiVersion: example.com/v1\nkind: Widget\n')).toBe(true);
    const json = run('kubectl get widget a -w -o json --output-watch-events').output;
    expect(json.startsWith('{"type":"ADDED","object":{"apiVersion":"example.com/v1","kind":"Widget",')).toBe(
      true,
    );
  });

  it('refuses several types and --output-watch-events without a watch', () => {
    const { run } = withWidgets();
    let r = run('kubectl get widgets,pods -w');
    expect(r.status).toBe(1);
    expect(r.output).toBe('error: you may only specify a single resource type\n');
    r = run('kubectl get widgets --output-watch-events');
    expect(r.output).toBe(
      'error: --output-watch-events option can only be used with --watch or --watch-only\n',
    );
    r = run('kubectl get widgets -w --sort-by=.metadata.name');
    expect(
      r.output.startsWith(
        'warning: --watch requested, --sort-by will be ignored for watch events received\n',
      ),
    ).toBe(true);
  });
});
