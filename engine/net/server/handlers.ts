// Simple server programs for listenTcp(): a fixed reply, an echo, and an HTTP/1.1 static file
// server shaped like nginx (see nginx.ts) that answers each request on a kept-alive connection.
import type { ServerConn, TcpHandler } from './listen.ts';

/** Sends `reply` to every connection as soon as it opens; closes it after when `close`. */
export function fixedResponseHandler(reply: string, close = false): TcpHandler {
  return {
    onOpen(conn) {
      conn.write(reply);
      if (close) conn.close();
    },
    onData() {},
  };
}

/** Writes back whatever arrives. */
export function echoHandler(): TcpHandler {
  return { onData: (conn, data) => conn.write(data) };
}

/**
 * Answers each HTTP request (read up to its blank line, then ignoring any body) with the bytes
 * `reply` returns; the request head is passed whole. When the request asks for
 * `Connection: close` or is HTTP/1.0 without keep-alive, the server closes after answering.
 */
export function fixedHttpHandler(reply: (request: HttpRequest) => string): TcpHandler {
  const pending = new WeakMap<ServerConn, string>();
  return {
    onData(conn, data) {
      let buffered = (pending.get(conn) ?? '') + data;
      for (let end = buffered.indexOf('\r\n\r\n'); end >= 0; end = buffered.indexOf('\r\n\r\n')) {
        const request = parseRequest(buffered.slice(0, end + 4));
        buffered = buffered.slice(end + 4);
        conn.write(reply(request));
        if (!request.keepAlive) {
          conn.close();
          break;
        }
      }
      pending.set(conn, buffered);
    },
  };
}

export interface HttpRequest {
  method: string;
  target: string;
  version: string;
  /** Header names lower-cased. */
  headers: Map<string, string>;
  keepAlive: boolean;
  head: string;
}

export function parseRequest(head: string): HttpRequest {
  const lines = head.split('\r\n');
  const [method = '', target = '', version = 'HTTP/1.0'] = (lines[0] ?? '').split(' ');
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const connection = (headers.get('connection') ?? '').toLowerCase();
  const keepAlive = version === 'HTTP/1.1' ? connection !== 'close' : connection === 'keep-alive';
  return { method, target, version, headers, keepAlive, head };
}
