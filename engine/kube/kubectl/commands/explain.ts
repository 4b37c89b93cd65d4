// kubectl explain: documentation of resources and fields from the API server's OpenAPI schema.
import type { CommandTable } from './types.ts';

export const EXPLAIN_COMMANDS: CommandTable = {};
