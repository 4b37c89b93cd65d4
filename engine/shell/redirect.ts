// Redirections (> >> < 2>&1 &> here-documents, here-strings) applied to a copy of a shell's
// file-descriptor table; opening errors are reported the way bash reports them.
import { FsError } from '../fs/errors.ts';
import { type ExpandHost, expandHereDoc, expandString } from './expand.ts';
import { Input, NULL_OUTPUT, type Output } from './io.ts';
import { type Node, nodeType, REDIRECT_OPS } from './syntax.ts';

export type Fd = Input | Output;
export type FdTable = Map<number, Fd>;

export class RedirectError extends Error {}

export interface RedirectHost extends ExpandHost {
  readonly fsCwd: string;
  writeFile(path: string, data: string, append: boolean): void;
  readFile(path: string): string;
  /** Opens /dev/tcp/HOST/PORT or /dev/udp/HOST/PORT; null for other paths. */
  openNetwork(path: string): Output | null;
}

function fileOutput(host: RedirectHost, path: string, append: boolean): Output {
  try {
    if (path === '/dev/null') return NULL_OUTPUT;
    const socket = host.openNetwork(path);
    if (socket) return socket;
    host.writeFile(path, '', append || isSpecial(host, path));
  } catch (e) {
    if (e instanceof FsError) throw new RedirectError(`${path}: ${e.message}`);
    throw e;
  }
  return { write: (text: string) => host.writeFile(path, text, true) };
}

function isSpecial(host: RedirectHost, path: string): boolean {
  return (
    /^\/proc\//.test(path) ||
    /^\/sys\//.test(path) ||
    (path.startsWith('/') === false && /^\/proc\//.test(`${host.fsCwd}/${path}`))
  );
}

/** Applies a statement's redirections in order, returning the new descriptor table. */
export function applyRedirects(host: RedirectHost, redirs: Node[], fds: FdTable): FdTable {
  const table: FdTable = new Map(fds);
  for (const r of redirs) {
    const op = REDIRECT_OPS.get(r.Op) ?? '';
    const n = r.N ? Number(r.N.Value) : op.startsWith('<') ? 0 : 1;
    switch (op) {
      case '>':
      case '>|':
      case '>>': {
        const target = expandTarget(host, r.Word);
        table.set(n, fileOutput(host, target, op === '>>'));
        break;
      }
      case '&>':
      case '&>>': {
        const out = fileOutput(host, expandTarget(host, r.Word), op === '&>>');
        table.set(1, out);
        table.set(2, out);
        break;
      }
      case '<':
      case '<>': {
        const target = expandTarget(host, r.Word);
        // A socket reads as end of file: nothing in the simulation answers with data yet.
        if (host.openNetwork(target)) {
          table.set(n, new Input(''));
          break;
        }
        try {
          const input = new Input(host.readFile(target));
          input.fromFile = !/^\/(dev|proc|sys)\//.test(target);
          table.set(n, input);
        } catch (e) {
          if (e instanceof FsError) throw new RedirectError(`${target}: ${e.message}`);
          throw e;
        }
        break;
      }
      case '>&':
      case '<&': {
        const target = expandString(host, r.Word);
        if (target === '-') {
          table.delete(n);
          break;
        }
        if (!/^\d+$/.test(target)) {
          if (op === '>&') {
            const out = fileOutput(host, target, false);
            table.set(1, out);
            table.set(2, out);
            break;
          }
          throw new RedirectError(`${target}: ambiguous redirect`);
        }
        const source = table.get(Number(target));
        if (!source) throw new RedirectError(`${target}: Bad file descriptor`);
        table.set(n, source);
        break;
      }
      case '<<':
      case '<<-': {
        let body = r.Hdoc ? expandHereDoc(host, r.Hdoc, delimiterQuoted(r.Word)) : '';
        if (op === '<<-') body = body.replace(/^\t+/gm, '');
        table.set(n, new Input(body));
        break;
      }
      case '<<<':
        table.set(n, new Input(`${expandString(host, r.Word)}\n`));
        break;
      default:
        throw new RedirectError(`unsupported redirection ${op}`);
    }
  }
  return table;
}

function expandTarget(host: RedirectHost, word: Node): string {
  const target = expandString(host, word);
  if (target === '') throw new RedirectError(': No such file or directory');
  return target;
}

function delimiterQuoted(word: Node): boolean {
  return (word.Parts as Node[]).some((p) => nodeType(p) !== 'Lit' || (p.Value as string).includes('\\'));
}
