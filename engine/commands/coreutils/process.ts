// kill and ps for a machine whose only processes are the shell running the note and the
// command itself: kill validates signals and PIDs (the bash builtin's messages) but stops
// nothing; ps shows init, the shell and itself.
import type { CommandContext } from '../types.ts';

const SIGNALS = [
  'HUP',
  'INT',
  'QUIT',
  'ILL',
  'TRAP',
  'ABRT',
  'BUS',
  'FPE',
  'KILL',
  'USR1',
  'SEGV',
  'USR2',
  'PIPE',
  'ALRM',
  'TERM',
  'STKFLT',
  'CHLD',
  'CONT',
  'STOP',
  'TSTP',
  'TTIN',
  'TTOU',
  'URG',
  'XCPU',
  'XFSZ',
  'VTALRM',
  'PROF',
  'WINCH',
  'IO',
  'PWR',
  'SYS',
];

function signalName(n: number): string | null {
  if (n >= 1 && n <= 31) return SIGNALS[n - 1];
  if (n >= 34 && n <= 64) {
    if (n === 34) return 'RTMIN';
    if (n === 64) return 'RTMAX';
    return n <= 49 ? `RTMIN+${n - 34}` : `RTMAX-${64 - n}`;
  }
  return null;
}

function signalNumber(spec: string): number | null {
  if (/^\d+$/.test(spec)) return signalName(Number(spec)) || Number(spec) === 0 ? Number(spec) : null;
  const name = spec.toUpperCase().replace(/^SIG/, '');
  if (name === 'IOT') return 6;
  if (name === 'POLL') return 29;
  for (let n = 1; n <= 64; n++) if (signalName(n) === name) return n;
  return null;
}

function signalTable(): string {
  const cells: string[] = [];
  for (let n = 1; n <= 64; n++) {
    const name = signalName(n);
    if (name) cells.push(`${String(n).padStart(2)}) SIG${name}`);
  }
  let out = '';
  for (let i = 0; i < cells.length; i += 5) {
    const row = cells.slice(i, i + 5);
    out += `${row.join('\t')}${row.length < 5 ? '\t' : ''}\n`;
  }
  return out;
}

export function kill(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  const usage = () => {
    ctx.stderr.write(
      'bash: kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n',
    );
    return 2;
  };
  if (args.length === 0) return usage();
  if (args[0] === '-l' || args[0] === '-L') {
    if (args.length === 1) {
      ctx.stdout.write(signalTable());
      return 0;
    }
    let status = 0;
    for (const a of args.slice(1)) {
      if (/^\d+$/.test(a)) {
        const n = Number(a) > 128 ? Number(a) - 128 : Number(a);
        const name = signalName(n);
        if (name) ctx.stdout.write(`${name}\n`);
        else {
          ctx.stderr.write(`bash: kill: ${a}: invalid signal specification\n`);
          status = 1;
        }
      } else {
        const n = signalNumber(a);
        if (n) ctx.stdout.write(`${n}\n`);
        else {
          ctx.stderr.write(`bash: kill: ${a}: invalid signal specification\n`);
          status = 1;
        }
      }
    }
    return status;
  }
  let i = 0;
  if (args[0] === '-s' || args[0] === '-n') {
    if (args.length < 2) {
      ctx.stderr.write(`bash: kill: ${args[0]}: option requires an argument\n`);
      return usage();
    }
    if (signalNumber(args[1]) === null) {
      ctx.stderr.write(`bash: kill: ${args[1]}: invalid signal specification\n`);
      return 1;
    }
    i = 2;
  } else if (args[0].startsWith('-') && args[0] !== '--' && args[0] !== '-') {
    if (signalNumber(args[0].slice(1)) === null) {
      ctx.stderr.write(`bash: kill: ${args[0].slice(1)}: invalid signal specification\n`);
      return 1;
    }
    i = 1;
  }
  if (args[i] === '--') i++;
  const pids = args.slice(i);
  if (pids.length === 0) return usage();
  let status = 0;
  for (const p of pids) {
    if (!/^-?\d+$/.test(p) && !/^%/.test(p)) {
      ctx.stderr.write(`bash: kill: ${p}: arguments must be process or job IDs\n`);
      status = 1;
      continue;
    }
    if (p.startsWith('%')) {
      ctx.stderr.write(`bash: kill: ${p}: no such job\n`);
      status = 1;
      continue;
    }
    const pid = Number(p);
    if (pid === 1 || (pid >= 100 && pid < ctx.proc.host.nextPid)) continue;
    ctx.stderr.write(`bash: kill: (${p}) - No such process\n`);
    status = 1;
  }
  return status;
}

export function ps(ctx: CommandContext): number {
  const args = ctx.argv.slice(1).join(' ');
  const shellPid = 100;
  const self = ctx.proc.pid;
  const full = /(^|\s)-\w*[ef]/.test(args) || /(^|\s)-?aux/.test(args) || /(^|\s)ax/.test(args);
  if (/aux/.test(args)) {
    ctx.stdout.write(
      'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n' +
        'root           1  0.0  0.1 167744 11904 ?        Ss   00:00   0:01 /sbin/init\n' +
        `root     ${String(shellPid).padStart(6)}  0.0  0.0   8888  5120 pts/0    Ss   00:00   0:00 -bash\n` +
        `root     ${String(self).padStart(6)}  0.0  0.0  11084  4352 pts/0    R+   00:00   0:00 ps ${args}\n`,
    );
    return 0;
  }
  if (full) {
    ctx.stdout.write(
      'UID          PID    PPID  C STIME TTY          TIME CMD\n' +
        'root           1       0  0 00:00 ?        00:00:01 /sbin/init\n' +
        `root     ${String(shellPid).padStart(6)}       1  0 00:00 pts/0    00:00:00 -bash\n` +
        `root     ${String(self).padStart(6)} ${String(shellPid).padStart(7)}  0 00:00 pts/0    00:00:00 ps ${args}\n`,
    );
    return 0;
  }
  ctx.stdout.write(
    '    PID TTY          TIME CMD\n' +
      `${String(shellPid).padStart(7)} pts/0    00:00:00 bash\n` +
      `${String(self).padStart(7)} pts/0    00:00:00 ps\n`,
  );
  return 0;
}
