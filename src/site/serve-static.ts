// Files served as a real host would serve them: content types (Pagefind's index files as bytes)
// and a connect-style middleware over one folder, used by the dev server for the search index.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

export function contentType(file: string): string {
  const ext = extname(file).toLowerCase();
  // Pagefind's fragments, indexes, metadata and wasm bundles (.pf_fragment, .pf_index,
  // .pf_meta, .pagefind) are binary.
  if (ext.startsWith('.pf_') || ext === '.pagefind') return 'application/octet-stream';
  return TYPES[ext] ?? 'application/octet-stream';
}

/** Serves the files under `root` (never outside it); anything else goes to `next`. */
export function staticFiles(root: string) {
  const base = resolve(root);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    let file = base;
    let isFile = false;
    try {
      file = resolve(join(base, decodeURIComponent((req.url ?? '/').split('?')[0])));
      isFile = file.startsWith(base + sep) && statSync(file).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) {
      next();
      return;
    }
    res.setHeader('Content-Type', contentType(file));
    createReadStream(file).pipe(res);
  };
}
