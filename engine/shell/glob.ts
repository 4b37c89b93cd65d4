// Pathname expansion: matches a glob pattern against the virtual file system, one path
// component at a time, hiding dot-files unless the pattern names them (as bash does).
import type { Vfs } from '../fs/vfs.ts';
import { globMatch, hasGlobChars, unescapeGlob } from './pattern.ts';

export function globPaths(fs: Vfs, cwd: string, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
  let candidates: string[] = [absolute ? '/' : ''];
  for (const part of parts) {
    if (part === '') continue;
    const next: string[] = [];
    for (const base of candidates) {
      const dir = base === '' ? cwd : base;
      if (!hasGlobChars(part)) {
        const literal = unescapeGlob(part);
        const path = join(base, literal);
        if (fs.lookup(path, cwd)) next.push(path);
        continue;
      }
      let names: string[];
      try {
        const node = fs.lookup(dir, cwd);
        if (node?.type !== 'dir') continue;
        names = fs.readdir(dir, cwd);
      } catch {
        continue;
      }
      for (const name of names) {
        if (name.startsWith('.') && !part.startsWith('.') && !part.startsWith('\\.')) continue;
        if (globMatch(part, name)) next.push(join(base, name));
      }
    }
    candidates = next;
    if (candidates.length === 0) return [];
  }
  return candidates.filter((c) => c !== '' && c !== '/').sort();
}

function join(base: string, name: string): string {
  if (base === '') return name;
  if (base.endsWith('/')) return base + name;
  return `${base}/${name}`;
}
