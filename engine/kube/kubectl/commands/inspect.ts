// kubectl auth can-i and events: commands that inspect the cluster's authorization and history.
import type { CommandTable } from './types.ts';

export const INSPECT_COMMANDS: CommandTable = {};
