// The coreutils-style commands notes use around the real tools, by name and install path.
import type { CommandFn } from '../types.ts';
import { falseCmd, pwd, trueCmd } from './basic.ts';
import { cat } from './cat.ts';
import { echo } from './echo.ts';
import { printf } from './printf.ts';
import { sleep } from './sleep.ts';

export const COREUTILS: Array<[string, string, CommandFn]> = [
  ['echo', '/usr/bin/echo', echo],
  ['printf', '/usr/bin/printf', printf],
  ['cat', '/usr/bin/cat', cat],
  ['sleep', '/usr/bin/sleep', sleep],
  ['true', '/usr/bin/true', trueCmd],
  ['false', '/usr/bin/false', falseCmd],
  ['pwd', '/usr/bin/pwd', pwd],
];
