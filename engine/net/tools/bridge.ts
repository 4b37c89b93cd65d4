// The `bridge` command (iproute2 6.1): `bridge link [show]`, `bridge link set ... cost N`
// and `bridge fdb show [br B] [dev D] [dynamic]`, with iproute2's quirks (bridge/link.c
// resolves a veth peer's index in the current namespace).
import type { CommandContext } from '../../commands/types.ts';
import { linkFlags } from '../ip/link-print.ts';
import { matches } from '../ip/options.ts';
import { formatMac } from '../mac.ts';
import { hasCarrier } from '../netlink.ts';
import { processNet } from '../process.ts';
import { type Link, linkByName, type Netns, sortedLinks } from '../state.ts';

const ALL_NODES = '33:33:00:00:00:01';

function portState(port: Link): string {
  const bridge = port.master !== null ? port.ns.links.get(port.master) : undefined;
  return bridge?.adminUp && hasCarrier(port) ? 'forwarding' : 'disabled';
}

function linkLine(ns: Netns, port: Link): string {
  const bridge = ns.links.get(port.master!)!;
  let name = port.name;
  const flags = linkFlags(port).filter((f) => f !== 'M-DOWN');
  if (port.peer) {
    // The peer's index is looked up here even when the peer lives in another namespace.
    const lower = ns.links.get(port.peer.ifindex);
    name += `@${lower ? lower.name : `if${port.peer.ifindex}`}`;
    if (lower && !lower.adminUp) flags.push('M-DOWN');
  }
  return `${port.ifindex}: ${name}: <${flags.join(',')}> mtu ${port.mtu} master ${bridge.name} state ${portState(port)} priority 32 cost 2 \n`;
}

function linkCmd(ctx: CommandContext, ns: Netns, args: string[]): number {
  const [cmd, ...rest] = args;
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || matches(cmd, 'lst')) {
    let dev: Link | null = null;
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === 'dev') {
        dev = linkByName(ns, rest[++i] ?? '');
        if (!dev) {
          ctx.stderr.write(`Cannot find device "${rest[i]}"\n`);
          return 1;
        }
      }
    }
    for (const link of sortedLinks(ns))
      if (link.master !== null && (!dev || dev === link)) ctx.stdout.write(linkLine(ns, link));
    return 0;
  }
  if (matches(cmd, 'set')) {
    const i = rest.indexOf('dev');
    const name = i >= 0 ? rest[i + 1] : undefined;
    const link = name !== undefined ? linkByName(ns, name) : null;
    if (!link) {
      ctx.stderr.write(`Cannot find bridge device "${name ?? ''}"\n`);
      return 255;
    }
    if (link.master === null) {
      ctx.stderr.write('RTNETLINK answers: Operation not supported\n');
      return 255;
    }
    return 0;
  }
  ctx.stderr.write(`Command "${cmd}" is unknown, try "bridge link help".\n`);
  return 255;
}

function fdbCmd(ctx: CommandContext, ns: Netns, args: string[]): number {
  const [cmd, ...rest] = args;
  if (cmd !== undefined && !matches(cmd, 'show') && !matches(cmd, 'list')) {
    ctx.stderr.write(`Command "${cmd}" is unknown, try "bridge fdb help".\n`);
    return 255;
  }
  let br: Link | null = null;
  let dev: Link | null = null;
  let dynamicOnly = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === 'br' || a === 'brport' || a === 'dev') {
      const name = rest[++i] ?? '';
      const link = linkByName(ns, name);
      if (!link || (a === 'br' && link.kind !== 'bridge')) {
        ctx.stderr.write(
          a === 'br' ? `Cannot find bridge device "${name}"\n` : `Cannot find device "${name}"\n`,
        );
        return 255;
      }
      if (a === 'br') br = link;
      else dev = link;
    } else if (a === 'dynamic') dynamicOnly = true;
  }
  let out = '';
  for (const link of sortedLinks(ns)) {
    if (link.kind === 'loopback') continue;
    if (dev && link !== dev) continue;
    if (br && link !== br && link.master !== br.ifindex) continue;
    const devPart = dev ? '' : ` dev ${link.name}`;
    const self = `${ALL_NODES}${devPart} self permanent\n`;
    if (link.kind === 'bridge') {
      if (!dynamicOnly) out += `${self}${formatMac(link.mac)}${devPart} master ${link.name} permanent\n`;
      continue;
    }
    if (link.master !== null) {
      const bridge = ns.links.get(link.master)!;
      if (!dynamicOnly) out += `${formatMac(link.mac)}${devPart} master ${bridge.name} permanent\n`;
      for (const [mac, port] of bridge.fdb)
        if (port === link.ifindex) out += `${mac}${devPart} master ${bridge.name} \n`;
    }
    if (!dynamicOnly) out += self;
  }
  ctx.stdout.write(out);
  return 0;
}

export function bridge(ctx: CommandContext): number {
  const { ns } = processNet(ctx);
  const [object, ...rest] = ctx.argv.slice(1);
  if (object !== undefined && matches(object, 'link')) return linkCmd(ctx, ns, rest);
  if (object !== undefined && matches(object, 'fdb')) return fdbCmd(ctx, ns, rest);
  if (object === undefined) {
    ctx.stderr.write('Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n');
    return 255;
  }
  ctx.stderr.write(`Object "${object}" is unknown, try "bridge help".\n`);
  return 255;
}
