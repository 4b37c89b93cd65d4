// awk: Debian 12's default awk (mawk 1.3.4): `awk [-F fs] [-v var=value] [-f file | 'program']
// [file | var=value]...`, with mawk's usage text and error messages; runs are bounded by the
// step budget, so `while (1) {}` ends the block instead of hanging.

import type { CommandContext } from '../types.ts';
import { AwkFatalError, AwkInterpreter, AwkRuntimeError, unescapeValue } from './awk-interp.ts';
import { AwkSyntaxError } from './awk-lexer.ts';
import { parseAwk } from './awk-parser.ts';
import { readSource } from './files.ts';

const USAGE = `Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a "--" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with "-W".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider "\\n" a space.
    -W usage         show this message and exit.
`;

export function awk(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  let fs: string | null = null;
  const assigns: Array<[string, string]> = [];
  const progFiles: string[] = [];
  let i = 0;
  const optionValue = (a: string): string | null => {
    if (a.length > 2) return a.slice(2);
    if (i + 1 >= args.length) return null;
    return args[++i];
  };
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const opt = a[1];
    if (opt === 'F' || opt === 'v' || opt === 'f' || opt === 'W') {
      const value = optionValue(a);
      if (value === null) {
        ctx.stderr.write(`awk: option -${opt} lacks argument\n`);
        return 2;
      }
      if (opt === 'F') fs = value === 't' ? '\t' : unescapeValue(value);
      else if (opt === 'f') progFiles.push(value);
      else if (opt === 'v') {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
        if (!m) {
          ctx.stderr.write(`awk: improper assignment: -v ${value}\n`);
          return 2;
        }
        assigns.push([m[1], unescapeValue(m[2])]);
      } else if (/^v/.test(value)) {
        ctx.stdout.write(
          'mawk 1.3.4 20200120\nCopyright 2008-2019,2020, Thomas E. Dickey\nCopyright 1991-1996,2014, Michael D. Brennan\n\n',
        );
        return 0;
      }
      continue;
    }
    ctx.stderr.write(`awk: not an option: ${a}\n`);
    return 2;
  }
  let source: string;
  if (progFiles.length > 0) {
    source = '';
    for (const f of progFiles) {
      const r = readSource(ctx, f);
      if (!r.ok) {
        ctx.stderr.write(`awk: cannot open ${f} (${r.error})\n`);
        return 2;
      }
      source += `${r.text}\n`;
    }
  } else {
    if (i >= args.length) {
      ctx.stderr.write(USAGE);
      return 0;
    }
    source = args[i++];
  }
  const operands = args.slice(i);
  let program: ReturnType<typeof parseAwk>;
  try {
    program = parseAwk(source);
  } catch (e) {
    if (e instanceof AwkSyntaxError) {
      ctx.stderr.write(`awk: line ${e.line}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const interp = new AwkInterpreter(ctx, program, { fs, assigns, operands });
  try {
    const status = interp.run();
    interp.flush();
    return status;
  } catch (e) {
    if (e instanceof AwkFatalError) {
      ctx.stderr.write(`awk: ${e.message}\n`);
      interp.flush();
      return 2;
    }
    if (e instanceof AwkRuntimeError) {
      ctx.stderr.write(`awk: run time error: ${e.message}\n\t${interp.location()}\n`);
      interp.pendingOutput?.();
      interp.flush();
      return 2;
    }
    interp.flush();
    throw e;
  }
}
