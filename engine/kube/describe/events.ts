// The Events section: finding an object's events the way searchEvents' field selector does
// (involvedObject name/namespace, plus kind and uid when known) and the DescribeEvents table,
// sorted by lastTimestamp (event.SortableEvents) with Go's unstable sort.
import type { KubeObject } from '../api/types.ts';
import type { Json } from './format.ts';
import { goSort } from './gosort.ts';
import { parseGoTime, since } from './time.ts';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer.ts';

export interface EventContext {
  now: number;
  list(resource: string, namespace?: string): KubeObject[];
}

/** The object reference events are looked up by (reference.GetReference). */
export interface EventRef {
  name: string;
  namespace: string;
  /** Left out of the selector when empty (the Pod describer clears it). */
  kind?: string;
  /** Left out of the selector when empty. */
  uid?: string;
}

export function refOf(obj: KubeObject): EventRef {
  return {
    name: obj.metadata.name ?? '',
    namespace: obj.metadata.namespace ?? '',
    kind: obj.kind,
    uid: obj.metadata.uid,
  };
}

/** Events in ref's namespace (all namespaces for '') whose involvedObject matches ref. */
export function searchEvents(ctx: EventContext, ref: EventRef): KubeObject[] {
  return ctx.list('events', ref.namespace).filter((e) => {
    const io: Json = e.involvedObject ?? {};
    if ((io.name ?? '') !== ref.name || (io.namespace ?? '') !== ref.namespace) return false;
    if (ref.kind && (io.kind ?? '') !== ref.kind) return false;
    if (ref.uid && (io.uid ?? '') !== ref.uid) return false;
    return true;
  });
}

function lastTimestamp(e: KubeObject): number {
  return parseGoTime(e.lastTimestamp) ?? Number.NEGATIVE_INFINITY;
}

/** DescribeEvents: "Events:  <none>" or the Type/Reason/Age/From/Message table. */
export function describeEvents(events: KubeObject[], w: PrefixWriter, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  const sorted = goSort([...events], (a, b) => lastTimestamp(a) < lastTimestamp(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const ev: Json = e;
    const eventTime = parseGoTime(ev.eventTime);
    const first = eventTime !== null ? since(eventTime, now) : since(parseGoTime(ev.firstTimestamp), now);
    let interval: string;
    if (ev.series) {
      interval = `${since(parseGoTime(ev.series.lastObservedTime), now)} (x${ev.series.count ?? 0} over ${first})`;
    } else if ((ev.count ?? 0) > 1) {
      interval = `${since(parseGoTime(ev.lastTimestamp), now)} (x${ev.count} over ${first})`;
    } else {
      interval = first;
    }
    const source = ev.source?.component || ev.reportingComponent || '';
    w.write(
      LEVEL_1,
      `${ev.type ?? ''}\t${ev.reason ?? ''}\t${interval}\t${source}\t${String(ev.message ?? '').trim()}\n`,
    );
  }
}
