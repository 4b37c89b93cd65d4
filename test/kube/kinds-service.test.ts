// Services through the Store: SetDefaults_Service, IP family initialisation and the ClusterIP /
// NodePort allocators of pkg/registry/core/service (10.96.0.0/12, 30000-32767), and ValidateService.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../engine/core/random.ts';
import { ResourceRegistry } from '../../engine/kube/api/registry.ts';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { StatusError } from '../../engine/kube/apiserver/errors.ts';
import '../../engine/kube/apiserver/kinds/index.ts';
import { Store } from '../../engine/kube/apiserver/store.ts';

function cluster(seed = 'kinds-service'): Store {
  const store = new Store({
    registry: new ResourceRegistry(),
    now: () => Date.parse('2025-01-01T00:00:00Z'),
    random: createRandom(seed),
  });
  for (const ns of ['default', 'kube-system'])
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  return store;
}

function failure(run: () => unknown): StatusError {
  try {
    run();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('operation succeeded');
}

function service(name: string, spec: Record<string, unknown>, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

/** The dotted quad as a 32-bit number. */
function ipNumber(ip: string): number {
  return ip.split('.').reduce((n, b) => n * 256 + Number(b), 0);
}

describe('Service defaults and allocation', () => {
  it('gives kind its well-known addresses', () => {
    const store = cluster();
    const api = store.create(
      service('kubernetes', { ports: [{ name: 'https', port: 443, targetPort: 6443 }] }),
    );
    expect(api.spec.clusterIP).toBe('10.96.0.1');
    const dns = store.create(
      service(
        'kube-dns',
        {
          selector: { 'k8s-app': 'kube-dns' },
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP' },
            { name: 'dns-tcp', port: 53 },
          ],
        },
        'kube-system',
      ),
    );
    expect(dns.spec.clusterIPs).toEqual(['10.96.0.10']);
  });

  it('defaults a ClusterIP service (SetDefaults_Service, initIPFamilyFields)', () => {
    const svc = cluster().create(service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    const { clusterIP, clusterIPs, ...rest } = svc.spec;
    expect(rest).toEqual({
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      selector: { app: 'web' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    });
    expect(clusterIPs).toEqual([clusterIP]);
    // Dynamic addresses come from the upper band, past the first 256 (calculateRangeOffset).
    expect(ipNumber(clusterIP)).toBeGreaterThan(ipNumber('10.96.1.0'));
    expect(ipNumber(clusterIP)).toBeLessThan(ipNumber('10.112.0.0'));
    expect(svc.status).toEqual({ loadBalancer: {} });
    expect(svc.metadata.generation).toBeUndefined();
  });

  it('allocates node ports for NodePort and LoadBalancer services', () => {
    const store = cluster();
    const np = store.create(service('np', { type: 'NodePort', ports: [{ port: 80, targetPort: 8080 }] }));
    expect(np.spec.externalTrafficPolicy).toBe('Cluster');
    expect(np.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(np.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    const lb = store.create(service('lb', { type: 'LoadBalancer', ports: [{ port: 80 }] }));
    expect(lb.spec.allocateLoadBalancerNodePorts).toBe(true);
    expect(lb.spec.ports[0].nodePort).not.toBe(np.spec.ports[0].nodePort);
  });

  it('keeps headless and ExternalName services without addresses', () => {
    const store = cluster();
    const headless = store.create(
      service('h', { clusterIP: 'None', selector: { app: 'h' }, ports: [{ port: 80 }] }),
    );
    expect(headless.spec.clusterIPs).toEqual(['None']);
    expect(headless.spec.ipFamilyPolicy).toBe('SingleStack');
    const ext = store.create(service('e', { type: 'ExternalName', externalName: 'example.com' }));
    expect(ext.spec).toEqual({ externalName: 'example.com', sessionAffinity: 'None', type: 'ExternalName' });
  });

  it('refuses addresses outside the range or in use', () => {
    const store = cluster();
    expect(
      failure(() => store.create(service('a', { clusterIP: '10.0.0.1', ports: [{ port: 80 }] }))).message,
    ).toBe(
      'Service "a" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    store.create(service('b', { clusterIP: '10.96.0.50', ports: [{ port: 80 }] }));
    expect(
      failure(() => store.create(service('c', { clusterIP: '10.96.0.50', ports: [{ port: 80 }] }))).message,
    ).toBe(
      'Service "c" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.50"}: failed to allocate IP 10.96.0.50: provided IP is already allocated',
    );
    expect(
      failure(() => store.create(service('d', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })))
        .message,
    ).toBe(
      'Service "d" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('frees the address of a deleted service', () => {
    const store = cluster();
    const type = store.registry.resolve('services')!;
    store.create(service('b', { clusterIP: '10.96.0.50', ports: [{ port: 80 }] }));
    store.delete(type, 'default', 'b');
    expect(
      store.create(service('c', { clusterIP: '10.96.0.50', ports: [{ port: 80 }] })).spec.clusterIP,
    ).toBe('10.96.0.50');
  });

  it('keeps allocated values when an update omits them (patchAllocatedValues)', () => {
    const store = cluster();
    const created = store.create(service('np', { type: 'NodePort', ports: [{ port: 80 }] }));
    const replacement = service('np', { type: 'NodePort', ports: [{ port: 80 }] });
    replacement.metadata.resourceVersion = created.metadata.resourceVersion;
    const updated = store.update(replacement);
    expect(updated.spec.clusterIP).toBe(created.spec.clusterIP);
    expect(updated.spec.ports[0].nodePort).toBe(created.spec.ports[0].nodePort);
  });

  it('frees node ports when a service stops being a NodePort, and only then', () => {
    const store = cluster();
    const created = store.create(service('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    // dropTypeDependentFields wipes only values the user left as they were; a new one fails validation.
    const bad = structuredClone(created);
    bad.spec.type = 'ClusterIP';
    bad.spec.ports[0].nodePort = 30081;
    expect(failure(() => store.update(bad)).message).toBe(
      'Service "a" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'',
    );
    expect(
      failure(() => store.create(service('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })))
        .message,
    ).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    const switched = structuredClone(created);
    switched.spec.type = 'ClusterIP';
    const updated = store.update(switched);
    expect(updated.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(updated.spec.externalTrafficPolicy).toBeUndefined();
    expect(updated.spec.clusterIP).toBe(created.spec.clusterIP);
    expect(
      store.create(service('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })).spec.ports[0]
        .nodePort,
    ).toBe(30080);
  });

  it('clears addresses when a service becomes ExternalName and allocates when it stops being one', () => {
    const store = cluster();
    const created = store.create(service('a', { ports: [{ port: 80 }] }));
    const ext = structuredClone(created);
    ext.spec.type = 'ExternalName';
    ext.spec.externalName = 'example.com';
    const updated = store.update(ext);
    expect(updated.spec.clusterIP).toBeUndefined();
    expect(updated.spec.ipFamilies).toBeUndefined();
    // The freed address can be requested again.
    expect(
      store.create(service('b', { clusterIP: created.spec.clusterIP, ports: [{ port: 80 }] })).spec.clusterIP,
    ).toBe(created.spec.clusterIP);
    const back = structuredClone(updated);
    back.spec.type = 'ClusterIP';
    delete back.spec.externalName;
    const internal = store.update(back);
    expect(internal.spec.clusterIPs).toEqual([internal.spec.clusterIP]);
    expect(internal.spec.clusterIP).not.toBe(created.spec.clusterIP);
    expect(internal.spec.ipFamilies).toEqual(['IPv4']);
  });

  it('rejects dual-stack requests on a single-stack cluster', () => {
    expect(
      failure(() =>
        cluster().create(service('a', { ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 80 }] })),
      ).message,
    ).toBe(
      'Service "a" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    );
  });
});

describe('ValidateService', () => {
  it('names DNS-1035 labels and requires ports', () => {
    expect(failure(() => cluster().create(service('Web', {}))).message).toBe(
      "Service \"Web\" is invalid: [metadata.name: Invalid value: \"Web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?'), spec.ports: Required value]",
    );
  });

  it('requires names for several ports and reports duplicates as core.ServicePort', () => {
    expect(
      failure(() => cluster().create(service('a', { ports: [{ port: 80 }, { port: 80 }] }))).message,
    ).toBe(
      'Service "a" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value, spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}]',
    );
  });

  it('checks port ranges and node ports on ClusterIP services', () => {
    expect(
      failure(() => cluster().create(service('a', { ports: [{ port: 0, nodePort: 30001 }] }))).message,
    ).toBe(
      'Service "a" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, ' +
        // targetPort defaulted from port 0 fails ValidatePortNumOrName as well
        'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive, ' +
        "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP']",
    );
  });

  it('forbids changing the clusterIP', () => {
    const store = cluster();
    const created = store.create(service('a', { ports: [{ port: 80 }] }));
    created.spec.clusterIP = '10.96.0.99';
    created.spec.clusterIPs = ['10.96.0.99'];
    expect(failure(() => store.update(created)).message).toBe(
      'Service "a" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set',
    );
  });
});
