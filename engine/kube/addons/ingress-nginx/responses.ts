// The HTTP responses ingress-nginx's nginx writes: its own error pages (server_tokens off, so
// the footer is ngx_http_error_tail's bare "nginx", and `more_clear_headers Server` drops the
// Server header: rootfs/etc/nginx/template/nginx.tmpl at controller-v1.12.0-beta.0), and a
// proxied upstream response with nginx's header order.
import { httpDate } from '../../../net/server/nginx.ts';
import { byteLength } from '../../../net/server/tcp-stream.ts';
import { parseHttpHead } from '../../../net/tools/http-url.ts';

/** ngx_http_special_response.c: the error page of a status, "<code> <reason>" in title and h1. */
export function nginxErrorPage(status: string): string {
  return `<html>\r\n<head><title>${status}</title></head>\r\n<body>\r\n<center><h1>${status}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** ngx_http_status_lines of the errors the controller answers itself. */
export const STATUS_404 = '404 Not Found';
export const STATUS_502 = '502 Bad Gateway';
export const STATUS_503 = '503 Service Temporarily Unavailable';

/**
 * ngx_http_header_filter_module.c order: status line, (Server cleared), Date, Content-Type,
 * Content-Length, Connection, then the other headers as they were added.
 */
function head(
  statusLine: string,
  now: number,
  contentType: string | null,
  length: number | null,
  keepAlive: boolean,
  others: string[],
): string {
  let text = `HTTP/1.1 ${statusLine}\r\nDate: ${httpDate(now)}\r\n`;
  if (contentType) text += `Content-Type: ${contentType}\r\n`;
  if (length !== null) text += `Content-Length: ${length}\r\n`;
  text += `Connection: ${keepAlive ? 'keep-alive' : 'close'}\r\n`;
  for (const line of others) text += `${line}\r\n`;
  return `${text}\r\n`;
}

/** An error nginx serves itself (the default backend's `return 404`, 502, 503). */
export function errorResponse(status: string, now: number, keepAlive: boolean, headOnly: boolean): string {
  const body = nginxErrorPage(status);
  return head(status, now, 'text/html', byteLength(body), keepAlive, []) + (headOnly ? '' : body);
}

/** Upstream headers proxy_pass does not pass on (ngx_http_proxy_hide_headers and hop-by-hop). */
const HIDDEN = new Set(['date', 'server', 'connection', 'keep-alive', 'transfer-encoding', 'x-pad']);

/**
 * The client's copy of an upstream response: the upstream's status line and headers (Date and
 * Server replaced as above, Content-Type and Content-Length in their slots), the same body.
 * Null when the upstream's bytes are not an HTTP response.
 */
export function proxiedResponse(
  upstream: string,
  now: number,
  keepAlive: boolean,
  headOnly: boolean,
): string | null {
  const res = parseHttpHead(upstream);
  if (!res) return null;
  const lines = res.head.split('\r\n').slice(1, -2);
  let contentType: string | null = null;
  const others: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-type') contentType = value;
    else if (name !== 'content-length' && !HIDDEN.has(name)) others.push(line);
  }
  const status = `${res.status} ${res.reason}`.trim();
  return head(status, now, contentType, res.contentLength, keepAlive, others) + (headOnly ? '' : res.body);
}
