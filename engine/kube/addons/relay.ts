// Connections a program opens from inside a network namespace to relay what it is asked: one
// HTTP exchange with an upstream (a proxy's request, the whole response back), and a TCP
// relay handler for listenTcp() that passes each request to a fixed upstream and the answer
// back (docker-proxy, a host port forwarded to a pod).
import type { Host } from '../../host.ts';
import { closeSocket, netRuntime, waitUntil } from '../../net/packet/runtime.ts';
import { tcpConnect } from '../../net/packet/tcp.ts';
import type { ServerConn, TcpHandler } from '../../net/server/listen.ts';
import {
  drainSegments,
  streamClose,
  streamReceive,
  streamWrite,
  type TcpStream,
} from '../../net/server/tcp-stream.ts';
import type { Netns } from '../../net/state.ts';
import { responseComplete } from '../../net/tools/http-url.ts';
import type { World } from '../../world.ts';

/** Where a relay sends what it is given. */
export interface Upstream {
  world: World;
  host: Host;
  ns: Netns;
  addr: number;
  port: number;
}

/** How long an exchange may take (nginx's proxy_read_timeout default, 60s). */
const READ_TIMEOUT_MS = 60_000;

/** connect() from the upstream's namespace; null when refused, unreachable or timed out. */
export function openUpstream(up: Upstream): TcpStream | null {
  const rt = netRuntime(up.world, up.host);
  const result = tcpConnect(up.world, rt, up.ns, up.addr, up.port, { nonBlocking: true });
  if (result.errno !== null) return null;
  return {
    rt,
    ns: up.ns,
    sock: result.sock,
    local: result.src ?? 0,
    localPort: result.sock.localPort,
    remote: up.addr,
    remotePort: up.port,
    sndNxt: result.sndNxt ?? 0,
    rcvNxt: result.rcvNxt ?? 0,
    received: '',
    peerClosed: false,
    reset: false,
    closed: false,
  };
}

function pump(stream: TcpStream): void {
  for (const seg of drainSegments(stream)) streamReceive(stream, seg, false);
}

/**
 * Sends `data` and waits, in simulated time, until a whole HTTP response has come back or the
 * peer closed; returns what arrived (consumed from the stream).
 */
export function exchange(up: Upstream, stream: TcpStream, data: string, headOnly: boolean): string {
  streamWrite(stream, data);
  const done = () => {
    pump(stream);
    return stream.peerClosed || responseComplete(stream.received, headOnly);
  };
  if (!done()) waitUntil(up.world, stream.rt, stream.rt.now + READ_TIMEOUT_MS, done);
  const got = stream.received;
  stream.received = '';
  return got;
}

/** close() of an upstream connection: our FIN, the socket released. */
export function closeUpstream(stream: TcpStream): void {
  streamClose(stream);
  pump(stream);
  closeSocket(stream.rt, stream.sock);
}

/**
 * A listener's handler that relays each connection to the upstream `target()` names at accept
 * time: a refused upstream closes the client's connection (what docker-proxy does), and each
 * request's response is written back; the upstream's close closes the client's connection.
 */
export function relayHandler(target: () => Upstream | null): TcpHandler {
  const upstreams = new WeakMap<ServerConn, { up: Upstream; stream: TcpStream }>();
  return {
    onOpen(conn) {
      const up = target();
      const stream = up ? openUpstream(up) : null;
      if (!up || !stream) {
        conn.close();
        return;
      }
      upstreams.set(conn, { up, stream });
    },
    onData(conn, data) {
      const link = upstreams.get(conn);
      if (!link) return;
      const headOnly = data.startsWith('HEAD ');
      const answer = exchange(link.up, link.stream, data, headOnly);
      if (answer) conn.write(answer);
      if (link.stream.peerClosed) {
        closeUpstream(link.stream);
        upstreams.delete(conn);
        conn.close();
      }
    },
    onPeerClose(conn) {
      const link = upstreams.get(conn);
      if (!link) return;
      closeUpstream(link.stream);
      upstreams.delete(conn);
    },
  };
}
