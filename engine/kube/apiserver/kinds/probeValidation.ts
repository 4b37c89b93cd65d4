// Probe, lifecycle handler and container security context checks of
// pkg/apis/core/validation/validation.go (validateProbe, validateHandler, ValidateSecurityContext,
// validateSeccompProfileField).
import type { FieldError } from '../errors.ts';
import { child, forbidden, goQuote, invalid, notSupported, required } from './field.ts';
import { type Json, validateNonnegative } from './meta.ts';
import { isHTTPHeaderName, isValidGroupID, isValidPortName, isValidPortNum, isValidUserID } from './names.ts';
import { validateLocalDescendingPath } from './volumeValidation.ts';

/** validateHandler: exactly one of exec, httpGet, tcpSocket, grpc (probes) or sleep (lifecycle). */
function validateHandler(h: Json, grace: number | undefined, path: string, lifecycle: boolean): FieldError[] {
  const errs: FieldError[] = [];
  let handlers = 0;
  const kinds = lifecycle
    ? ['exec', 'httpGet', 'tcpSocket', 'sleep']
    : ['exec', 'httpGet', 'tcpSocket', 'grpc'];
  for (const kind of kinds) {
    const action = h[kind];
    if (!action) continue;
    const p = child(path, kind);
    if (handlers > 0) {
      errs.push(forbidden(p, 'may not specify more than 1 handler type'));
      continue;
    }
    handlers++;
    if (kind === 'exec' && !(action.command ?? []).length) errs.push(required(child(p, 'command')));
    if (kind === 'httpGet') {
      if (!action.path) errs.push(required(child(p, 'path')));
      errs.push(...validatePortNumOrName(action.port, child(p, 'port')));
      if (!['HTTP', 'HTTPS'].includes(action.scheme))
        errs.push(notSupported(child(p, 'scheme'), goQuote(String(action.scheme ?? '')), ['HTTP', 'HTTPS']));
      for (const header of action.httpHeaders ?? []) {
        for (const msg of isHTTPHeaderName(header.name ?? ''))
          errs.push(invalid(child(p, 'httpHeaders'), goQuote(header.name ?? ''), msg));
      }
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(action.port, child(p, 'port')));
    if (kind === 'grpc') errs.push(...validatePortNumOrName(Number(action.port ?? 0), child(p, 'port')));
    if (kind === 'sleep' && grace !== undefined && (action.seconds <= 0 || action.seconds > grace)) {
      errs.push(
        invalid(
          p,
          String(action.seconds),
          `must be greater than 0 and less than terminationGracePeriodSeconds (${grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
        ),
      );
    }
  }
  if (handlers === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

/** ValidatePortNumOrName: ints are port numbers, strings IANA service names. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((msg) => invalid(path, goQuote(port), msg));
  const n = typeof port === 'number' ? port : 0;
  return isValidPortNum(n).map((msg) => invalid(path, String(n), msg));
}

export function validateProbe(
  probe: Json,
  grace: number | undefined,
  path: string,
  kind: 'liveness' | 'readiness' | 'startup',
): FieldError[] {
  if (!probe) return [];
  const errs = validateHandler(probe, grace, path, false);
  for (const f of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    errs.push(...validateNonnegative(probe[f] ?? 0, child(path, f)));
  }
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(
      invalid(
        child(path, 'terminationGracePeriodSeconds'),
        String(probe.terminationGracePeriodSeconds),
        'must be greater than 0',
      ),
    );
  }
  if (kind !== 'readiness' && probe.successThreshold !== 1) {
    errs.push(invalid(child(path, 'successThreshold'), String(probe.successThreshold ?? 0), 'must be 1'));
  }
  if (kind === 'readiness' && probe.terminationGracePeriodSeconds !== undefined) {
    errs.push(
      invalid(
        child(path, 'terminationGracePeriodSeconds'),
        String(probe.terminationGracePeriodSeconds),
        'must not be set for readinessProbes',
      ),
    );
  }
  return errs;
}

export function validateLifecycle(lc: Json, grace: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (lc.postStart) errs.push(...validateHandler(lc.postStart, grace, child(path, 'postStart'), true));
  if (lc.preStop) errs.push(...validateHandler(lc.preStop, grace, child(path, 'preStop'), true));
  return errs;
}

/** ValidateSecurityContext (container). */
export function validateSecurityContext(sc: Json, path: string): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  if (sc.runAsUser !== undefined)
    for (const msg of isValidUserID(sc.runAsUser))
      errs.push(invalid(child(path, 'runAsUser'), String(sc.runAsUser), msg));
  if (sc.runAsGroup !== undefined)
    for (const msg of isValidGroupID(sc.runAsGroup))
      errs.push(invalid(child(path, 'runAsGroup'), String(sc.runAsGroup), msg));
  if (sc.procMount !== undefined) {
    if (!['Default', 'Unmasked'].includes(sc.procMount))
      errs.push(notSupported(child(path, 'procMount'), goQuote(sc.procMount), ['Default', 'Unmasked']));
    if (sc.procMount === 'Unmasked')
      errs.push(
        invalid(
          child(path, 'procMount'),
          goQuote(sc.procMount),
          '`hostUsers` must be false to use `Unmasked`',
        ),
      );
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, child(path, 'seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true)
      errs.push(
        invalid(
          path,
          '"<security context>"',
          'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
        ),
      );
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap === 'CAP_SYS_ADMIN')
        errs.push(
          invalid(
            path,
            '"<security context>"',
            'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
          ),
        );
    }
  }
  return errs;
}

/** validateSeccompProfileField. */
export function validateSeccompProfile(sp: Json, path: string): FieldError[] {
  if (!sp) return [];
  const errs: FieldError[] = [];
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (!sp.type) errs.push(required(child(path, 'type')));
  else if (!types.includes(sp.type)) errs.push(notSupported(child(path, 'type'), goQuote(sp.type), types));
  if (sp.type === 'Localhost') {
    if (sp.localhostProfile === undefined)
      errs.push(required(child(path, 'localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(sp.localhostProfile, child(path, 'localhostProfile')));
  } else if (sp.localhostProfile !== undefined) {
    errs.push(
      invalid(
        child(path, 'localhostProfile'),
        '"<seccomp profile>"',
        'can only be set when seccomp type is Localhost',
      ),
    );
  }
  return errs;
}
