// Container checks of pkg/apis/core/validation/validation.go: validateContainerCommon (name,
// image, ports, env, mounts, pull policy, resources, security context), probes and lifecycle
// handlers, and the regular / init container list rules (names unique, host ports, restartPolicy).
import type { FieldError } from '../errors.ts';
import {
  child,
  duplicate,
  forbidden,
  goQuote,
  index,
  invalid,
  notFound,
  notSupported,
  required,
} from './field.ts';
import type { Json } from './meta.ts';
import {
  isConfigMapKey,
  isDNS1123Label,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
} from './names.ts';
import { validateLifecycle, validateProbe, validateSecurityContext } from './probeValidation.ts';
import { validateContainerResources } from './resources.ts';
import { validateLocalDescendingPath } from './volumeValidation.ts';

const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validateDNS1123Label(value: string, path: string): FieldError[] {
  return isDNS1123Label(value).map((msg) => invalid(path, goQuote(value), msg));
}

/** validateContainerPorts. */
function validateContainerPorts(ports: Json[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = index(path, i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length > 0)
        for (const msg of msgs) errs.push(invalid(child(p, 'name'), goQuote(port.name), msg));
      else if (names.has(port.name)) errs.push(duplicate(child(p, 'name'), goQuote(port.name)));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(child(p, 'containerPort')));
    else
      for (const msg of isValidPortNum(port.containerPort))
        errs.push(invalid(child(p, 'containerPort'), String(port.containerPort), msg));
    if (port.hostPort) {
      for (const msg of isValidPortNum(port.hostPort))
        errs.push(invalid(child(p, 'hostPort'), String(port.hostPort), msg));
    }
    if (!port.protocol) errs.push(required(child(p, 'protocol')));
    else if (!PORT_PROTOCOLS.includes(port.protocol))
      errs.push(notSupported(child(p, 'protocol'), goQuote(port.protocol), PORT_PROTOCOLS));
  });
  return errs;
}

const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const RESOURCE_FIELD_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];

/** validateObjectFieldSelector (downward API field references). */
export function validateFieldRef(ref: Json, valid: string[], path: string): FieldError[] {
  if (!ref.apiVersion) return [required(child(path, 'apiVersion'))];
  if (!ref.fieldPath) return [required(child(path, 'fieldPath'))];
  const fp: string = ref.fieldPath;
  const sub = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(fp) ?? /^([^[]+)\[(.*)\]$/.exec(fp);
  if (sub) {
    if (sub[1] === 'metadata.annotations')
      return isQualifiedName(sub[2].toLowerCase()).map((m) =>
        invalid(path, goQuote(sub[2].toLowerCase()), m),
      );
    if (sub[1] === 'metadata.labels')
      return isQualifiedName(sub[2]).map((m) => invalid(path, goQuote(sub[2]), m));
    return [invalid(path, goQuote(sub[1]), 'does not support subscript')];
  }
  if (!valid.includes(fp)) return [notSupported(child(path, 'fieldPath'), goQuote(fp), [...valid].sort())];
  return [];
}

/** validateContainerResourceFieldSelector. */
export function validateResourceFieldRef(ref: Json, path: string, volume: boolean): FieldError[] {
  if (volume && !ref.containerName) return [required(child(path, 'containerName'))];
  if (!ref.resource) return [required(child(path, 'resource'))];
  const r: string = ref.resource;
  if (
    !RESOURCE_FIELD_PATHS.includes(r) &&
    !r.startsWith('limits.hugepages-') &&
    !r.startsWith('requests.hugepages-')
  ) {
    return [notSupported(child(path, 'resource'), goQuote(r), RESOURCE_FIELD_PATHS)];
  }
  return [];
}

function validateKeySelector(sel: Json, path: string): FieldError[] {
  const errs = nameIsDNSSubdomain(String(sel.name ?? ''), false).map((msg) =>
    invalid(child(path, 'name'), goQuote(String(sel.name ?? '')), msg),
  );
  if (!sel.key) errs.push(required(child(path, 'key')));
  else
    for (const msg of isConfigMapKey(sel.key)) errs.push(invalid(child(path, 'key'), goQuote(sel.key), msg));
  return errs;
}

/** ValidateEnv with relaxed names (RelaxedEnvironmentVariableValidation, beta in 1.32). */
function validateEnv(env: Json[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const p = index(path, i);
    if (!ev.name) errs.push(required(child(p, 'name')));
    else
      for (const msg of isRelaxedEnvVarName(ev.name))
        errs.push(invalid(child(p, 'name'), goQuote(ev.name), msg));
    const from = ev.valueFrom;
    if (!from) return;
    const fp = child(p, 'valueFrom');
    let sources = 0;
    if (from.fieldRef) {
      sources++;
      errs.push(...validateFieldRef(from.fieldRef, ENV_FIELD_PATHS, child(fp, 'fieldRef')));
    }
    if (from.resourceFieldRef) {
      sources++;
      errs.push(...validateResourceFieldRef(from.resourceFieldRef, child(fp, 'resourceFieldRef'), false));
    }
    if (from.configMapKeyRef) {
      sources++;
      errs.push(...validateKeySelector(from.configMapKeyRef, child(fp, 'configMapKeyRef')));
    }
    if (from.secretKeyRef) {
      sources++;
      errs.push(...validateKeySelector(from.secretKeyRef, child(fp, 'secretKeyRef')));
    }
    if (sources === 0) {
      errs.push(
        invalid(
          fp,
          '""',
          'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        ),
      );
    } else if (ev.value) {
      errs.push(invalid(fp, '""', 'may not be specified when `value` is not empty'));
    } else if (sources > 1) {
      errs.push(invalid(fp, '""', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateEnvFrom(envFrom: Json[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (envFrom ?? []).forEach((ev, i) => {
    const p = index(path, i);
    if (ev.prefix)
      for (const msg of isRelaxedEnvVarName(ev.prefix))
        errs.push(invalid(child(p, 'prefix'), goQuote(ev.prefix), msg));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      const ref = ev[kind];
      if (!ref) continue;
      sources++;
      if (!ref.name) errs.push(required(child(p, kind, 'name')));
      else
        for (const msg of nameIsDNSSubdomain(ref.name, true))
          errs.push(invalid(child(p, kind, 'name'), goQuote(ref.name), msg));
    }
    if (sources === 0) errs.push(invalid(path, '""', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1)
      errs.push(invalid(path, '""', 'may not have more than one field specified at a time'));
  });
  return errs;
}

/** ValidateVolumeMounts. */
function validateVolumeMounts(c: Json, volumes: Map<string, Json>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  const devices = new Map<string, string>((c.volumeDevices ?? []).map((d: Json) => [d.name, d.devicePath]));
  (c.volumeMounts ?? []).forEach((m: Json, i: number) => {
    const p = index(path, i);
    if (!m.name) errs.push(required(child(p, 'name')));
    if (!volumes.has(m.name)) errs.push(notFound(child(p, 'name'), goQuote(String(m.name ?? ''))));
    if (!m.mountPath) errs.push(required(child(p, 'mountPath')));
    if (mountPoints.has(m.mountPath))
      errs.push(invalid(child(p, 'mountPath'), goQuote(m.mountPath), 'must be unique'));
    mountPoints.add(m.mountPath);
    if (devices.has(m.name))
      errs.push(invalid(child(p, 'name'), goQuote(m.name), 'must not already exist in volumeDevices'));
    if ([...devices.values()].includes(m.mountPath)) {
      errs.push(
        invalid(
          child(p, 'mountPath'),
          goQuote(m.mountPath),
          'must not already exist as a path in volumeDevices',
        ),
      );
    }
    if (m.subPath) errs.push(...validateLocalDescendingPath(m.subPath, child(path, 'subPath')));
    if (m.subPathExpr) {
      if (m.subPath)
        errs.push(
          invalid(
            child(p, 'subPathExpr'),
            goQuote(m.subPathExpr),
            'subPathExpr and subPath are mutually exclusive',
          ),
        );
      errs.push(...validateLocalDescendingPath(m.subPathExpr, child(path, 'subPathExpr')));
    }
    if (m.mountPropagation !== undefined) {
      const valid = ['Bidirectional', 'HostToContainer', 'None'];
      const mp = child(path, 'mountPropagation');
      if (!valid.includes(m.mountPropagation))
        errs.push(notSupported(mp, goQuote(m.mountPropagation), valid));
      if (m.mountPropagation === 'Bidirectional' && c.securityContext?.privileged !== true) {
        errs.push(
          forbidden(mp, 'Bidirectional mount propagation is available only to privileged containers'),
        );
      }
    }
  });
  return errs;
}

/** validateContainerCommon. */
function validateContainerCommon(c: Json, volumes: Map<string, Json>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(child(path, 'name')));
  else errs.push(...validateDNS1123Label(c.name, child(path, 'name')));
  if (!c.image) errs.push(required(child(path, 'image')));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(required(child(path, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(
      notSupported(child(path, 'terminationMessagePolicy'), goQuote(tmp), ['File', 'FallbackToLogsOnError']),
    );
  }
  errs.push(...validateContainerPorts(c.ports, child(path, 'ports')));
  errs.push(...validateEnv(c.env, child(path, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(c, volumes, child(path, 'volumeMounts')));
  const pull = c.imagePullPolicy;
  if (!pull) errs.push(required(child(path, 'imagePullPolicy')));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) {
    errs.push(
      notSupported(child(path, 'imagePullPolicy'), goQuote(pull), ['Always', 'IfNotPresent', 'Never']),
    );
  }
  errs.push(...validateContainerResources(c.resources, child(path, 'resources')));
  errs.push(...validateSecurityContext(c.securityContext, child(path, 'securityContext')));
  return errs;
}

/** AccumulateUniqueHostPorts: "TCP//8080" may be used once. */
function checkHostPortConflicts(containers: Json[], path: string, offset = 0): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port: Json, pi: number) => {
      if (!port.hostPort) return;
      const k = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      const p = child(index(child(index(path, ci + offset), 'ports'), pi), 'hostPort');
      if (seen.has(k)) errs.push(duplicate(p, goQuote(k)));
      else seen.add(k);
    });
  });
  return errs;
}

/** validateContainers: the regular containers of a pod spec. */
export function validateContainers(spec: Json, volumes: Map<string, Json>, path: string): FieldError[] {
  const containers: Json[] = spec.containers ?? [];
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const grace = spec.terminationGracePeriodSeconds;
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name)) errs.push(duplicate(child(p, 'name'), goQuote(String(c.name ?? ''))));
    else names.add(c.name);
    if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, grace, child(p, 'lifecycle')));
    errs.push(...validateProbe(c.livenessProbe, grace, child(p, 'livenessProbe'), 'liveness'));
    errs.push(...validateProbe(c.readinessProbe, grace, child(p, 'readinessProbe'), 'readiness'));
    errs.push(...validateProbe(c.startupProbe, grace, child(p, 'startupProbe'), 'startup'));
    if (c.restartPolicy !== undefined)
      errs.push(forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

/** validateInitContainers. */
export function validateInitContainers(spec: Json, volumes: Map<string, Json>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const grace = spec.terminationGracePeriodSeconds;
  const names = new Set<string>((spec.containers ?? []).map((c: Json) => c.name));
  (spec.initContainers ?? []).forEach((c: Json, i: number) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    let restartAlways = false;
    if (c.restartPolicy !== undefined) {
      if (c.restartPolicy !== 'Always')
        errs.push(notSupported(child(p, 'restartPolicy'), goQuote(String(c.restartPolicy)), ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    if (names.has(c.name)) errs.push(duplicate(child(p, 'name'), goQuote(String(c.name ?? ''))));
    else if (c.name) names.add(c.name);
    errs.push(...checkHostPortConflicts([c], path, i));
    if (restartAlways) {
      if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, grace, child(p, 'lifecycle')));
      errs.push(...validateProbe(c.livenessProbe, grace, child(p, 'livenessProbe'), 'liveness'));
      errs.push(...validateProbe(c.readinessProbe, grace, child(p, 'readinessProbe'), 'readiness'));
      errs.push(...validateProbe(c.startupProbe, grace, child(p, 'startupProbe'), 'startup'));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f])
          errs.push(
            forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'),
          );
      }
    }
    if ((c.resizePolicy ?? []).length > 0)
      errs.push(
        invalid(child(p, 'resizePolicy'), '"<resize policy>"', 'must not be set for init containers'),
      );
  });
  return errs;
}

/** validateContainerOnlyForPod: no surrounding whitespace in images of real pods. */
export function validateImageWhitespace(containers: Json[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (containers ?? []).forEach((c, i) => {
    const image = String(c.image ?? '');
    if (image.trim().length !== image.length) {
      errs.push(
        invalid(
          child(index(path, i), 'image'),
          goQuote(image),
          'must not have leading or trailing whitespace',
        ),
      );
    }
  });
  return errs;
}
