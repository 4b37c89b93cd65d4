// What the API server does per resource beyond storing it: defaulting, validation and the
// status/spec split, as the registry strategies of pkg/registry/* do. Each kind registers one.
import type { KubeObject } from '../api/types.ts';
import type { FieldError } from './errors.ts';

export interface StrategyContext {
  /** Simulated time of the request, ms since the epoch. */
  now: number;
  /** Deterministic random source of the cluster (names, IPs, ports). */
  random: { int(n: number): number };
  /** Looks up another stored object (e.g. the Service CIDR allocator, namespaces). */
  lookup(resource: string, namespace: string, name: string): KubeObject | undefined;
}

export interface Strategy {
  /** Fills in defaults, as the versioned defaulters (SetDefaults_*) and PrepareForCreate do. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** Copies what a spec update must not change (status) and bumps nothing else. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate?(obj: KubeObject): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** Called after the object is gone from storage (release IPs, ports). */
  afterDelete?(obj: KubeObject, ctx: StrategyContext): void;
  /** Does this resource carry metadata.generation (bumped on spec changes)? Default: has spec. */
  generation?: boolean;
}

const strategies = new Map<string, Strategy>();

/** Registers the strategy of a kind ("Pod", "Deployment", ...). Later layers call this. */
export function registerStrategy(kind: string, strategy: Strategy): void {
  strategies.set(kind, strategy);
}

export function strategyFor(kind: string): Strategy {
  return strategies.get(kind) ?? {};
}
