// Which curl a world's `curl` is: Debian 12's 7.88.1 (the default, and nginx's and kindest/node's
// images) or the 8.21.0 that curlimages/curl ships; each with the texts that release prints.
import type { World } from '../../world.ts';
import { METER_HEAD, meterLine } from './curl-meter.ts';

export interface CurlFlavour {
  version: string;
  /** The usage error when no URL is given (the line after "curl: "). */
  noUrl: string;
  /** failf() for a URL scheme curl does not know (exit 1). */
  unsupportedProtocol(scheme: string): string;
  /** failf() when every address refused (or the connect phase timed out): `reason` is strerror. */
  connectFailed(host: string, port: number, ms: number, reason: string): string;
  /** curl_easy_strerror(CURLE_COULDNT_CONNECT). */
  couldntConnect: string;
  /** The progress meter's two heading lines. */
  meterHead: string;
  /** One meter update (after its "\r"). */
  meterLine(total: number, got: number, elapsedMs: number, spentSeconds: number, done?: boolean): string;
}

/** The average speed the model shows: known once the transfer is done. */
function speedOf(got: number, elapsedMs: number, done: boolean): number {
  return done && elapsedMs > 0 ? Math.floor((got * 1000) / elapsedMs) : 0;
}

/** curl 7.88.1 as Debian 12 builds it (recorded by scripts/record-net-clients.sh). */
export const CURL_7_88_1: CurlFlavour = {
  version: '7.88.1',
  // src/tool_operate.c: helpf(global->errors, "no URL specified!\n")
  noUrl: 'no URL specified!',
  unsupportedProtocol: (scheme) => `Protocol "${scheme}" not supported or disabled in libcurl`,
  // lib/connect.c: "Failed to connect to %s port %u after %ld ms: %s"
  connectFailed: (host, port, ms, reason) =>
    `Failed to connect to ${host} port ${port} after ${ms} ms: ${reason}`,
  // lib/strerror.c
  couldntConnect: "Couldn't connect to server",
  // lib/progress.c progress_meter, max5data()
  meterHead: METER_HEAD,
  meterLine,
};

/** max6out() (8.21.0 lib/progress.c): six columns, then xx.yyU or xxx.yU in k, M, G, ... */
export function max6(bytes: number): string {
  if (bytes < 100000) return String(bytes).padStart(6);
  const units = 'kMGTPE';
  let k = 0;
  let n = bytes;
  let next = Math.floor(n / 1024);
  while (next >= 1000 && k < units.length - 1) {
    n = next;
    k++;
    next = Math.floor(n / 1024);
  }
  const rest = n % 1024;
  if (next <= 99)
    return `${String(next).padStart(2)}.${String(Math.floor((rest * 100) / 1024)).padStart(2, '0')}${units[k]}`;
  return `${String(next).padStart(3)}.${Math.floor((rest * 10) / 1024)}${units[k]}`;
}

/** time2str() (8.21.0 lib/progress.c): seven columns, blank for zero. */
export function time7(seconds: number): string {
  if (seconds <= 0) return '       ';
  const two = (n: number) => String(n).padStart(2, '0');
  let h = Math.floor(seconds / 3600);
  if (h <= 99) {
    const m = Math.floor((seconds - h * 3600) / 60);
    if (h > 9) return `${h}h ${two(m)}m`;
    const s = seconds - h * 3600 - m * 60;
    return h ? `${h}:${two(m)}:${two(s)}` : `  ${two(m)}:${two(s)}`;
  }
  const d = Math.floor(seconds / 86400);
  h = Math.floor((seconds - d * 86400) / 3600);
  if (d <= 99) return `${String(d).padStart(2)}d ${two(h)}h`;
  if (d <= 999) return `${String(d).padStart(6)}d`;
  if (Math.floor(d / 30) <= 999) return `${String(Math.floor(d / 30)).padStart(6)}m`;
  const y = Math.floor(d / 365);
  return y <= 99999 ? `${String(y).padStart(6)}y` : '>99999y';
}

/** pgrs_est_percent() (8.21.0 lib/progress.c). */
function percent8(total: number, cur: number): number {
  if (total > 10000) return Math.floor(cur / Math.floor(total / 100));
  return total > 0 ? Math.floor((cur * 100) / total) : 0;
}

/**
 * curl 8.21.0, what curlimages/curl:latest ships (curl/curl-container CHANGELOG "[8.21.0] -
 * 2026-06-24 bump to curl 8.21.0"; its build_latest_release_multi.yml builds the latest curl
 * release tag and pushes it as docker.io/curlimages/curl:latest). Texts from the curl-8_21_0 tag.
 */
export const CURL_8_21_0: CurlFlavour = {
  version: '8.21.0',
  // src/tool_operate.c transfer_per_config: helpf("(%d) no URL specified", CURLE_FAILED_INIT)
  noUrl: '(2) no URL specified',
  // lib/peer.c: failf(data, "Protocol \"%s\" not supported%s", scheme, "" unless redirected)
  unsupportedProtocol: (scheme) => `Protocol "${scheme}" not supported`,
  // lib/cf-ip-happy.c: "Failed to connect to %s:%u%s %s%s%safter %ld ms: %s" (no via, no proxy)
  connectFailed: (host, port, ms, reason) => `Failed to connect to ${host}:${port} after ${ms} ms: ${reason}`,
  // lib/strerror.c
  couldntConnect: 'Could not connect to server',
  // lib/progress.c progress_meter
  meterHead:
    '  % Total    % Received % Xferd  Average Speed  Time    Time    Time   Current\n' +
    '                                 Dload  Upload  Total   Spent   Left   Speed\n',
  meterLine(total, got, elapsedMs, spentSeconds, done = false) {
    const speed = speedOf(got, elapsedMs, done);
    // pgrs_estimates: the received share and the expected total time need a known size and a speed
    const estimated = total > 0 && speed > 0;
    const totalSecs = estimated ? Math.floor(total / speed) : 0;
    const pct = (n: number) => String(n).padStart(3);
    return (
      `${pct(percent8(total, got))} ${max6(total)} ${pct(estimated ? percent8(total, got) : 0)} ${max6(got)} ` +
      `${pct(0)} ${max6(0)} ${max6(speed)} ${max6(0)} ` +
      `${time7(totalSecs)} ${time7(spentSeconds)} ${time7(totalSecs > 0 ? totalSecs - spentSeconds : 0)} ${max6(speed)}`
    );
  },
};

const flavours = new WeakMap<World, CurlFlavour>();

/** Makes `curl` in `world` the given release (a container of an image that ships it). */
export function setCurlFlavour(world: World, flavour: CurlFlavour): void {
  flavours.set(world, flavour);
}

/** The curl release of a world: 7.88.1 unless one was set. */
export function curlFlavourOf(world: World): CurlFlavour {
  return flavours.get(world) ?? CURL_7_88_1;
}
