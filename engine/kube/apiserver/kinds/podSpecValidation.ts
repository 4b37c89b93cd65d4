// ValidatePodSpec and ValidatePodTemplateSpec of pkg/apis/core/validation/validation.go: volumes,
// containers, restart and DNS policy, scheduling fields (node selector, affinity, tolerations,
// topology spread), security context and the pod-level scalar fields, in upstream's order.
import type { FieldError } from '../errors.ts';
import { validateContainers, validateDNS1123Label, validateInitContainers } from './containerValidation.ts';
import {
  child,
  duplicate,
  forbidden,
  goQuote,
  goStrings,
  index,
  invalid,
  notSupported,
  required,
} from './field.ts';
import { type Json, validateAnnotations, validateLabels } from './meta.ts';
import {
  inclusiveRangeError,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidGroupID,
  isValidIP,
  isValidUserID,
  nameIsDNSSubdomain,
} from './names.ts';
import { validateSeccompProfile } from './probeValidation.ts';
import { validateAffinity, validateTolerations, validateTopologySpread } from './schedulingValidation.ts';
import { type VolumeOptions, validateVolumes } from './volumeValidation.ts';

const MAX_INT32 = 2147483647;

export interface PodSpecOptions {
  /** The spec is a Pod's own (hostPort must equal containerPort under hostNetwork). */
  resourceIsPod: boolean;
  validateClaimTemplate?: VolumeOptions['validateClaimTemplate'];
}

function validatePodSecurityContext(sc: Json, spec: Json, path: string): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  if (sc.fsGroup !== undefined)
    for (const msg of isValidGroupID(sc.fsGroup))
      errs.push(invalid(child(path, 'fsGroup'), String(sc.fsGroup), msg));
  if (sc.runAsUser !== undefined)
    for (const msg of isValidUserID(sc.runAsUser))
      errs.push(invalid(child(path, 'runAsUser'), String(sc.runAsUser), msg));
  if (sc.runAsGroup !== undefined)
    for (const msg of isValidGroupID(sc.runAsGroup))
      errs.push(invalid(child(path, 'runAsGroup'), String(sc.runAsGroup), msg));
  (sc.supplementalGroups ?? []).forEach((g: number, i: number) => {
    for (const msg of isValidGroupID(g))
      errs.push(invalid(index(child(path, 'supplementalGroups'), i), String(g), msg));
  });
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(
      invalid(
        child(path, 'shareProcessNamespace'),
        'true',
        'ShareProcessNamespace and HostPID cannot both be enabled',
      ),
    );
  }
  if (
    sc.fsGroupChangePolicy !== undefined &&
    !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)
  ) {
    errs.push(
      notSupported(child(path, 'fsGroupChangePolicy'), goQuote(sc.fsGroupChangePolicy), [
        'Always',
        'OnRootMismatch',
      ]),
    );
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, child(path, 'seccompProfile')));
  return errs;
}

function validateDNSConfig(cfg: Json, dnsPolicy: string, path: string): FieldError[] {
  if (dnsPolicy === 'None') {
    if (!cfg) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!(cfg.nameservers ?? []).length)
      return [
        required(
          child(path, 'nameservers'),
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
      ];
  }
  if (!cfg) return [];
  const errs: FieldError[] = [];
  const ns: string[] = cfg.nameservers ?? [];
  if (ns.length > 3)
    errs.push(invalid(child(path, 'nameservers'), goStrings(ns), 'must not have more than 3 nameservers'));
  ns.forEach((ip, i) => {
    if (!isValidIP(ip))
      errs.push(
        invalid(
          index(child(path, 'nameservers'), i),
          goQuote(ip),
          'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
        ),
      );
  });
  const searches: string[] = cfg.searches ?? [];
  if (searches.length > 32)
    errs.push(
      invalid(child(path, 'searches'), goStrings(searches), 'must not have more than 32 search paths'),
    );
  if (searches.join(' ').length > 2048) {
    errs.push(
      invalid(
        child(path, 'searches'),
        goStrings(searches),
        'must not have more than 2048 characters (including spaces) in the search list',
      ),
    );
  }
  searches.forEach((s, i) => {
    const name = s.endsWith('.') ? s.slice(0, -1) : s;
    for (const msg of isDNS1123Subdomain(name))
      errs.push(invalid(index(child(path, 'searches'), i), goQuote(name), msg));
  });
  (cfg.options ?? []).forEach((o: Json, i: number) => {
    if (!o.name) errs.push(required(index(child(path, 'options'), i), 'must not be empty'));
  });
  return errs;
}

/** ValidatePodSpec. */
export function validatePodSpec(spec: Json, path: string, opts: PodSpecOptions): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    errs.push(required(child(path, 'terminationGracePeriodSeconds')));
  }
  const { byName, errs: volErrs } = validateVolumes(spec.volumes, child(path, 'volumes'), {
    hasServiceAccount: !opts.resourceIsPod || Boolean(spec.serviceAccountName),
    validateClaimTemplate: opts.validateClaimTemplate,
  });
  errs.push(...volErrs);
  errs.push(...validateContainers(spec, byName, child(path, 'containers')));
  errs.push(...validateInitContainers(spec, byName, child(path, 'initContainers')));
  if (spec.hostNetwork) {
    (spec.containers ?? []).forEach((c: Json, i: number) => {
      (c.ports ?? []).forEach((port: Json, j: number) => {
        const hp = port.hostPort ?? 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== port.containerPort) {
          const p = child(index(child(index(child(path, 'containers'), i), 'ports'), j), 'hostPort');
          errs.push(invalid(p, String(hp), 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  const restart = spec.restartPolicy ?? '';
  if (restart === '') errs.push(required(child(path, 'restartPolicy')));
  else if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
    errs.push(notSupported(child(path, 'restartPolicy'), goQuote(restart), ['Always', 'OnFailure', 'Never']));
  }
  const dns = spec.dnsPolicy ?? '';
  const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (dns === '') errs.push(required(child(path, 'dnsPolicy')));
  else if (!dnsPolicies.includes(dns))
    errs.push(notSupported(child(path, 'dnsPolicy'), goQuote(dns), dnsPolicies));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(spec.securityContext, spec, child(path, 'securityContext')));
  (spec.imagePullSecrets ?? []).forEach((s: Json, i: number) => {
    if (Object.keys(s).some((k) => k !== 'name')) {
      errs.push(
        invalid(
          index(child(path, 'imagePullSecrets'), i),
          `core.LocalObjectReference{Name:${goQuote(String(s.name ?? ''))}}`,
          'only name may be set',
        ),
      );
    }
  });
  errs.push(...validateAffinity(spec.affinity, child(path, 'affinity')));
  errs.push(...validateDNSConfig(spec.dnsConfig, dns, child(path, 'dnsConfig')));
  (spec.readinessGates ?? []).forEach((g: Json, i: number) => {
    const t = String(g.conditionType ?? '');
    for (const msg of isQualifiedName(t))
      errs.push(invalid(child(index(child(path, 'readinessGates'), i), 'conditionType'), goQuote(t), msg));
  });
  const gates = new Set<string>();
  (spec.schedulingGates ?? []).forEach((g: Json, i: number) => {
    const n = String(g.name ?? '');
    for (const msg of isQualifiedName(n))
      errs.push(invalid(index(child(path, 'schedulingGates'), i), goQuote(n), msg));
    if (gates.has(n)) errs.push(duplicate(index(child(path, 'schedulingGates'), i), goQuote(n)));
    gates.add(n);
  });
  errs.push(
    ...validateTopologySpread(spec.topologySpreadConstraints, child(path, 'topologySpreadConstraints')),
  );
  if (spec.serviceAccountName) {
    for (const msg of nameIsDNSSubdomain(spec.serviceAccountName, false))
      errs.push(invalid(child(path, 'serviceAccountName'), goQuote(spec.serviceAccountName), msg));
  }
  if (spec.nodeName) {
    for (const msg of nameIsDNSSubdomain(spec.nodeName, false))
      errs.push(invalid(child(path, 'nodeName'), goQuote(spec.nodeName), msg));
  }
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null && (ads < 1 || ads > MAX_INT32)) {
    errs.push(invalid(child(path, 'activeDeadlineSeconds'), String(ads), inclusiveRangeError(1, MAX_INT32)));
  }
  if (spec.hostname) errs.push(...validateDNS1123Label(spec.hostname, child(path, 'hostname')));
  if (spec.subdomain) errs.push(...validateDNS1123Label(spec.subdomain, child(path, 'subdomain')));
  errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')));
  (spec.hostAliases ?? []).forEach((a: Json, i: number) => {
    const p = index(child(path, 'hostAliases'), i);
    if (!isValidIP(String(a.ip ?? '')))
      errs.push(
        invalid(
          child(p, 'ip'),
          goQuote(String(a.ip ?? '')),
          'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
        ),
      );
    (a.hostnames ?? []).forEach((h: string, j: number) => {
      for (const msg of isDNS1123Subdomain(h))
        errs.push(invalid(index(child(p, 'hostnames'), j), goQuote(h), msg));
    });
  });
  if (spec.priorityClassName) {
    for (const msg of nameIsDNSSubdomain(spec.priorityClassName, false))
      errs.push(invalid(child(path, 'priorityClassName'), goQuote(spec.priorityClassName), msg));
  }
  if (spec.runtimeClassName !== undefined && spec.runtimeClassName !== null) {
    for (const msg of nameIsDNSSubdomain(spec.runtimeClassName, false))
      errs.push(invalid(child(path, 'runtimeClassName'), goQuote(spec.runtimeClassName), msg));
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    if (spec.preemptionPolicy === '') errs.push(required(child(path, 'preemptionPolicy')));
    else if (!['PreemptLowerPriority', 'Never'].includes(spec.preemptionPolicy)) {
      errs.push(
        notSupported(child(path, 'preemptionPolicy'), goQuote(spec.preemptionPolicy), [
          'PreemptLowerPriority',
          'Never',
        ]),
      );
    }
  }
  if (spec.os) {
    if (!spec.os.name) errs.push(required(child(path, 'os', 'name'), 'cannot be empty'));
    else if (!['linux', 'windows'].includes(spec.os.name))
      errs.push(notSupported(child(path, 'os'), goQuote(spec.os.name), ['linux', 'windows']));
  }
  return errs;
}

/** ValidatePodTemplateSpec: template labels and annotations, then the spec. */
export function validatePodTemplateSpec(
  template: Json,
  path: string,
  opts: Omit<PodSpecOptions, 'resourceIsPod'> = {},
): FieldError[] {
  const t = template ?? {};
  const errs = [
    ...validateLabels(t.metadata?.labels, child(path, 'labels')),
    ...validateAnnotations(t.metadata?.annotations, child(path, 'annotations')),
    ...validatePodSpec(t.spec ?? {}, child(path, 'spec'), { ...opts, resourceIsPod: false }),
  ];
  if ((t.spec?.ephemeralContainers ?? []).length > 0) {
    errs.push(
      forbidden(
        child(path, 'spec', 'ephemeralContainers'),
        'ephemeral containers not allowed in pod template',
      ),
    );
  }
  return errs;
}
