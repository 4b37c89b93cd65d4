// `ip netns`: named network namespaces as files under /run/netns (ip/ipnetns.c): add, delete,
// list (newest first, with ids), list-id, identify, pids, exec, set, attach.
import type { CommandContext, Proc } from '../../commands/types.ts';
import { createNamespace, deleteNamespace } from '../netlink.ts';
import { findNamed, type Netns, type NetStack } from '../state.ts';
import { type JsonValue, writeJson } from './json.ts';
import { type IpHandler, type IpOptions, matches } from './options.ts';

const NETNS_DIR = '/run/netns';

function validName(name: string): boolean {
  return name.length > 0 && !name.includes('/') && name !== '.' && name !== '..';
}

function placeFile(ctx: CommandContext, name: string): void {
  const fs = ctx.proc.host.fs;
  fs.mkdir(NETNS_DIR, { parents: true });
  fs.writeFile(`${NETNS_DIR}/${name}`, '', { mode: 0o444 });
}

function add(ctx: CommandContext, stack: NetStack, name: string | undefined, ns?: Netns): number {
  if (name === undefined) {
    ctx.stderr.write('No netns name specified\n');
    return 1;
  }
  if (!validName(name)) {
    ctx.stderr.write(`Invalid netns name "${name}"\n`);
    return 255;
  }
  if (findNamed(stack, name)) {
    ctx.stderr.write(`Cannot create namespace file "${NETNS_DIR}/${name}": File exists\n`);
    return 1;
  }
  stack.named.unshift({ name, ns: ns ?? createNamespace(ctx.world, stack) });
  placeFile(ctx, name);
  return 0;
}

function del(ctx: CommandContext, opts: IpOptions, name: string | undefined): number {
  if (opts.all) {
    for (const { name: n } of [...opts.stack.named]) del(ctx, { ...opts, all: false }, n);
    return 0;
  }
  if (name === undefined) {
    ctx.stderr.write('No netns name specified\n');
    return 1;
  }
  const ns = findNamed(opts.stack, name);
  if (!ns) {
    ctx.stderr.write(`Cannot remove namespace file "${NETNS_DIR}/${name}": No such file or directory\n`);
    return 1;
  }
  deleteNamespace(ctx.world, opts.stack, ns);
  try {
    ctx.proc.host.fs.unlink(`${NETNS_DIR}/${name}`);
  } catch {
    // The file may already be gone from the file system view.
  }
  return 0;
}

function list(ctx: CommandContext, opts: IpOptions): number {
  const entries = opts.stack.named.map(({ name, ns }) => ({ name, id: opts.ns.nsids.get(ns.uid) }));
  if (opts.json) {
    ctx.stdout.write(
      `${writeJson(
        entries.map((e): JsonValue => (e.id === undefined ? { name: e.name } : { name: e.name, id: e.id })),
        opts.pretty,
      )}\n`,
    );
    return 0;
  }
  for (const e of entries) ctx.stdout.write(e.id === undefined ? `${e.name}\n` : `${e.name} (id: ${e.id})\n`);
  return 0;
}

function listId(ctx: CommandContext, opts: IpOptions): number {
  const all = [opts.stack.root, ...opts.stack.named.map((n) => n.ns)];
  const ids = [...opts.ns.nsids.entries()].sort((a, b) => a[1] - b[1]);
  for (const [uid, id] of ids) {
    const target = all.find((n) => n.uid === uid);
    const name = target ? opts.stack.named.find((n) => n.ns === target)?.name : undefined;
    ctx.stdout.write(name ? `nsid ${id} (iproute2 netns name: ${name})\n` : `nsid ${id} \n`);
  }
  return 0;
}

function exec(ctx: CommandContext, opts: IpOptions, args: string[]): number {
  if (opts.all) {
    for (const { name, ns } of opts.stack.named) {
      ctx.stdout.write(`\nnetns: ${name}\n`);
      ctx.exec(args, { proc: { netns: ns } });
    }
    return 0;
  }
  const [name, ...command] = args;
  if (name === undefined) {
    ctx.stderr.write('No netns name specified\n');
    return 1;
  }
  const ns = findNamed(opts.stack, name);
  if (!ns) {
    ctx.stderr.write(`Cannot open network namespace "${name}": No such file or directory\n`);
    return 255;
  }
  if (command.length === 0) {
    ctx.stderr.write('No command specified\n');
    return 1;
  }
  if (!command[0].includes('/') && !ctx.which(command[0])) {
    ctx.stderr.write(`exec of "${command[0]}" failed: No such file or directory\n`);
    return 1;
  }
  return ctx.exec(command, { proc: { netns: ns } });
}

export const ipNetns: IpHandler = (ctx, opts, args) => {
  const [cmd, ...rest] = args;
  const stack = opts.stack;
  if (cmd === undefined || matches(cmd, 'list') || cmd === 'show') return list(ctx, opts);
  if (matches(cmd, 'list-id')) return listId(ctx, opts);
  if (matches(cmd, 'add')) return add(ctx, stack, rest[0]);
  if (matches(cmd, 'attach')) {
    const root = stack.root;
    if (stack.named.some((n) => n.ns === root) || findNamed(stack, rest[0] ?? '')) {
      ctx.stderr.write(`Cannot create namespace file "${NETNS_DIR}/${rest[0]}": File exists\n`);
      return 1;
    }
    return add(ctx, stack, rest[0], opts.ns);
  }
  if (matches(cmd, 'delete')) return del(ctx, opts, rest[0]);
  if (matches(cmd, 'exec')) return exec(ctx, opts, rest);
  if (matches(cmd, 'identify')) {
    // With a pid, the namespace of that process; without, the caller's.
    let ns: Netns | null = opts.ns;
    if (rest[0] !== undefined) {
      const proc = /^\d+$/.test(rest[0])
        ? (ctx.proc.host.processes.get(Number(rest[0])) as Proc | undefined)
        : undefined;
      if (!proc) {
        ctx.stderr.write('Cannot open network namespace: No such file or directory\n');
        return 1;
      }
      ns = (proc.netns as Netns | null) ?? stack.root;
    }
    ctx.stdout.write(`${stack.named.find((n) => n.ns === ns)?.name ?? ''}\n`);
    return 0;
  }
  if (matches(cmd, 'pids')) {
    const ns = findNamed(stack, rest[0] ?? '');
    if (!ns) {
      ctx.stderr.write('Cannot open network namespace: No such file or directory\n');
      return 1;
    }
    const pids = [...ctx.proc.host.processes.entries()]
      .filter(([, p]) => (p as Proc).netns === ns)
      .map(([pid]) => pid);
    for (const pid of pids.sort((a, b) => a - b)) ctx.stdout.write(`${pid}\n`);
    return 0;
  }
  if (matches(cmd, 'set')) {
    const target = findNamed(stack, rest[0] ?? '');
    if (!target) {
      ctx.stderr.write(`Cannot open network namespace "${rest[0]}": No such file or directory\n`);
      return 255;
    }
    if (opts.ns.nsids.has(target.uid)) {
      ctx.stderr.write('Error: Peer netns already has a nsid assigned.\n');
      return 2;
    }
    opts.ns.nsids.set(target.uid, Number(rest[1]));
    return 0;
  }
  ctx.stderr.write(`Command "${cmd}" is unknown, try "ip netns help".\n`);
  return 255;
};
