// curl, busybox wget and busybox nc against a listenTcp() server in two namespaces joined by a
// veth, compared with what the real tools printed in the same setup
// (scripts/record-net-clients.sh → test/engine/fixtures/net-clients/NAME.txt); plus the nginx
// model's response against nginx 1.27.5's header filter and default page.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../engine/index.ts';
import { hostNet } from '../../engine/net/netlink.ts';
import { fixedHttpHandler } from '../../engine/net/server/handlers.ts';
import { ListenError, listenTcp } from '../../engine/net/server/listen.ts';
import { NGINX_INDEX_HTML, nginxHandler } from '../../engine/net/server/nginx.ts';
import { Session } from '../../engine/session.ts';

const fixtures = new URL('./fixtures/net-clients/', import.meta.url);
const response = readFileSync(new URL('response.http', fixtures), 'latin1');
const cases = [
  ...readFileSync(new URL('../../scripts/net-clients-cases.sh', import.meta.url), 'utf8').matchAll(
    /^record (\S+) '(.*)'$/gm,
  ),
].map((m) => ({ name: m[1], command: m[2] }));

const SETUP = `ip netns add srv; ip netns add cli
ip link add veth0 netns cli type veth peer name veth1 netns srv
ip -n cli addr add 10.0.0.1/24 dev veth0; ip -n cli link set veth0 up; ip -n cli link set lo up
ip -n srv addr add 10.0.0.2/24 dev veth1; ip -n srv link set veth1 up; ip -n srv link set lo up
ip -n cli route add unreachable 10.8.0.0/24
ip netns exec srv iptables -A INPUT -p tcp --dport 81 -j DROP
ip netns exec srv iptables -A INPUT -p tcp --dport 82 -j REJECT
ip netns exec srv iptables -A INPUT -p tcp --dport 83 -j REJECT --reject-with tcp-reset`;

function lab() {
  const world = createWorld({ hostname: 'labbook' });
  const s = new Session(world);
  for (const line of SETUP.split('\n')) expect(`${line}: ${s.run(line).output}`).toBe(`${line}: `);
  const srv = hostNet(world, world.mainHost).named.find((n) => n.name === 'srv')!.ns;
  // The recorder's responder: the same bytes, only the head for HEAD, then close.
  const requests: string[] = [];
  const listener = listenTcp(
    world,
    world.mainHost,
    srv,
    80,
    fixedHttpHandler((req) => {
      requests.push(req.head);
      return req.method === 'HEAD' ? response.slice(0, response.indexOf('\r\n\r\n') + 4) : response;
    }),
  );
  return { world, s, srv, listener, requests };
}

/** What truly varies between runs: curl's speeds, and real milliseconds rounded to tens. */
function normalise(text: string): string {
  return text
    .replace(/( +\d+(?:\.\d)?[kM]?)( +\d+(?:\.\d)?[kM]? --:--:--)/g, (_m, _a, b) => ` SPEED${b}`)
    .replace(/(--:--:--|\d:\d\d:\d\d) +\d+(?:\.\d)?[kM]?(?=\r|\n|$)/g, '$1 SPEED')
    .replace(
      /after (\d+) (ms|milliseconds)/g,
      (_m, n, unit) => `after ${Math.round(Number(n) / 10) * 10} ${unit}`,
    );
}

describe('curl, wget and nc over the simulated network', () => {
  const { s, requests } = lab();
  let n = 0;
  for (const { name, command } of cases) {
    it(`${name}: ${command}`, () => {
      const dir = `/tmp/case${n++}`;
      const script = `mkdir ${dir} && cd ${dir} && ${command}`;
      const r = s.run(`ip netns exec cli bash -c '${script.replaceAll("'", "'\\''")}' > /tmp/out 2>&1`);
      const out = s.run('cat /tmp/out').output + (r.status === 0 ? '' : `[${r.status}]\n`);
      const golden = readFileSync(new URL(`${name}.txt`, fixtures), 'latin1');
      // The recording kernel (6.18, tcp_syn_linear_timeouts=4) gives up on a SYN after ~134 s;
      // the engine models 6.1's 127 s (see test/conformance/iptables/86-tcp-reject-drop.sh).
      const kernelTime = (t: string) =>
        name.endsWith('-kernel') ? t.replace(/after 1[23]\d{4} ms/, 'after SYN-TIMEOUT ms') : t;
      expect(kernelTime(normalise(out))).toBe(kernelTime(normalise(golden)));
    });
  }
  it('sends the requests the real clients sent', () => {
    const recorded = readFileSync(new URL('requests.txt', fixtures), 'latin1');
    expect(requests.join('')).toBe(recorded);
  });
});

describe('listenTcp', () => {
  it('refuses a second listener on the same port', () => {
    const { world, srv } = lab();
    expect(() =>
      listenTcp(
        world,
        world.mainHost,
        srv,
        80,
        fixedHttpHandler(() => ''),
      ),
    ).toThrow(ListenError);
  });
  it('closing the listener makes the port refuse connections', () => {
    const { s, listener } = lab();
    listener.close();
    const r = s.run('ip netns exec cli curl -sS http://10.0.0.2/');
    expect(r.output).toBe(
      "curl: (7) Failed to connect to 10.0.0.2 port 80 after 0 ms: Couldn't connect to server\n",
    );
    expect(r.status).toBe(7);
  });
});

describe('curl on a terminal', () => {
  it('shows no progress meter when the body goes to the terminal, and one with -o', () => {
    // Recorded with `script -qc "curl http://127.0.0.1:9/" /dev/null`: the error line alone;
    // with -o FILE the two heading lines and two updates come first.
    const { s } = lab();
    expect(s.run('ip netns exec cli curl http://10.0.0.2:8080/').output).toBe(
      "curl: (7) Failed to connect to 10.0.0.2 port 8080 after 0 ms: Couldn't connect to server\n",
    );
    const zero = '  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0';
    expect(s.run('ip netns exec cli curl -o /tmp/x http://10.0.0.2:8080/').output).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        `\r${zero}\r${zero}\n` +
        "curl: (7) Failed to connect to 10.0.0.2 port 8080 after 0 ms: Couldn't connect to server\n",
    );
  });
});

describe('nginx model', () => {
  it('serves the 1.27.5 default page with the header filter order', () => {
    const { world, s, srv, listener } = lab();
    listener.close();
    const mtime = Date.UTC(2025, 3, 16, 12, 1, 11);
    listenTcp(
      world,
      world.mainHost,
      srv,
      80,
      nginxHandler(new Map([['/index.html', { body: NGINX_INDEX_HTML, mtimeMs: mtime }]]), () =>
        world.clock.now(),
      ),
    );
    const r = s.run('ip netns exec cli curl -si http://10.0.0.2/');
    const date = new Date(world.clock.now()).toUTCString();
    expect(r.output).toBe(
      `HTTP/1.1 200 OK\r\nServer: nginx/1.27.5\r\nDate: ${date}\r\nContent-Type: text/html\r\nContent-Length: 615\r\n` +
        `Last-Modified: Wed, 16 Apr 2025 12:01:11 GMT\r\nConnection: keep-alive\r\nETag: "67ff9c07-267"\r\nAccept-Ranges: bytes\r\n\r\n${NGINX_INDEX_HTML}`,
    );
    expect(NGINX_INDEX_HTML.length).toBe(615);
    const missing = s.run('ip netns exec cli curl -s http://10.0.0.2/nope');
    expect(missing.output).toBe(
      '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.5</center>\r\n</body>\r\n</html>\r\n',
    );
  });
});
