// `ip neigh show`: the neighbour table of a namespace (ip/ipneigh.c print_neigh).
import { formatIpv4, formatIpv6 } from '../inet.ts';
import { formatMac } from '../mac.ts';
import { linkByName } from '../state.ts';
import { type IpHandler, IpUsageError, matches } from './options.ts';

export const ipNeigh: IpHandler = (ctx, opts, args) => {
  const [cmd, ...rest] = args;
  if (cmd !== undefined && !matches(cmd, 'show') && !matches(cmd, 'list') && !matches(cmd, 'lst')) {
    ctx.stderr.write(`Command "${cmd}" is unknown, try "ip neigh help".\n`);
    return 255;
  }
  let dev: number | null = null;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === 'dev') {
      const link = linkByName(opts.ns, rest[++i] ?? '');
      if (!link) throw new IpUsageError(`Cannot find device "${rest[i]}"`, 1);
      dev = link.ifindex;
    }
  }
  let out = '';
  for (const n of opts.ns.neigh) {
    if (dev !== null && n.dev !== dev) continue;
    if (opts.family !== 'any' && opts.family !== n.family) continue;
    const dst = n.family === 4 ? formatIpv4(n.dst as number) : formatIpv6(n.dst as number[]);
    const devPart = dev === null ? ` dev ${opts.ns.links.get(n.dev)?.name ?? n.dev}` : '';
    const ll = n.lladdr ? ` lladdr ${formatMac(n.lladdr)}` : '';
    out += `${dst}${devPart}${ll} ${n.state} \n`;
  }
  ctx.stdout.write(out);
  return 0;
};
