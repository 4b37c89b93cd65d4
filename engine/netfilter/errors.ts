// The ways an iptables tool fails, as small typed errors: xtables_error() with its exit status
// (libxtables/xtables.c basic_exit_err), a stray argument (`Bad argument`), and an errno from the
// nf_tables batch reported through nft_strerror() (iptables/nft.c) as "iptables: <text>.".

/** enum xtables_exittype. */
export const OTHER_PROBLEM = 1;
export const PARAMETER_PROBLEM = 2;
export const VERSION_PROBLEM = 3;
export const RESOURCE_PROBLEM = 4;

/** xtables_error(status, msg): "<prog> v1.8.9 (nf_tables): <msg>" and, per status, a hint line. */
export class XtablesError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** A parameter problem: the message, then "Try `<prog> -h' ...", exit 2. */
export class ParamError extends XtablesError {
  constructor(message: string) {
    super(PARAMETER_PROBLEM, message);
  }
}

/** do_parse()'s "Bad argument `x'": printed bare, then the Try line, exit 2. */
export class BadArgument extends Error {
  readonly arg: string;
  constructor(arg: string) {
    super(`Bad argument \`${arg}'`);
    this.arg = arg;
  }
}

/** exit_tryhelp(2): only the "Try `<prog> -h'" line (iptables -6). */
export class TryHelp extends Error {}

/** An errno from the ruleset change, printed as "iptables: <text>." with exit 1. */
export class NftError extends Error {
  /** EINVAL adds " Run `dmesg' for more information." (xtables_main). */
  readonly einval: boolean;
  constructor(message: string, einval = false) {
    super(message);
    this.einval = einval;
  }
}

export const ENOENT_MSG = 'No chain/target/match by that name';
export const BAD_RULE_MSG = 'Bad rule (does a matching rule exist in that chain?)';

/** The kernel refused part of the batch: " RULE_APPEND failed (Invalid argument): rule in chain X" (exit 4). */
export function kernelError(op: string, errnoText: string, what: string): XtablesError {
  return new XtablesError(RESOURCE_PROBLEM, ` ${op} failed (${errnoText}): ${what}`);
}

export const VERSION = 'v1.8.9 (nf_tables)';

/** Formats an error the way the tool prints it; `line` is iptables-restore's current line. */
export function formatError(prog: string, e: unknown, line = -1): { text: string; status: number } | null {
  if (e instanceof BadArgument) {
    const at = line !== -1 ? `Error occurred at line: ${line}\n` : '';
    return { text: `Bad argument \`${e.arg}'\n${at}${tryHelp(prog)}`, status: PARAMETER_PROBLEM };
  }
  if (e instanceof TryHelp) {
    const at = line !== -1 ? `Error occurred at line: ${line}\n` : '';
    return { text: `${at}${tryHelp(prog)}`, status: PARAMETER_PROBLEM };
  }
  if (e instanceof XtablesError) {
    let text = `${prog} ${VERSION}: ${e.message}\n`;
    if (e.status === PARAMETER_PROBLEM) {
      if (line !== -1) text += `Error occurred at line: ${line}\n`;
      text += tryHelp(prog);
    } else if (e.status === VERSION_PROBLEM) text += `Perhaps ${prog} or your kernel needs to be upgraded.\n`;
    return { text, status: e.status };
  }
  if (e instanceof NftError) {
    const dmesg = e.einval ? " Run `dmesg' for more information." : '';
    return { text: `${prog}: ${e.message}.${dmesg}\n`, status: OTHER_PROBLEM };
  }
  return null;
}

export function tryHelp(prog: string): string {
  return `Try \`${prog} -h' or '${prog} --help' for more information.\n`;
}
