// The table of commands every new world knows, by name, with the path `which` reports.
import { KERNEL_COMMANDS } from '../kernel/commands.ts';
import { KUBE_COMMANDS } from '../kube/commands.ts';
import { NET_COMMANDS } from '../net/commands.ts';
import { COREUTILS } from './coreutils/index.ts';
import { bash, env, sudo } from './shells.ts';
import type { CommandFn, CommandTable } from './types.ts';

const SHELLS: Array<[string, string, CommandFn]> = [
  ['bash', '/usr/bin/bash', bash],
  ['sh', '/usr/bin/sh', bash],
  ['sudo', '/usr/bin/sudo', sudo],
  ['env', '/usr/bin/env', env],
];

/** Commands registered by other engine layers (network tools, kubectl, ...). */
const registered: Array<[string, string, CommandFn]> = [];

export function registerCommands(commands: Array<[string, string, CommandFn]>): void {
  registered.push(...commands);
}

export function defaultCommands(): CommandTable {
  const table: CommandTable = new Map();
  for (const [name, path, run] of [
    ...SHELLS,
    ...COREUTILS,
    ...KERNEL_COMMANDS,
    ...NET_COMMANDS,
    ...KUBE_COMMANDS,
    ...registered,
  ])
    table.set(name, { path, run });
  return table;
}
