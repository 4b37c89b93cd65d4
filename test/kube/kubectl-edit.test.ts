// kubectl edit in the engine: the editor session, the patch it sends and what it prints. The
// expected texts were recorded from the real kubectl v1.32.4 against `labbook serve --kube-api`
// with the same editors (see test/serve/kubectl-corpus.ts for the live comparison), and follow
// k8s.io/kubectl v0.32.4 pkg/cmd/util/editor/editoptions.go.
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { twoWayMergePatch } from '../../engine/kube/kubectl/commands/edit-patch.ts';
import { WEB_DEPLOYMENT_YAML } from '../fixtures/web-deployment.ts';

const DEPLOY = WEB_DEPLOYMENT_YAML;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: 80
  - name: https
    port: 443
    targetPort: 443
`;

/** A cluster with the web Deployment and Service, and editors installed as scripts. */
function cluster(): Session {
  const s = new Session(createWorld({ seed: 'kubectl-edit' }));
  s.run('kind create cluster');
  s.run(`cat > deploy.yaml <<'EOF'\n${DEPLOY}EOF`);
  s.run(`cat > svc.yaml <<'EOF'\n${SERVICE}EOF`);
  expect(s.run('kubectl apply -f deploy.yaml -f svc.yaml').status).toBe(0);
  const editors: Record<string, string> = {
    // keeps a copy of what kubectl wrote, changes nothing
    'peek-editor': 'cp "$1" /tmp/seen',
    'broken-editor': 'printf \'a: [\\n\' > "$1"',
    'empty-editor': ': > "$1"',
    // keeps a copy of what it was given, then empties the file
    'peek-empty-editor': 'cp "$1" /tmp/seen; : > "$1"',
  };
  for (const [name, body] of Object.entries(editors)) {
    s.run(
      `printf '%s\\n' '#!/bin/bash' ${JSON.stringify(body).replace(/\$/g, '\\$')} > /usr/local/bin/${name}`,
    );
    s.run(`chmod +x /usr/local/bin/${name}`);
  }
  return s;
}

/** stdout then stderr, as the corpus reads them (no terminal). */
function edit(s: Session, line: string): { status: number; out: string; err: string } {
  const ran = s.run(`${line} >/tmp/out 2>/tmp/err`);
  return { status: ran.status, out: s.run('cat /tmp/out').output, err: s.run('cat /tmp/err').output };
}

const KEPT = /^A copy of your changes has been stored to "(\/tmp\/kubectl-edit-\d+\.yaml)"$/m;

describe('kubectl edit', () => {
  it('applies what the editor changed and prints "edited"', () => {
    const s = cluster();
    const r = edit(s, "EDITOR='sed -i s/replicas:\\ 2/replicas:\\ 3/' kubectl edit deployment/web");
    expect(r).toEqual({ status: 0, out: 'deployment.apps/web edited\n', err: '' });
    expect(s.run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").output).toBe('3');
    // fieldManager kubectl-edit, an Update of spec.replicas
    expect(
      s.run("kubectl get deploy web -o jsonpath='{.metadata.managedFields[*].manager}'").output,
    ).toContain('kubectl-edit');
    // the temporary file is removed after a successful edit
    expect(s.run('ls /tmp | grep -c kubectl-edit').output).toBe('0\n');
  });

  it('cancels when nothing changed', () => {
    const s = cluster();
    expect(edit(s, 'EDITOR=true kubectl edit deployment/web')).toEqual({
      status: 0,
      out: '',
      err: 'Edit cancelled, no changes made.\n',
    });
  });

  it('writes the header and the object without managedFields to /tmp/kubectl-edit-*.yaml', () => {
    const s = cluster();
    edit(s, 'EDITOR=peek-editor kubectl edit deployment/web');
    const seen = s.run('cat /tmp/seen').output;
    expect(
      seen.startsWith(
        "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
          '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
          '# reopened with the relevant failures.\n#\napiVersion: apps/v1\nkind: Deployment\n',
      ),
    ).toBe(true);
    expect(seen).not.toContain('managedFields');
    expect(seen).toContain('  replicas: 2\n');
    // -o json: no header; --windows-line-endings: CRLF
    edit(s, 'EDITOR=peek-editor kubectl edit deployment/web -o json');
    expect(s.run('head -c 30 /tmp/seen').output).toBe('{\n    "apiVersion": "apps/v1",');
    edit(s, 'EDITOR=peek-editor kubectl edit deployment/web --windows-line-endings');
    expect(s.run('cat /tmp/seen').output).toContain('will be ignored,\r\n# and an empty file');
  });

  it('prints the strategic merge patch with --output-patch', () => {
    const s = cluster();
    expect(
      edit(
        s,
        "EDITOR='sed -i s/image:\\ nginx:1.27/image:\\ nginx:1.28/' kubectl edit deployment/web --output-patch",
      ).out,
    ).toBe(
      'Patch: {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.28","name":"nginx"}]}}}}\ndeployment.apps/web edited\n',
    );
    // no quotes or backslashes: split on spaces and run without a shell
    const recreate =
      "EDITOR='sed -i -e /maxSurge/d -e /maxUnavailable/d -e /rollingUpdate:/d -e s/RollingUpdate$/Recreate/'";
    expect(edit(s, `${recreate} kubectl edit deployment/web --output-patch`).out).toBe(
      'Patch: {"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"}}}\ndeployment.apps/web edited\n',
    );
    expect(
      edit(s, "EDITOR='sed -i /name:\\ https/,/targetPort:\\ 443/d' kubectl edit svc/web --output-patch").out,
    ).toBe(
      'Patch: {"spec":{"$setElementOrder/ports":[{"port":80}],"ports":[{"$patch":"delete","port":443}]}}\nservice/web edited\n',
    );
    expect(s.run("kubectl get svc web -o jsonpath='{.spec.ports[*].port}'").output).toBe('80');
  });

  it('refuses a changed name, keeping the edited file', () => {
    const s = cluster();
    const r = edit(s, "EDITOR='sed -i s/name:\\ web$/name:\\ web2/' kubectl edit deployment/web");
    expect(r.status).toBe(1);
    const [, path] = KEPT.exec(r.err) ?? [];
    expect(r.err).toBe(
      `A copy of your changes has been stored to "${path}"\nerror: At least one of apiVersion, kind and name was changed\n`,
    );
    expect(s.run(`grep -c 'name: web2' ${path}`).output).not.toBe('0\n');
  });

  it('reopens an invalid edit and gives up when the editor changes nothing more', () => {
    const s = cluster();
    const r = edit(s, "EDITOR='sed -i s/replicas:\\ 2/replicas:\\ -1/' kubectl edit deployment/web");
    expect(r.status).toBe(1);
    const [, path] = KEPT.exec(r.err) ?? [];
    expect(r.err).toBe(
      `error: deployments.apps "web" is invalid\nA copy of your changes has been stored to "${path}"\nerror: Edit cancelled, no valid changes were saved.\n`,
    );
    expect(s.run(`sed -n 5,7p ${path}`).output).toBe(
      '# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n',
    );
  });

  it('fails client-side validation for text that is not YAML or not an object', () => {
    const s = cluster();
    const broken = edit(s, 'EDITOR=broken-editor kubectl edit deployment/web');
    expect(broken.status).toBe(1);
    expect(broken.err).toMatch(
      /^error: deployments\.apps "web" is invalid\nA copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/,
    );
    // the second pass shows why the first one failed
    expect(edit(s, 'EDITOR=peek-empty-editor kubectl edit deployment/web').status).toBe(1);
    expect(s.run('sed -n 5,7p /tmp/seen').output).toBe(
      '# deployments.apps "web" was not valid:\n# * <nil>: Invalid value: "The edited file failed validation": invalid object to validate\n#\n',
    );
    // without validation an empty file cancels the edit
    expect(edit(s, 'EDITOR=empty-editor kubectl edit deployment/web --validate=false')).toEqual({
      status: 0,
      out: '',
      err: 'Edit cancelled, saved file was empty.\n',
    });
  });

  it('reports editors that cannot run', () => {
    const s = cluster();
    expect(edit(s, 'EDITOR=nosuch-editor kubectl edit deployment/web')).toEqual({
      status: 1,
      out: '',
      err: 'error: unable to launch the editor "nosuch-editor"\n',
    });
    expect(edit(s, 'EDITOR=false kubectl edit deployment/web').err).toBe(
      'error: there was a problem with the editor "false"\n',
    );
  });

  it('checks its output format, arguments and namespace', () => {
    const s = cluster();
    expect(edit(s, 'EDITOR=true kubectl edit deployment/web -o name').err).toBe(
      'error: unable to match a printer suitable for the output format "name", allowed formats are: json,yaml\n',
    );
    expect(edit(s, 'EDITOR=true kubectl edit deployment/nosuch').err).toBe(
      'Error from server (NotFound): deployments.apps "nosuch" not found\n',
    );
    expect(edit(s, 'EDITOR=true kubectl edit').err).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    const moved = edit(s, "EDITOR='sed -i s/namespace:\\ default/namespace:\\ other/' kubectl edit svc/web");
    expect(moved.err).toMatch(
      /error: the namespace from the provided object "other" does not match the namespace "default"\. You must pass '--namespace=other' to perform this operation\.\n$/,
    );
  });
});

describe('twoWayMergePatch (strategicpatch CreateTwoWayMergePatch)', () => {
  it('diffs primitive merge lists with deletions and element order', () => {
    // TestCreateTwoWayMergePatch-style case on metadata.finalizers (patchStrategy:merge)
    const patch = twoWayMergePatch(
      'ConfigMap',
      { metadata: { finalizers: ['a', 'b', 'c'] } },
      { metadata: { finalizers: ['c', 'a', 'd'] } },
    );
    expect(patch).toEqual({
      metadata: {
        finalizers: ['d'],
        '$deleteFromPrimitiveList/finalizers': ['b'],
        '$setElementOrder/finalizers': ['c', 'a', 'd'],
      },
    });
  });

  it('sends only the reordering of a merge list', () => {
    const patch = twoWayMergePatch(
      'Pod',
      { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
      { spec: { containers: [{ name: 'b' }, { name: 'a' }] } },
    );
    expect(patch).toEqual({ spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } });
  });
});
