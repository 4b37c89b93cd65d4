// kube-webhook-certgen (registry.k8s.io/ingress-nginx/kube-webhook-certgen; images/kube-webhook-
// certgen in ingress-nginx): `create` makes the webhook's certificate secret unless it exists,
// `patch` puts its CA into the ValidatingWebhookConfiguration and sets the failure policy. The
// certificates are random bytes shaped as PEM, not real X.509.
import type { Cluster } from '../../cluster.ts';
import { registerImageProgram } from '../../kubelet/servers.ts';

export const CERTGEN_REPOSITORY = 'registry.k8s.io/ingress-nginx/kube-webhook-certgen';
/** How long either command runs before exiting (a few API calls). */
const RUN_MS = 1_000;

function flagOf(argv: string[], name: string, env: Record<string, string>): string | undefined {
  let value: string | undefined;
  for (const a of argv) if (a.startsWith(`--${name}=`)) value = a.slice(name.length + 3);
  // the kubelet expands $(VAR) from the container's env before the process starts
  return value?.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, v) => env[v] ?? m);
}

function pem(cluster: Cluster, type: string, bytes: number): string {
  const body = btoa(String.fromCharCode(...cluster.random.bytes(bytes)));
  return `-----BEGIN ${type}-----\n${body.match(/.{1,64}/g)?.join('\n')}\n-----END ${type}-----\n`;
}

export function startCertgen(cluster: Cluster): void {
  const secrets = cluster.type('secrets');
  registerImageProgram(cluster, CERTGEN_REPOSITORY, {
    run(argv, ctx) {
      const namespace = flagOf(argv, 'namespace', ctx.env) ?? '';
      const secretName = flagOf(argv, 'secret-name', ctx.env) ?? '';
      if (argv[0] === 'create') {
        // cmd/create.go: GetCaFromSecret, else generate and SaveCertsToSecret (Data ca/cert/key)
        cluster.runtime.after(RUN_MS, `certgen create ${namespace}/${secretName}`, () => {
          if (cluster.store.peek(secrets, namespace, secretName)) return;
          const b64 = (text: string) => btoa(text);
          try {
            cluster.store.create({
              apiVersion: 'v1',
              kind: 'Secret',
              metadata: { name: secretName, namespace },
              data: {
                ca: b64(pem(cluster, 'CERTIFICATE', 384)),
                cert: b64(pem(cluster, 'CERTIFICATE', 512)),
                key: b64(pem(cluster, 'EC PRIVATE KEY', 96)),
              },
            });
          } catch {
            // the namespace is going away
          }
        });
        return { exitAfterMs: RUN_MS, exitCode: 0 };
      }
      if (argv[0] === 'patch') {
        // cmd/patch.go: no secret → "no secret with '…' in '…'" and log.Fatal (exit 1)
        const secret = cluster.store.peek(secrets, namespace, secretName);
        const ca = (secret?.data as Record<string, string> | undefined)?.ca;
        if (!ca) return { exitAfterMs: RUN_MS, exitCode: 1 };
        const webhookName = flagOf(argv, 'webhook-name', ctx.env) ?? '';
        const policy = flagOf(argv, 'patch-failure-policy', ctx.env);
        const patchValidating = flagOf(argv, 'patch-validating', ctx.env) !== 'false';
        cluster.runtime.after(RUN_MS, `certgen patch ${webhookName}`, () => {
          const type = cluster.registry.resolve('validatingwebhookconfigurations');
          const vwc = type && patchValidating ? cluster.store.peek(type, '', webhookName) : undefined;
          if (!vwc) return;
          const next = structuredClone(vwc);
          for (const hook of (next.webhooks ?? []) as Array<Record<string, unknown>>) {
            hook.clientConfig = { ...((hook.clientConfig as object | undefined) ?? {}), caBundle: ca };
            if (policy) hook.failurePolicy = policy;
          }
          try {
            cluster.store.update(next);
          } catch {
            // gone meanwhile
          }
        });
        return { exitAfterMs: RUN_MS, exitCode: 0 };
      }
      return null;
    },
  });
}
