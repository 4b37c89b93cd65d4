// The coreutils-style commands notes use around the real tools, by name and install path
// (as on Debian 12, where /bin is a link to /usr/bin).
import type { CommandContext, CommandFn } from '../types.ts';
import { awk } from './awk.ts';
import { base64 } from './base64.ts';
import { basename, dirname } from './basename.ts';
import { falseCmd, pwd, trueCmd } from './basic.ts';
import { cat } from './cat.ts';
import { chmod } from './chmod.ts';
import { comm } from './comm.ts';
import { cp } from './cp.ts';
import { cut } from './cut.ts';
import { date } from './date.ts';
import { diff } from './diff.ts';
import { echo } from './echo.ts';
import { expand, printenv } from './expand.ts';
import { expr } from './expr.ts';
import { fold } from './fold.ts';
import { grep } from './grep.ts';
import { head } from './head.ts';
import { ln } from './ln.ts';
import { ls } from './ls.ts';
import { mkdir, rmdir } from './mkdir.ts';
import { mv } from './mv.ts';
import { nl } from './nl.ts';
import { paste } from './paste.ts';
import { printf } from './printf.ts';
import { kill, ps } from './process.ts';
import { readlink, realpath } from './readlink.ts';
import { rev } from './rev.ts';
import { rm } from './rm.ts';
import { sed } from './sed.ts';
import { seq } from './seq.ts';
import { sleep } from './sleep.ts';
import { sort } from './sort.ts';
import { stat } from './stat.ts';
import { hostname, id, nproc, uname, whoami } from './system.ts';
import { tac } from './tac.ts';
import { tail } from './tail.ts';
import { tee } from './tee.ts';
import { touch } from './touch.ts';
import { tr } from './tr.ts';
import { uniq } from './uniq.ts';
import { wc } from './wc.ts';
import { which } from './which.ts';
import { xargs } from './xargs.ts';
import { yes } from './yes.ts';

/** Debian 12's egrep and fgrep: a warning, then grep -E / -F. */
function obsolescent(ctx: CommandContext, name: string, flag: string): number {
  ctx.stderr.write(`${name}: warning: ${name} is obsolescent\n`);
  return grep({ ...ctx, argv: ['grep', flag, ...ctx.argv.slice(1)] });
}

export const COREUTILS: Array<[string, string, CommandFn]> = [
  ['echo', '/usr/bin/echo', echo],
  ['printf', '/usr/bin/printf', printf],
  ['cat', '/usr/bin/cat', cat],
  ['sleep', '/usr/bin/sleep', sleep],
  ['true', '/usr/bin/true', trueCmd],
  ['false', '/usr/bin/false', falseCmd],
  ['pwd', '/usr/bin/pwd', pwd],
  ['grep', '/usr/bin/grep', grep],
  ['egrep', '/usr/bin/egrep', (ctx) => obsolescent(ctx, 'egrep', '-E')],
  ['fgrep', '/usr/bin/fgrep', (ctx) => obsolescent(ctx, 'fgrep', '-F')],
  ['head', '/usr/bin/head', head],
  ['tail', '/usr/bin/tail', tail],
  ['wc', '/usr/bin/wc', wc],
  ['uniq', '/usr/bin/uniq', uniq],
  ['cut', '/usr/bin/cut', cut],
  ['tr', '/usr/bin/tr', tr],
  ['base64', '/usr/bin/base64', base64],
  ['tee', '/usr/bin/tee', tee],
  ['seq', '/usr/bin/seq', seq],
  ['ls', '/usr/bin/ls', ls],
  ['mkdir', '/usr/bin/mkdir', mkdir],
  ['rmdir', '/usr/bin/rmdir', rmdir],
  ['touch', '/usr/bin/touch', touch],
  ['rm', '/usr/bin/rm', rm],
  ['cp', '/usr/bin/cp', cp],
  ['mv', '/usr/bin/mv', mv],
  ['xargs', '/usr/bin/xargs', xargs],
  ['which', '/usr/bin/which', which],
  ['basename', '/usr/bin/basename', basename],
  ['dirname', '/usr/bin/dirname', dirname],
  ['date', '/usr/bin/date', date],
  ['hostname', '/usr/bin/hostname', hostname],
  ['uname', '/usr/bin/uname', uname],
  ['id', '/usr/bin/id', id],
  ['whoami', '/usr/bin/whoami', whoami],
  ['yes', '/usr/bin/yes', yes],
  ['chmod', '/usr/bin/chmod', chmod],
  ['ln', '/usr/bin/ln', ln],
  ['readlink', '/usr/bin/readlink', readlink],
  ['realpath', '/usr/bin/realpath', realpath],
  ['stat', '/usr/bin/stat', stat],
  ['nproc', '/usr/bin/nproc', nproc],
  ['kill', '/usr/bin/kill', kill],
  ['ps', '/usr/bin/ps', ps],
  ['tac', '/usr/bin/tac', tac],
  ['rev', '/usr/bin/rev', rev],
  ['nl', '/usr/bin/nl', nl],
  ['paste', '/usr/bin/paste', paste],
  ['comm', '/usr/bin/comm', comm],
  ['fold', '/usr/bin/fold', fold],
  ['expr', '/usr/bin/expr', expr],
  ['sed', '/usr/bin/sed', sed],
  ['awk', '/usr/bin/awk', awk],
  ['mawk', '/usr/bin/mawk', awk],
  ['sort', '/usr/bin/sort', sort],
  ['diff', '/usr/bin/diff', diff],
  ['expand', '/usr/bin/expand', expand],
  ['printenv', '/usr/bin/printenv', printenv],
];
