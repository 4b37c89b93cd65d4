// BusyBox 1.36 nc as its default configuration builds it (networking/nc_bloaty.c): connect to
// HOST PORT, send standard input, print what comes back until the peer closes; -z (connect
// only), -v (report the connection), -w SEC (connect timeout and final read timeout). Wording
// recorded from the real tool (scripts/record-net-clients.sh). Listen mode (-l) is not modelled:
// the simulated shell has no background jobs, so servers come from engine/net/server/.
import type { CommandContext } from '../../commands/types.ts';
import { strerror } from '../errno.ts';
import { formatIpv4 } from '../inet.ts';
import { closeConn, connectTcp, readUntil, resolveHost, send } from './tcp-client.ts';

export function nc(ctx: CommandContext): number {
  let zero = false;
  let verbose = false;
  let waitS: number | null = null;
  const operands: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j];
        if (c === 'z') zero = true;
        else if (c === 'v') verbose = true;
        else if (c === 'w') {
          waitS = Number(j + 1 < arg.length ? arg.slice(j + 1) : (args[++i] ?? ''));
          break;
        } else {
          ctx.stderr.write(`nc: invalid option -- '${c}'\n`);
          return 1;
        }
      }
    } else operands.push(arg);
  }
  if (operands.length !== 2) {
    ctx.stderr.write('nc: missing hostname and port\n');
    return 1;
  }
  const [host, portText] = operands;
  const addr = resolveHost(ctx, host);
  if (addr === null) {
    ctx.stderr.write(`nc: bad address '${host}'\n`);
    return 1;
  }
  const port = Number(portText);
  const who = `${host} (${formatIpv4(addr)}:${port})`;
  const result = connectTcp(ctx, addr, port, waitS === null ? undefined : waitS * 1000);
  if (result.errno !== null) {
    // Only a timeout is reported, and only with -v; other failures exit silently.
    if (verbose && result.errno === 'ETIMEDOUT') ctx.stderr.write(`nc: ${who}: ${strerror('ETIMEDOUT')}\n`);
    return 1;
  }
  const conn = result.conn;
  if (verbose) ctx.stderr.write(`${who} open\n`);
  if (zero) {
    closeConn(conn);
    return 0;
  }
  const input = ctx.stdin.readAll();
  if (input) send(conn, input);
  const deadline = waitS === null ? Infinity : ctx.world.clock.now() + waitS * 1000;
  readUntil(conn, deadline, () => false);
  ctx.stdout.write(conn.stream.received);
  closeConn(conn);
  return 0;
}
