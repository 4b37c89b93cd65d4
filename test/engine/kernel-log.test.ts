// The kernel log and the LOG target beyond what the conformance corpus can record: the real
// recorder always runs in a non-init namespace with nf_log_all_netns set, so the default (other
// namespaces stay silent), message times and the ring's bound are pinned here.
import { describe, expect, it } from 'vitest';
import { createWorld, runScript } from '../../engine/index.ts';
import { kernelLog, LOG_RECORDS_MAX, printk, visibleRecords } from '../../engine/kernel/log.ts';

const SETUP = `ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -A INPUT -j LOG --log-prefix "in-b: "
iptables -A OUTPUT -o lo -j LOG --log-prefix "init: "
`;

function run(script: string): string {
  const result = runScript(createWorld({ hostname: 'labbook' }), script, { name: 'log.sh' });
  expect(result.status).toBe(0);
  return result.output;
}

describe('LOG and the kernel log', () => {
  it('logs only from the init namespace unless net.netfilter.nf_log_all_netns is set', () => {
    const quiet = run(
      `${SETUP}ip netns exec a ping -c1 -q 10.0.0.2 >/dev/null\nping -c1 -q 127.0.0.1 >/dev/null\ndmesg -t\n`,
    );
    expect(
      quiet
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ')[0]),
    ).toEqual(['init:', 'init:']);
    const loud = run(
      `${SETUP}sysctl -qw net.netfilter.nf_log_all_netns=1\nip netns exec a ping -c1 -q 10.0.0.2 >/dev/null\ndmesg -t\n`,
    );
    expect(loud).toMatch(
      /^in-b: IN=vb OUT= MAC=(?:[0-9a-f]{2}:){13}00 SRC=10\.0\.0\.1 DST=10\.0\.0\.2 LEN=84 /,
    );
  });

  it('has nf_log_all_netns in the init namespace only, as the kernel registers it', () => {
    const out = run(
      `${SETUP}cat /proc/sys/net/netfilter/nf_log_all_netns\nip netns exec a sysctl net.netfilter.nf_log_all_netns; echo rc=$?\n`,
    );
    expect(out).toBe(
      '0\nsysctl: cannot stat /proc/sys/net/netfilter/nf_log_all_netns: No such file or directory\nrc=1\n',
    );
  });

  it('stamps messages with the simulated time since boot, later packets later', () => {
    const out = run(`${SETUP}sleep 2.5\nping -c2 127.0.0.1 >/dev/null\ndmesg\n`);
    const stamps = [...out.matchAll(/^\[\s*(\d+\.\d{6})\]/gm)].map((m) => Number(m[1]));
    // Request and reply of each ping leave by lo; the second ping follows a second later.
    expect(stamps).toHaveLength(4);
    expect(stamps[0]).toBeGreaterThanOrEqual(2.5);
    expect(stamps[1]).toBeGreaterThan(stamps[0]);
    expect(stamps[2] - stamps[0]).toBeCloseTo(1, 3);
  });

  it('keeps a bounded ring, dropping the oldest records first', () => {
    const world = createWorld();
    const log = kernelLog(world.mainHost);
    for (let i = 0; i < LOG_RECORDS_MAX + 5; i++) printk(log, 4, `m${i}`, world.clock.now());
    const records = visibleRecords(log);
    expect(records).toHaveLength(LOG_RECORDS_MAX);
    expect(records[0].text).toBe('m5');
  });
});
