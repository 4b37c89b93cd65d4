// kubectl explain, auth can-i, events and top: commands that inspect the cluster.
import type { CommandTable } from './types.ts';

export const INSPECT_COMMANDS: CommandTable = {};
