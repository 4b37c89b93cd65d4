// The network tools every world has: ip, sysctl, nsenter, and the packet tools (ping, ...).
import type { CommandFn } from '../commands/types.ts';
import { NETFILTER_COMMANDS } from '../netfilter/commands.ts';
import './dev-net.ts';
import { ip } from './ip/main.ts';
import { bridge } from './tools/bridge.ts';
import { NET_TOOLS } from './tools/index.ts';
import { nsenter } from './tools/nsenter.ts';
import { sysctl } from './tools/sysctl-cmd.ts';

export const NET_COMMANDS: Array<[string, string, CommandFn]> = [
  ['ip', '/usr/sbin/ip', ip],
  ['sysctl', '/usr/sbin/sysctl', sysctl],
  ['nsenter', '/usr/bin/nsenter', nsenter],
  ['bridge', '/usr/sbin/bridge', bridge],
  ...NET_TOOLS,
  ...NETFILTER_COMMANDS,
];
