// The add-ons a kind cluster's nodes can run when a manifest deploys them: the programs of
// well-known images (ingress-nginx's controller and kube-webhook-certgen) and the CNI portmap
// plugin's host ports.
import type { Cluster } from '../cluster.ts';
import { startHostPorts } from './host-ports.ts';
import { startCertgen } from './ingress-nginx/certgen.ts';
import { startIngressNginx } from './ingress-nginx/controller.ts';

export function startAddons(cluster: Cluster): void {
  startHostPorts(cluster);
  startCertgen(cluster);
  startIngressNginx(cluster);
}
