// When a cron schedule fires next, as github.com/robfig/cron/v3 computes it for the CronJob
// controller (ParseStandard and SpecSchedule.Next / ConstantDelaySchedule.Next): five fields or
// a descriptor, an optional TZ= / CRON_TZ= prefix, wall-clock matching in that time zone.
import { cronScheduleError } from '../apiserver/kinds/cron.ts';

export interface CronSchedule {
  /** The first activation strictly after `afterMs` (ms since the epoch), or null within 5 years none. */
  next(afterMs: number): number | null;
}

interface Field {
  bits: boolean[];
  /** robfig's starBit: the field was `*` or `?` (with no step above 1). */
  star: boolean;
}

interface Spec {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

const BOUNDS = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  {
    min: 1,
    max: 12,
    names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  },
  { min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

/** robfig's descriptors, as the five fields they stand for. */
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function value(text: string, b: (typeof BOUNDS)[number]): number {
  const named = b.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + b.min;
  return Number(text);
}

/** getField / getRange: the bits a comma-separated field sets. */
function parseField(text: string, index: number): Field {
  const b = BOUNDS[index];
  const bits: boolean[] = [];
  let star = false;
  for (const expr of text.split(',')) {
    const [range, stepText] = expr.split('/');
    const lowHigh = range.split('-');
    let start: number;
    let end: number;
    let rangeStar = false;
    if (lowHigh[0] === '*' || lowHigh[0] === '?') {
      start = b.min;
      end = b.max;
      rangeStar = true;
    } else {
      start = value(lowHigh[0], b);
      end = lowHigh.length > 1 ? value(lowHigh[1], b) : start;
    }
    let step = 1;
    if (stepText !== undefined) {
      step = Number(stepText);
      if (lowHigh.length === 1) end = b.max;
      if (step > 1) rangeStar = false;
    }
    for (let i = start; i <= end; i += step) bits[i] = true;
    star ||= rangeStar;
  }
  return { bits, star };
}

/** A wall clock in one time zone: fields of an instant, and the instant of fields. */
interface Zone {
  fields(ms: number): { y: number; mo: number; d: number; h: number; mi: number };
  date(y: number, mo: number, d: number, h: number, mi: number): number;
}

const UTC_ZONE: Zone = {
  fields(ms) {
    const t = new Date(ms);
    return {
      y: t.getUTCFullYear(),
      mo: t.getUTCMonth() + 1,
      d: t.getUTCDate(),
      h: t.getUTCHours(),
      mi: t.getUTCMinutes(),
    };
  },
  date: (y, mo, d, h, mi) => Date.UTC(y, mo - 1, d, h, mi),
};

/** An IANA zone through Intl; time.Date's choice in DST gaps and overlaps is approximated. */
function ianaZone(tz: string): Zone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const fields = (ms: number) => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(new Date(ms)))
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    return { y: parts.year, mo: parts.month, d: parts.day, h: parts.hour, mi: parts.minute };
  };
  const offset = (ms: number) => {
    const f = fields(ms);
    return Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi) - Math.floor(ms / 60_000) * 60_000;
  };
  return {
    fields,
    date(y, mo, d, h, mi) {
      const wall = Date.UTC(y, mo - 1, d, h, mi);
      const guess = wall - offset(wall);
      return wall - offset(guess);
    },
  };
}

function specSchedule(spec: Spec, zone: Zone): CronSchedule {
  const dayMatches = (f: { y: number; mo: number; d: number }) => {
    const dow = new Date(Date.UTC(f.y, f.mo - 1, f.d)).getUTCDay();
    const domMatch = spec.dom.bits[f.d] === true;
    const dowMatch = spec.dow.bits[dow] === true;
    if (spec.dom.star || spec.dow.star) return domMatch && dowMatch;
    return domMatch || dowMatch;
  };
  return {
    next(afterMs) {
      // the next whole second, then whole minutes (the seconds field is always 0)
      let t = Math.floor(afterMs / 1000) * 1000 + 1000;
      let added = false;
      const yearLimit = zone.fields(t).y + 5;
      for (;;) {
        let f = zone.fields(t);
        if (f.y > yearLimit) return null;
        let wrapped = false;
        while (!spec.month.bits[f.mo]) {
          if (!added) added = true;
          t = zone.date(f.y, f.mo + 1, 1, 0, 0);
          f = zone.fields(t);
          if (f.mo === 1) {
            wrapped = true;
            break;
          }
        }
        if (wrapped) continue;
        while (!dayMatches(f)) {
          if (!added) added = true;
          t = zone.date(f.y, f.mo, f.d + 1, 0, 0);
          f = zone.fields(t);
          if (f.d === 1) {
            wrapped = true;
            break;
          }
        }
        if (wrapped) continue;
        while (!spec.hour.bits[f.h]) {
          if (!added) {
            added = true;
            t = zone.date(f.y, f.mo, f.d, f.h, 0);
          }
          t += 3_600_000;
          f = zone.fields(t);
          if (f.h === 0) {
            wrapped = true;
            break;
          }
        }
        if (wrapped) continue;
        while (!spec.minute.bits[f.mi]) {
          if (!added) {
            added = true;
            t = Math.floor(t / 60_000) * 60_000;
          }
          t += 60_000;
          f = zone.fields(t);
          if (f.mi === 0) {
            wrapped = true;
            break;
          }
        }
        if (wrapped) continue;
        // the seconds field: only second 0 matches; reaching it starts the checks over
        if (t % 60_000 !== 0) {
          t = Math.floor(t / 60_000) * 60_000 + 60_000;
          continue;
        }
        return t;
      }
    },
  };
}

/** time.ParseDuration for the `@every` descriptor, in ms. */
function goDurationMs(text: string): number {
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    μs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g))
    total += Number(m[1]) * units[m[2]];
  return text.startsWith('-') ? -total : total;
}

/**
 * cron.ParseStandard: a schedule, or an Error carrying the library's message.
 * `@every` runs at a constant delay, rounded to whole seconds (at least one).
 */
export function parseCronSchedule(text: string): CronSchedule {
  const error = cronScheduleError(text);
  if (error) throw new Error(error);
  let spec = text.trim();
  let zone = UTC_ZONE;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const tz = spec.slice(spec.indexOf('=') + 1, space);
    if (tz !== 'UTC' && tz !== '') zone = ianaZone(tz);
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@every ')) {
    const delay = Math.max(1000, Math.floor(goDurationMs(spec.slice(7)) / 1000) * 1000);
    return { next: (afterMs) => afterMs - (afterMs % 1000) + delay };
  }
  const fields = (DESCRIPTORS[spec] ?? spec).split(/\s+/).filter(Boolean);
  const [minute, hour, dom, month, dow] = fields.map(parseField);
  return specSchedule({ minute, hour, dom, month, dow }, zone);
}
