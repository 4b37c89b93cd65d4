// The shapes the API server storage exchanges: watch events, list/write/delete options, the strategy of runtime-served types, and the store's dependencies.
import type { ResourceRegistry } from '../api/registry.ts';
import type { ResourceType } from '../api/resources.ts';
import type { FieldRequirement, Selector } from '../api/selectors.ts';
import type { KubeObject } from '../api/types.ts';
import type { FieldValidation } from './field-validation.ts';
import type { Strategy } from './strategy.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  resource: ResourceType;
  /** The stored object after the change (before removal for DELETED); do not mutate. */
  object: KubeObject;
  old?: KubeObject;
}

export interface ListOptions {
  labelSelector?: Selector;
  fieldSelector?: FieldRequirement[];
}

export interface WriteOptions {
  dryRun?: boolean;
  /** Checks the body's fields against the built-in kind's schema (the fieldValidation parameter). */
  fieldValidation?: FieldValidationRequest;
  /**
   * The writer's field manager (the fieldManager parameter or the User-Agent prefix), recorded
   * as an Update entry of metadata.managedFields; "unknown" when missing, as buildmanagerinfo.go.
   */
  manager?: string;
  /** The subresource written, as managedFields record it ("scale"); `status` implies "status". */
  subresource?: string;
  /** Server-side apply already set metadata.managedFields: store them as they are. */
  managedFieldsSet?: boolean;
}

export interface FieldValidationRequest {
  directive: FieldValidation;
  /** Receives the strict decoding errors as warnings under Warn. */
  warnings: string[];
  /** The body was a patch: errors are not wrapped as a decode failure of the kind. */
  patch?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  gracePeriodSeconds?: number;
}

/**
 * The strategy of a resource type registered at runtime (custom resources): unlike built-in
 * kinds, its status may be part of the main resource (a CRD without the status subresource).
 */
export interface TypeStrategy extends Strategy {
  /** Status is written with the object itself (no status subresource): kept on create/update. */
  statusInMainResource?: boolean;
}

export interface StoreDeps {
  registry: ResourceRegistry;
  now(): number;
  random: { int(n: number): number; u32(): number };
}
