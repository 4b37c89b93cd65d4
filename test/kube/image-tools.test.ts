// Containers of well-known images have only their image's programs: busybox has no curl (the
// runtime's OCI error for a direct exec, ash's "not found" in a shell), nginx has curl.
import { beforeAll, describe, expect, test } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';

// containerd 2.0.2 / runc 1.2.3 wording, as assembled in engine/kube/kubelet/image-tools.ts
// (execStartError, kubectlExecStartError); the exec ID is 64 hex digits (util.GenerateID).
const OCI_NOT_FOUND =
  /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown\n$/;

describe('image tools', () => {
  let s: Session;
  const run = (line: string) => s.run(line);
  beforeAll(() => {
    s = new Session(createWorld({ seed: 'image-tools' }));
    run('kind create cluster');
    run('kubectl run bb --image=busybox:1.36 -- sleep 3600');
    run('kubectl run web --image=nginx');
    run('kubectl run deb --image=debian:bookworm -- sleep 3600');
    run('kubectl run other --image=example.com/team/tools:1.0 -- sleep 3600');
    run('kubectl wait --for=condition=Ready pod --all --timeout=120s');
  });

  test('busybox: no curl when exec runs it directly (the runtime fails to start it)', () => {
    const r = run('kubectl exec bb -- curl -s http://web/');
    expect(r.output).toMatch(OCI_NOT_FOUND);
    expect(r.status).toBe(1);
  });

  test('busybox: a path that does not exist is a stat error', () => {
    const r = run('kubectl exec bb -- /usr/bin/curl');
    expect(r.output).toContain(
      'unable to start container process: exec: "/usr/bin/curl": stat /usr/bin/curl: no such file or directory: unknown\n',
    );
  });

  test('busybox: no bash either', () => {
    expect(run('kubectl exec bb -- bash -c true').output).toContain(
      'exec: "bash": executable file not found in $PATH: unknown',
    );
  });

  test('busybox: ash words a missing command "sh: curl: not found", status 127', () => {
    // busybox 1.36.1 shell/ash.c ash_vmsg, verified with a 1.36.1 defconfig build
    const r = run("kubectl exec bb -- sh -c 'curl -s http://web/'");
    expect(r.output).toBe('sh: curl: not found\ncommand terminated with exit code 127\n');
    expect(r.status).toBe(127);
    expect(run("kubectl exec bb -- /bin/sh -c 'echo a; curl x'").output).toBe(
      'a\n/bin/sh: curl: not found\ncommand terminated with exit code 127\n',
    );
  });

  test('busybox has wget and nc', () => {
    // (the image has them in /bin; the engine keeps its own paths)
    const found = run('kubectl exec bb -- sh -c "command -v wget nc"');
    expect(found.status).toBe(0);
    expect(found.output).toMatch(/\/wget\n.*\/nc\n$/s);
    expect(run('kubectl exec bb -- wget --help').output).not.toContain('executable file not found');
  });

  test('debian: dash words it "sh: 1: curl: not found"', () => {
    expect(run("kubectl exec deb -- sh -c 'curl x'").output).toBe(
      'sh: 1: curl: not found\ncommand terminated with exit code 127\n',
    );
    // bash 5.2.15 with -c: no line number for a missing command
    expect(run("kubectl exec deb -- bash -c 'curl x'").output).toBe(
      'bash: curl: command not found\ncommand terminated with exit code 127\n',
    );
  });

  test('nginx has curl', () => {
    const r = run('kubectl exec web -- curl -s http://localhost/');
    expect(r.output).not.toContain('not found');
    expect(run("kubectl exec web -- sh -c 'command -v curl'").output).toMatch(/\/curl\n$/);
  });

  test('an unknown image keeps every command', () => {
    expect(run("kubectl exec other -- sh -c 'command -v curl'").output).toMatch(/\/curl\n$/);
    expect(run("kubectl exec other -- sh -c 'nosuch'").output).toBe(
      'bash: line 1: nosuch: command not found\ncommand terminated with exit code 127\n',
    );
  });
});
