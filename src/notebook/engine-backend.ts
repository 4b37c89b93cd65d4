// The embedded engine as a backend: each session is a fresh simulated world (with the kind
// cluster the front matter asks for), deterministic from the session's name.
import { createWorld, Session } from '../../engine/index.ts';
import { createKindCluster } from '../../engine/kube/kind/kind-cli.ts';
import { installMetricsServer, setUsage } from '../../engine/kube/metrics/index.ts';
import { kubeWorld } from '../../engine/kube/world-clusters.ts';
import type { Backend, BackendResult, BackendSession } from './backend.ts';
import { readClusterRequest } from './cluster-request.ts';
import type { Note } from './parse.ts';

function seedFor(session: string): string {
  return `labbook:${session}`;
}

/** An engine session; `engine` gives topology blocks the simulated world to draw. */
export class EngineSession implements BackendSession {
  readonly engine: Session;
  constructor(engine: Session) {
    this.engine = engine;
  }
  get closed(): boolean {
    return this.engine.closed;
  }
  run(command: string): BackendResult {
    return this.engine.run(command);
  }
  runScript(body: string, name: string): BackendResult {
    return this.engine.runScript(body, name);
  }
  writeFile(path: string, content: string, mode?: number): void {
    this.engine.writeFile(path, content, mode);
  }
  close(): void {}
}

export function engineBackend(note: Note): Backend {
  return {
    name: 'engine',
    unsupported: () => null,
    async openSession(name, problem) {
      const session = new Session(createWorld({ seed: seedFor(name) }));
      const cluster = readClusterRequest(note.frontmatter.cluster);
      if (cluster && 'error' in cluster) problem('cluster', cluster.error);
      else if (cluster) {
        const world = session.world;
        createKindCluster(world, { ...cluster, fs: world.mainHost.fs, kubeconfig: '/root/.kube/config' });
        const created = kubeWorld(world).clusters.get(cluster.name)?.cluster;
        if (created) {
          for (const image of cluster.missingImages) created.registries.missing.add(image);
          if (cluster.metrics) installMetricsServer(created);
          for (const usage of cluster.usage) setUsage(created, usage);
          created.runtime.settle();
        }
      }
      return new EngineSession(session);
    },
  };
}
