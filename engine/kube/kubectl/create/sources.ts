// The data sources of `kubectl create configmap|secret`: --from-literal, --from-file (files and
// directories) and --from-env-file, read from the simulated filesystem with kubectl's errors
// (create_configmap.go / create_secret.go handle*Sources, cmdutil.AddFromEnvFile).
import { FsError } from '../../../fs/errors.ts';
import type { Kubectl } from '../context.ts';
import { KubectlError } from '../context.ts';

export interface SourceEntry {
  key: string;
  value: string;
}

/** errno texts as Go's syscall.Errno prints them (os.PathError.Err). */
const GO_ERRNO: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOTDIR: 'not a directory',
};

function absolute(k: Kubectl, path: string): string {
  return path.startsWith('/') ? path : `${k.ctx.proc.cwd}/${path}`;
}

function statKind(k: Kubectl, path: string): 'dir' | 'file' {
  try {
    return k.ctx.proc.host.fs.stat(absolute(k, path)).type === 'dir' ? 'dir' : 'file';
  } catch (e) {
    if (e instanceof FsError)
      throw new KubectlError(`error: error reading ${path}: ${GO_ERRNO[e.code] ?? e.message}`);
    throw e;
  }
}

function read(k: Kubectl, path: string): string {
  return k.ctx.proc.host.fs.readFile(absolute(k, path));
}

/** util.ParseLiteralSource: `key=value`, split at the first "=". */
export function literalSources(values: string[]): SourceEntry[] {
  return values.map((lit) => {
    const eq = lit.indexOf('=');
    if (eq <= 0) throw new KubectlError(`error: invalid literal source ${lit}, expected key=value`);
    return { key: lit.slice(0, eq), value: lit.slice(eq + 1) };
  });
}

/** --from-file: `path` (key = base name), `key=path`, or a directory (its regular files). */
export function fileSources(k: Kubectl, values: string[]): SourceEntry[] {
  const out: SourceEntry[] = [];
  for (const source of values) {
    const eq = source.indexOf('=');
    const path = eq >= 0 ? source.slice(eq + 1) : source;
    const key = eq >= 0 ? source.slice(0, eq) : (path.replace(/\/+$/, '').split('/').pop() ?? path);
    if (statKind(k, path) === 'dir') {
      if (eq >= 0) throw new KubectlError('error: cannot give a key name for a directory path');
      const dir = absolute(k, path);
      for (const name of k.ctx.proc.host.fs.readdir(dir)) {
        if (k.ctx.proc.host.fs.stat(`${dir}/${name}`).type !== 'file') continue;
        out.push({ key: name, value: read(k, `${dir}/${name}`) });
      }
    } else out.push({ key, value: read(k, path) });
  }
  return out;
}

/**
 * --from-env-file: one KEY=VALUE per line; leading whitespace and `#` comments skipped; a
 * line without "=" takes the variable from kubectl's environment (empty here).
 */
export function envFileSources(k: Kubectl, values: string[], what: 'config' | 'secret'): SourceEntry[] {
  const out: SourceEntry[] = [];
  for (const path of values) {
    if (statKind(k, path) === 'dir') throw new KubectlError(`error: env ${what} file cannot be a directory`);
    const lines = read(k, path).split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const [i, raw] of lines.entries()) {
      const line = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      out.push(eq < 0 ? { key: line, value: '' } : { key: line.slice(0, eq), value: line.slice(eq + 1) });
    }
  }
  return out;
}

/** Base64 of a string's UTF-8 bytes (Secret data). */
export function base64(text: string): string {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary);
}
