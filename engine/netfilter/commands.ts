// The netfilter tools as Debian 12 installs them: iptables and its -save/-restore companions
// (with their iptables-nft* names) and conntrack.
import type { CommandFn } from '../commands/types.ts';
import { iptables } from './cli/iptables.ts';
import { iptablesRestore } from './cli/restore.ts';
import { iptablesSave } from './cli/save.ts';
import { conntrack } from './conntrack/cli.ts';
import { installNetfilter } from './packet/hook.ts';

installNetfilter();

export const NETFILTER_COMMANDS: Array<[string, string, CommandFn]> = [
  ['iptables', '/usr/sbin/iptables', iptables],
  ['iptables-save', '/usr/sbin/iptables-save', iptablesSave],
  ['iptables-restore', '/usr/sbin/iptables-restore', iptablesRestore],
  ['iptables-nft', '/usr/sbin/iptables-nft', iptables],
  ['iptables-nft-save', '/usr/sbin/iptables-nft-save', iptablesSave],
  ['iptables-nft-restore', '/usr/sbin/iptables-nft-restore', iptablesRestore],
  ['conntrack', '/usr/sbin/conntrack', conntrack],
];
