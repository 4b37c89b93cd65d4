// C printf number formatting shared by printf, seq and awk: %e %f %g with C's rounding and
// exponent style, padding with flags, and a one-number formatter for seq -f.

/** Formats n as C's %e %E %f %F %g %G with precision `prec` (-1 for the default 6). */
export function formatFloat(n: number, conv: string, prec: number, alt = false): string {
  const upper = conv === 'E' || conv === 'F' || conv === 'G';
  if (!Number.isFinite(n)) {
    const s = Number.isNaN(n) ? 'nan' : n < 0 ? '-inf' : 'inf';
    return upper ? s.toUpperCase() : s;
  }
  const p = prec < 0 ? 6 : prec;
  const exp = (x: number, digits: number) => {
    const s = x.toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2');
    return alt && digits === 0 ? s.replace('e', '.e') : s;
  };
  let s: string;
  switch (conv.toLowerCase()) {
    case 'f':
      s =
        Math.abs(n) >= 1e21
          ? BigInt(Math.round(n)).toString() + (p > 0 ? `.${'0'.repeat(p)}` : '')
          : n.toFixed(p);
      if (alt && p === 0) s += '.';
      break;
    case 'e':
      s = exp(n, p);
      break;
    default: {
      const P = p === 0 ? 1 : p;
      const e = n.toExponential(P - 1);
      const X = Number(e.slice(e.indexOf('e') + 1));
      if (X < -4 || X >= P) s = exp(n, P - 1);
      else s = n.toFixed(P - 1 - X);
      if (!alt && s.includes('.')) s = s.replace(/\.?0+(?=e|$)/, '');
    }
  }
  if (Object.is(n, -0) && !s.startsWith('-')) s = `-${s}`;
  return upper ? s.toUpperCase() : s;
}

/** Pads a converted field to `width`: left-justified, zero-filled after sign/0x, or spaces. */
export function padField(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s.padEnd(width);
  if (zero) {
    const prefix = /^[-+ ]?(?:0[xX])?/.exec(s)![0];
    return prefix + s.slice(prefix.length).padStart(width - prefix.length, '0');
  }
  return s.padStart(width);
}

export interface Directive {
  flags: string;
  width: number;
  prec: number;
  conv: string;
}

/** Formats one number for a parsed directive (d i o u x X c e f g and upper-case forms). */
export function formatNumberDirective(d: Directive, n: number): string {
  const { flags, width, prec, conv } = d;
  const left = flags.includes('-');
  let s: string;
  let numeric = true;
  switch (conv) {
    case 'd':
    case 'i':
    case 'u': {
      const v = Number.isFinite(n) ? Math.trunc(n) : 0;
      s = BigInt(Math.abs(v)) === 0n && prec === 0 ? '' : String(BigInt(Math.abs(v)));
      if (prec > 0) s = s.padStart(prec, '0');
      s = (v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
      break;
    }
    case 'o':
    case 'x':
    case 'X': {
      const v = Number.isFinite(n) ? Math.trunc(n) : 0;
      const big = v < 0 ? BigInt.asUintN(64, BigInt(v)) : BigInt(v);
      s = big.toString(conv === 'o' ? 8 : 16);
      if (conv === 'X') s = s.toUpperCase();
      if (prec >= 0) s = s.padStart(prec, '0');
      if (flags.includes('#') && v !== 0) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + s;
      break;
    }
    case 'c':
      s = String.fromCodePoint(Math.max(0, Math.trunc(n)) % 0x110000);
      numeric = false;
      break;
    default:
      s = formatFloat(n, conv, prec, flags.includes('#'));
      if (n >= 0 && !s.startsWith('-')) {
        if (flags.includes('+')) s = `+${s}`;
        else if (flags.includes(' ')) s = ` ${s}`;
      }
  }
  const zero = numeric && flags.includes('0') && !left && (prec < 0 || !'diouxX'.includes(conv));
  return padField(s, width, left, zero && Number.isFinite(n));
}

const DIRECTIVE = /%([-+ #0']*)(\d*)(?:\.(\d*))?([aAeEfFgGdiouxXc])/;

/** seq -f: the format with its one floating-point directive applied to n. */
export function formatNumber(format: string, n: number): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') {
      out += format[i];
      continue;
    }
    if (format[i + 1] === '%') {
      out += '%';
      i++;
      continue;
    }
    const m = DIRECTIVE.exec(format.slice(i));
    if (m?.index !== 0) return out + format.slice(i);
    out += formatNumberDirective(
      {
        flags: m[1],
        width: m[2] ? Number(m[2]) : 0,
        prec: m[3] === undefined ? -1 : Number(m[3] || 0),
        conv: m[4],
      },
      n,
    );
    i += m[0].length - 1;
  }
  return out;
}
