// curl for plain http:// URLs over the simulated TCP stack (7.88.1 of Debian 12, or a container
// image's own release: curl-flavour.ts): the body to stdout or -o FILE, -s/-S, -i/-I, -v
// (connection and header trace), -m/--max-time, --connect-timeout, the progress meter when the
// body does not go to the terminal, and the error lines with their exit codes (6 resolve, 7
// connect, 28 timeout). Wording recorded from the real tool by
// scripts/record-net-clients.sh (goldens in test/engine/fixtures/net-clients/).
import { isTerminal } from '../../commands/coreutils/files.ts';
import type { CommandContext } from '../../commands/types.ts';
import { strerror } from '../errno.ts';
import { formatIpv4 } from '../inet.ts';
import { byteLength } from '../server/tcp-stream.ts';
import { curlFlavourOf } from './curl-flavour.ts';
import { parseHttpHead, parseHttpUrl, responseComplete } from './http-url.ts';
import { closeConn, connectTcp, readUntil, resolveHost, send } from './tcp-client.ts';

/** The default release (Debian 12's); a container's image may ship another (curl-flavour.ts). */
export const CURL_VERSION = '7.88.1';

interface CurlOptions {
  silent: boolean;
  showError: boolean;
  output: string | null;
  head: boolean;
  include: boolean;
  verbose: boolean;
  maxTimeMs: number | null;
  connectTimeoutMs: number | null;
  /** -H/--header values in order, as "Name: value" (or "Name:" to remove a default). */
  headers: string[];
  url: string | null;
}

function parseSeconds(text: string): number {
  return Math.round(Number(text) * 1000);
}

function parseArgs(argv: string[]): CurlOptions | string {
  const o: CurlOptions = {
    silent: false,
    showError: false,
    output: null,
    head: false,
    include: false,
    verbose: false,
    maxTimeMs: null,
    connectTimeoutMs: null,
    headers: [],
    url: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i] ?? '';
    if (arg === '--silent') o.silent = true;
    else if (arg === '--show-error') o.showError = true;
    else if (arg === '--output') o.output = value();
    else if (arg === '--head') o.head = true;
    else if (arg === '--include') o.include = true;
    else if (arg === '--verbose') o.verbose = true;
    else if (arg === '--max-time') o.maxTimeMs = parseSeconds(value());
    else if (arg === '--connect-timeout') o.connectTimeoutMs = parseSeconds(value());
    else if (arg === '--header') o.headers.push(value());
    else if (arg.startsWith('-') && !arg.startsWith('--') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j];
        const rest = () => (j + 1 < arg.length ? arg.slice(j + 1) : value());
        if (c === 's') o.silent = true;
        else if (c === 'S') o.showError = true;
        else if (c === 'I') o.head = true;
        else if (c === 'i') o.include = true;
        else if (c === 'v') o.verbose = true;
        else if (c === 'o') {
          o.output = rest();
          break;
        } else if (c === 'H') {
          o.headers.push(rest());
          break;
        } else if (c === 'm') {
          o.maxTimeMs = parseSeconds(rest());
          break;
        } else return `option ${arg}: is unknown`; // orig_opt: the whole argument
      }
    } else if (arg.startsWith('--')) return `option ${arg}: is unknown`;
    else o.url = arg;
  }
  return o;
}

/**
 * The request head: a custom Host takes the Host line's place; a custom User-Agent or Accept
 * replaces curl's default, and custom headers follow the defaults in the order given; `Name:`
 * with nothing after it removes a default (as curl 7.88.1 sends them, captured from the real
 * tool; see test/engine/curl-headers.test.ts).
 */
function requestHead(o: CurlOptions, path: string, host: string, version: string): string {
  const custom = o.headers.map((h) => {
    const colon = h.indexOf(':');
    const name = colon < 0 ? h : h.slice(0, colon);
    return { name, lower: name.toLowerCase(), value: colon < 0 ? '' : h.slice(colon + 1).trim() };
  });
  const has = (lower: string) => custom.some((h) => h.lower === lower);
  const customHost = custom.find((h) => h.lower === 'host');
  const lines = [`${o.head ? 'HEAD' : 'GET'} ${path} HTTP/1.1`];
  if (!customHost) lines.push(`Host: ${host}`);
  else if (customHost.value) lines.push(`Host: ${customHost.value}`);
  if (!has('user-agent')) lines.push(`User-Agent: curl/${version}`);
  if (!has('accept')) lines.push('Accept: */*');
  for (const h of custom) if (h.lower !== 'host' && h.value) lines.push(`${h.name}: ${h.value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** curl's own error line: shown unless -s, or with -s when -S. */
function fail(ctx: CommandContext, o: CurlOptions, code: number, message: string): number {
  if (!o.silent || o.showError) ctx.stderr.write(`curl: (${code}) ${message}\n`);
  return code;
}

export function curl(ctx: CommandContext): number {
  const flavour = curlFlavourOf(ctx.world);
  const o = parseArgs(ctx.argv.slice(1));
  if (typeof o === 'string') {
    ctx.stderr.write(`curl: ${o}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
    return 2;
  }
  if (!o.url) {
    ctx.stderr.write(
      `curl: ${flavour.noUrl}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
    );
    return 2;
  }
  const target = parseHttpUrl(o.url);
  if (!target) return fail(ctx, o, 1, flavour.unsupportedProtocol(o.url.split('://')[0]));
  // The meter goes to stderr when the body does not go to the terminal (tool_operate.c).
  const meter = !o.silent && !o.verbose && (o.output !== null || !isTerminal(ctx));
  const meterLines: string[] = [];
  if (meter) ctx.stderr.write(`${flavour.meterHead}\r${flavour.meterLine(0, 0, 0, 0)}`);
  const finishMeter = () => {
    if (meter) ctx.stderr.write(`${meterLines.join('')}\n`);
  };
  const start = ctx.world.clock.now();
  const addr = resolveHost(ctx, target.host);
  if (addr === null) {
    finishMeter();
    return fail(ctx, o, 6, `Could not resolve host: ${target.host}`);
  }
  const ip = formatIpv4(addr);
  if (o.verbose) ctx.stderr.write(`*   Trying ${ip}:${target.port}...\n`);
  const limit = [o.connectTimeoutMs, o.maxTimeMs].filter((t): t is number => t !== null);
  const connectLimit = limit.length > 0 ? Math.min(...limit) : undefined;
  const result = connectTcp(ctx, addr, target.port, connectLimit, true);
  const elapsed = () => ctx.world.clock.now() - start;
  const secondsLines = () => {
    // One update as the transfer ends, or one per second it lasted (recorded).
    const seconds = Math.floor(elapsed() / 1000);
    for (let s = Math.min(1, seconds); s <= seconds; s++)
      meterLines.push(`\r${flavour.meterLine(0, 0, 0, s)}`);
  };
  if (result.errno !== null) {
    secondsLines();
    const timedOut = connectLimit !== undefined && elapsed() >= connectLimit;
    if (timedOut) {
      finishMeter();
      // --connect-timeout reports the connect phase; --max-time the whole transfer.
      if (o.connectTimeoutMs !== null && o.connectTimeoutMs <= (o.maxTimeMs ?? Infinity))
        return fail(
          ctx,
          o,
          28,
          flavour.connectFailed(target.host, target.port, elapsed(), 'Timeout was reached'),
        );
      return fail(ctx, o, 28, `Connection timed out after ${elapsed()} milliseconds`);
    }
    // The kernel giving up on the SYN is still a timeout to curl: code 28, connect wording.
    const code = result.errno === 'ETIMEDOUT' ? 28 : 7;
    const why = flavour.connectFailed(target.host, target.port, elapsed(), flavour.couldntConnect);
    if (o.verbose) {
      ctx.stderr.write(
        `* connect to ${ip} port ${target.port} failed: ${strerror(result.errno)}\n* ${why}\n`,
      );
      if (meter) ctx.stderr.write(meterLines.join(''));
      ctx.stderr.write('* Closing connection 0\n');
    } else finishMeter();
    return fail(ctx, o, code, why);
  }
  const conn = result.conn;
  if (o.verbose) ctx.stderr.write(`* Connected to ${target.host} (${ip}) port ${target.port} (#0)\n`);
  const hostHeader = target.port === 80 ? target.host : `${target.host}:${target.port}`;
  const request = requestHead(o, target.path, hostHeader, flavour.version);
  if (o.verbose) ctx.stderr.write(traced('> ', request));
  send(conn, request);
  const deadline = o.maxTimeMs === null ? Infinity : start + o.maxTimeMs;
  const outcome = readUntil(conn, deadline, (r) => responseComplete(r, o.head));
  if (outcome === 'timeout') {
    closeConn(conn);
    secondsLines();
    finishMeter();
    return fail(ctx, o, 28, `Operation timed out after ${elapsed()} milliseconds with 0 bytes received`);
  }
  const parsed = parseHttpHead(conn.stream.received);
  closeConn(conn);
  if (!parsed) {
    finishMeter();
    return fail(ctx, o, 52, 'Empty reply from server');
  }
  const body = o.head ? '' : parsed.body;
  const total = parsed.contentLength ?? byteLength(body);
  const got = byteLength(body);
  if (meter) meterLines.push(`\r${flavour.meterLine(total, got, Math.max(elapsed(), 1), 0, true)}`);
  finishMeter();
  if (o.verbose) ctx.stderr.write(traced('< ', parsed.head));
  let out = o.head || o.include ? parsed.head : '';
  out += body;
  if (o.output !== null && o.output !== '-') {
    if (o.verbose && body) ctx.stderr.write(`{ [${got} bytes data]\n`);
    if (o.output !== '/dev/null') ctx.proc.host.fs.writeFile(o.output, out, { cwd: ctx.proc.cwd });
  } else ctx.stdout.write(out);
  if (o.verbose) ctx.stderr.write(`* Connection #0 to host ${target.host} left intact\n`);
  return 0;
}

/** -v's trace of a head: each CRLF-ended line behind its direction mark. */
function traced(mark: string, head: string): string {
  return head
    .split('\r\n')
    .slice(0, -1)
    .map((line) => `${mark}${line}\r\n`)
    .join('');
}
