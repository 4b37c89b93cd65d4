// Coreutils-style commands on cases the real-tool recordings cannot pin down: the simulated
// clock and budgets, the vfs behind ls/stat/cp, regex translation, and engine-only choices
// (uname's release, nproc, yes into a pipe, kill and ps on a machine without processes).
import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from '../../engine/commands/coreutils/args.ts';
import { parseDate, strftime } from '../../engine/commands/coreutils/dates.ts';
import { fromBytes, toBytes } from '../../engine/commands/coreutils/files.ts';
import { formatFloat } from '../../engine/commands/coreutils/format.ts';
import { topLevelAlternatives, translateRegex } from '../../engine/commands/coreutils/regex.ts';
import { versionCompare } from '../../engine/commands/coreutils/sort.ts';
import { createWorld, runScript, Session } from '../../engine/index.ts';

function run(script: string, seed?: string) {
  const world = createWorld({ hostname: 'labbook', seed });
  const r = runScript(world, script, { name: 't.sh' });
  return { ...r, world };
}

describe('regex translation', () => {
  const bre = (p: string) => translateRegex(p, { extended: false }).source;
  const ere = (p: string) => translateRegex(p, { extended: true }).source;

  it('keeps BRE operators literal unless escaped', () => {
    expect(bre('a+b?')).toBe('a\\+b\\?');
    expect(bre('a\\+b\\?')).toBe('a+b?');
    expect(bre('\\(ab\\)\\{2,3\\}')).toBe('(ab){2,3}');
    expect(bre('a|b')).toBe('a\\|b');
    expect(bre('a\\|b')).toBe('a|b');
  });

  it('treats a leading * and a misplaced ^ or $ as literals in BRE', () => {
    expect(bre('*a')).toBe('\\*a');
    expect(bre('a^b$c')).toBe('a\\^b\\$c');
    expect(bre('^ab$')).toBe('^ab$');
  });

  it('translates bracket expressions and classes', () => {
    expect(ere('[[:digit:]]+')).toBe('[0-9]+');
    expect(ere('[^]a-]')).toBe('[^\\]a\\-]');
    expect(bre('[\\.]')).toBe('[\\\\.]');
  });

  it('reports glibc errors', () => {
    expect(() => bre('\\(a')).toThrow('Unmatched ( or \\(');
    expect(() => ere('a{2,1}')).toThrow('Invalid content of \\{\\}');
    expect(() => bre('[a')).toThrow('Unmatched [, [^, [:, [., or [=');
    expect(() => bre('\\(a\\)\\2')).toThrow('Invalid back reference');
    expect(() => bre('[:space:]')).toThrow('character class syntax is [[:space:]], not [:space:]');
  });

  it('collapses stacked quantifiers and takes mawk braces literally', () => {
    expect(new RegExp(ere('a**'), 'u').test('aaa')).toBe(true);
    expect(translateRegex('a{3}', { extended: true, intervals: false }).source).toBe('a\\{3\\}');
  });

  it('splits top-level alternatives but not groups or back-references', () => {
    expect(topLevelAlternatives('ab|abcd')).toEqual(['ab', 'abcd']);
    expect(topLevelAlternatives('(a|b)c|[|]')).toEqual(['(a|b)c', '[|]']);
    expect(topLevelAlternatives('(a)\\1|b')).toEqual(['(a)\\1|b']);
  });
});

describe('option parsing', () => {
  it('handles clusters, attached values, long abbreviations and --', () => {
    const spec = { short: 'n:vq', long: { 'lines:': 'n', verbose: 'v', quiet: 'q' } };
    expect(parseOptions(['head', '-vn3', 'f', '--lin=4', '--', '-x'], spec)).toEqual({
      options: [
        ['v', undefined],
        ['n', '3'],
        ['n', '4'],
      ],
      operands: ['f', '-x'],
    });
    expect(() => parseOptions(['head', '-x'], spec)).toThrow(UsageError);
    expect(() => parseOptions(['head', '--lines'], spec)).toThrow("option '--lines' requires an argument");
  });
});

describe('dates and numbers', () => {
  it('formats the simulated epoch like date(1)', () => {
    expect(strftime('%a %b %e %H:%M:%S %Z %Y', Date.UTC(2025, 0, 1))).toBe('Wed Jan  1 00:00:00 UTC 2025');
    expect(strftime('%-d/%_m/%y %j %V', Date.UTC(2024, 11, 30))).toBe('30/12/24 365 01');
  });

  it('parses the date strings notes use', () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(parseDate('@86400', now)).toBe(86400000);
    expect(parseDate('yesterday', now)).toBe(now - 86400000);
    expect(parseDate('2 hours ago', now)).toBe(now - 7200000);
    expect(parseDate('2024-02-29 10:00', now)).toBe(Date.UTC(2024, 1, 29, 10));
    expect(parseDate('next monday', now)).toBe(Date.UTC(2025, 0, 6));
    expect(parseDate('not a date', now)).toBeNull();
  });

  it('formats floats as C does', () => {
    expect(formatFloat(0.0001, 'g', -1)).toBe('0.0001');
    expect(formatFloat(999999.5, 'g', -1)).toBe('1e+06');
    expect(formatFloat(1234567, 'g', -1)).toBe('1.23457e+06');
    expect(formatFloat(Number.POSITIVE_INFINITY, 'f', 2)).toBe('inf');
  });

  it('orders versions like sort -V', () => {
    const sorted = ['1.10', '1.9', '1.2.3', 'v2', '1.2'].sort(versionCompare);
    expect(sorted).toEqual(['1.2', '1.2.3', '1.9', '1.10', 'v2']);
  });

  it('keeps raw bytes and UTF-8 text apart', () => {
    expect([...toBytes('é')]).toEqual([0xc3, 0xa9]);
    expect([...toBytes('\xc3\xa9')]).toEqual([0xc3, 0xa9]);
    expect(fromBytes(Uint8Array.of(0xff, 0x00, 0xc3, 0xa9))).toBe('\udcff\x00é');
    expect([...toBytes('\udcff\x00é')]).toEqual([0xff, 0x00, 0xc3, 0xa9]);
  });
});

describe('commands on the simulated host', () => {
  it('date and ls -l follow the simulated clock', () => {
    const r = run('date; touch f; sleep 90; date +%T; ls -l f; touch g; ls -l --time-style=long-iso g');
    expect(r.output).toBe(
      'Wed Jan  1 00:00:00 UTC 2025\n00:01:30\n-rw-r--r-- 1 root root 0 Jan  1 00:00 f\n' +
        '-rw-r--r-- 1 root root 0 2025-01-01 00:01 g\n',
    );
  });

  it('reports the documented kernel, CPU count and identity', () => {
    const r = run('uname -r; uname -a; nproc; id; whoami');
    expect(r.output).toBe(
      '6.1.0-28-amd64\n' +
        'Linux labbook 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22) x86_64 GNU/Linux\n' +
        '2\nuid=0(root) gid=0(root) groups=0(root)\nroot\n',
    );
  });

  it('hostname NAME renames the host everywhere', () => {
    const r = run('hostname web01; hostname; uname -n; cat /proc/sys/kernel/hostname');
    expect(r.output).toBe('web01\nweb01\nweb01\n');
    expect(r.world.mainHost.hostname).toBe('web01');
  });

  it('stops an endless awk loop with the step budget', () => {
    const r = run("awk 'BEGIN { while (1) {} }'; echo never");
    expect(r.status).toBe(124);
    expect(r.budget?.kind).toBe('steps');
    expect(r.output).not.toContain('never');
  });

  it('flushes awk output written before the budget stopped it', () => {
    const r = run('awk \'BEGIN { print "before"; for (;;) n++ }\'');
    expect(r.output).toBe('before\n');
    expect(r.budget?.kind).toBe('steps');
  });

  it('yes ends with SIGPIPE status into a pipe and hits the output budget alone', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, not a template
    const piped = run('yes | head -n 2; echo "${PIPESTATUS[@]}"');
    expect(piped.output).toBe('y\ny\n141 0\n');
    const alone = run('yes');
    expect(alone.budget?.kind).toBe('output');
  });

  it('wc sizes its columns from a redirected regular file but not from a pipe', () => {
    const r = run("printf 'a b\\n' > f; wc < f; cat f | wc; wc < /dev/null");
    expect(r.output).toBe('1 2 4\n      1       2       4\n      0       0       0\n');
  });

  it('xargs runs each command line through the command table', () => {
    const r = run('printf "a\\nb\\n" | xargs -n1 mkdir; ls; echo x | xargs -I{} sh -c "echo got {}"');
    expect(r.output).toBe('a\nb\ngot x\n');
  });

  it('cp -p keeps times and modes; cp without it takes the clock', () => {
    const r = run(
      "touch -d '2024-01-01 00:00' f; chmod 640 f; sleep 60; cp f plain; cp -p f kept; stat -c '%n %a %y' plain kept",
    );
    expect(r.output).toBe(
      'plain 640 2025-01-01 00:01:00.000000000 +0000\nkept 640 2024-01-01 00:00:00.000000000 +0000\n',
    );
  });

  it('stat numbers inodes per file system, stably', () => {
    const r = run("touch a b; stat -c '%i' a b a");
    const [a, b, again] = r.output.trim().split('\n');
    expect(a).toBe(again);
    expect(a).not.toBe(b);
  });

  it('which finds table commands and executable files on PATH', () => {
    const r = run(
      "which ls; printf '#!/bin/sh\\necho hi\\n' > /usr/local/bin/hello; chmod +x /usr/local/bin/hello; which hello; hello",
    );
    expect(r.output).toBe('/usr/bin/ls\n/usr/local/bin/hello\nhi\n');
  });

  it('kill checks signals and PIDs; ps shows the shell and itself', () => {
    const r = run('kill -l 15; kill -0 $$; echo $?; kill 99999; echo $?; kill -s NOPE 1; echo $?; ps');
    expect(r.output).toMatch(
      /^TERM\n0\nbash: kill: \(99999\) - No such process\n1\nbash: kill: NOPE: invalid signal specification\n1\n {4}PID TTY {10}TIME CMD\n {4}100 pts\/0 {4}00:00:00 bash\n +\d+ pts\/0 {4}00:00:00 ps\n$/,
    );
  });

  it('sort -R is repeatable for a seed', () => {
    const a = run('seq 1 20 | sort -R | paste -sd,', 'one').output;
    const b = run('seq 1 20 | sort -R | paste -sd,', 'one').output;
    expect(a).toBe(b);
    expect(a).not.toBe(`${Array.from({ length: 20 }, (_, i) => i + 1).join(',')}\n`);
  });

  it('base64 round-trips binary data', () => {
    const r = run("printf '\\377\\000\\200x' | base64 | base64 -d | base64");
    expect(r.output).toBe('/wCAeA==\n');
  });

  it('sed -i edits files in the vfs and keeps a backup', () => {
    const r = run("printf 'a=1\\n' > c; sed -i.orig 's/1/2/' c; cat c c.orig");
    expect(r.output).toBe('a=2\na=1\n');
  });

  it('grep -r walks directories in name order', () => {
    const r = run('mkdir -p d/b d/a; echo x > d/b/f; echo x > d/a/f; echo x > d/c; grep -r x d');
    expect(r.output).toBe('d/a/f:x\nd/b/f:x\nd/c:x\n');
  });

  it('ls lays out columns and quotes names only on the session terminal', () => {
    const session = new Session(createWorld({ hostname: 'labbook' }));
    session.run(
      "mkdir t && cd t && touch alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega 'with space'",
    );
    // Recorded from GNU ls 9.1 under script(1), 80 columns.
    expect(session.run('ls').output).toBe(
      ' alpha\t delta\t   gamma   lambda   omega     pi    sigma   upsilon\t  zeta\n' +
        " beta\t epsilon   iota    mu\t    omicron   psi   tau    'with space'\n" +
        ' chi\t eta\t   kappa   nu\t    phi       rho   theta   xi\n',
    );
    expect(session.run('ls | head -2').output).toBe('alpha\nbeta\n');
    expect(session.run('ls -l alpha "with space"').output).toBe(
      "-rw-r--r-- 1 root root 0 Jan  1 00:00  alpha\n-rw-r--r-- 1 root root 0 Jan  1 00:00 'with space'\n",
    );
  });
});
