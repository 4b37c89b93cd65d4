// The MASQUERADE and REDIRECT targets (extensions/libxt_NAT.c; net/netfilter/xt_MASQUERADE.c,
// xt_REDIRECT.c): source NAT to the outgoing interface's address, or destination NAT to the
// host itself, each with an optional port range ("masq ports: 1024-65535", "redir ports 8080").
import { defineTarget, type OptSpec, optionPrecheck } from '../module.ts';
import { ACCEPT_RESULT } from '../packet/context.ts';
import { bindNat, masqueradeAddress, pickFromRange, redirectAddress } from '../packet/nat.ts';
import { emptyRange, type NatRange, natFlagOption, natText, parseNatPorts, portsAllowed } from './nat.ts';

function portTarget(kind: 'MASQUERADE' | 'REDIRECT') {
  const options: OptSpec[] = [
    { name: 'to-ports', id: 2, arg: true },
    { name: 'random', id: 3, arg: false },
    ...(kind === 'MASQUERADE' ? [{ name: 'random-fully', id: 4, arg: false }] : []),
  ];
  const label = kind === 'MASQUERADE' ? 'masq ports: ' : 'redir ports ';
  return defineTarget<NatRange>({
    name: kind,
    options,
    tables: ['nat'],
    hooks: kind === 'MASQUERADE' ? ['POSTROUTING'] : ['PREROUTING', 'OUTPUT'],
    conntrack: true,
    init: emptyRange,
    parse(r, o, arg, invert, ctx, flags) {
      optionPrecheck(kind, o, arg, invert, flags);
      if (o.id === 2) parseNatPorts(arg!, portsAllowed(ctx.ip), r);
      else natFlagOption(o.id, r);
    },
    save: (r) => natText(r, '--to-ports ', '--', true),
    print: (r) => natText(r, label, '', true),
    run(r, pc) {
      const addr = kind === 'MASQUERADE' ? masqueradeAddress(pc) : redirectAddress(pc);
      if (!addr) return { kind: 'drop' };
      const manip = kind === 'MASQUERADE' ? 'SRC' : 'DST';
      const port = pickFromRange(pc, r, manip).port;
      bindNat(pc, manip, { addr, port });
      return ACCEPT_RESULT;
    },
  });
}

export const masqueradeTarget = portTarget('MASQUERADE');
export const redirectTarget = portTarget('REDIRECT');
