// ping's bookkeeping and printing (iputils ping/ping_common.c): round-trip statistics, the
// in-flight window (acknowledge, pipesize), reply times and the closing summary.
import {
  ICMP_DEST_UNREACH,
  ICMP_PARAMETERPROB,
  ICMP_REDIRECT,
  ICMP_SOURCE_QUENCH,
  ICMP_TIME_EXCEEDED,
} from '../packet/types.ts';

export class PingStats {
  ntransmitted = 0;
  nreceived = 0;
  nrepeats = 0;
  nerrors = 0;
  pipesize = -1;
  acked = 0;
  tmin = Number.MAX_SAFE_INTEGER;
  tmax = 0;
  tsum = 0;
  tsum2 = 0;
  private readonly seen = new Set<number>();

  /** acknowledge(): a reply or error for `seq` widens the observed in-flight window. */
  acknowledge(seq: number): void {
    const diff = (this.ntransmitted - seq) & 0xffff;
    if (diff <= 0x7fff) {
      if (diff + 1 > this.pipesize) this.pipesize = diff + 1;
      if (((seq - this.acked) << 16) >> 16 > 0 || ((this.ntransmitted - this.acked) & 0xffff) > 0x7fff)
        this.acked = seq;
    }
  }

  advanceTransmitted(): void {
    this.ntransmitted++;
    if (((this.ntransmitted - this.acked) & 0xffff) > 0x7fff) this.acked = (this.ntransmitted + 1) & 0xffff;
  }

  /** gather_statistics(): counts a reply; returns true when it is a duplicate. */
  reply(seq: number, tripUs: number): boolean {
    this.nreceived++;
    this.acknowledge(seq);
    this.tsum += tripUs;
    this.tsum2 += tripUs * tripUs;
    if (tripUs < this.tmin) this.tmin = tripUs;
    if (tripUs > this.tmax) this.tmax = tripUs;
    if (this.seen.has(seq)) {
      this.nrepeats++;
      this.nreceived--;
      return true;
    }
    this.seen.add(seq);
    return false;
  }
}

/** The ` time=…` of a reply line, with ping's precision steps. */
export function formatTrip(us: number): string {
  if (us >= 100000 - 50) return `${Math.trunc((us + 500) / 1000)}`;
  if (us >= 10000 - 5) return `${Math.trunc((us + 50) / 1000)}.${Math.trunc(((us + 50) % 1000) / 100)}`;
  if (us >= 1000)
    return `${Math.trunc((us + 5) / 1000)}.${String(Math.trunc(((us + 5) % 1000) / 10)).padStart(2, '0')}`;
  return `${Math.trunc(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
}

/** printf("%g") of a C float. */
export function formatG(value: number): string {
  const v = Math.fround(value);
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 6) {
    const [mant, e] = v.toExponential(5).split('e');
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  const fixed = v.toFixed(Math.max(0, 5 - exp));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

const ms3 = (us: number) => `${Math.trunc(us / 1000)}.${String(Math.trunc(us % 1000)).padStart(3, '0')}`;

function llsqrt(a: number): number {
  if (a <= 0) return 0;
  let prev = Number.MAX_SAFE_INTEGER;
  let x = a;
  while (x < prev) {
    prev = x;
    x = Math.trunc((x + Math.trunc(a / x)) / 2);
  }
  return x;
}

/** finish(): the statistics block; returns ping's exit status. */
export function summary(
  s: PingStats,
  hostname: string,
  elapsedMs: number,
  deadline: boolean,
  npackets: number,
  timing: boolean,
): { text: string; status: number } {
  let text = `\n--- ${hostname} ping statistics ---\n`;
  text += `${s.ntransmitted} packets transmitted, ${s.nreceived} received`;
  if (s.nrepeats) text += `, +${s.nrepeats} duplicates`;
  if (s.nerrors) text += `, +${s.nerrors} errors`;
  if (s.ntransmitted) {
    const loss = ((s.ntransmitted - s.nreceived) * 100.0) / s.ntransmitted;
    text += `, ${formatG(loss)}% packet loss, time ${elapsedMs}ms`;
  }
  text += '\n';
  let comma = '';
  if (s.nreceived && timing) {
    const total = s.nreceived + s.nrepeats;
    const avg = Math.trunc(s.tsum / total);
    const variance = Math.trunc((s.tsum2 - Math.trunc((s.tsum * s.tsum) / total)) / total);
    const mdev = llsqrt(variance);
    text += `rtt min/avg/max/mdev = ${ms3(s.tmin)}/${ms3(avg)}/${ms3(s.tmax)}/${ms3(mdev)} ms`;
    comma = ', ';
  }
  if (s.pipesize > 1) text += `${comma}pipe ${s.pipesize}`;
  text += '\n';
  const status = !s.nreceived || (deadline && s.nreceived < npackets) ? 1 : 0;
  return { text, status };
}

/** pr_icmph(): how ping names an ICMP error. */
export function describeIcmp(type: number, code: number, info: number): string {
  if (type === ICMP_DEST_UNREACH) {
    const names: Record<number, string> = {
      0: 'Destination Net Unreachable',
      1: 'Destination Host Unreachable',
      2: 'Destination Protocol Unreachable',
      3: 'Destination Port Unreachable',
      4: `Frag needed and DF set (mtu = ${info})`,
      5: 'Source Route Failed',
      6: 'Destination Net Unknown',
      7: 'Destination Host Unknown',
      8: 'Source Host Isolated',
      9: 'Destination Net Prohibited',
      10: 'Destination Host Prohibited',
      11: 'Destination Net Unreachable for Type of Service',
      12: 'Destination Host Unreachable for Type of Service',
      13: 'Packet filtered',
      14: 'Precedence Violation',
      15: 'Precedence Cutoff',
    };
    return names[code] ?? `Dest Unreachable, Bad Code: ${code}`;
  }
  if (type === ICMP_SOURCE_QUENCH) return 'Source Quench';
  if (type === ICMP_TIME_EXCEEDED) {
    if (code === 0) return 'Time to live exceeded';
    if (code === 1) return 'Frag reassembly time exceeded';
    return `Time exceeded, Bad Code: ${code}`;
  }
  if (type === ICMP_PARAMETERPROB) return `Parameter problem: pointer = ${info}`;
  if (type === ICMP_REDIRECT) return 'Redirect';
  return `Bad ICMP type: ${type}`;
}
