// The network topology of one host as a Mermaid flowchart: a subgraph per network namespace
// (the host's own first, then named ones in creation order), a node per interface with its
// addresses and its operational state as `ip link` shows it, veth pairs joined across
// namespaces, bridge ports joined to their bridge, and each namespace's default routes. It
// only reads the engine's state, and the same state always gives the same text.
import type { Host } from '../host.ts';
import { formatIpv4, formatIpv6, type Ipv6 } from '../net/inet.ts';
import { operstate } from '../net/ip/link-print.ts';
import {
  type Link,
  type Netns,
  type NetStack,
  nameOf,
  type Route,
  RT_TABLE_MAIN,
  SCOPE,
  sortedLinks,
} from '../net/state.ts';
import { accessibilityLines, edgeText, plural, prose, quoteLabel } from './mermaid-text.ts';

export interface TopologyView {
  /** Named namespaces to draw (as `ip netns list` names them); every namespace when absent. */
  netns?: readonly string[];
  /** With `netns`, also draw the host's own namespace (it is drawn when `netns` is absent). */
  includeHost?: boolean;
  /** Draw `lo` in every namespace (by default only where it is the only interface). */
  loopback?: boolean;
  /** Interfaces drawn per namespace before the rest become one "… and K more" node. */
  maxInterfaces?: number;
}

export const DEFAULT_MAX_INTERFACES = 12;

interface NsBox {
  ns: Netns;
  id: string;
  label: string;
  /** Interface nodes: a link's own node, or the namespace's summary node when it is hidden. */
  nodes: Map<Link, string>;
  lines: string[];
}

/** The network stack of a host if it has one yet (reading never creates it). */
function stackOf(host: Host): NetStack | null {
  const stack = host.subsystems.get('net') as NetStack | undefined;
  return stack?.root ? stack : null;
}

/** How a namespace is called in the diagram: "labbook (host)", "netns red". */
export function namespaceLabel(ns: Netns, hostname: string): string {
  if (ns === ns.stack.root) return `${hostname} (host)`;
  const name = nameOf(ns.stack, ns);
  return name === null ? `unnamed netns ${ns.uid}` : `netns ${name}`;
}

const nsId = (ns: Netns) => `ns${ns.uid}`;
const linkId = (link: Link) => `ns${link.ns.uid}_if${link.ifindex}`;

function addressLines(link: Link): string[] {
  const lines: string[] = [];
  for (const a of link.addrs)
    if (a.family === 4) lines.push(`${formatIpv4(a.local)}/${a.prefix}`);
    else if (a.scope === SCOPE.global) lines.push(`${formatIpv6(a.local)}/${a.prefix}`);
  return lines;
}

function linkLines(link: Link): string[] {
  return [link.name, ...addressLines(link), `${link.kind} · ${operstate(link)}`];
}

function formatAddr(addr: number | Ipv6): string {
  return typeof addr === 'number' ? formatIpv4(addr) : formatIpv6(addr);
}

function sameAddr(a: number | Ipv6, b: number | Ipv6): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function isDefault(r: Route): boolean {
  return r.table === RT_TABLE_MAIN && r.type === 'unicast' && r.prefix === 0;
}

function routeLabel(r: Route, ns: Netns): string {
  let s = r.gateway !== null ? `default via ${formatAddr(r.gateway)}` : 'default';
  if (r.gateway === null && r.dev !== null) s += ` dev ${ns.links.get(r.dev)?.name ?? r.dev}`;
  if (r.metric !== null) s += ` metric ${r.metric}`;
  return s;
}

/** The namespaces to draw: the host's own first, then named ones in creation order. */
function selectNamespaces(stack: NetStack, view: TopologyView): Netns[] {
  const named = [...stack.named].sort((a, b) => a.ns.uid - b.ns.uid);
  if (!view.netns) return [stack.root, ...named.map((n) => n.ns)];
  const wanted = new Set(view.netns);
  const chosen = named.filter((n) => wanted.has(n.name)).map((n) => n.ns);
  return view.includeHost ? [stack.root, ...chosen] : chosen;
}

/** Mermaid `flowchart LR` text for the host's namespaces, interfaces, links and default routes. */
export function topologyDiagram(host: Host, view: TopologyView = {}): string {
  const max = Math.max(1, view.maxInterfaces ?? DEFAULT_MAX_INTERFACES);
  const stack = stackOf(host);
  const namespaces = stack ? selectNamespaces(stack, view) : [];
  const shown = new Set(namespaces);
  const boxes: NsBox[] = [];
  let interfaces = 0;

  for (const ns of namespaces) {
    const id = nsId(ns);
    const box: NsBox = { ns, id, label: namespaceLabel(ns, host.hostname), nodes: new Map(), lines: [] };
    const links = sortedLinks(ns);
    let visible = view.loopback ? links : links.filter((l) => l.kind !== 'loopback');
    if (visible.length === 0) visible = links;
    visible.forEach((link, i) => {
      if (i < max) {
        box.nodes.set(link, linkId(link));
        box.lines.push(`    ${linkId(link)}[${quoteLabel(linkLines(link))}]`);
      } else box.nodes.set(link, `${id}_more`);
    });
    if (visible.length > max)
      box.lines.push(
        `    ${id}_more[${quoteLabel(`… and ${plural(visible.length - max, 'more interface')}`)}]`,
      );
    if (visible.length === 0) box.lines.push(`    ${id}_empty[${quoteLabel('no interfaces')}]`);
    interfaces += visible.length;
    boxes.push(box);
  }

  const nodeOf = (link: Link): string | null => {
    for (const box of boxes) if (box.ns === link.ns) return box.nodes.get(link) ?? null;
    return null;
  };

  const edges: string[] = [];
  const seen = new Set<string>();
  const outside: string[] = [];
  const outsideIds = new Set<string>();
  const edge = (a: string, op: string, label: string, b: string): boolean => {
    const key = [a, b].sort().join(' ') + op;
    if (a === b || seen.has(key)) return false;
    seen.add(key);
    edges.push(`  ${a} ${op}|${edgeText(label)}| ${b}`);
    return true;
  };
  let vethPairs = 0;
  let ports = 0;
  let defaults = 0;

  for (const box of boxes) {
    for (const link of box.nodes.keys()) {
      const from = box.nodes.get(link)!;
      if (link.peer) {
        let to = shown.has(link.peer.ns) ? nodeOf(link.peer) : null;
        if (!shown.has(link.peer.ns)) {
          to = linkId(link.peer);
          if (!outsideIds.has(to)) {
            outsideIds.add(to);
            const where = `in ${namespaceLabel(link.peer.ns, host.hostname)}`;
            outside.push(`  ${to}[${quoteLabel([link.peer.name, where])}]`);
          }
        }
        if (to && edge(from, '---', 'veth', to)) vethPairs++;
      }
      if (link.master !== null) {
        const bridge = box.ns.links.get(link.master);
        const to = bridge ? box.nodes.get(bridge) : undefined;
        if (to && edge(from, '-->', 'master', to)) ports++;
      }
    }
    box.ns.routes.filter(isDefault).forEach((r, i) => {
      const dev = r.dev !== null ? box.ns.links.get(r.dev) : undefined;
      const from = dev ? box.nodes.get(dev) : undefined;
      const gateway = r.gateway;
      const owner =
        gateway === null
          ? undefined
          : boxes
              .filter((b) => b !== box)
              .flatMap((b) => [...b.nodes.keys()])
              .find((l) => l.addrs.some((a) => sameAddr(a.local, gateway)));
      const label = routeLabel(r, box.ns);
      defaults++;
      if (from && owner) {
        edges.push(`  ${from} -.->|${edgeText(label)}| ${nodeOf(owner)}`);
        return;
      }
      const gw = `${box.id}_default${i + 1}`;
      box.lines.push(`    ${gw}[${quoteLabel(label)}]`);
      if (from) edges.push(`  ${from} -.- ${gw}`);
    });
  }

  const names = boxes.map((b) => b.label);
  const title = `Network topology of ${host.hostname}${view.netns ? `: ${prose(names) || 'no matching namespace'}` : ''}`;
  const description =
    boxes.length === 0
      ? 'No network namespaces to show.'
      : `${plural(boxes.length, 'network namespace')} (${names.join(', ')}) with ` +
        `${plural(interfaces, 'interface')}, ${plural(vethPairs, 'veth link')}, ` +
        `${plural(ports, 'bridge port')} and ${plural(defaults, 'default route')}.`;

  const out = ['flowchart LR', ...accessibilityLines(title, description)];
  for (const box of boxes) out.push(`  subgraph ${box.id}[${quoteLabel(box.label)}]`, ...box.lines, '  end');
  if (boxes.length === 0) out.push(`  none[${quoteLabel('no network namespaces')}]`);
  out.push(...outside, ...edges);
  return `${out.join('\n')}\n`;
}
