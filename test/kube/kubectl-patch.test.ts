// kubectl patch, diff, expose and autoscale end to end, plus the patch algorithms. Expected
// strings come from k8s.io/kubectl v0.32.4 (pkg/cmd/patch patchOperation and Validate,
// pkg/cmd/diff InfoObject.Name, pkg/cmd/expose createService, pkg/cmd/autoscale
// createHorizontalPodAutoscaler), apiserver handlers/patch.go (422 for JSON patch), and the
// struct tags of k8s.io/api v0.32.4 (patchMergeKey) for the strategic merge cases.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { applyJsonPatch, decodeJsonPatch, mergePatch } from '../../engine/kube/kubectl/patch/json-patch.ts';
import { strategicMerge } from '../../engine/kube/kubectl/patch/strategic-merge.ts';

function cluster() {
  const s = new Session(createWorld({ seed: 'patch' }));
  expect(s.run('kind create cluster').status).toBe(0);
  const run = (line: string) => s.run(line);
  run('kubectl create deployment web --image=nginx --port=80');
  return run;
}

describe('strategic merge patch', () => {
  const pod = {
    kind: 'Pod',
    spec: {
      containers: [
        { name: 'a', image: 'x', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] },
        { name: 'b', image: 'y' },
      ],
      tolerations: [{ key: 't', operator: 'Exists' }],
    },
  };
  it('merges containers by name, env by name and ports by containerPort', () => {
    const out = strategicMerge('Pod', pod, {
      spec: { containers: [{ name: 'a', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 81 }] }] },
    }) as typeof pod;
    expect(out.spec.containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    expect(out.spec.containers[0].ports).toEqual([{ containerPort: 80 }, { containerPort: 81 }]);
    expect(out.spec.containers[1]).toEqual({ name: 'b', image: 'y' });
  });
  it('replaces lists without a patch strategy (tolerations) and honours $patch', () => {
    const replaced = strategicMerge('Pod', pod, { spec: { tolerations: [{ key: 'u' }] } }) as typeof pod;
    expect(replaced.spec.tolerations).toEqual([{ key: 'u' }]);
    const deleted = strategicMerge('Pod', pod, {
      spec: { containers: [{ name: 'b', $patch: 'delete' }] },
    }) as typeof pod;
    expect(deleted.spec.containers.map((c) => c.name)).toEqual(['a']);
    const whole = strategicMerge('Pod', pod, {
      spec: { containers: [{ name: 'c', image: 'z' }, { $patch: 'replace' }] },
    }) as typeof pod;
    expect(whole.spec.containers).toEqual([{ name: 'c', image: 'z' }]);
  });
  it('merges Service ports by port', () => {
    const svc = { kind: 'Service', spec: { ports: [{ port: 80, targetPort: 8080 }] } };
    const out = strategicMerge('Service', svc, { spec: { ports: [{ port: 80, targetPort: 9090 }] } });
    expect(out).toEqual({ kind: 'Service', spec: { ports: [{ port: 80, targetPort: 9090 }] } });
  });
});

describe('JSON patch and JSON merge patch', () => {
  it('applies RFC 6902 operations and RFC 7386 nulls', () => {
    const doc = { a: { b: [1, 2] }, c: 1 };
    expect(
      applyJsonPatch(
        doc,
        decodeJsonPatch([
          { op: 'add', path: '/a/b/-', value: 3 },
          { op: 'remove', path: '/c' },
          { op: 'copy', from: '/a/b', path: '/d' },
        ]),
      ),
    ).toEqual({ a: { b: [1, 2, 3] }, d: [1, 2, 3] });
    expect(mergePatch(doc, { a: null, e: { f: 1 } })).toEqual({ c: 1, e: { f: 1 } });
  });
});

describe('kubectl patch', () => {
  it('patches, reports no change, and prints the errors kubectl shows', () => {
    const run = cluster();
    const p = `'{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}'`;
    expect(run(`kubectl patch deployment web -p ${p}`).output).toBe('deployment.apps/web patched\n');
    expect(run(`kubectl patch deployment web -p ${p}`).output).toBe(
      'deployment.apps/web patched (no change)\n',
    );
    expect(run('kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].ports}').output).toBe(
      '[{"containerPort":80,"protocol":"TCP"}]',
    );
    expect(run(`kubectl patch deploy/web --type merge -p '{"spec":{"replicas":2}}'`).output).toBe(
      'deployment.apps/web patched\n',
    );
    expect(
      run(`kubectl patch deploy web --type json -p '[{"op":"replace","path":"/spec/replicas","value":3}]'`)
        .output,
    ).toBe('deployment.apps/web patched\n');
    expect(run('kubectl get deploy web -o jsonpath={.spec.replicas}').output).toBe('3');
    const bad = run(`kubectl patch deploy web --type json -p '[{"op":"remove","path":"/spec/nope"}]'`);
    expect(bad.status).toBe(1);
    expect(bad.output).toBe(
      'The request is invalid: the server rejected our request due to an error in our request\n',
    );
    expect(run(`kubectl patch deploy web --type yaml -p '{}'`).output).toBe(
      'error: --type must be one of [json merge strategic], not "yaml"\n',
    );
    expect(run('kubectl patch deploy web').output).toBe(
      'error: must specify --patch or --patch-file containing the contents of the patch\n',
    );
    expect(run(`kubectl patch deploy web -p '{"spec":{"replicas":5}}' --dry-run=server`).output).toBe(
      'deployment.apps/web patched (server dry run)\n',
    );
    expect(run('kubectl get deploy web -o jsonpath={.spec.replicas}').output).toBe('3');
  });
});

describe('kubectl diff', () => {
  it('prints GNU diff -u -N of LIVE and MERGED with the generation bump, exit 1', () => {
    const run = cluster();
    run('kubectl get deploy web -o yaml > web.yaml');
    expect(run('kubectl diff -f web.yaml').status).toBe(0);
    run("sed -i 's/replicas: 1/replicas: 4/' web.yaml");
    const r = run('kubectl diff -f web.yaml');
    expect(r.status).toBe(1);
    expect(r.output).toMatch(
      /^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\n--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000\n\+\+\+ \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000\n@@ /,
    );
    const generation = /\n- {2}generation: (\d+)\n\+ {2}generation: (\d+)\n/.exec(r.output);
    expect(Number(generation?.[2])).toBe(Number(generation?.[1]) + 1);
    expect(r.output).toContain('-  replicas: 1\n+  replicas: 4\n');
  });
});

describe('kubectl expose and autoscale', () => {
  it('builds the Service from the deployment', () => {
    const run = cluster();
    expect(run('kubectl expose deployment web --dry-run=client -o yaml').output).toBe(
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: web',
        '  name: web',
        'spec:',
        '  ports:',
        '  - port: 80',
        '    protocol: TCP',
        '    targetPort: 80',
        '  selector:',
        '    app: web',
        'status:',
        '  loadBalancer: {}',
        '',
      ].join('\n'),
    );
    expect(run('kubectl expose deployment web --port=8080 --target-port=80 --type=NodePort').output).toBe(
      'service/web exposed\n',
    );
    expect(run('kubectl get svc web -o jsonpath={.spec.type}/{.spec.ports[0].targetPort}').output).toBe(
      'NodePort/80',
    );
  });

  it('creates an autoscaling/v1 HorizontalPodAutoscaler', () => {
    const run = cluster();
    expect(
      run('kubectl autoscale deployment web --max=5 --cpu-percent=50 --dry-run=client -o yaml').output,
    ).toBe(
      [
        'apiVersion: autoscaling/v1',
        'kind: HorizontalPodAutoscaler',
        'metadata:',
        '  creationTimestamp: null',
        '  name: web',
        'spec:',
        '  maxReplicas: 5',
        '  scaleTargetRef:',
        '    apiVersion: apps/v1',
        '    kind: Deployment',
        '    name: web',
        '  targetCPUUtilizationPercentage: 50',
        'status:',
        '  currentReplicas: 0',
        '  desiredReplicas: 0',
        '',
      ].join('\n'),
    );
    expect(run('kubectl autoscale deployment web --max=0').output).toBe(
      'error: --max=MAXPODS is required and must be at least 1, max: 0\n',
    );
    expect(run('kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=50').output).toBe(
      'horizontalpodautoscaler.autoscaling/web autoscaled\n',
    );
    expect(run('kubectl get hpa web -o jsonpath={.spec.minReplicas}/{.spec.maxReplicas}').output).toBe('2/5');
  });
});
