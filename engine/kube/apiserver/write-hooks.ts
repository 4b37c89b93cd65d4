// The store's write hooks: the fieldValidation check of request bodies and the metadata.managedFields an Update operation records.
import { groupVersion, type ResourceType } from '../api/resources.ts';
import type { KubeObject } from '../api/types.ts';
import { enforceFieldValidation, pruneUnknownFields } from './field-validation.ts';
import { freezeManagedFields } from './managed-fields.ts';
import { recordUpdate } from './managed-fields-update.ts';
import type { FieldValidationRequest, WriteOptions } from './store-types.ts';

/**
 * The request body's unknown fields under its fieldValidation directive (built-in kinds only):
 * a failure under Strict, else dropped as decoding into the Go type drops them.
 */
export function validateFields(type: ResourceType, body: KubeObject, request: FieldValidationRequest): void {
  const errors = pruneUnknownFields(body, type.group, type.version, type.kind);
  const wrap = request.patch ? undefined : { kind: type.kind, version: type.version };
  request.warnings.push(...enforceFieldValidation(errors, request.directive, wrap));
}

/** What managedFields recording needs to know about the written type and the time. */
export interface ManagedFieldsContext {
  builtIn: boolean;
  statusInMainResource?: boolean;
  now: number;
}

/** metadata.managedFields after an Update operation by `options.manager` (managed-fields-update.ts). */
export function recordManagedFields(
  type: ResourceType,
  live: KubeObject | undefined,
  next: KubeObject,
  options: WriteOptions & { status?: boolean },
  context: ManagedFieldsContext,
  request?: KubeObject,
): void {
  if (options.managedFieldsSet) {
    if (Array.isArray(next.metadata.managedFields)) freezeManagedFields(next.metadata.managedFields);
    return;
  }
  const fields = recordUpdate({
    kind: type.kind,
    apiVersion: groupVersion(type),
    live,
    next,
    request,
    writer: { manager: options.manager, subresource: options.status ? 'status' : options.subresource },
    builtIn: context.builtIn,
    statusInMainResource: context.statusInMainResource,
    now: context.now,
  });
  if (fields) next.metadata.managedFields = freezeManagedFields(fields);
  else delete next.metadata.managedFields;
}
