// The metrics pipeline of the simulated cluster: the usage model notes drive, metrics-server
// serving metrics.k8s.io, and what kubectl top and the HPA controller read from it.
export { installMetricsServer, MetricsServer, metricsApiState, metricsServerOf } from './server.ts';
export { DEFAULT_IDLE, IDLE_USAGE, NODE_SYSTEM_USAGE, setUsage, type UsageOverride } from './usage.ts';
