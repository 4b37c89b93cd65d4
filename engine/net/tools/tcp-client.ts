// What the TCP client tools (curl, wget, nc) share: resolving a host name (pluggable; /etc/hosts
// by default, DNS may replace it), connect() in the calling process's namespace with an optional
// limit of the tool's own, and reading a connection's bytes in simulated time.
import type { CommandContext } from '../../commands/types.ts';
import type { World } from '../../world.ts';
import { parseIpv4 } from '../inet.ts';
import { closeSocket, type NetRuntime, netRuntime, waitUntil } from '../packet/runtime.ts';
import { tcpConnect } from '../packet/tcp.ts';
import { processNet } from '../process.ts';
import {
  drainSegments,
  streamClose,
  streamReceive,
  streamWrite,
  type TcpStream,
} from '../server/tcp-stream.ts';
import { lookupName } from './resolve.ts';

/** Turns a host name into an IPv4 address, or null when it does not resolve. */
export type HostResolver = (ctx: Pick<CommandContext, 'proc' | 'world'>, name: string) => number | null;

const etcHosts: HostResolver = (ctx, name) => {
  const found = lookupName(ctx, name, 4)[0];
  return found?.family === 4 ? found.addr : null;
};
let resolver: HostResolver = etcHosts;

/** Replaces how the tools resolve names (e.g. with cluster DNS); null restores /etc/hosts. */
export function setHostResolver(next: HostResolver | null): void {
  resolver = next ?? etcHosts;
}

export function resolveHost(ctx: Pick<CommandContext, 'proc' | 'world'>, name: string): number | null {
  return parseIpv4(name) ?? resolver(ctx, name);
}

export interface ClientConn {
  world: World;
  rt: NetRuntime;
  stream: TcpStream;
}

export type ConnectOutcome = { errno: null; conn: ClientConn } | { errno: string };

/** connect() to addr:port; `timeoutMs` is the tool's own limit (ETIMEDOUT when it passes); `nonBlocking` as curl connects. */
export function connectTcp(
  ctx: CommandContext,
  addr: number,
  port: number,
  timeoutMs?: number,
  nonBlocking = false,
): ConnectOutcome {
  const { ns } = processNet(ctx);
  const rt = netRuntime(ctx.world, ctx.proc.host);
  const result = tcpConnect(ctx.world, rt, ns, addr, port, { timeoutMs, nonBlocking });
  if (result.errno !== null) return { errno: result.errno };
  const stream: TcpStream = {
    rt,
    ns,
    sock: result.sock,
    local: result.src ?? 0,
    localPort: result.sock.localPort,
    remote: addr,
    remotePort: port,
    sndNxt: result.sndNxt ?? 0,
    rcvNxt: result.rcvNxt ?? 0,
    received: '',
    peerClosed: false,
    reset: false,
    closed: false,
  };
  return { errno: null, conn: { world: ctx.world, rt, stream } };
}

/** Takes what has arrived on the connection into stream.received. */
export function pump(conn: ClientConn): void {
  for (const seg of drainSegments(conn.stream)) streamReceive(conn.stream, seg, false);
}

export function send(conn: ClientConn, data: string): void {
  streamWrite(conn.stream, data);
  pump(conn);
}

/**
 * Waits until `done` holds for the bytes received, the peer closes, or simulated time reaches
 * `deadline` (ms; Infinity waits for the peer). Returns which.
 */
export function readUntil(
  conn: ClientConn,
  deadline: number,
  done: (received: string) => boolean,
): 'done' | 'closed' | 'timeout' {
  let outcome: 'done' | 'closed' | null = null;
  const check = () => {
    pump(conn);
    if (done(conn.stream.received)) outcome = 'done';
    else if (conn.stream.peerClosed) outcome = 'closed';
    return outcome !== null;
  };
  if (check()) return outcome!;
  const limit = Number.isFinite(deadline) ? deadline : conn.rt.now + 3_600_000;
  waitUntil(conn.world, conn.rt, limit, check);
  return outcome ?? 'timeout';
}

/** close(): our FIN, the peer's answer taken, the socket released. */
export function closeConn(conn: ClientConn): void {
  streamClose(conn.stream);
  pump(conn);
  closeSocket(conn.rt, conn.stream.sock);
}
