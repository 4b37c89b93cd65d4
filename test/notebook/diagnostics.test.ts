// Problems in notes are diagnostics with a position and a rule id, never crashes.
import { describe, expect, it } from 'vitest';
import { checkNote } from '../../src/notebook/check-note.ts';

async function diagnostics(source: string) {
  return (await checkNote('note.md', source)).report.diagnostics.map(
    (d) => `${d.line}:${d.col} ${d.rule}: ${d.message.split('\n')[0]}`,
  );
}

describe('note diagnostics', () => {
  it('reports an unknown attribute on a fence', async () => {
    expect(await diagnostics('# T\n\n```sh runn\necho hi\n```\n')).toEqual([
      '3:1 block/attribute: unknown attribute "runn" (known: run, norun, hidden, session=, exit=, file=, mode=, title=)',
    ]);
  });

  it('reports malformed YAML front matter at its line', async () => {
    expect(await diagnostics('---\ntitle: [unclosed\n---\n\n# T\n')).toEqual([
      expect.stringMatching(/^2:\d+ frontmatter\/yaml: Flow sequence/),
    ]);
  });

  it('reports a malformed cluster request at its front matter line', async () => {
    expect(
      await diagnostics('---\ntitle: T\ncluster: {workerz: 2}\n---\n\n```console\n$ true\n```\n'),
    ).toEqual([
      '3:1 frontmatter/cluster: front matter cluster: unknown key "workerz" (expected name, workers, images, metrics, usage)',
    ]);
    expect(await diagnostics('---\ncluster: {workers: -1}\n---\n\n```console\n$ true\n```\n')).toEqual([
      expect.stringMatching(/^2:1 frontmatter\/cluster: front matter cluster\.workers: /),
    ]);
  });

  it('reports a fence that is never closed', async () => {
    expect(await diagnostics('# T\n\n```console\n$ echo hi\nhi\n')).toContain(
      '3:1 block/unterminated-fence: code fence is never closed',
    );
  });

  it('names a placeholder instead of running it', async () => {
    expect(await diagnostics('```console\n$ kubectl exec -it <pod-name> -- sh\n```\n')).toEqual([
      '2:20 transcript/placeholder: `<pod-name>` looks like a placeholder: replace it with a real value, or mark the block `norun`',
    ]);
  });

  it('reports an output block with no script before it', async () => {
    expect(await diagnostics('```output\nhi\n```\n')).toEqual([
      '1:1 block/orphan-output: an `output` block must follow a `run` block',
    ]);
  });

  it('reports a shell syntax error and keeps checking the next command', async () => {
    const report = (await checkNote('note.md', '```console\n$ echo "unclosed\n$ echo after\nafter\n```\n'))
      .report;
    expect(report.counts).toEqual({ commands: 2, asserted: 1, failed: 1 });
    expect(report.diagnostics[0].message).toContain('bash: unexpected EOF while looking for matching `"\'');
  });
});

describe('cluster front matter', () => {
  it('makes the images a note names missing fail to pull', async () => {
    const note =
      '---\ncluster:\n  images:\n    missing: [nginx:1.99]\n---\n\n```console\n$ kubectl run web --image=nginx:1.99\npod/web created\n$ kubectl get pod web -o jsonpath={.status.containerStatuses[0].state.waiting.reason}\nErrImagePull\n```\n';
    const { report } = await checkNote('note.md', note);
    expect(report.diagnostics).toEqual([]);
  });
});
