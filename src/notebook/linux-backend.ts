// The Linux backend: each session of a note runs in its own throw-away private host on this
// machine (new network, mount, UTS and PID namespaces, as root or in a user namespace), one
// long-lived bash per session fed command by command, torn down after the note.
import { spawn, spawnSync } from 'node:child_process';
import type { Backend } from './backend.ts';
import { normaliseRealOutput } from './normalise.ts';
import type { Note } from './parse.ts';
import { ShellSession } from './shell-session.ts';
import { toolUse } from './tool-use.ts';

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

const CLUSTER_TOOLS = ['kubectl', 'kind', 'docker'];
/** Directories private to each session (tmpfs); file blocks may not write elsewhere. */
const PRIVATE_DIRS = ['/root', '/tmp'];

function insidePrivateDirs(path: string): boolean {
  return !path.startsWith('/') || PRIVATE_DIRS.some((d) => path === d || path.startsWith(`${d}/`));
}

/** Why a note cannot run in a private Linux host, or null. */
export function linuxUnsupported(note: Note): string | null {
  if (note.frontmatter.cluster !== undefined)
    return 'it needs a kind cluster (front matter `cluster:`), which only the engine simulates';
  for (const block of note.blocks)
    if (
      !block.attrs.norun &&
      block.kind === 'file' &&
      block.attrs.file &&
      !insidePrivateDirs(block.attrs.file)
    )
      return `its file block writes ${block.attrs.file}, outside the private host's own directories (${PRIVATE_DIRS.join(', ')})`;
  const use = toolUse(note, CLUSTER_TOOLS);
  if (use) return `it runs \`${use.tool}\` (line ${use.line}), which needs the engine's simulated cluster`;
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

export class LinuxSession extends ShellSession {
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
    const session = new LinuxSession(child, {
      backend: 'linux',
      timeoutMs,
      scriptsDir: '/tmp/.labbook-scripts',
    });
    const setup = await session.exchange(SETUP);
    if (setup.status !== 0 || setup.output !== '') {
      await session.close();
      throw new Error(`labbook: --backend linux could not set up a private host:\n${setup.output}`);
    }
    return session;
  }
}
