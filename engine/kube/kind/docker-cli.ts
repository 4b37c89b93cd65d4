// `docker` as far as kind's node containers go: `docker ps` lists them, `docker exec NODE
// CMD...` runs a command on the node's simulated host (ip, iptables-save, crictl-less shells),
// `docker stop NODE` / `docker start NODE` stop and restart the node (its kubelet with it).
import type { CommandContext } from '../../commands/types.ts';
import type { Kubelet } from '../kubelet/kubelet.ts';
import { DOCKER_CLI_TABWRITER, tabulateRows } from '../text/tabwriter.ts';
import { kubeWorld } from '../world-clusters.ts';
import { NODE_IMAGE } from './bootstrap.ts';
import { dockerHumanDuration } from './docker-units.ts';

export function docker(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  const [verb] = args;
  const nodes = [...kubeWorld(ctx.world).clusters.values()].flatMap((c) => {
    const kubelets = (c.cluster.components.get('kubelets') as Kubelet[] | undefined) ?? [];
    return c.nodes.map((n) => ({
      ...n,
      port: c.port,
      cluster: c.cluster,
      kubelet: kubelets.find((k) => k.node.name === n.name),
    }));
  });
  if (verb === 'stop' || verb === 'start') {
    const targets = args.slice(1).filter((a) => !a.startsWith('-'));
    if (targets.length === 0) {
      // docker/cli cli/required.go RequiresMinArgs(1)
      ctx.stderr.write(
        `"docker ${verb}" requires at least 1 argument.\nSee 'docker ${verb} --help'.\n\nUsage:  docker ${verb} [OPTIONS] CONTAINER [CONTAINER...]\n\n${verb === 'stop' ? 'Stop one or more running containers' : 'Start one or more stopped containers'}\n`,
      );
      return 1;
    }
    let status = 0;
    for (const target of targets) {
      const node = nodes.find((n) => n.name === target || n.containerId.startsWith(target));
      if (!node) {
        ctx.stderr.write(`Error response from daemon: No such container: ${target}\n`);
        status = 1;
        continue;
      }
      // the cluster catches up with the time that passed before the node changes state
      node.cluster.runtime.catchUp();
      if (verb === 'stop') node.kubelet?.stopNode();
      else {
        node.kubelet?.startNode();
        node.cluster.runtime.settle();
      }
      // docker/cli container/stop.go and start.go print each container as it was named
      ctx.stdout.write(`${target}\n`);
    }
    return status;
  }
  if (verb === 'ps') {
    const rows = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES']];
    const now = ctx.world.clock.now();
    for (const n of [...nodes].reverse()) {
      if (n.kubelet?.stopped) continue;
      // docker/cli formatter: RunningFor is "<HumanDuration> ago", the daemon's status "Up <HumanDuration>"
      const age = dockerHumanDuration(now - n.createdMs);
      const up = dockerHumanDuration(now - (n.kubelet?.restartedAt ?? n.createdMs));
      rows.push([
        n.containerId.slice(0, 12),
        NODE_IMAGE.split('@')[0],
        '"/usr/local/bin/entr…"',
        `${age} ago`,
        `Up ${up}`,
        n.role === 'control-plane' ? `127.0.0.1:${n.port}->6443/tcp` : '',
        n.name,
      ]);
    }
    ctx.stdout.write(tabulateRows(rows, DOCKER_CLI_TABWRITER));
    return 0;
  }
  if (verb === 'exec') {
    let i = 1;
    while (i < args.length && args[i].startsWith('-')) i++;
    const target = args[i];
    const command = args.slice(i + 1);
    const node = nodes.find((n) => n.name === target || n.containerId.startsWith(target ?? ''));
    if (!node) {
      ctx.stderr.write(`Error response from daemon: No such container: ${target}\n`);
      return 1;
    }
    if (command.length === 0) {
      ctx.stderr.write(
        '"docker exec" requires at least 2 arguments.\nSee \'docker exec --help\'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n',
      );
      return 1;
    }
    return ctx.exec(command, { proc: { host: node.host, netns: null, cwd: '/' } });
  }
  ctx.stderr.write(`docker: '${verb}' is not a docker command.\nSee 'docker --help'\n`);
  return 1;
}
