// kubectl's --validate flag as the fieldValidation directive it sends (cmd/util helpers.go
// GetValidationDirective), and the strict decoding warnings the server answers, printed as
// client-go's warning writer prints them.
import type { FieldValidation } from '../apiserver/field-validation.ts';
import type { FieldValidationRequest } from '../apiserver/store.ts';
import { type Kubectl, KubectlError } from './context.ts';
import { type ParsedFlags, str } from './flags.ts';

/** strict/true → Strict, warn → Warn, ignore/false → Ignore; the flag defaults to strict. */
export function validationDirective(flags: ParsedFlags): FieldValidation {
  const value = str(flags, 'validate') ?? 'strict';
  // strconv.ParseBool's spellings first, then the directives (case-sensitive)
  if (['1', 't', 'T', 'TRUE', 'true', 'True', 'strict'].includes(value)) return 'Strict';
  if (['0', 'f', 'F', 'FALSE', 'false', 'False', 'ignore'].includes(value)) return 'Ignore';
  if (value === 'warn') return 'Warn';
  throw new KubectlError(
    `error: invalid - validate option "${value}"; must be one of: strict (or true), warn, ignore (or false)`,
  );
}

/**
 * The field validation of a request kubectl sends to the server, or undefined when nothing is
 * sent (client-side dry run).
 */
export function fieldValidationRequest(
  flags: ParsedFlags,
  options: { clientDryRun?: boolean; patch?: boolean } = {},
): FieldValidationRequest | undefined {
  const directive = validationDirective(flags);
  if (options.clientDryRun) return undefined;
  return { directive, warnings: [], patch: options.patch };
}

/** `Warning: TEXT` on stderr for each warning (rest.WarningWriter). */
export function printWarnings(k: Kubectl, request: FieldValidationRequest | undefined): void {
  for (const text of request?.warnings ?? []) k.err(`Warning: ${text}\n`);
  if (request) request.warnings.length = 0;
}
