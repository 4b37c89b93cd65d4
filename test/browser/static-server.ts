// A small static file server over a built site, for the browser tests: `/x/` serves
// `x/index.html`, `/x` redirects to `/x/` when x is a directory (Astro's directory format), and
// each file gets the content type a real host would send (Pagefind's index files as bytes).
import { createReadStream, type Stats, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { contentType } from '../../src/site/serve-static.ts';

function stat(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1 at a free port. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    const send = (code: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    let file = resolve(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return send(403, 'forbidden\n');
    let st = stat(file);
    if (st?.isDirectory()) {
      if (!url.pathname.endsWith('/')) return send(301, '', { location: `${url.pathname}/${url.search}` });
      file = join(file, 'index.html');
      st = stat(file);
    }
    if (!st?.isFile()) return send(404, `not found: ${url.pathname}\n`);
    res.writeHead(200, { 'content-type': contentType(file), 'content-length': String(st.size) });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
