// ping's main loop (iputils ping_common.c main_loop/pinger/schedule_exit) on the simulated
// clock: send every interval, take replies and errors as they arrive, stop on count, deadline
// or the linger time after the last probe, then print the statistics.

import type { CommandContext } from '../../commands/types.ts';
import { strerror } from '../errno.ts';
import type { SendError } from '../packet/ipv4.ts';
import { type NetRuntime, type Socket, type SockMessage, waitUntil } from '../packet/runtime.ts';
import type { PingOptions } from './ping-args.ts';
import { formatTrip, PingStats, summary } from './ping-stats.ts';

export type PingEvent =
  | {
      kind: 'reply';
      at: number;
      seq: number;
      from: string;
      ttl: number;
      latencyUs: number;
      wrongSource: boolean;
    }
  | { kind: 'error'; at: number; seq: number; from: string; text: string; ack: boolean }
  | { kind: 'local'; at: number; text: string };

/**
 * The receiving half of a transport over a raw ICMP socket: replies and queued errors in arrival
 * order, the error queue alone, and whether anything is waiting. `toEvent` decodes one message.
 */
export function socketReceiver(
  sock: Socket,
  toEvent: (m: SockMessage, fromErrqueue: boolean) => PingEvent | null,
): Pick<PingTransport, 'take' | 'takeError' | 'pending'> {
  return {
    take: () => {
      const all = [...sock.recv.map((m) => ({ m, q: false })), ...sock.errqueue.map((m) => ({ m, q: true }))];
      sock.recv = [];
      sock.errqueue = [];
      all.sort((a, b) => a.m.at - b.m.at);
      return all.map(({ m, q }) => toEvent(m, q)).filter((e): e is PingEvent => e !== null);
    },
    takeError: () => {
      const m = sock.errqueue.shift();
      return m ? toEvent(m, true) : null;
    },
    pending: () => sock.recv.length > 0 || sock.errqueue.length > 0,
  };
}

/** What the loop needs from an address family. */
export interface PingTransport {
  send(seq: number, confirm: boolean): SendError | null;
  /** Replies and errors that arrived by now, oldest first. */
  take(): PingEvent[];
  /** One message from the error queue only (recvmsg with MSG_ERRQUEUE). */
  takeError(): PingEvent | null;
  pending(): boolean;
}

/** SCHINT(): ping never waits less than 10 ms between probes after an error. */
const schint = (ms: number) => Math.max(ms, 10);

export function runPingLoop(
  ctx: CommandContext,
  rt: NetRuntime,
  o: PingOptions,
  t: PingTransport,
  hostname: string,
): number {
  const world = ctx.world;
  const stats = new PingStats();
  const sentAt = new Map<number, number>();
  const start = rt.now;
  const timing = o.datalen >= 16;
  let lastSend = start;
  let nextSend = start;
  let exitAt: number | null = o.deadline ? start + o.deadline * 1000 : null;
  let scheduled = false;
  let confirm = false;
  const out = (text: string) => ctx.stdout.write(text);
  const stamp = () => {
    if (!o.timestamps) return '';
    const now = world.clock.now();
    return `[${Math.trunc(now / 1000)}.${String((now % 1000) * 1000).padStart(6, '0')}] `;
  };

  const handle = (e: PingEvent): boolean => {
    if (e.kind === 'reply') {
      const trip = Math.max(0, (e.at - (sentAt.get(e.seq) ?? e.at)) * 1000 + e.latencyUs);
      const dup = stats.reply(e.seq, timing ? trip : 0);
      confirm = true;
      if (o.quiet) return true;
      if (o.flood) {
        out('\b \b');
        return true;
      }
      let line = `${stamp()}${o.datalen + 8} bytes from ${e.from}: icmp_seq=${e.seq} ttl=${e.ttl}`;
      if (timing) line += ` time=${formatTrip(trip)} ms`;
      if (dup) line += ' (DUP!)';
      if (e.wrongSource) line += ' (DIFFERENT ADDRESS!)';
      out(`${line}\n`);
      return true;
    }
    if (e.kind === 'error') {
      if (e.ack) stats.acknowledge(e.seq);
      stats.nerrors++;
      if (o.quiet) return true;
      if (o.flood) out('\bE');
      else out(`${stamp()}From ${e.from} icmp_seq=${e.seq} ${e.text}\n`);
      return true;
    }
    // A local error (EMSGSIZE) queued by the kernel: counted, and reported unless quiet.
    if (!o.quiet) {
      if (o.flood) out('E');
      else ctx.stderr.write(`${e.text}\n`);
      stats.nerrors++;
    }
    return false;
  };

  for (;;) {
    for (const e of t.take()) handle(e);
    if (o.count && stats.nreceived + stats.nerrors >= o.count) break;
    if (o.deadline && stats.nerrors) break;
    if (exitAt !== null && rt.now >= exitAt) break;
    const allSent = o.count > 0 && stats.ntransmitted >= o.count && !o.deadline;
    if (!allSent && rt.now >= nextSend) {
      world.budget.step();
      const seq = (stats.ntransmitted + 1) & 0xffff;
      sentAt.set(seq, rt.now);
      const received = stats.nreceived;
      const tmax = stats.tmax;
      const err = t.send(seq, confirm);
      confirm = false;
      lastSend = rt.now;
      nextSend = rt.now + o.interval;
      if (err) {
        // pinger(): read one queued error; only an ICMP one makes the failure worth printing.
        const first = t.takeError();
        const icmp = first !== null && first.kind === 'error';
        if (first) handle(first);
        if (icmp && !o.quiet) {
          if (o.flood) out('E');
          else ctx.stderr.write(`ping: sendmsg: ${strerror(err.errno)}\n`);
        }
        nextSend = rt.now + schint(o.interval);
      } else if (o.flood && !o.quiet) out('.');
      stats.advanceTransmitted();
      if (o.count && stats.ntransmitted >= o.count && !o.deadline && !scheduled) {
        scheduled = true;
        const wait = received ? Math.max((2 * tmax) / 1000, o.interval) : o.linger;
        const at = rt.now + Math.ceil(wait);
        exitAt = exitAt === null ? at : Math.min(exitAt, at);
      }
      continue;
    }
    const candidates = [allSent ? null : nextSend, exitAt].filter((x): x is number => x !== null);
    const until = Math.min(...candidates);
    waitUntil(world, rt, until, () => t.pending());
  }
  const result = summary(stats, hostname, lastSend - start, o.deadline > 0, o.count, timing);
  out(result.text);
  return result.status;
}
