// Network sysctls of a namespace: reading and writing them by their /proc/sys path, with the
// side effects the kernel applies (devinet_sysctl_forward(): ip_forward sets every
// conf/*/forwarding), and the procfs view of /proc/sys/net for the calling process.
import type { Proc } from '../commands/types.ts';
import { FsError } from '../fs/errors.ts';
import type { FsProvider } from '../fs/vfs.ts';
import type { Netns, NetStack } from './state.ts';

export class SysctlError extends Error {}

/** Writes a key (path relative to /proc/sys); throws SysctlError on an invalid value. */
export function writeSysctl(ns: Netns, key: string, raw: string): void {
  const value = raw.trim();
  if (!ns.sysctl.has(key)) throw new FsError('ENOENT', key);
  if (!/^-?\d+(\s+-?\d+)*$/.test(value)) throw new SysctlError('Invalid argument');
  if (key === 'net/ipv4/ip_forward' || key === 'net/ipv4/conf/all/forwarding') {
    const on = value === '0' ? '0' : '1';
    for (const k of ns.sysctl.keys())
      if (/^net\/ipv4\/conf\/[^/]+\/forwarding$/.test(k)) ns.sysctl.set(k, on);
    ns.sysctl.set('net/ipv4/ip_forward', on);
    return;
  }
  ns.sysctl.set(key, value);
}

export function readSysctl(ns: Netns, key: string): string | null {
  return ns.sysctl.get(key) ?? null;
}

/** /proc/sys/net as seen by the calling process's namespace. */
export function netProcfs(stack: NetStack): FsProvider {
  const nsOf = (caller: unknown) =>
    ((caller as Proc | undefined)?.netns as Netns | null | undefined) ?? stack.root;
  const key = (rel: string) => (rel ? `net/${rel}` : 'net');
  return {
    kind(rel, caller) {
      const ns = nsOf(caller);
      const k = key(rel);
      if (ns.sysctl.has(k)) return 'file';
      for (const other of ns.sysctl.keys()) if (other.startsWith(`${k}/`)) return 'dir';
      return null;
    },
    read(rel, caller) {
      const v = nsOf(caller).sysctl.get(key(rel));
      if (v === undefined) throw new FsError('ENOENT', `/proc/sys/${key(rel)}`);
      return `${v}\n`;
    },
    write(rel, data, caller) {
      try {
        writeSysctl(nsOf(caller), key(rel), data);
      } catch (e) {
        if (e instanceof SysctlError) throw new FsError('EINVAL', `/proc/sys/${key(rel)}`);
        throw e;
      }
    },
    list(rel, caller) {
      const prefix = `${key(rel)}/`;
      const names = new Set<string>();
      for (const k of nsOf(caller).sysctl.keys())
        if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]);
      return [...names].sort();
    },
  };
}
