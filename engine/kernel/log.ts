// The kernel's message ring (kernel/printk/printk.c) of one host: records with a syslog level
// and facility and a timestamp since boot, written by printk() and read (and cleared) by dmesg.
import type { Host } from '../host.ts';
import { subsystem } from '../host.ts';

/** One record as /dev/kmsg hands it out. */
export interface KmsgRecord {
  seq: number;
  /** Syslog level 0 (emerg) to 7 (debug). */
  level: number;
  /** Syslog facility: 0 is kern, 1 user. */
  facility: number;
  /** Microseconds since the host booted. */
  usSinceBoot: number;
  text: string;
}

export interface KernelLog {
  /** Simulated time the host booted, ms since the Unix epoch. */
  readonly bootMs: number;
  records: KmsgRecord[];
  nextSeq: number;
  /** Records before this sequence number were cleared (syslog(SYSLOG_ACTION_CLEAR)). */
  clearSeq: number;
}

/** Records kept at most; the oldest fall out first, as a full ring buffer overwrites them. */
export const LOG_RECORDS_MAX = 16384;

export function kernelLog(host: Host): KernelLog {
  return subsystem(host, 'kmsg', (h) => ({ bootMs: h.bootMs, records: [], nextSeq: 0, clearSeq: 0 }));
}

/** printk(): appends one message at simulated time `nowMs`. */
export function printk(log: KernelLog, level: number, text: string, nowMs: number, facility = 0): void {
  const usSinceBoot = Math.max(0, Math.round((nowMs - log.bootMs) * 1000));
  log.records.push({ seq: log.nextSeq++, level, facility, usSinceBoot, text });
  if (log.records.length > LOG_RECORDS_MAX) log.records.splice(0, log.records.length - LOG_RECORDS_MAX);
}

/** The records a reader sees: everything not cleared. */
export function visibleRecords(log: KernelLog): KmsgRecord[] {
  return log.records.filter((r) => r.seq >= log.clearSeq);
}

export function clearLog(log: KernelLog): void {
  log.clearSeq = log.nextSeq;
}
