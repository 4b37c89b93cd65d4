// The Kubernetes tools every world has: kind, kubectl and docker (for kind's node containers).
import type { CommandFn } from '../commands/types.ts';
import { DNS_COMMANDS } from './dns/commands.ts';
import { docker } from './kind/docker-cli.ts';
import { kind } from './kind/kind-cli.ts';
import { kubectl } from './kubectl/main.ts';

export const KUBE_COMMANDS: Array<[string, string, CommandFn]> = [
  ['kind', '/usr/local/bin/kind', kind],
  ['kubectl', '/usr/local/bin/kubectl', kubectl],
  ['docker', '/usr/bin/docker', docker],
  ...DNS_COMMANDS,
];
