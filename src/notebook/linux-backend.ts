// The Linux backend: each session of a note runs in its own throw-away private host on this
// machine (new network, mount, UTS and PID namespaces, as root or in a user namespace), one
// long-lived bash per session fed command by command, torn down after the note.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { Backend, BackendResult, BackendSession } from './backend.ts';
import { normaliseRealOutput } from './normalise.ts';
import type { Note } from './parse.ts';
import { parseTranscript } from './transcript.ts';

export type LinuxMode =
  | { kind: 'root' | 'rootless'; description: string }
  | { kind: 'unavailable'; reason: string };

const NAMESPACES = ['--net', '--mount', '--uts', '--pid', '--fork', '--mount-proc', '--kill-child'];
const ROOTLESS = ['--user', '--map-root-user'];
const ENV = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOME: '/root',
  LANG: 'C',
  LC_ALL: 'C',
  TERM: 'dumb',
};

let detected: LinuxMode | undefined;

function tryUnshare(extra: string[]): string | null {
  const r = spawnSync('unshare', [...extra, ...NAMESPACES, 'true'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error) return r.error.message;
  return r.status === 0 ? null : r.stderr.trim() || `exit status ${r.status}`;
}

/** How private hosts can be made here: as root, in a user namespace (rootless), or not at all. */
export function linuxMode(): LinuxMode {
  if (detected) return detected;
  if (process.platform !== 'linux') detected = { kind: 'unavailable', reason: 'needs root on Linux' };
  else if (process.getuid?.() === 0) {
    const failed = tryUnshare([]);
    detected = failed
      ? { kind: 'unavailable', reason: `needs root with working namespaces: unshare failed: ${failed}` }
      : { kind: 'root', description: 'root (unshare --net --mount --uts --pid)' };
  } else {
    const failed = tryUnshare(ROOTLESS);
    detected = failed
      ? { kind: 'unavailable', reason: `needs root (user namespaces are not available: ${failed})` }
      : { kind: 'rootless', description: 'rootless (unshare --user --map-root-user)' };
  }
  return detected;
}

const CLUSTER_TOOL = /(?:^|[\s;&|(`])(kubectl|kind|docker)(?=$|[\s;&|)`])/m;
/** Directories private to each session (tmpfs); file blocks may not write elsewhere. */
const PRIVATE_DIRS = ['/root', '/tmp'];

function insidePrivateDirs(path: string): boolean {
  return !path.startsWith('/') || PRIVATE_DIRS.some((d) => path === d || path.startsWith(`${d}/`));
}

/** Why a note cannot run in a private Linux host, or null. */
export function linuxUnsupported(note: Note): string | null {
  if (note.frontmatter.cluster !== undefined)
    return 'it needs a kind cluster (front matter `cluster:`), which only the engine simulates';
  for (const block of note.blocks) {
    if (block.attrs.norun) continue;
    if (block.kind === 'file' && block.attrs.file && !insidePrivateDirs(block.attrs.file))
      return `its file block writes ${block.attrs.file}, outside the private host's own directories (${PRIVATE_DIRS.join(', ')})`;
    const sources =
      block.kind === 'script'
        ? [block.body]
        : block.kind === 'transcript'
          ? parseTranscript(block.body).commands.map((c) => c.source)
          : [];
    for (const source of sources) {
      const tool = CLUSTER_TOOL.exec(source);
      if (tool)
        return `it runs \`${tool[1]}\` (line ${block.line}), which needs the engine's simulated cluster`;
    }
  }
  return null;
}

export interface LinuxBackendOptions {
  /** Longest a command may run before its session is stopped (default 60 s). */
  commandTimeoutMs?: number;
}

export function linuxBackend(options: LinuxBackendOptions = {}): Backend {
  const timeout = options.commandTimeoutMs ?? 60_000;
  return {
    name: 'linux',
    unsupported(note) {
      const mode = linuxMode();
      return mode.kind === 'unavailable' ? mode.reason : linuxUnsupported(note);
    },
    openSession: () => LinuxSession.open(timeout),
    normalise: normaliseRealOutput,
  };
}

/** Makes the host private, then gives nested interactive shells' `exit` the word bash prints. */
const SETUP = `exec 2>&1
mount --make-rprivate /
mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns
mount -t tmpfs tmpfs /root && mount -t tmpfs tmpfs /tmp
hostname labbook
ip link set lo up
cd /root
exit() { local s=$?; [[ $0 == bash && -z \${BASH_EXECUTION_STRING+x} && \${BASH_SOURCE[1]-} == "" ]] && echo exit >&2; builtin exit "\${@:-$s}"; }
export -f exit
`;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class LinuxSession implements BackendSession {
  private output = '';
  private readonly decoder = new StringDecoder('utf8');
  private readonly marker = `__labbook_${randomBytes(8).toString('hex')}_`;
  private waiter: (() => void) | null = null;
  private exitStatus: number | null = null;
  private readonly exited: Promise<void>;

  private readonly child: ChildProcess;
  private readonly timeoutMs: number;

  private constructor(child: ChildProcess, timeoutMs: number) {
    this.child = child;
    this.timeoutMs = timeoutMs;
    const onData = (chunk: Buffer) => {
      this.output += this.decoder.write(chunk);
      this.waiter?.();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.stdin!.on('error', () => {});
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.exitStatus = code ?? (signal ? 128 + 9 : 1);
        resolve();
        this.waiter?.();
      });
      child.once('error', (e) => {
        this.output += `${e.message}\n`;
        this.exitStatus = 127;
        resolve();
        this.waiter?.();
      });
    });
  }

  static async open(timeoutMs: number): Promise<LinuxSession> {
    const mode = linuxMode();
    if (mode.kind === 'unavailable') throw new Error(`labbook: --backend linux ${mode.reason}`);
    const args = [
      ...(mode.kind === 'rootless' ? ROOTLESS : []),
      ...NAMESPACES,
      'bash',
      '--noprofile',
      '--norc',
    ];
    const child = spawn('unshare', args, {
      env: ENV,
      cwd: '/',
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const session = new LinuxSession(child, timeoutMs);
    const setup = await session.exchange(SETUP);
    if (setup.status !== 0 || setup.output !== '') {
      await session.close();
      throw new Error(`labbook: --backend linux could not set up a private host:\n${setup.output}`);
    }
    return session;
  }

  get closed(): boolean {
    return this.exitStatus !== null;
  }

  /** Writes `text` to the innermost shell, then a line printing the marker and the status. */
  private async exchange(text: string): Promise<BackendResult> {
    if (this.closed) return { output: '', status: 1 };
    this.output = '';
    const done = new RegExp(`${this.marker}(\\d+)\n`);
    this.child.stdin!.write(
      `${text.endsWith('\n') ? text : `${text}\n`}printf '%s%d\\n' ${this.marker} "$?"\n`,
    );
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const result = await new Promise<BackendResult>((resolve) => {
      const check = () => {
        const m = done.exec(this.output);
        if (m) resolve({ output: this.output.slice(0, m.index), status: Number(m[1]) });
        else if (this.closed) resolve({ output: this.output, status: this.exitStatus! });
        else if (timedOut) {
          const seconds = this.timeoutMs / 1000;
          const message = `the command ran longer than ${seconds}s on linux; its session was stopped`;
          resolve({ output: this.output, status: 124, budget: { message } });
        }
      };
      this.waiter = check;
      timer = setTimeout(() => {
        timedOut = true;
        check();
      }, this.timeoutMs);
      check();
    });
    clearTimeout(timer);
    this.waiter = null;
    if (result.budget) await this.close();
    return result;
  }

  run(command: string): Promise<BackendResult> {
    return this.exchange(command);
  }

  async runScript(body: string, name: string): Promise<BackendResult> {
    const path = `/tmp/.labbook-scripts/${name.replace(/\//g, '_')}`;
    await this.writeFile(path, body.endsWith('\n') ? body : `${body}\n`);
    // `bash -c` with $0 set to NAME reports errors as `bash NAME` does; no terminal input.
    return this.exchange(`bash -c "$(< ${quote(path)})" ${quote(name)} </dev/null`);
  }

  async writeFile(path: string, content: string, mode?: number): Promise<void> {
    const data = Buffer.from(content, 'utf8').toString('base64');
    const chmod = mode !== undefined ? ` && chmod ${mode.toString(8)} ${quote(path)}` : '';
    const r = await this.exchange(
      `mkdir -p "$(dirname ${quote(path)})" && printf %s ${quote(data)} | base64 -d > ${quote(path)}${chmod}`,
    );
    if (r.status !== 0) throw new Error(`labbook: --backend linux could not write ${path}: ${r.output}`);
  }

  /** Kills the session's process group (its PID namespace dies with it) and waits for the end. */
  async close(): Promise<void> {
    if (this.exitStatus === null && this.child.pid !== undefined) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {}
    }
    this.child.stdin!.destroy();
    await this.exited;
  }
}
