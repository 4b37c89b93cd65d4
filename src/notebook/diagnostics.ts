// Diagnostics about notes: a position, a rule id, a severity and a message, printed as
// `file:line:col: error rule: message` like compilers and linters do.

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  rule: string;
  severity: Severity;
  message: string;
  /** Extra lines shown under the message (a diff, a hint). */
  detail?: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.col}: ${d.severity} ${d.rule}: ${d.message}`;
  return d.detail ? `${head}\n${d.detail.replace(/\n$/, '')}` : head;
}
