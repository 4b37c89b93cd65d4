// An approximation of the go-cmp report (cmp.Diff) that "pod updates may not change fields" and
// other immutability errors append: the Go struct with "-"/"+" lines for changed fields and
// "... // N identical fields" for unchanged runs. go-cmp itself randomises whitespace in this
// report, so only its shape, not its bytes, can be matched.
import type { Json } from './meta.ts';
import { sameJson } from './meta.ts';

/** Field order of core.PodSpec (the internal type cmp.Diff walks). */
const POD_SPEC_FIELDS = [
  'volumes',
  'initContainers',
  'containers',
  'ephemeralContainers',
  'restartPolicy',
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'dnsPolicy',
  'nodeSelector',
  'serviceAccountName',
  'automountServiceAccountToken',
  'nodeName',
  'securityContext',
  'imagePullSecrets',
  'hostname',
  'subdomain',
  'setHostnameAsFQDN',
  'affinity',
  'schedulerName',
  'tolerations',
  'hostAliases',
  'priorityClassName',
  'priority',
  'preemptionPolicy',
  'dnsConfig',
  'readinessGates',
  'runtimeClassName',
  'overhead',
  'enableServiceLinks',
  'topologySpreadConstraints',
  'os',
  'schedulingGates',
  'resourceClaims',
  'resources',
];

/** Field order of core.Container. */
const CONTAINER_FIELDS = [
  'name',
  'image',
  'command',
  'args',
  'workingDir',
  'ports',
  'envFrom',
  'env',
  'resources',
  'resizePolicy',
  'restartPolicy',
  'volumeMounts',
  'volumeDevices',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'imagePullPolicy',
  'securityContext',
  'stdin',
  'stdinOnce',
  'tty',
];

const ACRONYMS: Record<string, string> = {
  dnsPolicy: 'DNSPolicy',
  dnsConfig: 'DNSConfig',
  os: 'OS',
  setHostnameAsFQDN: 'SetHostnameAsFQDN',
  tty: 'TTY',
  hostIP: 'HostIP',
  httpGet: 'HTTPGet',
  tcpSocket: 'TCPSocket',
  grpc: 'GRPC',
  fsGroup: 'FSGroup',
  apiVersion: 'APIVersion',
  uid: 'UID',
};

function goName(jsonName: string): string {
  return ACRONYMS[jsonName] ?? jsonName[0].toUpperCase() + jsonName.slice(1);
}

/** A Go-ish literal of a JSON value, as cmp prints leaves. */
function literal(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `{${v.map(literal).join(', ')}}`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .map((k) => `${goName(k)}: ${literal(o[k])}`)
    .join(', ')}}`;
}

function structDiff(oldV: Json, newV: Json, fields: string[], depth: number, out: string[]): void {
  const pad = '\t'.repeat(depth);
  let same = 0;
  const flush = () => {
    if (same > 0) out.push(`  ${pad}... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const f of fields) {
    const a = oldV?.[f];
    const b = newV?.[f];
    if (sameJson(a, b)) {
      same++;
      continue;
    }
    flush();
    if (f === 'containers' || f === 'initContainers') {
      if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
        out.push(`  ${pad}${goName(f)}: []core.Container{`);
        a.forEach((c, i) => {
          if (sameJson(c, b[i])) {
            out.push(`  ${pad}\t{Name: ${JSON.stringify(c.name ?? '')}, ...},`);
            return;
          }
          out.push(`  ${pad}\t{`);
          structDiff(c, b[i], CONTAINER_FIELDS, depth + 2, out);
          out.push(`  ${pad}\t},`);
        });
        out.push(`  ${pad}},`);
        continue;
      }
    }
    out.push(`- ${pad}${goName(f)}: ${literal(a)},`);
    out.push(`+ ${pad}${goName(f)}: ${literal(b)},`);
  }
  flush();
}

/** Field order of core.PersistentVolumeClaimSpec. */
const PVC_SPEC_FIELDS = [
  'accessModes',
  'selector',
  'resources',
  'volumeName',
  'storageClassName',
  'volumeMode',
  'dataSource',
  'dataSourceRef',
  'volumeAttributesClassName',
];

function structReport(type: string, fields: string[], oldV: Json, newV: Json): string {
  const out = [`  ${type}{`];
  structDiff(oldV, newV, fields, 1, out);
  out.push('  }');
  return `${out.join('\n')}\n`;
}

/** cmp.Diff(oldSpec, newSpec) of two v1 pod specs. */
export function podSpecDiff(oldSpec: Json, newSpec: Json): string {
  return structReport('core.PodSpec', POD_SPEC_FIELDS, oldSpec, newSpec);
}

/** cmp.Diff of two claim specs, as ValidatePersistentVolumeClaimUpdate appends it. */
export function pvcSpecDiff(oldSpec: Json, newSpec: Json): string {
  return structReport('core.PersistentVolumeClaimSpec', PVC_SPEC_FIELDS, oldSpec, newSpec);
}
