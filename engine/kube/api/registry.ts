// The discovery view of one cluster: built-in resource types plus those custom resource
// definitions add, and the lookups kubectl's RESTMapper does on them (by kind and version,
// by plural, singular or short name, optionally qualified by group).
import { BUILTIN_RESOURCES, EXTRA_VERSIONS, groupVersion, type ResourceType } from './resources.ts';

export class ResourceRegistry {
  private readonly types: ResourceType[];

  constructor() {
    this.types = [...BUILTIN_RESOURCES];
  }

  all(): readonly ResourceType[] {
    return this.types;
  }

  add(type: ResourceType): void {
    this.remove(type.group, type.resource);
    this.types.push(type);
  }

  remove(group: string, resource: string): void {
    const i = this.types.findIndex((t) => t.group === group && t.resource === resource);
    if (i >= 0) this.types.splice(i, 1);
  }

  /** The type serving `kind` in `apiVersion`, or null (kubectl: "no matches for kind"). */
  forKind(apiVersion: string, kind: string): ResourceType | null {
    const found = this.types.find((t) => t.kind === kind && groupVersion(t) === apiVersion);
    if (found) return found;
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    const older = EXTRA_VERSIONS[group];
    if (!older?.includes(version)) return null;
    const preferred = this.types.find((t) => t.kind === kind && t.group === group);
    return preferred ? { ...preferred, version } : null;
  }

  /** Every version string a group serves, preferred first. */
  versionsOf(group: string): string[] {
    const preferred = this.types.find((t) => t.group === group)?.version;
    if (!preferred) return [];
    return [preferred, ...(EXTRA_VERSIONS[group] ?? [])];
  }

  /**
   * Resolves a name as typed on kubectl's command line: `pods`, `pod`, `po`, `Pod`,
   * `deployments.apps`, `deploy.v1.apps`. The first match in discovery order wins, so
   * `events` is the core group's.
   */
  resolve(name: string): ResourceType | null {
    const lower = name.toLowerCase();
    const direct = this.match(lower, null);
    if (direct) return direct;
    // resource.version.group, then resource.group
    const parts = lower.split('.');
    if (parts.length >= 3) {
      const [res, version, ...rest] = parts;
      const group = rest.join('.');
      const found = this.match(res, group);
      if (found && found.version === version) return found;
    }
    if (parts.length >= 2) {
      const [res, ...rest] = parts;
      const group = rest.join('.');
      const found = this.match(res, group);
      if (found) return found;
      // a group prefix is enough for kubectl: deploy.apps, hpa.autoscaling
      const byPrefix = this.types.find((t) => this.names(t).includes(res) && t.group.startsWith(`${group}.`));
      if (byPrefix) return byPrefix;
    }
    return null;
  }

  private match(name: string, group: string | null): ResourceType | null {
    for (const t of this.types) {
      if (group !== null && t.group !== group) continue;
      if (this.names(t).includes(name)) return t;
    }
    return null;
  }

  private names(t: ResourceType): string[] {
    return [t.resource, t.singular, t.kind.toLowerCase(), ...t.shortNames];
  }
}
