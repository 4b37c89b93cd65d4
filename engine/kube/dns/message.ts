// DNS messages as the simulated resolvers and servers exchange them (RFC 1035 section 4): a
// header's id, flags and rcode, one question, answer and authority records, kept as objects,
// with the size the message would have on the wire for the datagram's length.

/** Record types the cluster's DNS handles (RFC 1035 3.2.2, RFC 3596, RFC 2782). */
export const QTYPE = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  ANY: 255,
} as const;

/** Response codes by number (RFC 1035 4.1.1), as busybox nslookup names them. */
export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

export type RecordData =
  | { type: 'A'; address: string }
  | { type: 'AAAA'; address: string }
  | { type: 'CNAME'; target: string }
  | { type: 'PTR'; target: string }
  | { type: 'SRV'; priority: number; weight: number; port: number; target: string }
  | {
      type: 'SOA';
      mname: string;
      rname: string;
      serial: number;
      refresh: number;
      retry: number;
      expire: number;
      minimum: number;
    };

export interface ResourceRecord {
  /** Owner name, without the trailing dot. */
  name: string;
  ttl: number;
  data: RecordData;
}

export interface DnsQuery {
  id: number;
  /** Recursion desired. */
  rd: boolean;
  name: string;
  qtype: number;
}

export interface DnsResponse {
  id: number;
  name: string;
  qtype: number;
  rcode: number;
  /** Authoritative answer. */
  aa: boolean;
  rd: boolean;
  ra: boolean;
  answers: ResourceRecord[];
  authority: ResourceRecord[];
  additional: ResourceRecord[];
}

export const DNS_PORT = 53;

const HEADER_LEN = 12;

/** Bytes of a name in uncompressed wire form: a length octet per label, the root's zero. */
function nameLength(name: string): number {
  const labels = name.split('.').filter(Boolean);
  return labels.reduce((n, l) => n + 1 + l.length, 1);
}

function rdataLength(data: RecordData): number {
  switch (data.type) {
    case 'A':
      return 4;
    case 'AAAA':
      return 16;
    case 'CNAME':
    case 'PTR':
      return nameLength(data.target);
    case 'SRV':
      return 6 + nameLength(data.target);
    case 'SOA':
      return nameLength(data.mname) + nameLength(data.rname) + 20;
  }
}

function recordLength(rr: ResourceRecord): number {
  return nameLength(rr.name) + 10 + rdataLength(rr.data);
}

/** The UDP payload size of a query. */
export function queryLength(q: DnsQuery): number {
  return HEADER_LEN + nameLength(q.name) + 4;
}

/** The UDP payload size of a response (without name compression). */
export function responseLength(r: DnsResponse): number {
  const records = [...r.answers, ...r.authority, ...r.additional];
  return HEADER_LEN + nameLength(r.name) + 4 + records.reduce((n, rr) => n + recordLength(rr), 0);
}

export function isQuery(payload: unknown): payload is DnsQuery {
  return typeof payload === 'object' && payload !== null && 'qtype' in payload && !('rcode' in payload);
}

export function isResponse(payload: unknown): payload is DnsResponse {
  return typeof payload === 'object' && payload !== null && 'rcode' in payload;
}
