// One simulated Kubernetes cluster: its API server (store and registry), event recorders,
// the event loop in simulated time, and the control-plane components attached to it.
import type { Budget } from '../core/budget.ts';
import type { Clock } from '../core/clock.ts';
import type { Random } from '../core/random.ts';
import { ResourceRegistry } from './api/registry.ts';
import type { ResourceType } from './api/resources.ts';
import type { KubeObject, OwnerReference } from './api/types.ts';
import './apiserver/kinds/index.ts';
import { Store } from './apiserver/store.ts';
import { EventRecorder } from './events.ts';
import { Runtime } from './runtime.ts';

export interface ClusterOptions {
  name: string;
  clock: Clock;
  random: Random;
  budget?: Budget;
  /** https://127.0.0.1:PORT, the API server address written to the kubeconfig. */
  server: string;
}

export class Cluster {
  readonly name: string;
  readonly server: string;
  readonly registry: ResourceRegistry;
  readonly store: Store;
  readonly runtime: Runtime;
  readonly events: EventRecorder;
  readonly random: Random;
  /** Control-plane and node components keyed by name, for commands that reach into them. */
  readonly components = new Map<string, unknown>();
  /** What the container registries hold, as far as a note says: images that do not exist. */
  readonly registries = { missing: new Set<string>() };

  constructor(options: ClusterOptions) {
    this.name = options.name;
    this.server = options.server;
    this.random = options.random;
    this.registry = new ResourceRegistry();
    this.runtime = new Runtime(options.clock, options.budget);
    this.store = new Store({ registry: this.registry, now: () => this.runtime.now(), random: this.random });
    this.events = new EventRecorder(this.store, () => this.runtime.now());
  }

  now(): number {
    return this.runtime.now();
  }

  /** The type of a built-in resource by plural name (e.g. "pods", "deployments"). */
  type(resource: string): ResourceType {
    const t = this.registry.resolve(resource);
    if (!t) throw new Error(`unknown resource ${resource}`);
    return t;
  }

  /** Creates an object as a control-plane component does (errors are bugs, not user input). */
  create(obj: KubeObject): KubeObject {
    return this.store.create(obj);
  }
}

/** The ownerReference a controller puts on what it creates. */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}
