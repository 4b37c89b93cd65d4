// Identity of the simulated machine and user: uname (Debian 12's kernel 6.1.0-28-amd64,
// i.e. 6.1.119-1 of 2024-11-22), hostname, id, whoami, nproc (2 CPUs).

import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';

export const KERNEL_RELEASE = '6.1.0-28-amd64';
export const KERNEL_VERSION = '#1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)';
export const CPU_COUNT = 2;

export function uname(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'asnrvmpio',
    long: {
      all: 'a',
      'kernel-name': 's',
      nodename: 'n',
      'kernel-release': 'r',
      'kernel-version': 'v',
      machine: 'm',
      processor: 'p',
      'hardware-platform': 'i',
      'operating-system': 'o',
    },
  });
  if (!parsed) return 1;
  if (parsed.operands.length > 0) return usageError(ctx, `extra operand '${parsed.operands[0]}'`);
  const want = new Set(parsed.options.map(([k]) => k));
  const all = want.has('a');
  if (want.size === 0) want.add('s');
  const fields: Array<[string, string]> = [
    ['s', 'Linux'],
    ['n', ctx.proc.host.hostname],
    ['r', KERNEL_RELEASE],
    ['v', KERNEL_VERSION],
    ['m', 'x86_64'],
    ['p', 'unknown'],
    ['i', 'unknown'],
    ['o', 'GNU/Linux'],
  ];
  const out = fields
    .filter(([k, v]) => (all ? v !== 'unknown' : want.has(k)))
    .map(([, v]) => v)
    .join(' ');
  ctx.stdout.write(`${out}\n`);
  return 0;
}

const HOSTNAME_USAGE = `Usage: hostname [-b] {hostname|-F file}         set host name (from file)
       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name
       hostname                                 display host name

       {yp,nis,}domainname {nisdomain|-F file}  set NIS domain name (from file)
       {yp,nis,}domainname                      display NIS domain name

       dnsdomainname                            display dns domain name

       hostname -V|--version|-h|--help          print info and exit

Program name:
       {yp,nis,}domainname=hostname -y
       dnsdomainname=hostname -d

Program options:
    -a, --alias            alias names
    -A, --all-fqdns        all long host names (FQDNs)
    -b, --boot             set default hostname if none available
    -d, --domain           DNS domain name
    -f, --fqdn, --long     long host name (FQDN)
    -F, --file             read host name or NIS domain name from given file
    -i, --ip-address       addresses for the host name
    -I, --all-ip-addresses all addresses for the host
    -s, --short            short host name
    -y, --yp, --nis        NIS/YP domain name

Description:
   This command can get or set the host name or the NIS domain name. You can
   also get the DNS domain or the FQDN (fully qualified domain name).
   Unless you are using bind or NIS for host lookups you can change the
   FQDN (Fully Qualified Domain Name) and the DNS domain name (which is
   part of the FQDN) in the /etc/hosts file.
`;

export function hostname(ctx: CommandContext): number {
  const host = ctx.proc.host;
  const args = ctx.argv.slice(1);
  let mode = 'name';
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-s' || a === '--short') mode = 'short';
    else if (a === '-f' || a === '--fqdn' || a === '--long' || a === '-A' || a === '--all-fqdns')
      mode = 'fqdn';
    else if (a === '-d' || a === '--domain') mode = 'domain';
    else if (a === '-i' || a === '--ip-address') mode = 'ip';
    else if (a === '-a' || a === '--alias') mode = 'alias';
    else if (a === '-b' || a === '--boot') continue;
    else if (a === '-F' || a === '--file') {
      const file = args[++i];
      try {
        names.push(ctx.proc.host.fs.readFile(file, ctx.proc.cwd).split('\n')[0].trim());
      } catch {
        ctx.stderr.write(`hostname: ${file}: No such file or directory\n`);
        return 1;
      }
    } else if (a.startsWith('-') && a.length > 1) {
      ctx.stderr.write(
        a.startsWith('--')
          ? `hostname: unrecognized option '${a}'\n`
          : `hostname: invalid option -- '${a[1]}'\n`,
      );
      ctx.stdout.write(HOSTNAME_USAGE);
      return 255;
    } else names.push(a);
  }
  if (names.length > 1) {
    ctx.stderr.write(HOSTNAME_USAGE);
    return 255;
  }
  if (names.length === 1) {
    const name = names[0];
    if (name === '' || name.length > 64 || !/^[A-Za-z0-9]([A-Za-z0-9.-]*)$/.test(name)) {
      ctx.stderr.write('hostname: the specified hostname is invalid\n');
      return 1;
    }
    host.hostname = name;
    return 0;
  }
  const name = host.hostname;
  if (mode === 'fqdn' || mode === 'domain' || mode === 'ip') {
    // These ask the resolver, which only knows /etc/hosts on a simulated host.
    const entry = resolveHost(ctx, name);
    if (!entry) {
      ctx.stderr.write('hostname: Temporary failure in name resolution\n');
      return 1;
    }
    const fqdn = entry.names[0];
    if (mode === 'fqdn') ctx.stdout.write(`${fqdn}\n`);
    else if (mode === 'domain')
      ctx.stdout.write(`${fqdn.includes('.') ? fqdn.slice(fqdn.indexOf('.') + 1) : ''}\n`);
    else ctx.stdout.write(`${entry.address} \n`);
    return 0;
  }
  switch (mode) {
    case 'short':
      ctx.stdout.write(`${name.split('.')[0]}\n`);
      break;
    case 'domain':
      ctx.stdout.write(`${name.includes('.') ? name.slice(name.indexOf('.') + 1) : ''}\n`);
      break;
    case 'alias':
      ctx.stdout.write('\n');
      break;
    default:
      ctx.stdout.write(`${name}\n`);
  }
  return 0;
}

/** The /etc/hosts line naming `name`: its address and names (canonical first). */
function resolveHost(ctx: CommandContext, name: string): { address: string; names: string[] } | null {
  let text: string;
  try {
    text = ctx.proc.host.fs.readFile('/etc/hosts', '/', ctx.proc);
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const fields = line.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length < 2) continue;
    const [address, ...names] = fields;
    if (names.includes(name)) return { address, names };
  }
  return null;
}

export function whoami(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, { short: '' });
  if (!parsed) return 1;
  if (parsed.operands.length > 0) return usageError(ctx, `extra operand '${parsed.operands[0]}'`);
  ctx.stdout.write('root\n');
  return 0;
}

export function id(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'ugGnrza',
    long: { user: 'u', group: 'g', groups: 'G', name: 'n', real: 'r', zero: 'z' },
  });
  if (!parsed) return 1;
  const want = new Set(parsed.options.map(([k]) => k));
  const ops = parsed.operands;
  if (ops.length > 1) return usageError(ctx, `extra operand '${ops[1]}'`);
  if (ops.length === 1 && ops[0] !== 'root' && ops[0] !== '0') {
    ctx.stderr.write(`id: '${ops[0]}': no such user\n`);
    return 1;
  }
  const byName = want.has('n');
  const selectors = ['u', 'g', 'G'].filter((k) => want.has(k));
  if (selectors.length > 1) {
    ctx.stderr.write('id: cannot print "only" of more than one choice\n');
    return 1;
  }
  if (selectors.length === 0) {
    if (byName || want.has('r')) {
      ctx.stderr.write('id: cannot print only names or real IDs in default format\n');
      return 1;
    }
    ctx.stdout.write('uid=0(root) gid=0(root) groups=0(root)\n');
    return 0;
  }
  ctx.stdout.write(`${byName ? 'root' : '0'}\n`);
  return 0;
}

export function nproc(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, { short: '', long: { all: 'all', 'ignore:': 'ignore' } });
  if (!parsed) return 1;
  let n = CPU_COUNT;
  for (const [k, v] of parsed.options) {
    if (k === 'ignore') {
      if (!/^\d+$/.test(v!)) {
        ctx.stderr.write(`nproc: invalid number: '${v}'\n`);
        return 1;
      }
      n = Math.max(1, n - Number(v));
    }
  }
  if (parsed.operands.length > 0) return usageError(ctx, `extra operand '${parsed.operands[0]}'`);
  ctx.stdout.write(`${n}\n`);
  return 0;
}
