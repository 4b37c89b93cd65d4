// A Go net/http server's responses for listenTcp(), as net/http/server.go writes them for a
// small body written by a handler that then returns: the status line, the handler's headers
// sorted by name (Header.WriteSubset), then Date, Content-Length, the sniffed Content-Type
// (only for a non-empty body) and `Connection: close` when the server closes after the reply
// (extraHeader.Write); the Date in http.TimeFormat.
import { type HttpRequest, parseRequest } from '../../net/server/handlers.ts';
import type { ServerConn, TcpHandler } from '../../net/server/listen.ts';
import { byteLength } from '../../net/server/tcp-stream.ts';

export interface GoResponse {
  status: number;
  /** Headers the handler set (w.Header().Set), canonical names. */
  headers: Record<string, string>;
  body: string;
}

/** net/http's StatusText for the codes the modelled servers send. */
const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  412: 'Precondition Failed',
  417: 'Expectation Failed',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** sniff.go's htmlSig list, matched case-insensitively and followed by a space or '>'. */
const HTML_SIGNATURES = [
  '<!DOCTYPE HTML',
  '<HTML',
  '<HEAD',
  '<SCRIPT',
  '<IFRAME',
  '<H1',
  '<DIV',
  '<FONT',
  '<TABLE',
  '<A',
  '<STYLE',
  '<TITLE',
  '<B',
  '<BODY',
  '<BR',
  '<P',
  '<!--',
];

/**
 * http.DetectContentType for text bodies: an HTML signature, <?xml, or text/plain when no
 * binary control byte follows the leading white space (section 5 of the mimesniff standard).
 * Binary signatures (PDF, images, archives) are not modelled: such bodies give octet-stream.
 */
export function detectContentType(body: string): string {
  const data = body.slice(0, 512);
  const rest = data.replace(/^[\t\n\f\r ]+/, '');
  const upper = rest.toUpperCase();
  for (const sig of HTML_SIGNATURES) {
    const next = rest[sig.length];
    if (upper.startsWith(sig) && (next === ' ' || next === '>')) return 'text/html; charset=utf-8';
  }
  if (rest.startsWith('<?xml')) return 'text/xml; charset=utf-8';
  if (/[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]/.test(rest)) return 'application/octet-stream';
  return 'text/plain; charset=utf-8';
}

function responseText(req: HttpRequest, res: GoResponse, date: string, closing: boolean): string {
  const names = Object.keys(res.headers).sort();
  let head = `HTTP/1.1 ${res.status} ${STATUS_TEXT[res.status] ?? ''}\r\n`;
  for (const name of names) head += `${name}: ${res.headers[name]}\r\n`;
  head += `Date: ${date}\r\nContent-Length: ${byteLength(res.body)}\r\n`;
  if (res.body && req.method !== 'HEAD') head += `Content-Type: ${detectContentType(res.body)}\r\n`;
  // the server's own `Connection: close` only when the handler set none and the client is 1.1
  const handlerCloses = (res.headers.Connection ?? '').toLowerCase() === 'close';
  if (closing && !handlerCloses && req.version === 'HTTP/1.1') head += 'Connection: close\r\n';
  return `${head}\r\n${req.method === 'HEAD' ? '' : res.body}`;
}

/**
 * A Go HTTP server answering each request with `respond(request, conn)`; a null answer closes
 * the connection without one (for handlers the engine does not model). The connection closes
 * after a reply when the client asked (Connection: close, or HTTP/1.0 without keep-alive) or
 * the handler set `Connection: close`.
 */
export function goHttpHandler(
  now: () => number,
  respond: (req: HttpRequest, conn: ServerConn) => GoResponse | null,
): TcpHandler {
  const pending = new WeakMap<ServerConn, string>();
  return {
    onData(conn, data) {
      let buffered = (pending.get(conn) ?? '') + data;
      for (let end = buffered.indexOf('\r\n\r\n'); end >= 0; end = buffered.indexOf('\r\n\r\n')) {
        const req = parseRequest(buffered.slice(0, end + 4));
        buffered = buffered.slice(end + 4);
        const res = respond(req, conn);
        if (!res) {
          conn.close();
          break;
        }
        const closing = !req.keepAlive || (res.headers.Connection ?? '').toLowerCase() === 'close';
        conn.write(responseText(req, res, new Date(now()).toUTCString(), closing));
        if (closing) {
          conn.close();
          break;
        }
      }
      pending.set(conn, buffered);
    },
  };
}
