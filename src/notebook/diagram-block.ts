// `topology` blocks: a one-line request for a diagram of the note's world as it stands at that
// point (the network, only some namespaces, the chains of an iptables table, or the trace of a
// command's packets), answered with Mermaid text drawn from the engine's state.
//
//   (empty) | host           every namespace of the session's host
//   netns NAME...            only these namespaces (with the links that leave them)
//   iptables [TABLE] [netns NAME]
//                            the chains of TABLE (default filter), in NAME or the host's namespace
//   trace COMMAND [from NAME]
//                            runs COMMAND (in namespace NAME) and draws its packets' path
//
// Lines starting with `#` are comments. The grammar is documented in the note-format note.
import { chainsDiagram, recordTrace, topologyDiagram, traceDiagram } from '../../engine/diagram/index.ts';
import type { Session } from '../../engine/index.ts';

const TABLES = ['filter', 'nat', 'mangle', 'raw', 'security'] as const;
type Table = (typeof TABLES)[number];

export type DiagramRequest =
  | { view: 'host' }
  | { view: 'netns'; names: string[] }
  | { view: 'iptables'; table: Table; netns: string | null }
  | { view: 'trace'; command: string; netns: string | null };

export class DiagramRequestError extends Error {
  /** 0-based line within the block body. */
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'DiagramRequestError';
    this.line = line;
  }
}

const NAME = /^[^\s/]+$/;

/** The block's request lines (comments and blank lines left out), with their 0-based lines. */
export function requestLines(body: string): Array<{ text: string; line: number }> {
  return body
    .split('\n')
    .map((text, line) => ({ text: text.trim(), line }))
    .filter((l) => l.text !== '' && !l.text.startsWith('#'));
}

/** Reads a block body; throws DiagramRequestError with the offending line. */
export function parseDiagramRequest(body: string): DiagramRequest {
  const requests = requestLines(body);
  if (requests.length === 0) return { view: 'host' };
  if (requests.length > 1)
    throw new DiagramRequestError(
      'a topology block asks for one diagram: write one request line',
      requests[1].line,
    );
  const { text, line } = requests[0];
  const [verb, ...args] = text.split(/\s+/);
  const fail = (message: string) => {
    throw new DiagramRequestError(message, line);
  };
  switch (verb) {
    case 'host':
      if (args.length) fail(`\`host\` takes no arguments, got \`${args.join(' ')}\``);
      return { view: 'host' };
    case 'netns':
      if (args.length === 0) fail('`netns` needs at least one namespace name');
      for (const a of args) if (!NAME.test(a)) fail(`\`${a}\` is not a namespace name`);
      return { view: 'netns', names: args };
    case 'iptables': {
      let table: Table = 'filter';
      let netns: string | null = null;
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === 'netns') {
          netns = args[++i] ?? fail('`netns` needs a namespace name');
        } else if ((TABLES as readonly string[]).includes(a)) table = a as Table;
        else fail(`\`${a}\`: expected a table (${TABLES.join(', ')}) or \`netns NAME\``);
      }
      return { view: 'iptables', table, netns };
    }
    case 'trace': {
      const from = /^(.*?)\s+from\s+(\S+)$/.exec(args.join(' '));
      const command = from ? from[1] : args.join(' ');
      if (command === '') fail('`trace` needs a command, e.g. `trace ping -c1 10.0.0.2 from red`');
      return { view: 'trace', command, netns: from ? from[2] : null };
    }
    default:
      return fail(`unknown diagram \`${verb}\`: expected host, netns, iptables or trace`);
  }
}

export interface DrawnDiagram {
  mermaid: string;
  /** For `trace`: what the traced command printed and its exit status. */
  command?: { output: string; status: number };
}

/** Draws the request from the session's current host (running the command of a trace). */
export function drawDiagram(request: DiagramRequest, session: Session): DrawnDiagram {
  const proc = session.proc;
  const host = proc?.host ?? session.world.mainHost;
  switch (request.view) {
    case 'host':
      return { mermaid: topologyDiagram(host) };
    case 'netns':
      return { mermaid: topologyDiagram(host, { netns: request.names }) };
    case 'iptables':
      return { mermaid: chainsDiagram(host, request.table, request.netns ? { netns: request.netns } : {}) };
    case 'trace': {
      const line = request.netns ? `ip netns exec ${request.netns} ${request.command}` : request.command;
      let result = { output: '', status: 0 };
      const events = recordTrace(() => {
        result = session.run(line);
      });
      const title = `Packets of \`${request.command}\`${request.netns ? ` in ${request.netns}` : ''}`;
      return {
        mermaid: traceDiagram(events, { host, hosts: session.world.hosts.values(), title }),
        command: result,
      };
    }
  }
}
