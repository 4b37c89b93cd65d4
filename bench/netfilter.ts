// Netfilter benchmarks: restore and save a kube-proxy-shaped ruleset of 100,000 nat rules in
// the engine and, in the same run, with the real iptables-restore/-save in a private namespace
// (root only); and one packet's traversal of a 30,000-rule chain.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld, runScript, Session } from '../engine/index.ts';

/** A nat table shaped like kube-proxy's: per service a KUBE-SERVICES rule, a SVC and SEP chains. */
export function kubeProxyRuleset(services: number, endpoints: number): { text: string; rules: number } {
  const chains: string[] = [
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ':KUBE-SERVICES - [0:0]',
    ':KUBE-MARK-MASQ - [0:0]',
  ];
  const rules: string[] = [
    '-A PREROUTING -j KUBE-SERVICES',
    '-A OUTPUT -j KUBE-SERVICES',
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
  ];
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(16, '0');
  for (let s = 0; s < services; s++) {
    const svc = `KUBE-SVC-${hex(s * 2 + 1)}`;
    const ip = `10.${96 + (s >> 16)}.${(s >> 8) & 255}.${s & 255}`;
    chains.push(`:${svc} - [0:0]`);
    rules.push(
      `-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "ns/svc-${s}:http cluster IP" -m tcp --dport 80 -j ${svc}`,
    );
    for (let e = 0; e < endpoints; e++) {
      const sep = `KUBE-SEP-${hex(s * 64 + e + 2)}`;
      const pod = `10.244.${((s * endpoints + e) >> 8) & 255}.${(s * endpoints + e) & 255}`;
      chains.push(`:${sep} - [0:0]`);
      const left = endpoints - e;
      rules.push(
        left > 1
          ? `-A ${svc} -m statistic --mode random --probability ${(1 / left).toFixed(11)} -j ${sep}`
          : `-A ${svc} -j ${sep}`,
      );
      rules.push(
        `-A ${sep} -s ${pod}/32 -j KUBE-MARK-MASQ`,
        `-A ${sep} -p tcp -m tcp -j DNAT --to-destination ${pod}:8080`,
      );
    }
  }
  return { text: `*nat\n${chains.join('\n')}\n${rules.join('\n')}\nCOMMIT\n`, rules: rules.length };
}

function realRestoreSaveMs(file: string): { restore: number; save: number } | null {
  if (process.getuid?.() !== 0) return null;
  const script = `
    t0=$(date +%s%N); iptables-restore < "$1" || exit 99; t1=$(date +%s%N)
    iptables-save -t nat > /dev/null || exit 98; t2=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) $(( (t2 - t1) / 1000 ))`;
  const r = spawnSync('unshare', ['--net', 'bash', '-c', script, 'bench', file], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const [restore, save] = r.stdout
    .trim()
    .split(' ')
    .map((v) => Number(v) / 1000);
  return { restore, save };
}

export async function benchNetfilter(): Promise<void> {
  const { text, rules } = kubeProxyRuleset(10_000, 4);
  const dir = mkdtempSync(join(tmpdir(), 'labbook-nf-'));
  const file = join(dir, 'nat.rules');
  writeFileSync(file, text);

  const world = createWorld({ limits: { steps: 10_000_000, outputChars: 64 * 1024 * 1024 } });
  world.mainHost.fs.writeFile('/root/nat.rules', text);
  let t = performance.now();
  const restored = runScript(world, 'iptables-restore < /root/nat.rules');
  const engineRestore = performance.now() - t;
  t = performance.now();
  const saved = runScript(world, 'iptables-save -t nat > /root/saved.rules');
  const engineSave = performance.now() - t;
  const savedLines = world.mainHost.fs
    .readFile('/root/saved.rules')
    .split('\n')
    .filter((l) => l.startsWith('-A')).length;
  console.log(
    `\niptables-restore, ${rules.toLocaleString('en')} nat rules, engine:  ${engineRestore.toFixed(0)} ms (status ${restored.status})`,
  );
  console.log(
    `iptables-save -t nat, engine:                 ${engineSave.toFixed(0)} ms (status ${saved.status}, ${savedLines} rules)`,
  );
  const real = realRestoreSaveMs(file);
  if (real === null)
    console.log('real iptables-restore/-save:                   not measured (needs root and unshare)');
  else {
    console.log(
      `iptables-restore, real (nf_tables, netns):    ${real.restore.toFixed(0)} ms → engine ${(real.restore / engineRestore).toFixed(1)}x`,
    );
    console.log(
      `iptables-save -t nat, real:                   ${real.save.toFixed(0)} ms → engine ${(real.save / engineSave).toFixed(1)}x`,
    );
  }

  // One packet through a 30,000-rule chain that it does not match until the last rule.
  const session = new Session(createWorld({ limits: { steps: 10_000_000 } }));
  const chain = ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]'];
  for (let i = 0; i < 30_000; i++)
    chain.push(
      `-A OUTPUT -d 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32 -p tcp -m tcp --dport ${1 + (i % 60000)} -j DROP`,
    );
  chain.push('-A OUTPUT -d 127.0.0.1/32 -p icmp -j ACCEPT', 'COMMIT', '');
  session.writeFile('/root/filter.rules', chain.join('\n'));
  session.run('iptables-restore < /root/filter.rules');
  session.run('ping -c1 127.0.0.1');
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    session.run('ping -c1 127.0.0.1');
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const ping = session.run('iptables -L OUTPUT -n -v | tail -1');
  console.log(
    `one ping through a 30,000-rule OUTPUT chain:  ${samples[2].toFixed(2)} ms (request and reply; last rule: ${ping.output.trim().split(/\s+/).slice(0, 2).join(' ')} pkts/bytes)`,
  );
}
