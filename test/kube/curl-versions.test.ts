// curl per image: curlimages/curl ships curl 8.21.0 (curl/curl-container CHANGELOG "[8.21.0]"),
// whose libcurl words errors differently from Debian 12's 7.88.1 (nginx, kindest/node); the
// 8.21.0 progress meter's column helpers against curl's own unit test 1636.
import { beforeAll, describe, expect, test } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { CURL_7_88_1, CURL_8_21_0, max6, time7 } from '../../engine/net/tools/curl-flavour.ts';

describe('curl in containers of different images', () => {
  let s: Session;
  const run = (line: string) => s.run(line);
  let webIp = '';
  beforeAll(() => {
    s = new Session(createWorld({ seed: 'curl-versions' }));
    run('kind create cluster');
    run('kubectl run web --image=nginx');
    run('kubectl run cc --image=curlimages/curl -- sleep 3600');
    run('kubectl wait --for=condition=Ready pod --all --timeout=120s');
    webIp = run('kubectl get pod web -o jsonpath={.status.podIP}').output;
  });

  test('a refused connection: 8.21.0 says "Could not connect to server", host:port', () => {
    // lib/cf-ip-happy.c "Failed to connect to %s:%u%s %s%s%safter %ld ms: %s";
    // lib/strerror.c CURLE_COULDNT_CONNECT "Could not connect to server"
    const r = run('kubectl exec cc -- curl -sS http://127.0.0.1:9/');
    expect(r.output).toBe(
      'curl: (7) Failed to connect to 127.0.0.1:9 after 0 ms: Could not connect to server\ncommand terminated with exit code 7\n',
    );
    expect(r.status).toBe(7);
  });

  test("nginx's Debian curl keeps 7.88.1's wording (as recorded in test/engine/net-clients.test.ts)", () => {
    expect(run('kubectl exec web -- curl -sS http://127.0.0.1:9/').output).toBe(
      "curl: (7) Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n",
    );
  });

  test('the kind node (kindest/node, Debian 12) has 7.88.1 too', () => {
    expect(run('docker exec kind-control-plane curl -sS http://127.0.0.1:9/').output).toBe(
      "curl: (7) Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server\n",
    );
  });

  test('no URL: 8.21.0 helpf("(%d) no URL specified", CURLE_FAILED_INIT), exit 2', () => {
    const r = run('kubectl exec cc -- curl');
    expect(r.output).toBe(
      "curl: (2) no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\ncommand terminated with exit code 2\n",
    );
    expect(run('kubectl exec web -- curl').output).toBe(
      "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\ncommand terminated with exit code 2\n",
    );
  });

  test('an unknown scheme: lib/peer.c "Protocol \\"%s\\" not supported"', () => {
    expect(run('kubectl exec cc -- curl -sS gopherz://x/').output).toBe(
      'curl: (1) Protocol "gopherz" not supported\ncommand terminated with exit code 1\n',
    );
    expect(run('kubectl exec web -- curl -sS gopherz://x/').output).toBe(
      'curl: (1) Protocol "gopherz" not supported or disabled in libcurl\ncommand terminated with exit code 1\n',
    );
  });

  test('a name that does not resolve: the threaded resolver\'s "Could not resolve host: %s" in both', () => {
    // 8.21.0 lib/asyn-thrdd.c → Curl_async_failed(data, async, NULL) (no detail)
    expect(run('kubectl exec cc -- curl -sS http://nosuch.invalid/').output).toBe(
      'curl: (6) Could not resolve host: nosuch.invalid\ncommand terminated with exit code 6\n',
    );
  });

  test('the User-Agent names the release', () => {
    expect(run(`kubectl exec cc -- curl -sv http://${webIp}/`).output).toContain(
      '> User-Agent: curl/8.21.0\r\n',
    );
    expect(run(`kubectl exec web -- curl -sv http://${webIp}/`).output).toContain(
      '> User-Agent: curl/7.88.1\r\n',
    );
  });

  test('the 8.21.0 progress meter: its heading and columns (lib/progress.c progress_meter)', () => {
    const r = run(`kubectl exec cc -- curl -o /tmp/x http://${webIp}/`);
    expect(r.output.startsWith(CURL_8_21_0.meterHead)).toBe(true);
    expect(CURL_8_21_0.meterHead).toBe(
      '  % Total    % Received % Xferd  Average Speed  Time    Time    Time   Current\n' +
        '                                 Dload  Upload  Total   Spent   Left   Speed\n',
    );
    // the first update: nothing known, every number six columns, every time seven blanks
    expect(CURL_8_21_0.meterLine(0, 0, 0, 0)).toBe(
      '  0      0   0      0   0      0      0      0                              0',
    );
    expect(CURL_7_88_1.meterLine(0, 0, 0, 0)).toBe(
      '  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0',
    );
  });
});

describe("8.21.0's meter columns against tests/data/test1636 (unit1636: time2str, max6out)", () => {
  test('time2str', () => {
    const cases: Array<[number, string]> = [
      [0, '       '],
      [1, '  00:01'],
      [63, '  01:03'],
      [4095, '1:08:15'],
      [32767, '9:06:07'],
      [65535, '18h 12m'],
      [524287, ' 6d 01h'],
      [8388607, '97d 02h'],
      [16777215, '   194d'],
      [134217727, '    51m'],
      [2147483647, '   828m'],
      [4294967295, '   136y'],
      [549755813887, ' 17432y'],
      [4398046511103, '>99999y'],
    ];
    for (const [secs, text] of cases) expect(time7(secs)).toBe(text);
  });
  test('max6out', () => {
    const cases: Array<[number, string]> = [
      [0, '     0'],
      [65535, ' 65535'],
      [131071, '127.9k'],
      [1048575, ' 0.99M'],
      [16777215, '15.99M'],
      [134217727, '127.9M'],
      [1073741823, ' 0.99G'],
      [549755813887, '511.9G'],
      [1099511627775, ' 0.99T'],
      [4503599627370495, ' 3.99P'],
    ];
    for (const [bytes, text] of cases) expect(max6(bytes)).toBe(text);
  });
});
