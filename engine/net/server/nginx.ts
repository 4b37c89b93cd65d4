// nginx as a file server for listenTcp(): nginx 1.27's default index.html and its response heads,
// from the nginx source (release-1.27.5): docs/html/index.html; src/http/ngx_http_header_filter_module.c
// for the header order (Server, Date, Content-Type, Content-Length, Last-Modified, Connection,
// then the list: ETag from ngx_http_set_etag() "\"%xT-%xO\"", Accept-Ranges from the range
// filter); src/http/ngx_http_special_response.c for the 404 page and its tail.
import { fixedHttpHandler, type HttpRequest } from './handlers.ts';
import type { TcpHandler } from './listen.ts';
import { byteLength } from './tcp-stream.ts';

export const NGINX_VERSION = '1.27.5';

/** docs/html/index.html at release-1.27.5 (615 bytes), what the nginx image serves at /. */
export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export interface NginxFile {
  body: string;
  /** Modification time, ms since the epoch. */
  mtimeMs: number;
  contentType?: string;
}

/** An HTTP date (ngx_http_time(): RFC 1123 in GMT). */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

function errorPage(status: string, version: string): string {
  return `<html>\r\n<head><title>${status}</title></head>\r\n<body>\r\n<center><h1>${status}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * nginx serving `files` by request path ("/" maps to "/index.html"): 200 with the file, or 404.
 * `now` gives the simulated time for the Date header.
 */
export function nginxHandler(
  files: Map<string, NginxFile>,
  now: () => number,
  version = NGINX_VERSION,
): TcpHandler {
  return fixedHttpHandler((req: HttpRequest) => {
    const path = req.target.split('?')[0];
    const file = files.get(path.endsWith('/') ? `${path}index.html` : path);
    const connection = req.keepAlive ? 'keep-alive' : 'close';
    const head = (status: string, type: string, length: number, extra: string) =>
      `HTTP/1.1 ${status}\r\nServer: nginx/${version}\r\nDate: ${httpDate(now())}\r\n` +
      `Content-Type: ${type}\r\nContent-Length: ${length}\r\n${extra}`;
    if (!file) {
      const body = errorPage('404 Not Found', version);
      const text = `${head('404 Not Found', 'text/html', byteLength(body), '')}Connection: ${connection}\r\n\r\n`;
      return req.method === 'HEAD' ? text : text + body;
    }
    const length = byteLength(file.body);
    const mtime = Math.floor(file.mtimeMs / 1000);
    const text =
      head(
        '200 OK',
        file.contentType ?? 'text/html',
        length,
        `Last-Modified: ${httpDate(mtime * 1000)}\r\n`,
      ) +
      `Connection: ${connection}\r\nETag: "${mtime.toString(16)}-${length.toString(16)}"\r\nAccept-Ranges: bytes\r\n\r\n`;
    return req.method === 'HEAD' ? text : text + file.body;
  });
}
