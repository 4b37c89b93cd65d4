// kubectl top: resource usage of nodes and pods from the Metrics API.
import type { CommandTable } from './types.ts';

export const TOP_COMMANDS: CommandTable = {};
