// API errors as metav1.Status carries them (reason, code, message, details), built with the
// wording of k8s.io/apimachinery/pkg/api/errors, and field errors as field.ErrorList prints them.

export interface StatusCause {
  /** FieldValueRequired, FieldValueInvalid, ... */
  reason: string;
  message: string;
  field: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

export class StatusError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details: StatusDetails;

  constructor(code: number, reason: string, message: string, details: StatusDetails = {}) {
    super(message);
    this.name = 'StatusError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }
}

/** `pods` or `deployments.apps`, the GroupResource.String() of messages. */
export function groupResource(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

export function notFound(group: string, resource: string, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${groupResource(group, resource)} "${name}" not found`, {
    name,
    group,
    kind: resource,
  });
}

export function alreadyExists(group: string, resource: string, name: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${groupResource(group, resource)} "${name}" already exists`, {
    name,
    group,
    kind: resource,
  });
}

export function conflict(group: string, resource: string, name: string, why: string): StatusError {
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${groupResource(group, resource)} "${name}": ${why}`,
    { name, group, kind: resource },
  );
}

export function forbidden(group: string, resource: string, name: string, why: string): StatusError {
  const what = name ? `${groupResource(group, resource)} "${name}"` : groupResource(group, resource);
  return new StatusError(403, 'Forbidden', `${what} is forbidden: ${why}`, { name, group, kind: resource });
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

export function methodNotSupported(group: string, resource: string, verb: string): StatusError {
  return new StatusError(
    405,
    'MethodNotAllowed',
    `${verb} is not supported on resources of kind "${groupResource(group, resource)}"`,
  );
}

export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Duplicate value'
  | 'Forbidden'
  | 'Too long'
  | 'Too many'
  | 'Not found'
  | 'Internal error';

const CAUSE_REASON: Record<FieldErrorType, string> = {
  'Required value': 'FieldValueRequired',
  'Invalid value': 'FieldValueInvalid',
  'Unsupported value': 'FieldValueNotSupported',
  'Duplicate value': 'FieldValueDuplicate',
  Forbidden: 'FieldValueForbidden',
  'Too long': 'FieldValueTooLong',
  'Too many': 'FieldValueTooMany',
  'Not found': 'FieldValueNotFound',
  'Internal error': 'InternalError',
};

/** One field.Error: its path, type, offending value (when shown) and detail. */
export interface FieldError {
  field: string;
  type: FieldErrorType;
  /** The value as Go's %#v-ish quoting prints it (already formatted), or undefined. */
  value?: string;
  detail?: string;
}

/** field.Error.ErrorBody(): "Invalid value: \"x\": must be ..." or "Required value". */
export function errorBody(e: FieldError): string {
  let s: string = e.type;
  if (
    e.value !== undefined &&
    (e.type === 'Invalid value' ||
      e.type === 'Unsupported value' ||
      e.type === 'Duplicate value' ||
      e.type === 'Not found')
  ) {
    s += `: ${e.value}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(): "spec.replicas: Invalid value: -1: must be greater than or equal to 0". */
export function fieldErrorText(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** Go's %q of a string value in a field error. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** apierrors.NewInvalid: "Pod \"x\" is invalid: a" or "... is invalid: [a, b]". */
export function invalid(group: string, kind: string, name: string, errors: FieldError[]): StatusError {
  const unique: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const text = fieldErrorText(e);
    if (seen.has(text)) continue;
    seen.add(text);
    unique.push(e);
  }
  const texts = unique.map(fieldErrorText);
  const aggregate = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  const qualified = group ? `${kind}.${group}` : kind;
  return new StatusError(422, 'Invalid', `${qualified} "${name}" is invalid: ${aggregate}`, {
    name,
    group,
    kind,
    causes: unique.map((e) => ({ reason: CAUSE_REASON[e.type], message: errorBody(e), field: e.field })),
  });
}
