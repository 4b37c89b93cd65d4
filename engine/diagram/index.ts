// Mermaid diagrams drawn from the engine's state: a host's network topology, the chains of an
// iptables table, and a packet's trace through netfilter. Plain text, the same for the same state.
export { type ChainsOptions, chainsDiagram, DEFAULT_MAX_CHAINS } from './chains.ts';
export {
  accessibilityLines,
  edgeText,
  escapeText,
  IdRegistry,
  labelLines,
  quoteLabel,
  safeId,
} from './mermaid-text.ts';
export { DEFAULT_MAX_INTERFACES, namespaceLabel, type TopologyView, topologyDiagram } from './topology.ts';
export {
  DEFAULT_MAX_NOTE_LINES,
  describePacket,
  recordTrace,
  type TraceOptions,
  traceDiagram,
} from './trace.ts';
