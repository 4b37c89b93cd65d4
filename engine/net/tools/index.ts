// The packet tools this layer provides, by name and install path (Debian 12, iputils-ping and
// iputils-tracepath).
import type { CommandFn } from '../../commands/types.ts';
import { ping } from './ping.ts';
import { tracepath } from './tracepath.ts';

export const NET_TOOLS: Array<[string, string, CommandFn]> = [
  ['ping', '/usr/bin/ping', ping],
  ['ping4', '/usr/bin/ping4', ping],
  ['ping6', '/usr/bin/ping6', ping],
  ['tracepath', '/usr/bin/tracepath', tracepath],
];
