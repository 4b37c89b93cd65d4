// kubectl patch, diff, expose and autoscale: commands that change or derive objects.
import type { CommandTable } from './types.ts';

export const PATCH_COMMANDS: CommandTable = {};
