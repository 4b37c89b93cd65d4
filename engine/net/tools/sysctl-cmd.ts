// sysctl (procps-ng 4.0.2) for the keys the engine models: read, -n, -w, -q, KEY=VALUE, the
// slash form, and procps' error texts.
import type { CommandContext } from '../../commands/types.ts';
import { FsError } from '../../fs/errors.ts';
import { processNet } from '../process.ts';
import { readSysctl, SysctlError, writeSysctl } from '../sysctl.ts';

export function sysctl(ctx: CommandContext): number {
  const { ns } = processNet(ctx);
  let valuesOnly = false;
  let quiet = false;
  let write = false;
  const items: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (/^-[nqwe]+$/.test(a)) {
      valuesOnly ||= a.includes('n');
      quiet ||= a.includes('q');
      write ||= a.includes('w');
    } else items.push(a);
  }
  let status = 0;
  for (const item of items) {
    const eq = item.indexOf('=');
    if (write && eq < 0) {
      ctx.stderr.write('sysctl: command line(0): invalid syntax, continuing...\n');
      status = 1;
      continue;
    }
    const name = (eq < 0 ? item : item.slice(0, eq)).replace(/\//g, '.');
    const key = name.replace(/\./g, '/');
    if (!key.startsWith('net/') || (readSysctl(ns, key) === null && eq < 0)) {
      ctx.stderr.write(`sysctl: cannot stat /proc/sys/${key}: No such file or directory\n`);
      status = 1;
      continue;
    }
    if (eq >= 0) {
      const value = item.slice(eq + 1);
      try {
        writeSysctl(ns, key, value);
      } catch (e) {
        if (e instanceof SysctlError) ctx.stderr.write(`sysctl: setting key "${name}": Invalid argument\n`);
        else if (e instanceof FsError)
          ctx.stderr.write(`sysctl: cannot stat /proc/sys/${key}: No such file or directory\n`);
        else throw e;
        status = 1;
        continue;
      }
      if (!quiet) ctx.stdout.write(valuesOnly ? `${value}\n` : `${name} = ${value}\n`);
      continue;
    }
    if (!quiet)
      ctx.stdout.write(valuesOnly ? `${readSysctl(ns, key)}\n` : `${name} = ${readSysctl(ns, key)}\n`);
  }
  return status;
}
