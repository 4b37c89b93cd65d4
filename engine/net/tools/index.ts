// The packet tools this layer provides, by name and install path (Debian 12, iputils-ping and
// iputils-tracepath).
import type { CommandFn } from '../../commands/types.ts';
import { curl } from './curl.ts';
import { nc } from './nc.ts';
import { ping } from './ping.ts';
import { tracepath } from './tracepath.ts';
import { wget } from './wget.ts';

export const NET_TOOLS: Array<[string, string, CommandFn]> = [
  ['ping', '/usr/bin/ping', ping],
  ['ping4', '/usr/bin/ping4', ping],
  ['ping6', '/usr/bin/ping6', ping],
  ['tracepath', '/usr/bin/tracepath', tracepath],
  ['curl', '/usr/bin/curl', curl],
  ['wget', '/usr/bin/wget', wget],
  ['nc', '/usr/bin/nc', nc],
];
