// MAC addresses: random, locally administered unicast ones as the kernel's eth_random_addr()
// makes them (seeded here), parsing and formatting.
import type { Random } from '../core/random.ts';

export type Mac = number[];

export function randomMac(random: Random): Mac {
  const bytes = random.bytes(6);
  // include/linux/etherdevice.h eth_random_addr(): clear multicast, set locally administered.
  bytes[0] = (bytes[0] & 0xfe) | 0x02;
  return bytes;
}

export function formatMac(mac: Mac): string {
  return mac.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export function parseMac(text: string): Mac | null {
  const parts = text.split(':');
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) return null;
  return parts.map((p) => Number.parseInt(p, 16));
}

export function compareMac(a: Mac, b: Mac): number {
  for (let i = 0; i < 6; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

export const isMulticastMac = (mac: Mac) => (mac[0] & 1) === 1;
export const isZeroMac = (mac: Mac) => mac.every((b) => b === 0);
