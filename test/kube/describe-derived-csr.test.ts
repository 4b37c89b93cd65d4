// Full `kubectl describe csr` outputs, worked out by hand from describeCertificateSigningRequest
// in pkg/describe/describe.go (kubectl v0.32.4) and Go's tabwriter rules. The requests are real
// PKCS #10 PEMs made with `openssl req -new`; their subjects and SANs are what x509 parses.
// The same objects were also served to the real kubectl v1.32.4 binary from a loopback API server
// and its output matched these strings byte for byte.
import { expect, it, describe as suite } from 'vitest';
import type { KubeObject } from '../../engine/kube/api/types.ts';
import { describe } from '../../engine/kube/describe/index.ts';
import { lines, KIND_OUTPUTS_NOW as NOW } from './describe-fixtures.ts';

const JANE_CSR = `-----BEGIN CERTIFICATE REQUEST-----
MIIBaDCCAQ0CAQAwPDENMAsGA1UEAwwEamFuZTENMAsGA1UECgwEZGV2czEPMA0G
A1UECgwGYWRtaW5zMQswCQYDVQQGEwJVUzBZMBMGByqGSM49AgEGCCqGSM49AwEH
A0IABIMTX/GWivogI+xj5rIKvaHHOSWOt1UltyISipsimkTSns8N+asdFvBUE37q
/eUBR6OnM49SsWrN0VKGOxxbO36gbzBtBgkqhkiG9w0BCQ4xYDBeMFwGA1UdEQRV
MFOCEGphbmUuZXhhbXBsZS5jb22HBAoAAAGHEP0AAAAAAAAAAAAAAAAAAAGBEGph
bmVAZXhhbXBsZS5jb22GFXNwaWZmZTovL2V4YW1wbGUvamFuZTAKBggqhkjOPQQD
AgNJADBGAiEArBfZz+TekLLmqzktV0MSrxNK9ROCG+3nqVOZMp3N9LICIQCUdDrg
zhFsMXEHEh5GsZ89NrxSDw8PdKamC663ENL19Q==
-----END CERTIFICATE REQUEST-----
`;

const NODE_CSR = `-----BEGIN CERTIFICATE REQUEST-----
MIHzMIGbAgEAMDkxFTATBgNVBAoMDHN5c3RlbTpub2RlczEgMB4GA1UEAwwXc3lz
dGVtOm5vZGU6a2luZC13b3JrZXIwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAS/
Jdwv/vqFX4OwgKnhp0ajGHkHoozvS8bzNJ9cZQS6f9hnRT2aHQ2IzQ94pOheTyC7
2fCkmGpn1wubTiIlJjDgoAAwCgYIKoZIzj0EAwIDRwAwRAIgJfkFPIzdpwIpF8xk
kWMOKknQiXtKc2i2EFdZoDCDLXwCIA7re4sAkiVI5YEo8YmTzSPVQWuLKp1eo7xf
dtfIfo1w
-----END CERTIFICATE REQUEST-----
`;

function csr(name: string, pem: string, spec: object, status: object): KubeObject {
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name, uid: `${name}-uid`, creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: { request: btoa(pem), ...spec },
    status,
  };
}

const ctx = { now: NOW, showEvents: true, list: () => [], get: () => undefined };

suite('certificate signing requests', () => {
  it('describes an approved client CSR with subject alternative names', () => {
    const jane = csr(
      'jane',
      JANE_CSR,
      {
        signerName: 'kubernetes.io/kube-apiserver-client',
        expirationSeconds: 86400,
        usages: ['client auth'],
        username: 'kubernetes-admin',
        groups: ['kubeadm:cluster-admins', 'system:authenticated'],
      },
      {
        conditions: [
          {
            type: 'Approved',
            status: 'True',
            reason: 'KubectlApprove',
            message: 'This CSR was approved by kubectl certificate approve.',
          },
        ],
        certificate: btoa('-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n'),
      },
    );
    expect(describe('CertificateSigningRequest', jane, ctx)).toBe(
      lines(
        'Name:                jane',
        'Labels:              <none>',
        'Annotations:         <none>',
        'CreationTimestamp:   Wed, 01 Jan 2025 00:00:00 +0000',
        'Requesting User:     kubernetes-admin',
        'Signer:              kubernetes.io/kube-apiserver-client',
        'Requested Duration:  24h',
        'Status:              Approved,Issued',
        'Subject:',
        '  Common Name:    jane',
        '  Serial Number:  ',
        '  Organization:   devs',
        '                  admins',
        '  Country:        US',
        'Subject Alternative Names:',
        '         DNS Names:        jane.example.com',
        '         Email Addresses:  jane@example.com',
        '         URIs:             spiffe://example/jane',
        '         IP Addresses:     10.0.0.1',
        '                           fd00::1',
        'Events:  <none>',
      ),
    );
  });

  it('describes a pending kubelet CSR: the Events line widens the subject block', () => {
    const node = csr(
      'csr-8kx2m',
      NODE_CSR,
      {
        signerName: 'kubernetes.io/kube-apiserver-client-kubelet',
        usages: ['digital signature', 'client auth'],
        username: 'system:bootstrap:abcdef',
        groups: [
          'system:bootstrappers',
          'system:bootstrappers:kubeadm:default-node-token',
          'system:authenticated',
        ],
      },
      {},
    );
    expect(describe('CertificateSigningRequest', node, ctx)).toBe(
      lines(
        'Name:               csr-8kx2m',
        'Labels:             <none>',
        'Annotations:        <none>',
        'CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000',
        'Requesting User:    system:bootstrap:abcdef',
        'Signer:             kubernetes.io/kube-apiserver-client-kubelet',
        'Status:             Pending',
        'Subject:',
        '         Common Name:    system:node:kind-worker',
        '         Serial Number:  ',
        '         Organization:   system:nodes',
        'Events:  <none>',
      ),
    );
  });

  it('fails as kubectl does on a request that is not a PEM CSR', () => {
    expect(() => describe('CertificateSigningRequest', csr('bad', 'garbage', {}, {}), ctx)).toThrow(
      'Error parsing CSR: PEM block type must be CERTIFICATE REQUEST',
    );
  });
});
