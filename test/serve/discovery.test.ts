// Aggregated discovery at /api and /apis: the apidiscovery.k8s.io/v2 document's shape, the
// Accept negotiation and ETag revalidation, its equivalence with the legacy documents once
// split as client-go does, and (where kubectl is installed) kubectl using it without asking
// for any group version's document.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, Session } from '../../engine/index.ts';
import { type KubeApiServer, startKubeApi } from '../../src/serve/kube-api.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'labbook-discovery-'));
const kubeconfig = join(dir, 'kubeconfig');
const SEED = 'discovery-test';

// client-go discovery/discovery_client.go acceptDiscoveryFormats (AcceptV2, AcceptV2Beta1, AcceptV1)
const V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';
const KUBECTL_ACCEPT = `${V2},${V2BETA1},application/json`;

interface Gvk {
  group: string;
  version: string;
  kind: string;
}
interface ResourceDiscovery {
  resource: string;
  responseKind: Gvk;
  scope: string;
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: { subresource: string; responseKind: Gvk; verbs: string[] }[];
}
interface GroupDiscovery {
  metadata: { name?: string; creationTimestamp: null };
  versions: { version: string; resources: ResourceDiscovery[]; freshness: string }[];
}

let server: KubeApiServer;

beforeAll(async () => {
  server = await startKubeApi({ seed: SEED });
  writeFileSync(kubeconfig, server.kubeconfig());
}, 60_000);

afterAll(async () => {
  await server?.close();
});

async function get(path: string, headers: Record<string, string> = {}, url = server.url) {
  const res = await fetch(`${url}${path}`, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

/**
 * client-go discovery/aggregated_discovery.go SplitGroupsAndResources: the legacy APIResource
 * entries a client derives from one aggregated version (subresources after their parent, with
 * the parent's singular name and scope, group/version/kind from responseKind).
 */
function splitResources(resources: ResourceDiscovery[]): Record<string, unknown>[] {
  return resources.flatMap((r) => {
    const parent = {
      name: r.resource,
      singularName: r.singularResource,
      namespaced: r.scope === 'Namespaced',
      group: r.responseKind.group,
      version: r.responseKind.version,
      kind: r.responseKind.kind,
      verbs: r.verbs,
      shortNames: r.shortNames ?? [],
      categories: r.categories ?? [],
    };
    const subs = (r.subresources ?? []).map((s) => ({
      name: `${r.resource}/${s.subresource}`,
      singularName: r.singularResource,
      namespaced: parent.namespaced,
      group: s.responseKind.group,
      version: s.responseKind.version,
      kind: s.responseKind.kind,
      verbs: s.verbs,
      shortNames: [],
      categories: [],
    }));
    return [parent, ...subs];
  });
}

/** A legacy metav1.APIResource with its omitted fields filled as json.Unmarshal leaves them. */
function legacyResource(r: Record<string, unknown>, parentSingular: Map<string, string>) {
  const name = r.name as string;
  const slash = name.indexOf('/');
  return {
    name,
    // subresources list singularName "" in /api/v1; the split copies the parent's
    singularName: slash < 0 ? r.singularName : parentSingular.get(name.slice(0, slash)),
    namespaced: r.namespaced,
    group: r.group ?? '',
    version: r.version ?? '',
    kind: r.kind,
    verbs: r.verbs,
    shortNames: r.shortNames ?? [],
    categories: r.categories ?? [],
  };
}

describe('aggregated discovery over HTTP', () => {
  it('answers /api with the core group as an apidiscovery.k8s.io/v2 APIGroupDiscoveryList', async () => {
    const res = await get('/api', { Accept: KUBECTL_ACCEPT });
    expect(res.status).toBe(200);
    // responsewriters generateMediaTypeWithGVK: the served GVK rides on the Content-Type, which
    // client-go ContentTypeIsGVK requires before parsing the body as aggregated
    expect(res.headers.get('content-type')).toBe(V2);
    // aggregated/etag.go ServeHTTPWithETag
    expect(res.headers.get('etag')).toMatch(/^"[0-9A-F]{128}"$/);
    expect(res.headers.get('vary')).toBe('Accept');
    expect(res.headers.get('cache-control')).toBe('public');
    expect(res.text.endsWith('}\n')).toBe(true);
    const list = res.json as { kind: string; apiVersion: string; metadata: object; items: GroupDiscovery[] };
    expect(list.kind).toBe('APIGroupDiscoveryList');
    expect(list.apiVersion).toBe('apidiscovery.k8s.io/v2');
    expect(list.metadata).toEqual({});
    expect(list.items).toHaveLength(1);
    // the core group's name is "" (omitted); a zero metav1.Time encodes as null
    expect(list.items[0].metadata).toEqual({ creationTimestamp: null });
    expect(list.items[0].versions.map((v) => [v.version, v.freshness])).toEqual([['v1', 'Current']]);
    const pods = list.items[0].versions[0].resources.find((r) => r.resource === 'pods');
    // installer_test.go TestConvertAPIResourceToDiscovery "Basic Test": the pods APIResource
    // without group/version gives responseKind {Kind: Pod}; GroupVersionKind's fields are not omitempty
    expect(pods?.responseKind).toEqual({ group: '', version: '', kind: 'Pod' });
    expect(pods?.scope).toBe('Namespaced');
    expect(pods?.singularResource).toBe('pod');
    expect(pods?.shortNames).toEqual(['po']);
    expect(pods?.categories).toEqual(['all']);
    // the eviction storage names policy/v1 Eviction (kubectl drain CheckEvictionSupport reads it)
    expect(pods?.subresources?.find((s) => s.subresource === 'eviction')).toEqual({
      subresource: 'eviction',
      responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' },
      verbs: ['create'],
    });
    const namespaces = list.items[0].versions[0].resources.find((r) => r.resource === 'namespaces');
    expect(namespaces?.scope).toBe('Cluster');
    // shortNames / categories / subresources are omitempty
    const secrets = list.items[0].versions[0].resources.find((r) => r.resource === 'secrets');
    expect(Object.keys(secrets ?? {})).toEqual([
      'resource',
      'responseKind',
      'scope',
      'singularResource',
      'verbs',
    ]);
  });

  it('answers /apis with every named group, versions preferred first, in the legacy order', async () => {
    const res = await get('/apis', { Accept: KUBECTL_ACCEPT });
    const items = res.json.items as GroupDiscovery[];
    const legacy = (await get('/apis')).json as {
      groups: { name: string; versions: { version: string }[] }[];
    };
    expect(items.map((g) => g.metadata.name)).toEqual(legacy.groups.map((g) => g.name));
    expect(items.map((g) => g.versions.map((v) => v.version))).toEqual(
      legacy.groups.map((g) => g.versions.map((v) => v.version)),
    );
    const autoscaling = items.find((g) => g.metadata.name === 'autoscaling');
    expect(autoscaling?.versions.map((v) => v.version)).toEqual(['v2', 'v1']);
    const apps = items.find((g) => g.metadata.name === 'apps');
    expect(apps?.metadata).toEqual({ name: 'apps', creationTimestamp: null });
    const deployments = apps?.versions[0].resources.find((r) => r.resource === 'deployments');
    // kubectl scale finds the Scale kind here (client-go scale/util.go)
    expect(deployments?.subresources).toEqual([
      {
        subresource: 'scale',
        responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
        verbs: ['get', 'patch', 'update'],
      },
    ]);
  });

  it('splits into exactly the legacy group version documents', async () => {
    const core = (await get('/api', { Accept: V2 })).json.items as GroupDiscovery[];
    const named = (await get('/apis', { Accept: V2 })).json.items as GroupDiscovery[];
    for (const group of [...core, ...named]) {
      for (const { version, resources } of group.versions) {
        const path = group.metadata.name ? `/apis/${group.metadata.name}/${version}` : `/api/${version}`;
        const legacy = (await get(path)).json.resources as Record<string, unknown>[];
        const singular = new Map(legacy.map((r) => [r.name as string, r.singularName as string]));
        expect(splitResources(resources), path).toEqual(legacy.map((r) => legacyResource(r, singular)));
      }
    }
  });

  it('negotiates as the API server wrapper does', async () => {
    // aggregated/wrapper_test.go TestAggregationEnabled (its JSON cases; protobuf is not encoded here)
    const cases: [string, string | undefined][] = [
      ['application/json;foo=bar', undefined],
      ['', undefined],
      [V2BETA1, 'v2beta1'],
      [V2, 'v2'],
      ['application/json', undefined],
      [`${V2},application/json`, 'v2'],
      [KUBECTL_ACCEPT, 'v2'],
    ];
    for (const [accept, version] of cases) {
      const res = await get('/apis', accept ? { Accept: accept } : {});
      if (version === undefined) {
        expect(res.json.kind, accept).toBe('APIGroupList');
        expect(res.headers.get('content-type'), accept).toBe('application/json');
      } else {
        expect(res.json.apiVersion, accept).toBe(`apidiscovery.k8s.io/${version}`);
        expect(res.headers.get('content-type'), accept).toBe(
          `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`,
        );
      }
    }
    // the group version documents stay legacy whatever is asked
    expect((await get('/apis/apps/v1', { Accept: V2 })).json.kind).toBe('APIResourceList');
  });

  it('revalidates with ETag / If-None-Match and changes the ETag when a CRD adds a group', async () => {
    // a server of its own: the CRD would otherwise show in the kubectl comparisons below
    const own = await startKubeApi({ seed: `${SEED}-etag` });
    try {
      await revalidates(own.url);
    } finally {
      await own.close();
    }
  }, 60_000);
});

/** ETag / If-None-Match against a server of its own (the test mutates its world). */
async function revalidates(url: string): Promise<void> {
  const first = await get('/apis', { Accept: V2 }, url);
  const etag = first.headers.get('etag') as string;
  // etag.go calculateETag: SHA-512 of the list's JSON, which has no TypeMeta
  const { kind: _kind, apiVersion: _apiVersion, ...list } = first.json;
  expect(etag).toBe(`"${createHash('sha512').update(JSON.stringify(list)).digest('hex').toUpperCase()}"`);
  // handler_test.go TestEtagMatching / TestEtagNonMatching
  const matching = await get('/apis', { Accept: V2, 'If-None-Match': etag }, url);
  expect(matching.status).toBe(304);
  expect(matching.text).toBe('');
  expect(matching.headers.get('etag')).toBe(etag);
  expect((await get('/apis', { Accept: V2, 'If-None-Match': '"0123"' }, url)).status).toBe(200);
  // handler_test.go TestEtagOutdated: a changed document gets a new ETag
  const crd = await fetch(`${url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wg'] },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    }),
  });
  expect(crd.status).toBe(201);
  const after = await get('/apis', { Accept: V2, 'If-None-Match': etag }, url);
  expect(after.status).toBe(200);
  expect(after.headers.get('etag')).not.toBe(etag);
  const example = (after.json.items as GroupDiscovery[]).find((g) => g.metadata.name === 'example.com');
  expect(example?.versions[0].resources[0]).toMatchObject({
    resource: 'widgets',
    scope: 'Namespaced',
    singularResource: 'widget',
    shortNames: ['wg'],
  });
}

async function kubectlInstalled(): Promise<boolean> {
  try {
    const { stdout } = await run('kubectl', ['version', '--client']);
    return stdout.includes('Client Version: v1.32');
  } catch {
    return false;
  }
}

/** The real kubectl with a fresh discovery cache directory per call. */
async function kubectl(args: string[], cache: string): Promise<{ status: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      'kubectl',
      ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, cache), ...args],
      { cwd: dir, timeout: 30_000 },
    );
    return { status: 0, output: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { status: err.code ?? 1, output: (err.stdout ?? '') + (err.stderr ?? '') };
  }
}

/** The request lines of a -v=6 run: "GET /apis". */
function requests(output: string): string[] {
  return [...output.matchAll(/round_trippers\.go:\d+\] (\w+) http:\/\/[^/]+(\/[^? ]*)/g)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
}

describe('the real kubectl with aggregated discovery', () => {
  it('lists resources from /api and /apis alone and prints what the engine kubectl prints', async () => {
    if (!(await kubectlInstalled())) return;
    const traced = await kubectl(['api-resources', '-v=6'], 'cache-trace');
    expect(traced.status).toBe(0);
    // with the legacy documents kubectl then GETs /api/v1, /apis/apps/v1, ... one per group version
    expect(requests(traced.output)).toEqual(['GET /api', 'GET /apis']);
    const engine = new Session(createWorld({ seed: SEED }));
    engine.run('kind create cluster');
    let cache = 0;
    for (const args of [['api-resources'], ['api-resources', '--namespaced=false'], ['api-versions']]) {
      const real = await kubectl(args, `cache-${cache++}`);
      const own = engine.run(`kubectl ${args.join(' ')}`);
      expect(real.output, args.join(' ')).toBe(own.output);
      expect(real.status, args.join(' ')).toBe(own.status);
    }
  }, 60_000);

  it("prints api-resources -o wide with the legacy documents' verbs and categories", async () => {
    if (!(await kubectlInstalled())) return;
    const wide = await kubectl(['api-resources', '-o', 'wide'], 'cache-wide');
    const plain = await kubectl(['api-resources'], 'cache-plain');
    const [header, ...rows] = wide.output.trimEnd().split('\n');
    const plainRows = plain.output.trimEnd().split('\n').slice(1);
    // apiresources.go printContextHeaders / the "wide" Fprintf: the five columns, then VERBS and
    // CATEGORIES joined with ","; tabwriter aligns every column at the header's offsets
    const verbsAt = header.indexOf('VERBS');
    const categoriesAt = header.indexOf('CATEGORIES');
    const apiVersionAt = header.indexOf('APIVERSION');
    expect(rows).toHaveLength(plainRows.length);
    for (const [i, row] of rows.entries()) {
      expect(row.slice(0, verbsAt).trimEnd()).toBe(plainRows[i].trimEnd());
      const name = row.slice(0, row.indexOf(' '));
      const gv = row.slice(apiVersionAt, row.indexOf(' ', apiVersionAt));
      const legacy = (await get(gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`)).json.resources.find(
        (r: { name: string }) => r.name === name,
      );
      expect(row.slice(verbsAt, categoriesAt).trimEnd(), row).toBe(legacy.verbs.join(','));
      expect(row.slice(categoriesAt).trimEnd(), row).toBe((legacy.categories ?? []).join(','));
    }
  }, 60_000);

  it('finds the scale subresource without a group version request', async () => {
    if (!(await kubectlInstalled())) return;
    const deploy = JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      },
    });
    writeFileSync(join(dir, 'web.json'), deploy);
    expect((await kubectl(['apply', '-f', 'web.json'], 'cache-apply')).status).toBe(0);
    const scaled = await kubectl(['scale', 'deployment', 'web', '--replicas=2', '-v=6'], 'cache-scale');
    expect(scaled.output).toContain('deployment.apps/web scaled');
    expect(requests(scaled.output)).toEqual([
      'GET /api',
      'GET /apis',
      'GET /apis/apps/v1/namespaces/default/deployments/web',
      'PATCH /apis/apps/v1/namespaces/default/deployments/web/scale',
    ]);
  }, 60_000);
});
