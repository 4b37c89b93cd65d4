// A simulated machine: its name, its file system and the subsystems later layers attach
// (network stack, container runtime). New hosts get a minimal Debian-like file tree.
import type { Clock } from './core/clock.ts';
import { Vfs } from './fs/vfs.ts';

export interface Host {
  /** Stable identifier inside the world (also the default hostname). */
  readonly id: string;
  hostname: string;
  /** Simulated time the host booted (its world's start), ms since the Unix epoch. */
  readonly bootMs: number;
  readonly fs: Vfs;
  /** Next process id handed out to a simulated process. */
  nextPid: number;
  /** Processes running now, by pid (shells, and commands while they run). */
  readonly processes: Map<number, unknown>;
  /** Subsystem state keyed by subsystem name (e.g. "net"); each subsystem owns its key. */
  readonly subsystems: Map<string, unknown>;
}

const BASE_DIRS = [
  '/usr/bin',
  '/usr/sbin',
  '/usr/local/bin',
  '/usr/local/sbin',
  '/etc',
  '/root',
  '/home',
  '/tmp',
  '/var',
  '/var/log',
  '/run',
  '/proc',
  '/sys',
  '/dev',
  '/opt',
  '/srv',
  '/mnt',
];

export function createHost(id: string, clock: Clock): Host {
  const fs = new Vfs(clock);
  for (const dir of BASE_DIRS) fs.mkdir(dir, { parents: true });
  fs.chmod('/tmp', 0o1777);
  fs.chmod('/root', 0o700);
  fs.symlink('/run', '/var/run');
  // Debian 12 has a merged /usr: /bin and /sbin are links into /usr.
  fs.symlink('usr/bin', '/bin');
  fs.symlink('usr/sbin', '/sbin');
  fs.writeFile('/etc/hostname', `${id}\n`);
  fs.writeFile('/etc/hosts', `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n`);
  fs.mountSpecial('/dev/null', { read: () => '', write: () => {} }, 0o666);
  const host: Host = {
    id,
    hostname: id,
    bootMs: clock.now(),
    fs,
    nextPid: 100,
    processes: new Map(),
    subsystems: new Map(),
  };
  fs.mountSpecial('/proc/sys/kernel/hostname', {
    read: () => `${host.hostname}\n`,
    write: (data) => {
      host.hostname = data.replace(/\n$/, '');
    },
  });
  return host;
}

/** Reads a subsystem's state, creating it on first use. */
export function subsystem<T>(host: Host, key: string, create: (host: Host) => T): T {
  let state = host.subsystems.get(key) as T | undefined;
  if (state === undefined) {
    state = create(host);
    host.subsystems.set(key, state);
  }
  return state;
}
