// Times as kubectl describe prints them: RFC 1123 with numeric zone (time.RFC1123Z), Go's
// Time.String(), and ages through duration.HumanDuration (k8s.io/apimachinery/pkg/util/duration).
// The simulated kubectl runs with TZ=UTC, so local time is UTC ("+0000", "UTC").
import { humanDuration } from '../api/duration.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A parsed metav1.Time / MicroTime: ms since the epoch (fractional below ms), or null for zero. */
export type GoTime = number | null;

/** Parses RFC 3339 (with optional fraction and offset); null, '' and garbage are the zero time. */
export function parseGoTime(text: unknown): GoTime {
  if (typeof text !== 'string' || text === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return null;
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), 0);
  let ms = date.getTime();
  if (m[7]) ms += Number(`0${m[7]}`) * 1000;
  if (m[8] !== 'Z' && m[8] !== 'z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    ms -= sign * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6))) * 60000;
  }
  return ms;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The UTC calendar fields of a time; the zero time is 0001-01-01 00:00:00. */
function fields(t: GoTime): {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  wd: number;
  ns: number;
} {
  if (t === null) return { y: 1, mo: 0, d: 1, h: 0, mi: 0, s: 0, wd: 1, ns: 0 };
  const whole = Math.floor(t / 1000) * 1000;
  const date = new Date(whole);
  return {
    y: date.getUTCFullYear(),
    mo: date.getUTCMonth(),
    d: date.getUTCDate(),
    h: date.getUTCHours(),
    mi: date.getUTCMinutes(),
    s: date.getUTCSeconds(),
    wd: date.getUTCDay(),
    ns: Math.round((t - whole) * 1e6),
  };
}

/** time.RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700". */
export function formatRFC1123Z(t: GoTime): string {
  const f = fields(t);
  return `${DAYS[f.wd]}, ${pad(f.d, 2)} ${MONTHS[f.mo]} ${pad(f.y, 4)} ${pad(f.h, 2)}:${pad(f.mi, 2)}:${pad(f.s, 2)} +0000`;
}

/** time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST". */
export function formatGoTimeString(t: GoTime): string {
  const f = fields(t);
  const frac = f.ns > 0 ? `.${pad(f.ns, 9).replace(/0+$/, '')}` : '';
  return `${pad(f.y, 4)}-${pad(f.mo + 1, 2)}-${pad(f.d, 2)} ${pad(f.h, 2)}:${pad(f.mi, 2)}:${pad(f.s, 2)}${frac} +0000 UTC`;
}

/** translateTimestampSince: the age of a timestamp, "<unknown>" for the zero time. */
export function since(t: GoTime, now: number): string {
  return t === null ? '<unknown>' : humanDuration(now - t);
}
