// Diagram blocks in notes: the `topology` request grammar and its errors, diagrams drawn from the
// note's world at the block's point, hand-written Mermaid checked with Mermaid's own parser, and
// every diagram the engine draws accepted by that parser.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNote } from '../../src/notebook/check-note.ts';
import { DiagramRequestError, parseDiagramRequest } from '../../src/notebook/diagram-block.ts';
import { mermaidSyntaxError } from '../../src/notebook/mermaid-check.ts';

describe('parseDiagramRequest', () => {
  it('reads each view, ignoring comments and blank lines', () => {
    expect(parseDiagramRequest('')).toEqual({ view: 'host' });
    expect(parseDiagramRequest('# the whole host\n\nhost\n')).toEqual({ view: 'host' });
    expect(parseDiagramRequest('netns red blue')).toEqual({ view: 'netns', names: ['red', 'blue'] });
    expect(parseDiagramRequest('iptables')).toEqual({ view: 'iptables', table: 'filter', netns: null });
    expect(parseDiagramRequest('iptables nat netns red')).toEqual({
      view: 'iptables',
      table: 'nat',
      netns: 'red',
    });
    expect(parseDiagramRequest('trace ping -c1 10.96.0.10 from client')).toEqual({
      view: 'trace',
      command: 'ping -c1 10.96.0.10',
      netns: 'client',
    });
    expect(parseDiagramRequest('trace ping -c1 10.0.0.2')).toEqual({
      view: 'trace',
      command: 'ping -c1 10.0.0.2',
      netns: null,
    });
  });

  it('says what is wrong and on which line', () => {
    const problem = (body: string) => {
      try {
        parseDiagramRequest(body);
        return null;
      } catch (e) {
        if (!(e instanceof DiagramRequestError)) throw e;
        return `${e.line}: ${e.message}`;
      }
    };
    expect(problem('# comment\nbogus thing')).toBe(
      '1: unknown diagram `bogus`: expected host, netns, iptables or trace',
    );
    expect(problem('netns')).toBe('0: `netns` needs at least one namespace name');
    expect(problem('iptables nat broute')).toBe(
      '0: `broute`: expected a table (filter, nat, mangle, raw, security) or `netns NAME`',
    );
    expect(problem('iptables netns')).toBe('0: `netns` needs a namespace name');
    expect(problem('trace')).toBe('0: `trace` needs a command, e.g. `trace ping -c1 10.0.0.2 from red`');
    expect(problem('host\nnetns red')).toBe(
      '1: a topology block asks for one diagram: write one request line',
    );
    expect(problem('host extra')).toBe('0: `host` takes no arguments, got `extra`');
  });
});

const LAB = `# Lab

\`\`\`console
$ ip netns add red
$ ip link add veth-red type veth peer name ceth-red
$ ip link set ceth-red netns red
$ ip addr add 10.0.0.1/24 dev veth-red
$ ip link set veth-red up
$ ip -n red addr add 10.0.0.2/24 dev ceth-red
$ ip -n red link set ceth-red up
$ ip route add 192.0.2.0/24 dev veth-red
$ ip netns exec red iptables -A INPUT -p icmp -j ACCEPT
$ iptables -t nat -A OUTPUT -d 192.0.2.10 -j DNAT --to-destination 10.0.0.2
\`\`\`
`;

describe('topology blocks in a note', () => {
  it('draw the world as it stands at the block, and a trace runs its command there', async () => {
    const note = `${LAB}
\`\`\`topology
netns red
\`\`\`

\`\`\`topology
iptables nat
\`\`\`

\`\`\`topology
trace ping -c1 192.0.2.10
\`\`\`

\`\`\`console
$ iptables -t nat -L OUTPUT -v -n | tail -1
    1    84 DNAT       0    --  *      *       0.0.0.0/0            192.0.2.10           to:10.0.0.2
\`\`\`
`;
    const { report } = await checkNote('lab.md', note);
    expect(report.diagnostics).toEqual([]);
    const [, red, nat, trace] = report.blocks;
    expect(red.status).toBe('generated');
    expect(red.diagram).toContain('subgraph ns1["netns red"]');
    expect(red.diagram).toContain('ceth-red<br/>10.0.0.2/24<br/>veth · UP');
    // The host's end is outside the view, drawn as where the pair leads.
    expect(red.diagram).toContain('veth-red<br/>in labbook (host)');
    expect(nat.diagram).toMatch(/^flowchart LR\n/);
    expect(nat.diagram).toContain('OUTPUT<br/>policy ACCEPT');
    expect(trace.diagram).toMatch(/^sequenceDiagram\n/);
    expect(trace.diagram).toContain('Note over p0: DNAT 192.0.2.10 → 10.0.0.2');
    expect(trace.diagram).toContain('Note over p1: ICMP echo-request 10.0.0.1 → 10.0.0.2');
    // The traced ping really ran: the DNAT rule counted its packet.
    expect(report.blocks[4].status).toBe('verified');
  });

  it('report a bad request at its line and keep checking', async () => {
    const { report } = await checkNote('lab.md', `${LAB}\n\`\`\`topology\n# which view?\nnetwork\n\`\`\`\n`);
    expect(report.passed).toBe(false);
    expect(report.diagnostics.map((d) => `${d.line}:${d.col} ${d.rule}: ${d.message}`)).toEqual([
      '18:1 topology/request: unknown diagram `network`: expected host, netns, iptables or trace',
    ]);
    expect(report.blocks[1].status).toBe('failed');
  });

  it('are left alone when marked norun', async () => {
    const { report } = await checkNote('lab.md', '```topology norun\nbogus\n```\n');
    expect(report.diagnostics).toEqual([]);
    expect(report.blocks[0]).toMatchObject({ status: 'norun' });
    expect(report.blocks[0].diagram).toBeUndefined();
  });
});

describe('hand-written mermaid blocks', () => {
  it('fail the check at the line Mermaid stops, in its words', async () => {
    const note = '# D\n\n```mermaid\nflowchart LR\n  a --> b\n  b --> c[\n  c --> d\n```\n';
    const { report } = await checkNote('d.md', note);
    expect(report.passed).toBe(false);
    expect(report.diagnostics).toHaveLength(1);
    const [d] = report.diagnostics;
    expect(`${d.file}:${d.line}:${d.col} ${d.rule}`).toBe('d.md:6:11 mermaid/syntax');
    expect(d.message).toMatch(/^Mermaid cannot parse this diagram: Parse error: Expecting .*'SQE'/);
  });

  it('pass when they parse, whatever the diagram type', async () => {
    const note =
      '```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n\n```mermaid\npie\n  "a": 1\n```\n\n```mermaid\nstateDiagram-v2\n  [*] --> S\n```\n';
    const { report } = await checkNote('d.md', note);
    expect(report.diagnostics).toEqual([]);
    expect(report.blocks.map((b) => b.status)).toEqual(['static', 'static', 'static']);
  });

  it('report errors from Mermaid’s newer grammars with their line and column', async () => {
    expect(await mermaidSyntaxError('pie\n  "a": 1\n  "b" x')).toMatchObject({ line: 3, col: 7 });
  });
});

describe('diagrams the engine draws', () => {
  it('are all accepted by Mermaid’s parser', async () => {
    const dir = join(import.meta.dirname, '..', 'engine', '__snapshots__', 'diagram');
    const files = readdirSync(dir).filter((f) => f.endsWith('.mmd'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) expect(await mermaidSyntaxError(readFileSync(join(dir, f), 'utf8')), f).toBeNull();
  });
});
