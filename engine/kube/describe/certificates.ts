// `kubectl describe csr`: the request's PEM is decoded (PKCS #10) to show the subject and the
// subject alternative names, next to the requester, signer and approval status.
// Follows describeCertificateSigningRequest / extractCSRStatus in pkg/describe/describe.go and
// what crypto/x509.ParseCertificateRequest and pkix.Name.FillFromRDNSequence extract.

import { humanDuration } from '../api/duration.ts';
import type { KubeObject } from '../api/types.ts';
import { describeEvents, type EventContext, refOf, searchEvents } from './events.ts';
import { formatLabels, type Json } from './format.ts';
import { str } from './gofmt.ts';
import { formatRFC1123Z, parseGoTime } from './time.ts';
import { LEVEL_0, type PrefixWriter, tabbedString } from './writer.ts';

export interface CertificatesContext extends EventContext {
  showEvents: boolean;
}

interface Subject {
  commonName: string;
  serialNumber: string;
  lists: Record<string, string[]>;
}

interface CertificateRequest {
  subject: Subject;
  dnsNames: string[];
  emailAddresses: string[];
  uris: string[];
  ipAddresses: string[];
}

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** One DER element at `offset`: its tag and the bounds of its contents. */
function readTlv(der: Uint8Array, offset: number): Tlv {
  const tag = der[offset];
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i];
    start += bytes;
  }
  if (tag === undefined || start + length > der.length)
    throw new Error('x509: malformed certificate request');
  return { tag, start, end: start + length };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const tlv = readTlv(der, at);
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

function oid(der: Uint8Array, tlv: Tlv): string {
  const bytes = der.subarray(tlv.start, tlv.end);
  const parts = [Math.floor(bytes[0] / 40), bytes[0] % 40];
  let value = 0;
  for (const b of bytes.subarray(1)) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

function text(der: Uint8Array, tlv: Tlv): string {
  const bytes = der.subarray(tlv.start, tlv.end);
  if (tlv.tag === 0x1e) {
    // BMPString: UTF-16BE
    let s = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
    return s;
  }
  return new TextDecoder().decode(bytes);
}

/** net.IP.String(): dotted IPv4 (also for IPv4-mapped IPv6), RFC 5952 for IPv6. */
function ipString(bytes: Uint8Array): string {
  const mapped =
    bytes.length === 16 &&
    bytes.subarray(0, 10).every((b) => b === 0) &&
    bytes[10] === 0xff &&
    bytes[11] === 0xff;
  if (bytes.length === 4 || mapped) return [...bytes.subarray(bytes.length - 4)].join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

const NAME_FIELDS: Record<string, string> = {
  '2.5.4.6': 'Country',
  '2.5.4.7': 'Locality',
  '2.5.4.8': 'Province',
  '2.5.4.9': 'StreetAddress',
  '2.5.4.10': 'Organization',
  '2.5.4.11': 'Organizational Unit',
  '2.5.4.17': 'PostalCode',
};

function parseSubject(der: Uint8Array, name: Tlv): Subject {
  const subject: Subject = { commonName: '', serialNumber: '', lists: {} };
  for (const rdn of children(der, name)) {
    for (const atv of children(der, rdn)) {
      const [type, value] = children(der, atv);
      const id = oid(der, type);
      const v = text(der, value);
      if (id === '2.5.4.3') subject.commonName = v;
      else if (id === '2.5.4.5') subject.serialNumber = v;
      else if (NAME_FIELDS[id]) (subject.lists[NAME_FIELDS[id]] ??= []).push(v);
    }
  }
  return subject;
}

/** certificate.ParseCSR: the PEM "CERTIFICATE REQUEST" block parsed as PKCS #10. */
export function parseCSR(pem: string): CertificateRequest {
  const m = /-----BEGIN CERTIFICATE REQUEST-----([\s\S]*?)-----END CERTIFICATE REQUEST-----/.exec(pem);
  if (!m) throw new Error('PEM block type must be CERTIFICATE REQUEST');
  const der = Uint8Array.from(atob(m[1].replace(/\s/g, '')), (c) => c.charCodeAt(0));
  const [info] = children(der, readTlv(der, 0));
  const [, subjectName, , ...rest] = children(der, info);
  const cr: CertificateRequest = {
    subject: parseSubject(der, subjectName),
    dnsNames: [],
    emailAddresses: [],
    uris: [],
    ipAddresses: [],
  };
  const attributes = rest.find((t) => t.tag === 0xa0);
  for (const attribute of attributes ? children(der, attributes) : []) {
    const [type, values] = children(der, attribute);
    if (oid(der, type) !== '1.2.840.113549.1.9.14') continue; // extensionRequest
    for (const extensions of children(der, values)) {
      for (const extension of children(der, extensions)) {
        const parts = children(der, extension);
        if (oid(der, parts[0]) !== '2.5.29.17') continue; // subjectAltName
        const octets = parts[parts.length - 1];
        for (const gn of children(der, readTlv(der, octets.start))) {
          const bytes = der.subarray(gn.start, gn.end);
          const kind = gn.tag & 0x1f;
          if (kind === 1) cr.emailAddresses.push(new TextDecoder().decode(bytes));
          else if (kind === 2) cr.dnsNames.push(new TextDecoder().decode(bytes));
          else if (kind === 6) cr.uris.push(new TextDecoder().decode(bytes));
          else if (kind === 7) cr.ipAddresses.push(ipString(bytes));
        }
      }
    }
  }
  return cr;
}

/** extractCSRStatus: Denied, Approved or Pending, then ",Failed" and ",Issued". */
function csrStatus(csr: KubeObject): string {
  const types = new Set(((csr.status?.conditions as Json[] | undefined) ?? []).map((c) => c.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (csr.status?.certificate) status += ',Issued';
  return status;
}

function printList(w: PrefixWriter, name: string, values: string[]): void {
  if (values.length === 0) return;
  w.write(LEVEL_0, `\t${name}:\t`);
  w.write(LEVEL_0, values.join('\n\t\t'));
  w.write(LEVEL_0, '\n');
}

export function describeCertificateSigningRequest(csr: KubeObject, ctx: CertificatesContext): string {
  const spec: Json = csr.spec ?? {};
  const pem =
    typeof spec.request === 'string'
      ? new TextDecoder().decode(Uint8Array.from(atob(spec.request), (c) => c.charCodeAt(0)))
      : '';
  let cr: CertificateRequest;
  try {
    cr = parseCSR(pem);
  } catch (e) {
    throw new Error(`Error parsing CSR: ${(e as Error).message}`);
  }
  const events = ctx.showEvents ? searchEvents(ctx, refOf(csr)) : null;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(csr.metadata.name)}\n`);
    w.write(LEVEL_0, `Labels:\t${formatLabels(csr.metadata.labels)}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(csr.metadata.annotations)}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(parseGoTime(csr.metadata.creationTimestamp))}\n`);
    w.write(LEVEL_0, `Requesting User:\t${str(spec.username)}\n`);
    if (spec.signerName) w.write(LEVEL_0, `Signer:\t${spec.signerName}\n`);
    if (typeof spec.expirationSeconds === 'number') {
      w.write(LEVEL_0, `Requested Duration:\t${humanDuration(spec.expirationSeconds * 1000)}\n`);
    }
    w.write(LEVEL_0, `Status:\t${csrStatus(csr)}\n`);
    w.write(LEVEL_0, 'Subject:\n');
    w.write(LEVEL_0, `\tCommon Name:\t${cr.subject.commonName}\n`);
    w.write(LEVEL_0, `\tSerial Number:\t${cr.subject.serialNumber}\n`);
    for (const field of [
      'Organization',
      'Organizational Unit',
      'Country',
      'Locality',
      'Province',
      'StreetAddress',
      'PostalCode',
    ]) {
      printList(w, field, cr.subject.lists[field] ?? []);
    }
    if (cr.dnsNames.length + cr.emailAddresses.length + cr.ipAddresses.length + cr.uris.length > 0) {
      w.write(LEVEL_0, 'Subject Alternative Names:\n');
      printList(w, 'DNS Names', cr.dnsNames);
      printList(w, 'Email Addresses', cr.emailAddresses);
      printList(w, 'URIs', cr.uris);
      printList(w, 'IP Addresses', cr.ipAddresses);
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}
