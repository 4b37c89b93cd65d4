// The host-level tools over the simulated kernel itself (its log).
import type { CommandFn } from '../commands/types.ts';
import { dmesg } from './dmesg.ts';

export const KERNEL_COMMANDS: Array<[string, string, CommandFn]> = [['dmesg', '/usr/bin/dmesg', dmesg]];
