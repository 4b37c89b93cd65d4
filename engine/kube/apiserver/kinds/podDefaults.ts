// Defaults of a v1 PodSpec and everything nested in it, as the generated defaulters apply
// pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec, _Container, _Probe, _Volume, ...) plus the
// declarative +default markers of k8s.io/api/core/v1/types.go (ports' protocol TCP, grpc service "").
import { decodeQuantity, decodeResourceList } from './decode.ts';
import type { Json } from './meta.ts';

/** v1.TerminationMessagePathDefault, DefaultTerminationGracePeriodSeconds, DefaultSchedulerName. */
const TERMINATION_MESSAGE_PATH = '/dev/termination-log';
const DEFAULT_GRACE_PERIOD = 30;
const DEFAULT_SCHEDULER = 'default-scheduler';
/** Secret/ConfigMap/DownwardAPI/Projected VolumeSourceDefaultMode: 0644. */
const DEFAULT_MODE = 0o644;

/**
 * The tag parsers.ParseImageName finds (pkg/util/parsers): "latest" when the reference names
 * neither tag nor digest, "" when it does not parse (the error is ignored by the defaulter).
 */
export function imageTag(image: string): string {
  // distribution/reference: [domain/]path[:tag][@digest], path components lower case.
  const m =
    /^((?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?\/)?([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$/.exec(
      image,
    );
  if (!m || image.length > 255) return '';
  const [, domain, path, tag, digest] = m;
  // A first component without '.', ':' or "localhost" is part of the path (docker.io/library/...).
  if (domain && !/[.:]/.test(domain) && domain !== 'localhost/' && domain.toLowerCase() !== domain) return '';
  if (!domain && /^[a-f0-9]{64}$/.test(path)) return '';
  if (!tag && !digest) return 'latest';
  return tag ?? '';
}

/** SetDefaults_Container (also used for init and ephemeral containers). */
export function defaultContainer(root: Json, c: Json): void {
  if (!c.imagePullPolicy)
    c.imagePullPolicy = imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = TERMINATION_MESSAGE_PATH;
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of c.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
  for (const e of c.env ?? []) defaultFieldRef(e.valueFrom?.fieldRef);
  for (const e of c.env ?? []) {
    const divisor = e.valueFrom?.resourceFieldRef?.divisor;
    if (divisor !== undefined) e.valueFrom.resourceFieldRef.divisor = decodeQuantity(root, divisor);
  }
  c.resources ??= {};
  decodeResourceList(root, c.resources.limits);
  decodeResourceList(root, c.resources.requests);
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (probe) defaultProbe(probe);
  for (const h of [c.lifecycle?.postStart, c.lifecycle?.preStop]) if (h?.httpGet) defaultHTTPGet(h.httpGet);
}

/** SetDefaults_Probe and its handlers' defaults. */
function defaultProbe(p: Json): void {
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  if (p.httpGet) defaultHTTPGet(p.httpGet);
  if (p.grpc && p.grpc.service === undefined) p.grpc.service = '';
}

/** SetDefaults_HTTPGetAction. */
function defaultHTTPGet(h: Json): void {
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

/** SetDefaults_ObjectFieldSelector. */
function defaultFieldRef(f: Json): void {
  if (f && !f.apiVersion) f.apiVersion = 'v1';
}

/** SetDefaults_Volume and the defaults of each volume source. */
export function defaultVolume(root: Json, v: Json): void {
  const sources = Object.keys(v).filter((k) => k !== 'name');
  if (sources.every((k) => v[k] === null || v[k] === undefined)) v.emptyDir = {};
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
  if (v.emptyDir?.sizeLimit !== undefined) v.emptyDir.sizeLimit = decodeQuantity(root, v.emptyDir.sizeLimit);
  for (const src of [v.secret, v.configMap, v.downwardAPI, v.projected]) {
    if (src && src.defaultMode === undefined) src.defaultMode = DEFAULT_MODE;
  }
  for (const item of v.downwardAPI?.items ?? []) defaultFieldRef(item.fieldRef);
  for (const s of v.projected?.sources ?? []) {
    if (s.serviceAccountToken && s.serviceAccountToken.expirationSeconds === undefined) {
      s.serviceAccountToken.expirationSeconds = 3600;
    }
    for (const item of s.downwardAPI?.items ?? []) defaultFieldRef(item.fieldRef);
  }
  if (v.iscsi && v.iscsi.iscsiInterface === undefined) v.iscsi.iscsiInterface = 'default';
  if (v.rbd) {
    v.rbd.pool ??= 'rbd';
    v.rbd.user ??= 'admin';
    v.rbd.keyring ??= '/etc/ceph/keyring';
  }
  if (v.azureDisk) {
    v.azureDisk.cachingMode ??= 'ReadWrite';
    v.azureDisk.fsType ??= 'ext4';
    v.azureDisk.readOnly ??= false;
    v.azureDisk.kind ??= 'Shared';
  }
  if (v.scaleIO) {
    v.scaleIO.storageMode ??= 'ThinProvisioned';
    v.scaleIO.fsType ??= 'xfs';
  }
  const claim = v.ephemeral?.volumeClaimTemplate;
  if (claim) {
    claim.metadata = embeddedMeta(claim.metadata);
    claim.spec ??= {};
    defaultPVCSpec(root, claim.spec);
  }
}

/** SetDefaults_PersistentVolumeClaimSpec plus its resource lists. */
export function defaultPVCSpec(root: Json, spec: Json): void {
  spec.volumeMode ??= 'Filesystem';
  spec.resources ??= {};
  decodeResourceList(root, spec.resources.limits);
  decodeResourceList(root, spec.resources.requests);
}

/**
 * An embedded ObjectMeta (pod templates, claim templates): metav1.Time is a struct, so a 1.32
 * server serialises the unset creationTimestamp as null.
 */
export function embeddedMeta(meta: Json): Json {
  const m = meta && typeof meta === 'object' ? { ...meta } : {};
  m.creationTimestamp = m.creationTimestamp ?? null;
  return m;
}

/** SetDefaults_PodSpec with its nested defaulters (what templates get). */
export function defaultPodSpec(root: Json, spec: Json): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= DEFAULT_GRACE_PERIOD;
  spec.schedulerName ||= DEFAULT_SCHEDULER;
  for (const v of spec.volumes ?? []) defaultVolume(root, v);
  for (const c of spec.initContainers ?? []) defaultContainer(root, c);
  for (const c of spec.containers ?? []) defaultContainer(root, c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(root, c);
  if (spec.overhead) decodeResourceList(root, spec.overhead);
  // Convert_core_PodSpec_To_v1_PodSpec writes the deprecated serviceAccount alias back.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
}

/** A PodTemplateSpec as workload defaulting leaves it. */
export function defaultPodTemplate(root: Json, template: Json): Json {
  const t = template && typeof template === 'object' ? template : {};
  t.metadata = embeddedMeta(t.metadata);
  t.spec ??= {};
  defaultPodSpec(root, t.spec);
  return t;
}

/** SetDefaults_Pod: requests default to limits, service links on, host ports for hostNetwork. */
export function defaultPodOnly(pod: Json): void {
  const spec = pod.spec;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    c.resources.requests ??= {};
    for (const [k, v] of Object.entries(limits))
      if (!(k in c.resources.requests)) c.resources.requests[k] = v;
  }
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}
