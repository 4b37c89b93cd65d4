// Finds the notes under the paths given on the command line (Markdown files, recursively,
// skipping dot-directories and node_modules), in a stable order.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const NOTE = /\.(md|mdx|markdown)$/;

export function findNotes(paths: string[], cwd = process.cwd()): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (NOTE.test(entry.name)) files.push(full);
    }
  };
  for (const p of paths) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files: [...new Set(files)].map((f) => relative(cwd, f) || f), missing };
}
