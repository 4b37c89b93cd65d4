// Host-wide settings a conformance script declares with `# host-sysctl: KEY=VALUE` lines. The
// recorder writes them in the real host's init namespace around the private one the script runs
// in; the engine writes them in its world's init namespace before the script starts.
import { createWorld, type World } from '../../engine/index.ts';
import { hostNet } from '../../engine/net/netlink.ts';
import { writeSysctl } from '../../engine/net/sysctl.ts';

export function hostSysctls(script: string): Array<[string, string]> {
  return [...script.matchAll(/^# host-sysctl: ([\w.]+)=(\S+)$/gm)].map((m) => [m[1], m[2]]);
}

/** A fresh world as the recorder's private host sees it, with the script's host settings. */
export function conformanceWorld(script: string): World {
  const world = createWorld({ hostname: 'labbook' });
  const init = hostNet(world, world.mainHost).root;
  for (const [key, value] of hostSysctls(script)) writeSysctl(init, key.replaceAll('.', '/'), value);
  return world;
}
