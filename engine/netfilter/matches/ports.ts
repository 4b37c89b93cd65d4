// Port ranges shared by the tcp and udp matches (extensions/libxt_tcp.c, libxt_udp.c): the -L
// text ("dpt:22", "spts:1024:65535", "dpt:!ssh") and the -S text ("--dport 1000:65535").
import { ParamError } from '../errors.ts';
import { serviceToPort } from '../netdb.ts';
import { parsePort, portName } from '../xtables.ts';

export type PortRange = [number, number];

export const ANY_PORTS: PortRange = [0, 0xffff];

/** parse_tcp_ports(): "p", "p:q", "p:" or ":q"; names through /etc/services. */
export function parseTcpPorts(text: string, proto: string): PortRange {
  const colon = text.indexOf(':');
  if (colon < 0) {
    const p = parsePort(text, proto);
    return [p, p];
  }
  const lo = text.slice(0, colon);
  const hi = text.slice(colon + 1);
  const range: PortRange = [lo ? parsePort(lo, proto) : 0, hi ? parsePort(hi, proto) : 0xffff];
  if (range[0] > range[1]) throw new ParamError('invalid portrange (min > max)');
  return range;
}

/** xtables_getportbyname() through getaddrinfo(): decimal (wrapping at 16 bits) or a service. */
function portByName(name: string): number | null {
  if (/^\d+$/.test(name)) return Number(BigInt(name) & 0xffffn);
  return serviceToPort(name, 'tcp') ?? serviceToPort(name, 'udp');
}

/** XTTYPE_PORTRC (xtopt_parse_mport): up to two ':'-separated ports, no range check. */
export function parsePortRc(ext: string, opt: string, text: string): PortRange {
  const parts = text.split(':');
  if (parts.length > 2) throw new ParamError(`${ext}: Too many components for option "--${opt}" (max: 2)\n`);
  const range: PortRange = [0, 0xffff];
  parts.forEach((part, i) => {
    if (part === '') return;
    const p = portByName(part);
    if (p === null) throw new ParamError(`Port "${part}" does not resolve to anything.\n`);
    range[i] = p;
  });
  if (parts.length === 1) range[1] = range[0];
  return range;
}

/** print_ports(): " spt:22", " dpts:!1:1023", or nothing for the full range. */
export function printPorts(
  name: string,
  r: PortRange,
  invert: boolean,
  proto: string,
  numeric: boolean,
): string {
  if (r[0] === 0 && r[1] === 0xffff && !invert) return '';
  const inv = invert ? '!' : '';
  if (r[0] === r[1]) return ` ${name}:${inv}${portName(r[0], proto, numeric)}`;
  return ` ${name}s:${inv}${portName(r[0], proto, numeric)}:${portName(r[1], proto, numeric)}`;
}

/** The save text of one range: " ! --dport 1:1023" or nothing for the full range. */
export function savePorts(opt: string, r: PortRange, invert: boolean): string {
  if (r[0] === 0 && r[1] === 0xffff) return '';
  const range = r[0] !== r[1] ? `${r[0]}:${r[1]}` : `${r[0]}`;
  return `${invert ? ' !' : ''} --${opt} ${range}`;
}

export function inRange(port: number, r: PortRange, invert: boolean): boolean {
  return (port >= r[0] && port <= r[1]) !== invert;
}
