// Dates for date, touch, ls and stat: strftime (UTC, GNU flags and widths) and a parser for
// the date strings notes pass to `date -d` / `touch -d` (ISO forms, @EPOCH, month names,
// now/today/yesterday/tomorrow, relative "N units [ago]", next/last).

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
}

function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = (t.getUTCDay() + 6) % 7;
  t.setUTCDate(t.getUTCDate() - day + 3);
  const year = t.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week =
    1 +
    Math.round(
      ((t.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7,
    );
  return { year, week };
}

/** Formats a UTC instant (milliseconds plus extra nanoseconds) with GNU date's directives. */
export function strftime(format: string, ms: number, nanos?: number): string {
  const d = new Date(ms);
  const ns = nanos ?? (((ms % 1000) + 1000) % 1000) * 1_000_000;
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%' || i === format.length - 1) {
      out += c;
      continue;
    }
    const m = /^%([-_0^#]*)(\d*)(:{0,3})([a-zA-Z%+])/.exec(format.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length - 1;
    const [, flags, widthText, colons, conv] = m;
    const Y = d.getUTCFullYear();
    const H = d.getUTCHours();
    // [value, default pad char, default width]
    let v: string;
    let numeric = true;
    let padChar = '0';
    let width = 2;
    switch (conv) {
      case 'a':
        v = DAYS[d.getUTCDay()].slice(0, 3);
        numeric = false;
        break;
      case 'A':
        v = DAYS[d.getUTCDay()];
        numeric = false;
        break;
      case 'b':
      case 'h':
        v = MONTHS[d.getUTCMonth()].slice(0, 3);
        numeric = false;
        break;
      case 'B':
        v = MONTHS[d.getUTCMonth()];
        numeric = false;
        break;
      case 'c':
        v = strftime('%a %b %e %H:%M:%S %Y', ms);
        numeric = false;
        break;
      case 'C':
        v = String(Math.floor(Y / 100));
        break;
      case 'd':
        v = String(d.getUTCDate());
        break;
      case 'D':
        v = strftime('%m/%d/%y', ms);
        numeric = false;
        break;
      case 'e':
        v = String(d.getUTCDate());
        padChar = ' ';
        break;
      case 'F':
        v = strftime('%Y-%m-%d', ms);
        numeric = false;
        break;
      case 'g':
        v = String(isoWeek(d).year % 100);
        break;
      case 'G':
        v = String(isoWeek(d).year);
        width = 4;
        break;
      case 'H':
        v = String(H);
        break;
      case 'I':
        v = String(H % 12 === 0 ? 12 : H % 12);
        break;
      case 'j':
        v = String(dayOfYear(d));
        width = 3;
        break;
      case 'k':
        v = String(H);
        padChar = ' ';
        break;
      case 'l':
        v = String(H % 12 === 0 ? 12 : H % 12);
        padChar = ' ';
        break;
      case 'm':
        v = String(d.getUTCMonth() + 1);
        break;
      case 'M':
        v = String(d.getUTCMinutes());
        break;
      case 'n':
        v = '\n';
        numeric = false;
        break;
      case 'N':
        v = String(ns).padStart(9, '0');
        if (widthText) v = v.slice(0, Number(widthText));
        numeric = false;
        break;
      case 'p':
        v = H < 12 ? 'AM' : 'PM';
        numeric = false;
        break;
      case 'P':
        v = H < 12 ? 'am' : 'pm';
        numeric = false;
        break;
      case 'q':
        v = String(Math.floor(d.getUTCMonth() / 3) + 1);
        width = 1;
        break;
      case 'r':
        v = strftime('%I:%M:%S %p', ms);
        numeric = false;
        break;
      case 'R':
        v = strftime('%H:%M', ms);
        numeric = false;
        break;
      case 's':
        v = String(Math.floor(ms / 1000));
        width = 1;
        break;
      case 'S':
        v = String(d.getUTCSeconds());
        break;
      case 't':
        v = '\t';
        numeric = false;
        break;
      case 'T':
        v = strftime('%H:%M:%S', ms);
        numeric = false;
        break;
      case 'u':
        v = String(d.getUTCDay() === 0 ? 7 : d.getUTCDay());
        width = 1;
        break;
      case 'U':
        v = String(Math.floor((dayOfYear(d) - 1 - d.getUTCDay() + 7) / 7));
        break;
      case 'V':
        v = String(isoWeek(d).week);
        break;
      case 'w':
        v = String(d.getUTCDay());
        width = 1;
        break;
      case 'W':
        v = String(Math.floor((dayOfYear(d) - 1 - ((d.getUTCDay() + 6) % 7) + 7) / 7));
        break;
      case 'x':
        v = strftime('%m/%d/%y', ms);
        numeric = false;
        break;
      case 'X':
        v = strftime('%H:%M:%S', ms);
        numeric = false;
        break;
      case 'y':
        v = String(Y % 100);
        break;
      case 'Y':
        v = String(Y);
        width = 1;
        break;
      case 'z':
        v = colons === ':' ? '+00:00' : colons === '::' ? '+00:00:00' : colons === ':::' ? '+00' : '+0000';
        numeric = false;
        break;
      case 'Z':
        v = 'UTC';
        numeric = false;
        break;
      case '+':
        v = strftime('%a %b %e %H:%M:%S %Z %Y', ms);
        numeric = false;
        break;
      case '%':
        v = '%';
        numeric = false;
        break;
      default:
        v = m[0];
        numeric = false;
    }
    if (flags.includes('^')) v = v.toUpperCase();
    if (flags.includes('#')) v = /[a-z]/.test(v) ? v.toUpperCase() : v.toLowerCase();
    if (numeric) {
      const pad = flags.includes('-') ? '' : flags.includes('_') ? ' ' : flags.includes('0') ? '0' : padChar;
      const w = widthText ? Number(widthText) : width;
      if (pad) v = v.padStart(w, pad);
    } else if (widthText && conv !== 'N') {
      v = v.padStart(Number(widthText), flags.includes('0') ? '0' : ' ');
    }
    out += v;
  }
  return out;
}

const UNITS: Record<string, number> = {
  second: 1000,
  sec: 1000,
  minute: 60000,
  min: 60000,
  hour: 3600000,
  day: 86400000,
  week: 7 * 86400000,
  fortnight: 14 * 86400000,
};

function monthIndex(word: string): number {
  return MONTHS.findIndex((m) => m.toLowerCase().startsWith(word.slice(0, 3)) && word.length >= 3);
}

/** Parses a GNU-style date string relative to `now` (ms); null when it is not understood. */
export function parseDate(text: string, now: number): number | null {
  let s = text.trim().toLowerCase();
  const epoch = /^@(-?\d+)(?:\.(\d+))?$/.exec(s);
  if (epoch) return Number(epoch[1]) * 1000 + (epoch[2] ? Math.floor(Number(`0.${epoch[2]}`) * 1000) : 0);
  let date: { y: number; m: number; d: number } | null = null;
  let time: { h: number; mi: number; s: number; ms: number } | null = null;
  let tz = 0;
  let relMs = 0;
  let relMonths = 0;
  let lastRel: { ms: number; months: number } | null = null;
  let weekday: { day: number; n: number } | null = null;
  const rel = (amount: number, unit: string) => {
    if (unit === 'month' || unit === 'year') {
      const months = amount * (unit === 'year' ? 12 : 1);
      relMonths += months;
      lastRel = { ms: 0, months };
    } else {
      relMs += amount * UNITS[unit];
      lastRel = { ms: amount * UNITS[unit], months: 0 };
    }
  };
  const unitRe = '(years?|months?|fortnights?|weeks?|days?|hours?|minutes?|mins?|seconds?|secs?)';
  while ((s = s.replace(/^[\s,]+/, '')) !== '') {
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:t|\b)/.exec(s))) {
      date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
    } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})\b/.exec(s))) {
      const y = Number(m[3]);
      date = { y: m[3].length === 2 ? (y < 69 ? 2000 + y : 1900 + y) : y, m: Number(m[1]), d: Number(m[2]) };
    } else if ((m = /^(\d{8})\b/.exec(s))) {
      date = { y: Number(m[1].slice(0, 4)), m: Number(m[1].slice(4, 6)), d: Number(m[1].slice(6)) };
    } else if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:\s*(am|pm)\b)?/.exec(s))) {
      let h = Number(m[1]);
      if (m[5] === 'pm' && h < 12) h += 12;
      if (m[5] === 'am' && h === 12) h = 0;
      time = {
        h,
        mi: Number(m[2]),
        s: Number(m[3] ?? 0),
        ms: m[4] ? Math.floor(Number(`0.${m[4]}`) * 1000) : 0,
      };
      const zone = /^\s*(?:([+-])(\d{2}):?(\d{2})|z\b)/.exec(s.slice(m[0].length));
      if (zone) {
        if (zone[1]) tz = (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]));
        m = [m[0] + zone[0]] as unknown as RegExpExecArray;
      }
    } else if ((m = /^(\d{1,2})\s*(am|pm)\b/.exec(s))) {
      let h = Number(m[1]) % 12;
      if (m[2] === 'pm') h += 12;
      time = { h, mi: 0, s: 0, ms: 0 };
    } else if ((m = /^(utc|gmt|z)\b/.exec(s))) {
      tz = 0;
    } else if (
      (m = /^([a-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b/.exec(s)) &&
      monthIndex(m[1]) >= 0
    ) {
      date = {
        y: m[3] ? Number(m[3]) : new Date(now).getUTCFullYear(),
        m: monthIndex(m[1]) + 1,
        d: Number(m[2]),
      };
    } else if ((m = /^(\d{1,2})\s+([a-z]{3,})\.?(?:\s+(\d{4}))?\b/.exec(s)) && monthIndex(m[2]) >= 0) {
      date = {
        y: m[3] ? Number(m[3]) : new Date(now).getUTCFullYear(),
        m: monthIndex(m[2]) + 1,
        d: Number(m[1]),
      };
    } else if ((m = new RegExp(`^([+-]?)\\s*(\\d+)\\s*${unitRe}\\b`).exec(s))) {
      rel((m[1] === '-' ? -1 : 1) * Number(m[2]), m[3].replace(/s$/, ''));
    } else if ((m = new RegExp(`^(next|last|this)\\s+${unitRe}\\b`).exec(s))) {
      rel(m[1] === 'next' ? 1 : m[1] === 'last' ? -1 : 0, m[2].replace(/s$/, ''));
    } else if ((m = new RegExp(`^${unitRe}\\b`).exec(s))) {
      rel(1, m[1].replace(/s$/, ''));
    } else if ((m = /^ago\b/.exec(s))) {
      if (!lastRel) return null;
      const r = lastRel as { ms: number; months: number };
      relMs -= 2 * r.ms;
      relMonths -= 2 * r.months;
      lastRel = null;
    } else if ((m = /^(now|today)\b/.exec(s))) {
      // The current instant.
    } else if ((m = /^yesterday\b/.exec(s))) {
      relMs -= 86400000;
    } else if ((m = /^tomorrow\b/.exec(s))) {
      relMs += 86400000;
    } else if ((m = /^(?:(next|last|this)\s+)?(sun|mon|tue|wed|thu|fri|sat)[a-z]*\b/.exec(s))) {
      const day = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].indexOf(m[2]);
      weekday = { day, n: m[1] === 'next' ? 1 : m[1] === 'last' ? -1 : 0 };
    } else return null;
    s = s.slice(m[0].length);
  }
  const base = new Date(now);
  let y = base.getUTCFullYear();
  let mo = base.getUTCMonth() + 1;
  let d = base.getUTCDate();
  let h = base.getUTCHours();
  let mi = base.getUTCMinutes();
  let sec = base.getUTCSeconds();
  let msec = base.getUTCMilliseconds();
  if (date) {
    if (date.m < 1 || date.m > 12 || date.d < 1 || date.d > 31) return null;
    ({ y, m: mo, d } = date);
    h = mi = sec = msec = 0;
  }
  if (time) {
    if (time.h > 23 || time.mi > 59 || time.s > 60) return null;
    ({ h, mi, s: sec, ms: msec } = time);
  } else if (weekday && !date) h = mi = sec = msec = 0;
  if (weekday) {
    const current = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
    let delta = (weekday.day - current + 7) % 7;
    if (weekday.n > 0 && delta === 0) delta = 7;
    if (weekday.n < 0) delta = delta === 0 ? -7 : delta - 7;
    d += delta;
  }
  const t = Date.UTC(y, mo - 1 + relMonths, d, h, mi, sec, msec) - tz * 60000;
  return t + relMs;
}
