// The clusters of a world (what kind has created) and the nodes' simulated hosts, kept in
// the world's "kube" subsystem so every command in the world sees the same clusters.
import type { Host } from '../host.ts';
import type { World } from '../world.ts';
import type { Cluster } from './cluster.ts';

export interface KindNode {
  name: string;
  role: 'control-plane' | 'worker';
  host: Host;
  ip: string;
  containerId: string;
  createdMs: number;
}

export interface KindCluster {
  cluster: Cluster;
  nodes: KindNode[];
  port: number;
}

export interface KubeWorld {
  clusters: Map<string, KindCluster>;
}

export function kubeWorld(world: World): KubeWorld {
  let state = world.subsystems.get('kube') as KubeWorld | undefined;
  if (!state) {
    state = { clusters: new Map() };
    world.subsystems.set('kube', state);
  }
  return state;
}

/** The cluster an API server URL belongs to (what a kubeconfig's server points at). */
export function clusterByServer(world: World, server: string): KindCluster | undefined {
  for (const c of kubeWorld(world).clusters.values()) if (c.cluster.server === server) return c;
  return undefined;
}
