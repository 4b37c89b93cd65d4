// Network benchmarks: the seed walkthrough in the engine and, in the same run, with the real
// iproute2 in a private namespace (root only), and 1,000 namespaces on one bridge.
import { spawnSync } from 'node:child_process';
import { createWorld, runScript } from '../engine/index.ts';
import { WALKTHROUGH } from './walkthrough.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs the walkthrough with the real tools in a throw-away host; null when not possible. */
function realWalkthroughMs(): number | null {
  if (process.getuid?.() !== 0) return null;
  const script = `mount --make-rprivate / && mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns && ip link set lo up || exit 99
start=$(date +%s%N)
{
${WALKTHROUGH}
} >/dev/null 2>&1
end=$(date +%s%N)
echo $(( (end - start) / 1000 ))`;
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync('unshare', ['--net', '--mount', 'bash', '-c', script], { encoding: 'utf8' });
    if (r.status !== 0) return null;
    samples.push(Number(r.stdout.trim()) / 1000);
  }
  return median(samples);
}

function engineWalkthroughMs(): number {
  // Warm up as `labbook check` is warm after its first notes.
  for (let i = 0; i < 50; i++) runScript(createWorld(), WALKTHROUGH);
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) {
    // Like the real run, which starts its clock inside a fresh namespace whose lo is already up,
    // world creation and the network stack's set-up are excluded.
    const world = createWorld();
    runScript(world, 'ip link set lo up');
    const t = performance.now();
    runScript(world, WALKTHROUGH);
    samples.push(performance.now() - t);
  }
  return median(samples);
}

function manyNamespacesMs(n: number): { setup: number; ping: number | null; output: string } {
  const setup = [`ip link add br0 type bridge`, `ip link set br0 up`];
  for (let i = 0; i < n; i++) {
    const ip = `10.${(i >> 8) & 255}.${i & 255}.${1 + ((i >> 16) & 255)}`;
    setup.push(
      `ip netns add ns${i}`,
      `ip link add v${i} type veth peer name c${i} netns ns${i}`,
      `ip link set v${i} master br0 up`,
      `ip -n ns${i} addr add ${ip}/8 dev c${i}`,
      `ip -n ns${i} link set c${i} up`,
    );
  }
  const world = createWorld({ limits: { steps: 10_000_000 } });
  let t = performance.now();
  const r = runScript(world, setup.join('\n'));
  const setupMs = performance.now() - t;
  if (r.status !== 0) return { setup: setupMs, ping: null, output: r.output.slice(0, 500) };
  const last = `10.${((n - 1) >> 8) & 255}.${(n - 1) & 255}.1`;
  t = performance.now();
  const p = runScript(world, `ip netns exec ns0 ping -c1 -W1 ${last}`);
  const pingMs = performance.now() - t;
  return { setup: setupMs, ping: p.status === 0 ? pingMs : null, output: p.output };
}

export async function benchNet(): Promise<void> {
  const lines = WALKTHROUGH.trim().split('\n').length;
  const engine = engineWalkthroughMs();
  const real = realWalkthroughMs();
  console.log(`\nseed walkthrough (${lines} commands), engine:   ${engine.toFixed(2)} ms`);
  if (real === null)
    console.log('seed walkthrough, real iproute2:             not measured (needs root and unshare)');
  else
    console.log(
      `seed walkthrough, real iproute2 (netns):     ${real.toFixed(2)} ms  → engine is ${(real / engine).toFixed(0)}x faster`,
    );
  const many = manyNamespacesMs(1000);
  console.log(`1,000 namespaces on one bridge, set-up:      ${many.setup.toFixed(0)} ms (5,000 ip commands)`);
  console.log(
    many.ping === null
      ? `ping from the first to the last namespace:    failed: ${many.output.split('\n')[0]}`
      : `ping from the first to the last namespace:    ${many.ping.toFixed(2)} ms`,
  );
}
