// The contract between kubectl's dispatcher and its subcommands: a flag set and a runner,
// plus the flags most subcommands share.
import type { Kubectl } from '../context.ts';
import type { FlagSpec, ParsedFlags } from '../flags.ts';

export interface Subcommand {
  flags: readonly FlagSpec[];
  run(k: Kubectl, flags: ParsedFlags): number;
}

export type CommandTable = Record<string, Subcommand>;

/** A flag spec in one line: name, type (string by default) and an optional shorthand. */
export const flag = (name: string, type: FlagSpec['type'] = 'string', short?: string): FlagSpec => ({
  name,
  type,
  short,
});

/** Flags the dispatcher accepts for nearly every subcommand. */
export const COMMON: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
];
