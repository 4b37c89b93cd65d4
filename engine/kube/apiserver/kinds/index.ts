// Registers the Strategy of every built-in kind with the API server (importing this module is
// enough): defaulting, admission and validation as a Kubernetes 1.32 kind cluster applies them.
import './pod.ts';
import './deployment.ts';
import './statefulset.ts';
import './job.ts';
import './cronjob.ts';
import './service.ts';
import './configmap.ts';
import './namespace.ts';
import './storage.ts';
import './coreMisc.ts';
import './quota.ts';
import './rbac.ts';
import './networking.ts';
import './hpa.ts';
import './cluster.ts';
