// bash's network redirections (lib/sh/netopen.c): `/dev/tcp/HOST/PORT` and `/dev/udp/HOST/PORT`
// open a connected socket. The shell only recognises the path; the network layer registers the
// function that resolves and connects, so the shell does not depend on it.
import type { Proc } from '../commands/types.ts';
import type { World } from '../world.ts';
import type { Output } from './io.ts';

export type NetOpenResult =
  | { ok: true; output: Output }
  /** getaddrinfo() failed for `name` (the host, or the service when that was the bad part). */
  | { ok: false; stage: 'resolve'; name: string; message: string }
  /** socket() or connect() failed with this strerror() text. */
  | { ok: false; stage: 'connect'; message: string };

export type NetOpener = (
  world: World,
  proc: Proc,
  proto: 'tcp' | 'udp',
  host: string,
  service: string,
) => NetOpenResult;

let opener: NetOpener | null = null;

export function registerNetOpener(fn: NetOpener): void {
  opener = fn;
}

const DEV_NET = /^\/dev\/(tcp|udp)\/([^/]+)\/([^/]+)$/;

/** The parts of a network redirection path, or null for any other path. */
export function parseDevNet(path: string): { proto: 'tcp' | 'udp'; host: string; service: string } | null {
  const m = DEV_NET.exec(path);
  return m ? { proto: m[1] as 'tcp' | 'udp', host: m[2], service: m[3] } : null;
}

export function openDevNet(world: World, proc: Proc, path: string): NetOpenResult | null {
  const target = parseDevNet(path);
  if (!target) return null;
  if (!opener) return { ok: false, stage: 'connect', message: 'Address family not supported by protocol' };
  return opener(world, proc, target.proto, target.host, target.service);
}
