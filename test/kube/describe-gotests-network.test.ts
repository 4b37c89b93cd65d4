// Ports of kubectl's pkg/describe/describe_test.go (v0.32.4). Expected strings are the Go
// tests' own; where a Go test feeds objects through a fake client that ignores field selectors
// or uses the local time zone, the adaptation is noted at the case.
import { expect, it, describe as suite } from 'vitest';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { k, GO_TESTS_NOW as NOW, runAt } from './describe-fixtures.ts';

const run = runAt(NOW);

suite('services and networking', () => {
  const base = {
    type: 'LoadBalancer',
    selector: { blah: 'heh' },
    clusterIP: '1.2.3.4',
    ipFamilies: ['IPv4'],
    loadBalancerIP: '5.6.7.8',
    sessionAffinity: 'None',
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 32222,
  };
  const port = (targetPort: number | string) => ({
    name: 'port-tcp',
    port: 8080,
    protocol: 'TCP',
    targetPort,
    nodePort: 31111,
  });
  const slice = (name: string, endpoints: unknown[], protocol = 'TCP') =>
    k('discovery.k8s.io/v1', 'EndpointSlice', {
      metadata: { name, namespace: 'foo', labels: { 'kubernetes.io/service-name': 'bar' } },
      endpoints,
      ports: [{ name: 'port-tcp', port: 9527, protocol }],
    });
  const ready = (ip: string, r?: boolean) => ({
    addresses: [ip],
    conditions: r === undefined ? {} : { ready: r },
  });
  const header =
    'Name:                     bar\n' +
    'Namespace:                foo\n' +
    'Labels:                   <none>\n' +
    'Annotations:              <none>\n' +
    'Selector:                 blah=heh\n' +
    'Type:                     LoadBalancer\n';

  // TestDescribeService
  it.each([
    [
      'test1',
      { ...base, ports: [port(9527)], internalTrafficPolicy: 'Cluster' },
      { loadBalancer: { ingress: [{ ip: '5.6.7.8', ipMode: 'VIP' }] } },
      [slice('bar-abcde', [ready('10.244.0.1', true), ready('10.244.0.2', true), ready('10.244.0.3', true)])],
      `${header}IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      <none>
Desired LoadBalancer IP:  5.6.7.8
LoadBalancer Ingress:     5.6.7.8 (VIP)
Port:                     port-tcp  8080/TCP
TargetPort:               9527/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.3:9527
Session Affinity:         None
External Traffic Policy:  Local
Internal Traffic Policy:  Cluster
HealthCheck NodePort:     32222
Events:                   <none>
`,
    ],
    [
      'test2',
      { ...base, ports: [port('targetPort')], internalTrafficPolicy: 'Local' },
      { loadBalancer: { ingress: [{ ip: '5.6.7.8' }] } },
      [
        slice('bar-12345', [ready('10.244.0.1', true), ready('10.244.0.2', true)], 'UDP'),
        slice(
          'bar-54321',
          [ready('10.244.0.3', false), ready('10.244.0.4', true), ready('10.244.0.5', true)],
          'UDP',
        ),
      ],
      `${header}IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      <none>
Desired LoadBalancer IP:  5.6.7.8
LoadBalancer Ingress:     5.6.7.8
Port:                     port-tcp  8080/TCP
TargetPort:               targetPort/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.4:9527 + 1 more...
Session Affinity:         None
External Traffic Policy:  Local
Internal Traffic Policy:  Local
HealthCheck NodePort:     32222
Events:                   <none>
`,
    ],
    [
      'test-ready-field-empty',
      { ...base, ports: [port(9527)], internalTrafficPolicy: 'Cluster' },
      {},
      [slice('bar-abcdef', [ready('10.244.0.1')])],
      `${header}IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      <none>
Desired LoadBalancer IP:  5.6.7.8
Port:                     port-tcp  8080/TCP
TargetPort:               9527/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527
Session Affinity:         None
External Traffic Policy:  Local
Internal Traffic Policy:  Cluster
HealthCheck NodePort:     32222
Events:                   <none>
`,
    ],
    [
      'test-ServiceIPFamily',
      { ...base, ports: [port('targetPort')] },
      {},
      [slice('bar-123ab', [ready('10.244.0.1', true)])],
      `${header}IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      <none>
Desired LoadBalancer IP:  5.6.7.8
Port:                     port-tcp  8080/TCP
TargetPort:               targetPort/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527
Session Affinity:         None
External Traffic Policy:  Local
HealthCheck NodePort:     32222
Events:                   <none>
`,
    ],
    [
      'test-ServiceIPFamilyPolicy+ClusterIPs',
      { ...base, ports: [port('targetPort')], ipFamilyPolicy: 'SingleStack', clusterIPs: ['1.2.3.4'] },
      {},
      [],
      `${header}IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      1.2.3.4
Desired LoadBalancer IP:  5.6.7.8
Port:                     port-tcp  8080/TCP
TargetPort:               targetPort/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                <none>
Session Affinity:         None
External Traffic Policy:  Local
HealthCheck NodePort:     32222
Events:                   <none>
`,
    ],
  ])('TestDescribeService %s (full output)', (_name, spec, status, slices, want) => {
    const svc = k('v1', 'Service', { metadata: { name: 'bar', namespace: 'foo' }, spec, status });
    expect(run('Service', svc, slices as KubeObject[])).toBe(want);
  });

  it('TestDescribeEndpointSlice v1 (full output)', () => {
    const eps = k('discovery.k8s.io/v1', 'EndpointSlice', {
      metadata: { name: 'foo.123', namespace: 'bar' },
      addressType: 'IPv4',
      endpoints: [
        {
          addresses: ['1.2.3.4', '1.2.3.5'],
          conditions: { ready: true },
          targetRef: { kind: 'Pod', name: 'test-123' },
          zone: 'us-central1-a',
          nodeName: 'node-1',
        },
        {
          addresses: ['1.2.3.6', '1.2.3.7'],
          conditions: { ready: true },
          targetRef: { kind: 'Pod', name: 'test-124' },
          nodeName: 'node-2',
        },
      ],
      ports: [{ protocol: 'TCP', port: 80 }],
    });
    expect(run('EndpointSlice', eps)).toBe(`Name:         foo.123
Namespace:    bar
Labels:       <none>
Annotations:  <none>
AddressType:  IPv4
Ports:
  Name     Port  Protocol
  ----     ----  --------
  <unset>  80    TCP
Endpoints:
  - Addresses:  1.2.3.4, 1.2.3.5
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/test-123
    NodeName:   node-1
    Zone:       us-central1-a
  - Addresses:  1.2.3.6, 1.2.3.7
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/test-124
    NodeName:   node-2
    Zone:       <unset>
Events:         <none>
`);
  });

  const backendService = { service: { name: 'default-backend', port: { number: 80 } } };
  const backendResource = { resource: { apiGroup: 'example.com', kind: 'foo', name: 'bar' } };
  const rules = (backend: unknown) => [{ host: 'foo.bar.com', http: { paths: [{ path: '/foo', backend }] } }];
  const notFound = 'default-backend:80 (<error: services "default-backend" not found>)';
  const withRules = (labels: string, defaultBackend: string, backend: string) => `Name:             bar
${labels}Namespace:        foo
Address:          
Ingress Class:    test
Default backend:  ${defaultBackend}
Rules:
  Host         Path  Backends
  ----         ----  --------
  foo.bar.com  
               /foo   ${backend}
Annotations:   <none>
Events:        <none>
`;
  const withoutRules = (ingressClass: string, defaultBackend: string) => `Name:             bar
Labels:           <none>
Namespace:        foo
Address:          
Ingress Class:    ${ingressClass}
Default backend:  ${defaultBackend}
Rules:
  Host        Path  Backends
  ----        ----  --------
  *           *     ${defaultBackend}
Annotations:  <none>
Events:       <none>
`;
  // TestDescribeIngress (the v1beta1 case is described from its v1 form, as kubectl reads v1 first)
  it.each([
    [
      'IngressRule.HTTP.Paths.Backend.Service (labelled)',
      { labels: { id1: 'app1', id2: 'app2' } },
      { ingressClassName: 'test', rules: rules(backendService) },
      withRules('Labels:           id1=app1\n                  id2=app2\n', '<default>', notFound),
    ],
    [
      'IngressRule.HTTP.Paths.Backend.Service v1',
      {},
      { ingressClassName: 'test', rules: rules(backendService) },
      withRules('Labels:           <none>\n', '<default>', notFound),
    ],
    [
      'IngressRule.HTTP.Paths.Backend.Resource v1',
      {},
      { ingressClassName: 'test', rules: rules(backendResource) },
      withRules('Labels:           <none>\n', '<default>', 'APIGroup: example.com, Kind: foo, Name: bar'),
    ],
    [
      'IngressRule.HTTP.Paths.Backend.Resource v1 Without APIGroup',
      {},
      { ingressClassName: 'test', rules: rules({ resource: { kind: 'foo', name: 'bar' } }) },
      withRules('Labels:           <none>\n', '<default>', 'APIGroup: <none>, Kind: foo, Name: bar'),
    ],
    [
      'Spec.DefaultBackend.Service & IngressRule.HTTP.Paths.Backend.Service v1',
      {},
      { defaultBackend: backendService, ingressClassName: 'test', rules: rules(backendService) },
      withRules('Labels:           <none>\n', notFound, notFound),
    ],
    [
      'Spec.DefaultBackend.Resource & IngressRule.HTTP.Paths.Backend.Resource v1',
      {},
      { defaultBackend: backendResource, ingressClassName: 'test', rules: rules(backendResource) },
      withRules(
        'Labels:           <none>\n',
        'APIGroup: example.com, Kind: foo, Name: bar',
        'APIGroup: example.com, Kind: foo, Name: bar',
      ),
    ],
    [
      'Spec.DefaultBackend.Resource & IngressRule.HTTP.Paths.Backend.Service v1',
      {},
      { defaultBackend: backendResource, ingressClassName: 'test', rules: rules(backendService) },
      withRules('Labels:           <none>\n', 'APIGroup: example.com, Kind: foo, Name: bar', notFound),
    ],
    [
      'DefaultBackend',
      {},
      { defaultBackend: backendService, ingressClassName: 'test' },
      withoutRules('test', notFound),
    ],
    ['EmptyBackend', {}, { ingressClassName: 'test' }, withoutRules('test', '<default>')],
    ['EmptyIngressClassName', {}, { defaultBackend: backendService }, withoutRules('<none>', notFound)],
  ])('TestDescribeIngress %s (full output)', (_name, meta, spec, want) => {
    const ing = k('networking.k8s.io/v1', 'Ingress', {
      metadata: { name: 'bar', namespace: 'foo', ...meta },
      spec,
    });
    expect(run('Ingress', ing)).toBe(want);
  });

  it('TestDescribeIngressClass (full output)', () => {
    const ic = k('networking.k8s.io/v1', 'IngressClass', {
      metadata: { name: 'example-class' },
      spec: {
        controller: 'example.com/controller',
        parameters: { apiGroup: 'v1', kind: 'ConfigMap', name: 'example-parameters' },
      },
    });
    expect(run('IngressClass', ic, [], false)).toBe(`Name:         example-class
Labels:       <none>
Annotations:  <none>
Controller:   example.com/controller
Parameters:
  APIGroup:  v1
  Kind:      ConfigMap
  Name:      example-parameters
`);
  });

  const selector = (extra: Record<string, unknown> = {}) => ({
    matchLabels: { id: 'app2', id2: 'app3' },
    ...extra,
  });
  const peers = [
    {
      podSelector: { matchLabels: { id: 'pod1', id2: 'pod2' } },
      namespaceSelector: { matchLabels: { id: 'ns1', id2: 'ns2' } },
    },
    { podSelector: selector() },
    { namespaceSelector: selector() },
    {
      namespaceSelector: selector({
        matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar1', 'bar2'] }],
      }),
    },
    { ipBlock: { cidr: '192.168.0.0/16', except: ['192.168.3.0/24', '192.168.4.0/24'] } },
  ];
  const podSelector = {
    matchLabels: { id1: 'app1', id2: 'app2' },
    matchExpressions: [
      { key: 'foo', operator: 'In', values: ['bar1', 'bar2'] },
      { key: 'foo2', operator: 'NotIn', values: ['bar1', 'bar2'] },
    ],
  };
  const ports = [{ port: 80 }, { port: 82, protocol: 'TCP' }];
  const peerLines = (word: string) => `    ${word}:
      NamespaceSelector: id=ns1,id2=ns2
      PodSelector: id=pod1,id2=pod2
    ${word}:
      PodSelector: id=app2,id2=app3
    ${word}:
      NamespaceSelector: id=app2,id2=app3
    ${word}:
      NamespaceSelector: foo in (bar1,bar2),id=app2,id2=app3
    ${word}:
      IPBlock:
        CIDR: 192.168.0.0/16
        Except: 192.168.3.0/24, 192.168.4.0/24
    ----------
    To Port: <any> (traffic allowed to all ports)
`;
  // The Go tests create the policy at 2017-06-04 21:45:56 -0700 PDT and print it in that zone;
  // the simulated kubectl prints the same instant in UTC.
  const head = `Name:         network-policy-1
Namespace:    default
Created on:   2017-06-05 04:45:56 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     foo in (bar1,bar2),foo2 notin (bar1,bar2),id1=app1,id2=app2
  Allowing ingress traffic:
`;
  const ingressPart = (portLines: string) =>
    `${portLines}${peerLines('From')}    From: <any> (traffic not restricted by source)\n`;
  const egressPart = (portLines: string) =>
    `  Allowing egress traffic:\n${portLines}${peerLines('To')}    To: <any> (traffic not restricted by destination)\n`;
  const twoPorts = '    To Port: 80/TCP\n    To Port: 82/TCP\n';
  const range = '    To Port Range: 80-82/TCP\n';
  // TestDescribeNetworkPolicies, TestDescribeIngressNetworkPolicies,
  // TestDescribeIsolatedEgressNetworkPolicies, TestDescribeNetworkPoliciesWithPortRange
  it.each([
    [
      'ingress and egress',
      {
        ingress: [{ ports, from: peers }, {}],
        egress: [{ ports, to: peers }, {}],
        policyTypes: ['Ingress', 'Egress'],
      },
      `${head}${ingressPart(twoPorts)}${egressPart(twoPorts)}  Policy Types: Ingress, Egress\n`,
    ],
    [
      'ingress only',
      { ingress: [{ ports, from: peers }, {}], policyTypes: ['Ingress'] },
      `${head}${ingressPart(twoPorts)}  Not affecting egress traffic\n  Policy Types: Ingress\n`,
    ],
    [
      'isolated egress',
      { ingress: [{ ports, from: peers }, {}], policyTypes: ['Ingress', 'Egress'] },
      `${head}${ingressPart(twoPorts)}  Allowing egress traffic:\n    <none> (Selected pods are isolated for egress connectivity)\n  Policy Types: Ingress, Egress\n`,
    ],
    [
      'port range',
      {
        ingress: [{ ports: [{ port: 80, endPort: 82, protocol: 'TCP' }], from: peers }, {}],
        egress: [{ ports: [{ port: 80, endPort: 82, protocol: 'TCP' }], to: peers }, {}],
        policyTypes: ['Ingress', 'Egress'],
      },
      `${head}${ingressPart(range)}${egressPart(range)}  Policy Types: Ingress, Egress\n`,
    ],
  ])('NetworkPolicy %s (full output)', (_name, spec, want) => {
    const np = k('networking.k8s.io/v1', 'NetworkPolicy', {
      metadata: { name: 'network-policy-1', namespace: 'default', creationTimestamp: '2017-06-05T04:45:56Z' },
      spec: { podSelector, ...spec },
    });
    expect(run('NetworkPolicy', np, [], false)).toBe(want);
  });
});
