// The name databases iptables consults through libc on Debian 12 (/etc/services, /etc/protocols,
// /etc/networks) with getservbyname/getservbyport/getprotobyname/getnetbyaddr-style lookups.
import { PROTOCOLS, SERVICES } from './netdb-data.ts';

/** /etc/networks on Debian 12. */
const NETWORKS: Array<[string, number]> = [
  ['default', 0x00000000],
  ['loopback', 0x7f000000],
  ['link-local', 0xa9fe0000],
];

interface Service {
  name: string;
  port: number;
  proto: string;
  aliases: string[];
}

function parseServices(): Service[] {
  return SERVICES.trim()
    .split('\n')
    .map((line) => {
      const [name, portProto, ...aliases] = line.split(' ');
      const [port, proto] = portProto.split('/');
      return { name, port: Number(port), proto, aliases };
    });
}

let services: Service[] | null = null;
const allServices = (): Service[] => (services ??= parseServices());

/** getservbyname(name, proto): the port of a service name or alias, or null (proto null: any). */
export function serviceToPort(name: string, proto: string | null): number | null {
  for (const s of allServices())
    if ((proto === null || s.proto === proto) && (s.name === name || s.aliases.includes(name))) return s.port;
  return null;
}

/** getservbyport(port, proto): the first service's official name for a port, or null. */
export function portToService(port: number, proto: string | null): string | null {
  if (proto === null) return null;
  for (const s of allServices()) if (s.port === port && s.proto === proto) return s.name;
  return null;
}

interface Protocol {
  name: string;
  number: number;
  aliases: string[];
}

let protocols: Protocol[] | null = null;
const allProtocols = (): Protocol[] =>
  (protocols ??= PROTOCOLS.trim()
    .split('\n')
    .map((line) => {
      const [name, number, ...aliases] = line.split(' ');
      return { name, number: Number(number), aliases };
    }));

/** getprotobyname(). */
export function protoByName(name: string): number | null {
  for (const p of allProtocols()) if (p.name === name || p.aliases.includes(name)) return p.number;
  return null;
}

/** getprotobynumber(): the official name. */
export function protoByNumber(n: number): string | null {
  return allProtocols().find((p) => p.number === n)?.name ?? null;
}

/** getnetbyaddr(): the /etc/networks name of a network number. */
export function networkName(addr: number): string | null {
  return NETWORKS.find(([, net]) => net === addr)?.[0] ?? null;
}

/** getnetbyname(). */
export function networkByName(name: string): number | null {
  return NETWORKS.find(([n]) => n === name)?.[1] ?? null;
}
