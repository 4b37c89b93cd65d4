// The FailedScheduling message: FitError.Error() of pkg/scheduler/framework/types.go (v1.32.5),
// "0/N nodes are available: <sorted "count reason" list>." followed by the PostFilter message, and the
// event note truncation of schedule_one.go (truncateMessage, NoteLengthLimit 1024).
import type { Status } from './framework.ts';

/** framework.Diagnosis: per-node statuses, the status of nodes not in the map, PreFilter/PostFilter messages. */
export interface Diagnosis {
  nodeToStatus: Map<string, Status>;
  absentStatus: Status;
  preFilterMsg: string;
  postFilterMsg: string;
}

export function newDiagnosis(): Diagnosis {
  // NewDefaultNodeToStatus: absent nodes are UnschedulableAndUnresolvable, without a reason.
  return {
    nodeToStatus: new Map(),
    absentStatus: { code: 'UnschedulableAndUnresolvable', reasons: [] },
    preFilterMsg: '',
    postFilterMsg: '',
  };
}

/** Status.Message(): the reasons joined with ", ". */
export function statusMessage(s: Status | null): string {
  return s ? s.reasons.join(', ') : '';
}

/** Go's sort.Strings: byte order. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** FitError.Error() */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const s of d.nodeToStatus.values())
      for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    if (d.nodeToStatus.size < numAllNodes) {
      const absent = numAllNodes - d.nodeToStatus.size;
      for (const r of d.absentStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    }
    const histogram = [...counts].map(([reason, n]) => `${n} ${reason}`).sort(byteOrder);
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** validation.NoteLengthLimit */
const NOTE_LENGTH_LIMIT = 1024;

/** truncateMessage: event notes longer than 1024 bytes end in " ...". */
export function truncateMessage(message: string): string {
  const bytes = new TextEncoder().encode(message);
  if (bytes.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return new TextDecoder().decode(bytes.slice(0, NOTE_LENGTH_LIMIT - suffix.length)) + suffix;
}
