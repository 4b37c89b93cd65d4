// Shared plumbing for text tools: reading operands (`-` is standard input) with errno texts,
// splitting text into lines, and UTF-8 byte views of the engine's string file contents.
import { FsError } from '../../fs/errors.ts';
import type { FsNode } from '../../fs/vfs.ts';
import { type Output, type Terminal, TerminalInput } from '../../shell/io.ts';
import type { CommandContext } from '../types.ts';

export type ReadResult = { ok: true; text: string } | { ok: false; error: string; code: string };

/** Reads a file operand or standard input; on failure gives the strerror text and errno name. */
export function readSource(ctx: CommandContext, path: string): ReadResult {
  if (path === '-') return { ok: true, text: ctx.stdin.readAll() };
  try {
    return { ok: true, text: ctx.proc.host.fs.readFile(path, ctx.proc.cwd, ctx.proc) };
  } catch (e) {
    if (e instanceof FsError) return { ok: false, error: e.message, code: e.code };
    throw e;
  }
}

/** Reads operands the way cat-like filters do, reporting "NAME: FILE: error" for failures. */
export function readOrReport(ctx: CommandContext, path: string): string | null {
  const r = readSource(ctx, path);
  if (r.ok) return r.text;
  ctx.stderr.write(`${ctx.argv[0]}: ${path}: ${r.error}\n`);
  return null;
}

/** Splits text into lines; `terminated` tells whether the last line ended with the separator. */
export function splitLines(text: string, sep = '\n'): { lines: string[]; terminated: boolean } {
  if (text === '') return { lines: [], terminated: true };
  const lines = text.split(sep);
  const terminated = text.endsWith(sep);
  if (terminated) lines.pop();
  return { lines, terminated };
}

// Text and bytes. Strings are Unicode; a byte that is not part of valid UTF-8 is kept as the
// lone surrogate U+DC80..U+DCFF (Python's "surrogateescape"), so binary data survives a trip
// through the tools and still counts as one byte. Such characters show as U+FFFD on a terminal,
// as the invalid byte would.

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** The engine's character for a raw byte (ASCII as itself). */
export function rawByte(b: number): string {
  return b < 0x80 ? String.fromCharCode(b) : String.fromCharCode(0xdc00 + b);
}

export function toBytes(text: string): Uint8Array {
  if (!/[^\x00-\x7f]/.test(text)) return Uint8Array.from(text, (c) => c.charCodeAt(0));
  // A string of chars below 256 that spells valid UTF-8 when read as bytes (an older way to
  // carry bytes, e.g. $'\xc3\xa9') is taken as those bytes.
  if (/[\x80-\xff]/.test(text) && !/[^\x00-\xff]/.test(text)) {
    const raw = Uint8Array.from(text, (c) => c.charCodeAt(0));
    try {
      strictDecoder.decode(raw);
      return raw;
    } catch {
      // Not UTF-8 as bytes: it is ordinary text with Latin-1 letters.
    }
  }
  if (!/[\udc80-\udcff]/.test(text)) return encoder.encode(text);
  const out: number[] = [];
  let run = '';
  const flush = () => {
    if (run) out.push(...encoder.encode(run));
    run = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const paired = i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
    if (c >= 0xdc80 && c <= 0xdcff && !paired) {
      flush();
      out.push(c - 0xdc00);
    } else run += text[i];
  }
  flush();
  return Uint8Array.from(out);
}

/** Bytes back to the engine's text: UTF-8 sequences as characters, other bytes escaped. */
export function fromBytes(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    let s = '';
    let i = 0;
    while (i < bytes.length) {
      const b = bytes[i];
      const len =
        b < 0x80
          ? 1
          : b >= 0xc2 && b <= 0xdf
            ? 2
            : b >= 0xe0 && b <= 0xef
              ? 3
              : b >= 0xf0 && b <= 0xf4
                ? 4
                : 0;
      if (len > 1 && i + len <= bytes.length) {
        try {
          s += strictDecoder.decode(bytes.subarray(i, i + len));
          i += len;
          continue;
        } catch {
          // Fall through: an invalid sequence keeps its first byte raw.
        }
      }
      s += len === 1 ? String.fromCharCode(b) : rawByte(b);
      i++;
    }
    return s;
  }
}

/** Re-reads text whose raw bytes (from escapes) may spell UTF-8: "\udcc3\udca9" becomes "é". */
export function normalizeBytes(text: string): string {
  return /[\udc80-\udcff]/.test(text) ? fromBytes(toBytes(text)) : text;
}

export function byteLength(text: string): number {
  if (!/[^\x00-\x7f]/.test(text)) return text.length;
  return toBytes(text).length;
}

/** Size st_size reports for a node: bytes of a file, the target's length for a symlink. */
export function nodeSize(node: FsNode): number {
  switch (node.type) {
    case 'file':
      return byteLength(node.data);
    case 'symlink':
      return byteLength(node.target);
    case 'dir':
      return 4096;
    default:
      return 0;
  }
}

/** Whether the locale (LC_ALL, LC_CTYPE, LANG) makes characters multibyte UTF-8. */
export function utf8Locale(ctx: CommandContext): boolean {
  const locale = ctx.env.get('LC_ALL') || ctx.env.get('LC_CTYPE') || ctx.env.get('LANG') || 'C';
  return /utf-?8/i.test(locale);
}

/**
 * Whether `out` is the session's terminal (isatty): only a command of an interactive session
 * writing straight to it, not into a pipe, a file or a command substitution.
 */
export function isTerminal(ctx: CommandContext, out: Output = ctx.stdout): boolean {
  if (!(ctx.stdin instanceof TerminalInput)) return false;
  const session = ctx.stdin.session as { terminal?: Terminal };
  return (
    session.terminal !== undefined && (session.terminal.stdout === out || session.terminal.stderr === out)
  );
}

/** The terminal width a tool lays out for: $COLUMNS when valid, else 80. */
export function terminalWidth(ctx: CommandContext): number {
  const n = Number(ctx.env.get('COLUMNS'));
  return Number.isInteger(n) && n > 0 ? n : 80;
}

/** `-` names standard input in messages as GNU tools do. */
export function displayName(path: string): string {
  return path === '-' ? 'standard input' : path;
}
