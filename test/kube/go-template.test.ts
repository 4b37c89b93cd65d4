// kubectl -o go-template (and template, --template, go-template-file): every expectation was
// printed by the real kubectl v1.32.4 (scripts/record-go-template.ts wrote
// fixtures/go-template/cases.json, offline with `kubectl create ... --dry-run=client`); each case
// runs through the engine's kubectl and must match stdout, stderr and exit status byte for byte.
// The printer is cli-runtime pkg/printers/template.go over Go's text/template (go1.23).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { GoTemplateError, goTemplate } from '../../engine/kube/kubectl/output/go-template/index.ts';

interface Case {
  name: string;
  args: string[];
  stdout: string;
  stderr: string;
  status: number;
}

const CASES: Case[] = JSON.parse(
  readFileSync(new URL('./fixtures/go-template/cases.json', import.meta.url), 'utf8'),
);

/** Runs kubectl with exact argv (each argument passed through a file, so no shell quoting). */
function runKubectl(s: Session, args: string[]) {
  for (const [i, a] of args.entries()) s.writeFile(`/tmp/arg${i}`, a);
  const argv = args.map((_, i) => `"$(cat /tmp/arg${i})"`).join(' ');
  const r = s.run(`kubectl ${argv} >/tmp/out 2>/tmp/err`);
  const fs = s.proc!.host.fs;
  return { stdout: fs.readFile('/tmp/out'), stderr: fs.readFile('/tmp/err'), status: r.status };
}

describe('kubectl -o go-template: recorded from the real kubectl', () => {
  it('has a corpus of recorded cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
  });
  const s = new Session(createWorld({ seed: 'go-template' }));
  // template_flags.go reads go-template-file / templatefile and parses the contents like go-template=
  it('go-template-file reads the template from a file', () => {
    s.writeFile('/tmp/name.tmpl', '{{.metadata.name}}');
    const inline = CASES.find((c) => c.name === 'name')!;
    const args = inline.args.map((a) =>
      a.startsWith('go-template=') ? 'go-template-file=/tmp/name.tmpl' : a,
    );
    expect(runKubectl(s, args)).toEqual({ stdout: inline.stdout, stderr: '', status: 0 });
  });
  for (const c of CASES) {
    it(c.name, () => {
      expect(runKubectl(s, c.args)).toEqual({ stdout: c.stdout, stderr: c.stderr, status: c.status });
    });
  }
});

describe('goTemplate', () => {
  // cli-runtime pkg/printers/template_test.go TestTemplate
  it('decodes base64 secret data', () => {
    expect(goTemplate('{{ .data.username | base64decode }}', { data: { username: 'aHVudGVy' } })).toBe(
      'hunter',
    );
  });
  it("'eq' does not fail for numbers", () => {
    expect(goTemplate('{{ eq .count 1}}', { count: 1 })).toBe('true');
  });
  it('reports a base64 decode error', () => {
    expect(() =>
      goTemplate('{{ .data.username | base64decode }}', { data: { username: '--THIS IS NOT BASE64--' } }),
    ).toThrow(/base64 decode/);
  });
  // missingkey=error (--allow-missing-template-keys=false): exec.go evalField "map has no entry for key"
  it('fails on a missing key when missing keys are not allowed', () => {
    let error: unknown;
    try {
      goTemplate('{{.a}}{{.b}}', { a: 'x' }, { allowMissingKeys: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GoTemplateError);
    expect((error as GoTemplateError).message).toBe(
      'error: error executing template "{{.a}}{{.b}}": template: output:1:8: executing "output" at <.b>: map has no entry for key "b"',
    );
    expect((error as GoTemplateError).output.startsWith('xError executing template: ')).toBe(true);
  });
  // get -o go-template over several objects runs once over the List (kubectl get.go printGeneric)
  it('walks a List of items', () => {
    const list = {
      apiVersion: 'v1',
      items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }],
      kind: 'List',
      metadata: { resourceVersion: '' },
    };
    expect(goTemplate('{{range .items}}{{.metadata.name}} {{end}}{{.kind}}', list)).toBe('a b List');
  });
});
