// Plain http:// URLs as curl and wget take them (scheme optional for curl), and the parts of an
// HTTP/1.1 response the clients need: the head, Content-Length, the body.
export interface HttpTarget {
  host: string;
  port: number;
  /** Path with query, "/" when empty. */
  path: string;
}

/** null for a scheme other than http. */
export function parseHttpUrl(url: string): HttpTarget | null {
  let rest = url;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url);
  if (scheme) {
    if (scheme[1].toLowerCase() !== 'http') return null;
    rest = url.slice(scheme[0].length);
  }
  const slash = rest.search(/[/?]/);
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  let path = slash < 0 ? '/' : rest.slice(slash);
  if (path.startsWith('?')) path = `/${path}`;
  const colon = authority.lastIndexOf(':');
  const host = colon < 0 ? authority : authority.slice(0, colon);
  const port = colon < 0 || authority.slice(colon + 1) === '' ? 80 : Number(authority.slice(colon + 1));
  return { host, port, path };
}

export interface HttpResponse {
  /** Status line and headers with their CRLFs, through the blank line. */
  head: string;
  status: number;
  reason: string;
  contentLength: number | null;
  body: string;
}

export function parseHttpHead(received: string): HttpResponse | null {
  const end = received.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const head = received.slice(0, end + 4);
  const status = /^HTTP\/\d\.\d (\d{3}) ?(.*)\r\n/.exec(head);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  return {
    head,
    status: status ? Number(status[1]) : 0,
    reason: status?.[2] ?? '',
    contentLength: length ? Number(length[1]) : null,
    body: received.slice(end + 4),
  };
}

/** The response is whole: its head, and the body its Content-Length announces (none for HEAD). */
export function responseComplete(received: string, headOnly: boolean): boolean {
  const r = parseHttpHead(received);
  if (!r) return false;
  if (headOnly) return true;
  return r.contentLength !== null && new TextEncoder().encode(r.body).length >= r.contentLength;
}
