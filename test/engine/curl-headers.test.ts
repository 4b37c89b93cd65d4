// curl -H: the request heads curl 7.88.1 sends, as captured from the real curl by a Python
// socket server on 127.0.0.1 (requests printed with repr): a custom Host takes the Host line's
// place, a custom User-Agent moves to the end with the other custom headers, and `Accept:`
// removes the default header.
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../engine/index.ts';
import { hostNet } from '../../engine/net/netlink.ts';
import { fixedHttpHandler } from '../../engine/net/server/handlers.ts';
import { listenTcp } from '../../engine/net/server/listen.ts';
import { Session } from '../../engine/session.ts';

const REPLY = 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n';

function lab() {
  const world = createWorld({ hostname: 'labbook' });
  const s = new Session(world);
  s.run('ip link set lo up');
  const heads: string[] = [];
  listenTcp(
    world,
    world.mainHost,
    hostNet(world, world.mainHost).root,
    18080,
    fixedHttpHandler((req) => {
      heads.push(`${req.head}`);
      return REPLY;
    }),
  );
  return { s, heads };
}

describe('curl -H', () => {
  it('sends custom headers where curl 7.88.1 puts them', () => {
    const { s, heads } = lab();
    expect(s.run("curl -s -H 'Host: myapp.example.com' http://127.0.0.1:18080/app").output).toBe('ok\n');
    expect(s.run("curl -s -H 'X-A: 1' -H 'User-Agent: me' http://127.0.0.1:18080/").status).toBe(0);
    expect(s.run("curl -s -H 'Accept:' --header 'X-B: 2' http://127.0.0.1:18080/").status).toBe(0);
    expect(heads).toEqual([
      'GET /app HTTP/1.1\r\nHost: myapp.example.com\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: 127.0.0.1:18080\r\nAccept: */*\r\nX-A: 1\r\nUser-Agent: me\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: 127.0.0.1:18080\r\nUser-Agent: curl/7.88.1\r\nX-B: 2\r\n\r\n',
    ]);
  });
});
