// kubectl's resource arguments: `pods`, `pods a b`, `pod/a deploy/b`, `pods,svc`, `all`,
// resolved through discovery into (type, names) requests, with kubectl's errors.
import type { ResourceRegistry } from '../api/registry.ts';
import type { ResourceType } from '../api/resources.ts';
import { KubectlError } from './context.ts';

export interface ResourceRequest {
  type: ResourceType;
  /** Empty: every object of the type. */
  names: string[];
}

function resolveType(registry: ResourceRegistry, name: string): ResourceType[] {
  if (name === 'all') return registry.all().filter((t) => t.categories.includes('all'));
  const t = registry.resolve(name);
  if (!t || (t.virtual && !t.verbs.includes('list')))
    throw new KubectlError(`error: the server doesn't have a resource type "${name}"`);
  return [t];
}

export function parseResourceArgs(registry: ResourceRegistry, args: string[]): ResourceRequest[] {
  if (args.length === 0) return [];
  if (args.some((a) => a.includes('/'))) {
    const out: ResourceRequest[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) {
        throw new KubectlError(
          `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      }
      const [type] = resolveType(registry, a.slice(0, slash));
      const name = a.slice(slash + 1);
      const last = out[out.length - 1];
      if (last && last.type === type) last.names.push(name);
      else out.push({ type, names: [name] });
    }
    return out;
  }
  const [typeArg, ...names] = args;
  const types = typeArg
    .split(',')
    .filter((t) => t !== '')
    .flatMap((t) => resolveType(registry, t));
  if (names.length > 0 && types.length > 1)
    throw new KubectlError('error: arguments in resource/name form must have a single resource and name');
  return types.map((type) => ({ type, names: [...names] }));
}
