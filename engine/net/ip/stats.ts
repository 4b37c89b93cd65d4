// Interface counters as `ip -s` prints them (ip/ipaddress.c print_link_stats64): the RX/TX
// blocks, the extra error lines of `-s -s`, and the JSON `stats64` object.
import type { Link } from '../state.ts';
import type { JsonValue } from './json.ts';

const n = (v: number, width: number) => String(v).padStart(width);

export function statsLines(link: Link, level: number): string[] {
  const s = link.stats;
  const lines = [
    '    RX:  bytes packets errors dropped  missed   mcast           ',
    `    ${n(s.rxBytes, 10)} ${n(s.rxPackets, 7)} ${n(0, 6)} ${n(s.rxDropped, 7)} ${n(0, 7)} ${n(0, 7)} `,
  ];
  if (level > 1)
    lines.push(
      '    RX errors:  length    crc   frame    fifo overrun',
      `    ${n(0, 18)} ${n(0, 6)} ${n(0, 7)} ${n(0, 7)} ${n(0, 7)} `,
    );
  lines.push(
    '    TX:  bytes packets errors dropped carrier collsns           ',
    `    ${n(s.txBytes, 10)} ${n(s.txPackets, 7)} ${n(0, 6)} ${n(s.txDropped, 7)} ${n(0, 7)} ${n(0, 7)} `,
  );
  // transns counts carrier transitions of the device.
  if (level > 1)
    lines.push(
      '    TX errors: aborted   fifo  window heartbt transns',
      `    ${n(0, 18)} ${n(0, 6)} ${n(0, 7)} ${n(0, 7)} ${n(link.carrierChanges, 7)} `,
    );
  return lines;
}

export function statsJson(link: Link): Record<string, JsonValue> {
  const s = link.stats;
  return {
    rx: {
      bytes: s.rxBytes,
      packets: s.rxPackets,
      errors: 0,
      dropped: s.rxDropped,
      over_errors: 0,
      multicast: 0,
    },
    tx: {
      bytes: s.txBytes,
      packets: s.txPackets,
      errors: 0,
      dropped: s.txDropped,
      carrier_errors: 0,
      collisions: 0,
    },
  };
}
