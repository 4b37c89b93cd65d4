// kubectl taint, cordon, uncordon and drain: node scheduling and eviction commands.
import type { CommandTable } from './types.ts';

export const NODE_COMMANDS: CommandTable = {};
