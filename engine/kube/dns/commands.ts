// The name-lookup tools pods run against cluster DNS: busybox nslookup and glibc getent.
import type { CommandFn } from '../../commands/types.ts';
import { getent } from './getent.ts';
import { nslookup } from './nslookup.ts';

export const DNS_COMMANDS: Array<[string, string, CommandFn]> = [
  ['nslookup', '/usr/bin/nslookup', nslookup],
  ['getent', '/usr/bin/getent', getent],
];
