// Which of the engine's commands each well-known image ships, which shell its `sh` is (busybox
// ash, dash or bash) and how that shell and the container runtime word a missing program.
import { CURL_8_21_0, type CurlFlavour } from '../../net/tools/curl-flavour.ts';
import type { Shell } from '../../shell/interpreter.ts';

export type ShellFlavour = 'ash' | 'dash' | 'bash';

export interface ImageTools {
  /** What /bin/sh is. */
  sh: ShellFlavour;
  /** The engine commands (by name) the image has; every other engine command is absent. */
  commands: ReadonlySet<string>;
  /** The curl release the image ships when it is not Debian 12's 7.88.1 (net/tools/curl-flavour.ts). */
  curl?: CurlFlavour;
}

// busybox 1.36.1 `make defconfig` (+CONFIG_INOTIFYD, as docker-library/busybox
// latest/glibc/Dockerfile.builder sets it), built and listed with `busybox --list`; the image
// installs every applet into /bin (`busybox --install /bin`). Only the engine's commands matter.
const BUSYBOX_APPLETS = [
  'awk',
  'base64',
  'basename',
  'cat',
  'chmod',
  'comm',
  'cp',
  'cut',
  'date',
  'diff',
  'dirname',
  'dmesg',
  'echo',
  'egrep',
  'env',
  'expand',
  'expr',
  'false',
  'fgrep',
  'fold',
  'grep',
  'head',
  'hostname',
  'id',
  'ip',
  'kill',
  'ln',
  'ls',
  'mkdir',
  'mv',
  'nc',
  'nl',
  'nproc',
  'nsenter',
  'nslookup',
  'paste',
  'ping',
  'ping6',
  'printenv',
  'printf',
  'ps',
  'pwd',
  'readlink',
  'realpath',
  'rev',
  'rm',
  'rmdir',
  'sed',
  'seq',
  'sh',
  'sleep',
  'sort',
  'stat',
  'sysctl',
  'tac',
  'tail',
  'tee',
  'touch',
  'tr',
  'true',
  'uname',
  'uniq',
  'wc',
  'wget',
  'which',
  'whoami',
  'xargs',
  'yes',
];

// Alpine (alpinelinux/docker-alpine: FROM scratch + alpine-minirootfs): busybox with aports'
// main/busybox/busyboxconfig, which enables all of the applets above, plus musl-utils' getent.
const ALPINE = [...BUSYBOX_APPLETS, 'getent'];

// debian:bookworm-slim (docker-library/debian, debootstrap --variant=minbase: the Essential and
// Priority: required packages): coreutils, bash, dash (/bin/sh), grep, sed, mawk, diffutils,
// findutils, hostname, util-linux (dmesg, nsenter, rev), debianutils (which), libc-bin (getent).
// No procps (ps, sysctl, kill: shell builtin only), iproute2, iputils, curl, wget, netcat.
const DEBIAN = [
  'awk',
  'mawk',
  'base64',
  'basename',
  'bash',
  'cat',
  'chmod',
  'comm',
  'cp',
  'cut',
  'date',
  'diff',
  'dirname',
  'dmesg',
  'echo',
  'egrep',
  'env',
  'expand',
  'expr',
  'false',
  'fgrep',
  'fold',
  'getent',
  'grep',
  'head',
  'hostname',
  'id',
  'ln',
  'ls',
  'mkdir',
  'mv',
  'nl',
  'nproc',
  'nsenter',
  'paste',
  'printenv',
  'printf',
  'pwd',
  'readlink',
  'realpath',
  'rev',
  'rm',
  'rmdir',
  'sed',
  'seq',
  'sh',
  'sleep',
  'sort',
  'stat',
  'tac',
  'tail',
  'tee',
  'touch',
  'tr',
  'true',
  'uname',
  'uniq',
  'wc',
  'which',
  'whoami',
  'xargs',
  'yes',
];

const busybox: ImageTools = { sh: 'ash', commands: new Set(BUSYBOX_APPLETS) };
const alpine: ImageTools = { sh: 'ash', commands: new Set(ALPINE) };
const debian: ImageTools = { sh: 'dash', commands: new Set(DEBIAN) };

/** Known images by repository (as images.ts parseImage normalises it). */
const KNOWN: Record<string, ImageTools> = {
  'docker.io/library/busybox': busybox,
  'registry.k8s.io/busybox': busybox,
  'docker.io/library/alpine': alpine,
  // curl/curl-container create_base_image.sh: alpine + `apk add` deps, curl copied to /usr/bin
  // (its latest tag: curl 8.21.0; other tags are not told apart)
  'docker.io/curlimages/curl': { sh: 'ash', commands: new Set([...ALPINE, 'curl']), curl: CURL_8_21_0 },
  'quay.io/curl/curl': { sh: 'ash', commands: new Set([...ALPINE, 'curl']), curl: CURL_8_21_0 },
  'docker.io/library/debian': debian,
  'docker.io/library/ubuntu': debian,
  // nginx/docker-nginx mainline/debian/Dockerfile (cffeb93, nginx 1.27.4): FROM
  // debian:bookworm-slim, then `apt-get install ... $nginxPackages gettext-base curl`
  'docker.io/library/nginx': { sh: 'dash', commands: new Set([...DEBIAN, 'curl']) },
  // kind v0.27.0 images/base/Dockerfile: debian:bookworm-slim + systemd conntrack iptables
  // nftables iproute2 ... bash ca-certificates curl jq procps; the node image adds kubectl
  'docker.io/kindest/node': {
    sh: 'dash',
    commands: new Set([
      ...DEBIAN,
      'curl',
      'conntrack',
      'ip',
      'bridge',
      'ps',
      'sysctl',
      'kill',
      'kubectl',
      'iptables',
      'iptables-nft',
      'iptables-save',
      'iptables-restore',
      'iptables-nft-save',
      'iptables-nft-restore',
    ]),
  },
};

/** The repository part of an image reference, normalised like docker's reference library. */
function repositoryOf(image: string): string {
  let rest = image.split('@')[0];
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) rest = rest.slice(0, colon);
  const parts = rest.split('/');
  const registry = parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost');
  if (registry) return rest;
  return parts.length === 1 ? `docker.io/library/${rest}` : `docker.io/${rest}`;
}

/** The tools of a known image; null for images the engine does not know (they keep every command). */
export function imageTools(image: string | undefined): ImageTools | null {
  return image ? (KNOWN[repositoryOf(image)] ?? null) : null;
}

/** The shell a script runs in: bash when the shell was started as bash, else the image's sh. */
function flavourOf(tools: ImageTools, shell: Shell): ShellFlavour {
  const arg0 = shell.state.name;
  return arg0.slice(arg0.lastIndexOf('/') + 1) === 'bash' && tools.commands.has('bash') ? 'bash' : tools.sh;
}

/**
 * The line a container's shell writes for a missing command `name` (or a missing `path`):
 *   ash  (busybox shell/ash.c ash_vmsg: "$0: [script: line N: ]name: not found"), verified
 *        with busybox 1.36.1: `sh -c curl` → "sh: curl: not found", a script → "s.sh: line 3: …";
 *   dash "$0: LINE: name: not found" (dash 0.5.12: `sh -c curl` → "sh: 1: curl: not found");
 *   bash 5.2.15 with -c: "bash: curl: command not found" (no line number), and for a path
 *        "bash: /usr/bin/curl: No such file or directory".
 */
export function notFoundLine(tools: ImageTools, shell: Shell, name: string, kind: 'name' | 'path'): string {
  const flavour = flavourOf(tools, shell);
  const script = shell.mode.kind === 'script' ? shell.mode.name : null;
  const arg0 = script ?? (shell.state.name === 'bash' && flavour !== 'bash' ? 'sh' : shell.state.name);
  switch (flavour) {
    case 'ash':
      return `${arg0}: ${script ? `line ${shell.currentLine}: ` : ''}${name}: not found\n`;
    case 'dash':
      return `${arg0}: ${shell.currentLine}: ${name}: not found\n`;
    default:
      if (script)
        return `${script}: line ${shell.currentLine}: ${name}: ${kind === 'name' ? 'command not found' : 'No such file or directory'}\n`;
      return `${arg0}: ${name}: ${kind === 'name' ? 'command not found' : 'No such file or directory'}\n`;
  }
}

/**
 * Why runc cannot start `program`, as Go's exec.LookPath words it (runc 1.2.3
 * libcontainer/setns_init_linux.go looks the program up before execve): a bare name searched on
 * PATH, or a path that does not exist.
 */
export function lookPathError(program: string): string {
  return program.includes('/')
    ? `exec: "${program}": stat ${program}: no such file or directory`
    : `exec: "${program}": executable file not found in $PATH`;
}

/**
 * containerd's error when runc cannot start `program` in an exec (kind v0.27.0's node:
 * containerd 2.0.2, runc 1.2.3), from the inside out: runc exec.go "exec failed: %w" around
 * libcontainer/container_linux.go "unable to start container process: %w" around the LookPath
 * error; containerd-shim-runc-v2 process/exec.go runtimeError(err, "OCI runtime exec failed");
 * errgrpc.ToNative appends ": unknown" (the ttrpc code is Unknown); internal/cri/server
 * container_execsync.go `failed to start exec %q: %w` (execID: util.GenerateID, 32 random bytes
 * in hex) and streaming.go / ExecSync `failed to exec in container: %w`.
 */
export function execStartError(program: string, execId: string): string {
  return (
    `failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: ` +
    `exec failed: unable to start container process: ${lookPathError(program)}: unknown`
  );
}

/**
 * How `kubectl exec` prints a start error: the streaming server
 * (k8s.io/kubelet/pkg/cri/streaming/remotecommand/exec.go) sends "error executing command in
 * container: %v" as apierrors.NewInternalError ("Internal error occurred: %v"); client-go's
 * remotecommand v4 decoder returns errors.New(status.Message); kubectl cmdutil.CheckErr prefixes
 * "error: " and exits 1.
 */
export function kubectlExecStartError(startError: string): string {
  return `error: Internal error occurred: error executing command in container: ${startError}`;
}
