// Global options of `ip` (-4 -6 -0 -f -br -o -j -p -d -s -n) and the signature shared by the
// handlers of its objects (link, address, route, neighbour, netns).
import type { CommandContext } from '../../commands/types.ts';
import type { Netns, NetStack } from '../state.ts';

export type Family = 'any' | 4 | 6 | 'link';

export interface IpOptions {
  family: Family;
  brief: boolean;
  oneline: boolean;
  json: boolean;
  pretty: boolean;
  details: number;
  stats: number;
  /** Set by -all (ip -all netns exec / del). */
  all: boolean;
  stack: NetStack;
  /** The namespace the command acts on (-n NS, or the process's). */
  ns: Netns;
}

/** Handles `ip OBJECT ARGS...`; returns the exit status. */
export type IpHandler = (ctx: CommandContext, opts: IpOptions, args: string[]) => number;

/** iproute2's matches(): a word selects a keyword when the keyword starts with it. */
export function matches(word: string | undefined, keyword: string): boolean {
  return word !== undefined && word.length > 0 && keyword.startsWith(word);
}

export class IpUsageError extends Error {
  readonly status: number;
  constructor(message: string, status = 255) {
    super(message);
    this.status = status;
  }
}

/**
 * iproute2's invarg(): `Error: argument "X" is wrong: WHY`, exit 255. Some of its messages end
 * in a newline of their own, which shows as an empty line; callers pass WHY exactly.
 */
export function invarg(why: string, arg: string): IpUsageError {
  return new IpUsageError(`Error: argument "${arg}" is wrong: ${why}`, 255);
}
