// base64: encodes input as base64 wrapped at 76 columns (-w COLS, 0 for none) or decodes it
// (-d, -i to skip garbage).

import type { CommandContext } from '../types.ts';
import { parseOrReport, usageError } from './args.ts';
import { fromBytes, readSource, toBytes } from './files.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Decodes base64; `ok` is false at the first invalid character (bytes so far are kept). */
export function decodeBase64(text: string, ignoreGarbage: boolean): { bytes: Uint8Array; ok: boolean } {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  let padding = 0;
  for (const ch of text) {
    if (ch === '\n') continue;
    if (ch === '=') {
      padding++;
      continue;
    }
    const v = ALPHABET.indexOf(ch);
    if (v < 0 || padding > 0) {
      if (ignoreGarbage && v < 0) continue;
      return { bytes: Uint8Array.from(out), ok: false };
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  const chars = text.replace(/[\n=]/g, '').length + padding;
  const ok = ignoreGarbage || chars % 4 === 0 || (padding === 0 && bits === 0);
  return { bytes: Uint8Array.from(out), ok: ok && bits < 6 };
}

export function base64(ctx: CommandContext): number {
  const parsed = parseOrReport(ctx, {
    short: 'diw:',
    long: { decode: 'd', 'ignore-garbage': 'i', 'wrap:': 'w' },
  });
  if (!parsed) return 1;
  let decode = false;
  let ignore = false;
  let wrap = 76;
  for (const [k, v] of parsed.options) {
    if (k === 'd') decode = true;
    else if (k === 'i') ignore = true;
    else if (k === 'w') {
      if (!/^\d+$/.test(v!)) {
        ctx.stderr.write(`base64: invalid wrap size: '${v}'\n`);
        return 1;
      }
      wrap = Number(v);
    }
  }
  if (parsed.operands.length > 1) return usageError(ctx, `extra operand '${parsed.operands[1]}'`);
  const file = parsed.operands[0] ?? '-';
  const r = readSource(ctx, file);
  if (!r.ok) {
    ctx.stderr.write(`base64: ${file}: ${r.error}\n`);
    return 1;
  }
  if (decode) {
    const { bytes, ok } = decodeBase64(r.text, ignore);
    ctx.stdout.write(fromBytes(bytes));
    if (!ok) {
      ctx.stderr.write('base64: invalid input\n');
      return 1;
    }
    return 0;
  }
  const encoded = encodeBase64(toBytes(r.text));
  if (encoded === '') return 0;
  if (wrap === 0) {
    ctx.stdout.write(encoded);
    return 0;
  }
  let out = '';
  for (let i = 0; i < encoded.length; i += wrap) out += `${encoded.slice(i, i + wrap)}\n`;
  ctx.stdout.write(out);
  return 0;
}
