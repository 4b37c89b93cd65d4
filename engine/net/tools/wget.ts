// BusyBox 1.36 wget (networking/wget.c) for plain http:// URLs: -q, -O FILE / -O-, -T SEC, the
// default file name, the "Connecting to" / "saving to" lines and the final progress bar line
// printed when stderr is not a terminal, and its errors. Wording recorded from the real tool
// (scripts/record-net-clients.sh); the bar is only modelled for bodies under 100000 bytes.
import type { CommandContext } from '../../commands/types.ts';
import { strerror } from '../errno.ts';
import { formatIpv4 } from '../inet.ts';
import { byteLength } from '../server/tcp-stream.ts';
import { parseHttpHead, parseHttpUrl, responseComplete } from './http-url.ts';
import { closeConn, connectTcp, readUntil, resolveHost, send } from './tcp-client.ts';

/** wget's default -T: 900 seconds. */
const DEFAULT_TIMEOUT_S = 900;

function progressLine(name: string, size: number): string {
  return `${name.padEnd(20)} 100% |${'*'.repeat(32)}| ${String(size).padStart(5)}  0:00:00 ETA\n`;
}

export function wget(ctx: CommandContext): number {
  let quiet = false;
  let output: string | null = null;
  let timeoutS = DEFAULT_TIMEOUT_S;
  let url: string | null = null;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j];
        const rest = () => (j + 1 < arg.length ? arg.slice(j + 1) : (args[++i] ?? ''));
        if (c === 'q') quiet = true;
        else if (c === 'O') {
          output = rest();
          break;
        } else if (c === 'T') {
          timeoutS = Number(rest());
          break;
        } else {
          ctx.stderr.write(`wget: invalid option -- '${c}'\n`);
          return 1;
        }
      }
    } else url = arg;
  }
  const target = url ? parseHttpUrl(url) : null;
  if (!url || !target) {
    ctx.stderr.write(`wget: not an http or ftp url: ${url ?? ''}\n`);
    return 1;
  }
  const addr = resolveHost(ctx, target.host);
  if (addr === null) {
    ctx.stderr.write(`wget: bad address '${target.host}'\n`);
    return 1;
  }
  const ip = formatIpv4(addr);
  const authority = target.port === 80 ? target.host : `${target.host}:${target.port}`;
  if (!quiet) ctx.stderr.write(`Connecting to ${authority} (${ip}:${target.port})\n`);
  const start = ctx.world.clock.now();
  const result = connectTcp(ctx, addr, target.port, timeoutS * 1000);
  if (result.errno !== null) {
    if (ctx.world.clock.now() - start >= timeoutS * 1000) ctx.stderr.write('wget: download timed out\n');
    else ctx.stderr.write(`wget: can't connect to remote host (${ip}): ${strerror(result.errno)}\n`);
    return 1;
  }
  const conn = result.conn;
  send(
    conn,
    `GET ${target.path} HTTP/1.1\r\nHost: ${authority}\r\nUser-Agent: Wget\r\nConnection: close\r\n\r\n`,
  );
  const outcome = readUntil(conn, start + timeoutS * 1000, (r) => responseComplete(r, false));
  const response = parseHttpHead(conn.stream.received);
  closeConn(conn);
  if (outcome === 'timeout') {
    ctx.stderr.write('wget: download timed out\n');
    return 1;
  }
  if (!response) {
    ctx.stderr.write('wget: error getting response: Connection reset by peer\n');
    return 1;
  }
  if (response.status !== 200) {
    ctx.stderr.write(`wget: server returned error: ${response.head.split('\r\n')[0]}\n`);
    return 1;
  }
  const name = output ?? (target.path.split('?')[0].split('/').pop() || 'index.html');
  const toStdout = name === '-';
  if (!quiet) ctx.stderr.write(toStdout ? 'writing to stdout\n' : `saving to '${name}'\n`);
  if (toStdout) ctx.stdout.write(response.body);
  else ctx.proc.host.fs.writeFile(name, response.body, { cwd: ctx.proc.cwd });
  if (!quiet)
    ctx.stderr.write(
      progressLine(name, byteLength(response.body)) +
        (toStdout ? 'written to stdout\n' : `'${name}' saved\n`),
    );
  return 0;
}
