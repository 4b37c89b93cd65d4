// The iptables commands and generic options as bit sets (CMD_* and OPT_* of iptables/xshared.h),
// their letters, and the table of which options each command allows (generic_opt_check).
import { ParamError } from '../errors.ts';

export const CMD = {
  NONE: 0,
  INSERT: 1 << 0,
  DELETE: 1 << 1,
  DELETE_NUM: 1 << 2,
  REPLACE: 1 << 3,
  APPEND: 1 << 4,
  LIST: 1 << 5,
  FLUSH: 1 << 6,
  ZERO: 1 << 7,
  NEW_CHAIN: 1 << 8,
  DELETE_CHAIN: 1 << 9,
  SET_POLICY: 1 << 10,
  RENAME_CHAIN: 1 << 11,
  LIST_RULES: 1 << 12,
  ZERO_NUM: 1 << 13,
  CHECK: 1 << 14,
} as const;

export type Command = number;

export const OPT = {
  NUMERIC: 1 << 0,
  SOURCE: 1 << 1,
  DESTINATION: 1 << 2,
  PROTOCOL: 1 << 3,
  JUMP: 1 << 4,
  VERBOSE: 1 << 5,
  EXPANDED: 1 << 6,
  VIANAMEIN: 1 << 7,
  VIANAMEOUT: 1 << 8,
  LINENUMBERS: 1 << 9,
  COUNTERS: 1 << 10,
  FRAGMENT: 1 << 11,
} as const;

const CMD_CHARS = ['I', 'D', 'D', 'R', 'A', 'L', 'F', 'Z', 'N', 'X', 'P', 'E', 'S', 'Z', 'C'];
const OPT_CHARS = ['n', 's', 'd', 'p', 'j', 'v', 'x', 'i', 'o', '0', 'c', 'f'];

function bitIndex(bits: number): number {
  let i = 0;
  while (bits > 1) {
    bits >>>= 1;
    i++;
  }
  return i;
}

export const cmd2char = (cmd: number): string => CMD_CHARS[bitIndex(cmd)];
export const opt2char = (opt: number): string => OPT_CHARS[bitIndex(opt)];

/** generic_opt_check(): an option is legal if any given command allows it. */
export function generic_opt_check(command: number, options: number): void {
  for (let i = 0; i < OPT_CHARS.length; i++) {
    if (!(options & (1 << i))) continue;
    let legal = 0;
    for (let j = 0; j < ALLOWED.length; j++) {
      if (!(command & (1 << j))) continue;
      if (ALLOWED[j][i]) legal = 1;
      else if (legal === 0) legal = -1;
    }
    if (legal === -1) throw new ParamError(`Illegal option \`-${OPT_CHARS[i]}' with this command`);
  }
}

/** commands_v_options[][] of iptables/xshared.c as booleans, per command (true = allowed). */
const ALLOWED: boolean[][] = [
  // -n     -s     -d     -p     -j     -v     -x     -i     -o   --line   -c     -f
  [false, true, true, true, true, true, false, true, true, false, true, true], // INSERT
  [false, true, true, true, true, true, false, true, true, false, false, true], // DELETE
  [false, false, false, false, false, true, false, false, false, false, false, false], // DELETE_NUM
  [false, true, true, true, true, true, false, true, true, false, true, true], // REPLACE
  [false, true, true, true, true, true, false, true, true, false, true, true], // APPEND
  [true, false, false, false, false, true, true, false, false, true, false, false], // LIST
  [false, false, false, false, false, true, false, false, false, false, false, false], // FLUSH
  [false, false, false, false, false, true, false, false, false, false, false, false], // ZERO
  [false, false, false, false, false, true, false, false, false, false, false, false], // NEW_CHAIN
  [false, false, false, false, false, true, false, false, false, false, false, false], // DELETE_CHAIN
  [false, false, false, false, false, true, false, false, false, false, true, false], // SET_POLICY
  [false, false, false, false, false, true, false, false, false, false, false, false], // RENAME_CHAIN
  [false, false, false, false, false, true, false, false, false, false, false, false], // LIST_RULES
  [false, false, false, false, false, true, false, false, false, false, false, false], // ZERO_NUM
  [false, true, true, true, true, true, false, true, true, false, false, true], // CHECK
];

/** IPT_OPTSTRING of iptables/xshared.h (leading '-': non-options come back in order). */
export const OPTSTRING = '-:A:C:D:E:F::I:L::M:N:P:VX::Z::c:d:i:j:o:p:s:t:R:S::W::46bfg:h::m:nvw::x';

/** original_opts[] of iptables/xtables.c. */
export const BASE_LONGOPTS: Array<[string, 0 | 1 | 2, string]> = [
  ['append', 1, 'A'],
  ['delete', 1, 'D'],
  ['check', 1, 'C'],
  ['insert', 1, 'I'],
  ['replace', 1, 'R'],
  ['list', 2, 'L'],
  ['list-rules', 2, 'S'],
  ['flush', 2, 'F'],
  ['zero', 2, 'Z'],
  ['new-chain', 1, 'N'],
  ['delete-chain', 2, 'X'],
  ['rename-chain', 1, 'E'],
  ['policy', 1, 'P'],
  ['source', 1, 's'],
  ['destination', 1, 'd'],
  ['src', 1, 's'],
  ['dst', 1, 'd'],
  ['protocol', 1, 'p'],
  ['in-interface', 1, 'i'],
  ['jump', 1, 'j'],
  ['table', 1, 't'],
  ['match', 1, 'm'],
  ['numeric', 0, 'n'],
  ['out-interface', 1, 'o'],
  ['verbose', 0, 'v'],
  ['wait', 2, 'w'],
  ['wait-interval', 2, 'W'],
  ['exact', 0, 'x'],
  ['fragments', 0, 'f'],
  ['version', 0, 'V'],
  ['help', 2, 'h'],
  ['line-numbers', 0, '0'],
  ['modprobe', 1, 'M'],
  ['set-counters', 1, 'c'],
  ['goto', 1, 'g'],
  ['ipv4', 0, '4'],
  ['ipv6', 0, '6'],
];
