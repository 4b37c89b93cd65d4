// Event rows (printEvent in kubernetes pkg/printers/internalversion/printers.go, 1.32). Both
// v1 and events.k8s.io/v1 events are stored as the core Event, so the latter's fields
// (note, regarding, deprecated*) are read through their core names first.
// biome-ignore-all lint/suspicious/noExplicitAny: event fields are open JSON

import { translateTimestampSince } from '../api/duration.ts';
import type { KubeObject } from '../api/types.ts';
import { int, str } from './format.ts';
import { type Cell, column, type KindPrinter, NAME_DESCRIPTION, type PrintContext } from './table.ts';

interface CoreEvent {
  name: string;
  involvedObject: any;
  reason: string;
  message: string;
  source: any;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count: number;
  type: string;
  eventTime?: string | null;
  series?: any;
  reportingController: string;
  reportingInstance: string;
}

/** The core view of an event (events.k8s.io/v1 converts as in pkg/apis/events/v1/conversion.go). */
function coreEvent(obj: KubeObject): CoreEvent {
  const e = obj as any;
  const isEventsGroup = typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('events.k8s.io/');
  return {
    name: str(obj.metadata.name),
    involvedObject: (isEventsGroup ? e.regarding : e.involvedObject) ?? {},
    reason: str(e.reason),
    message: str(isEventsGroup ? e.note : e.message),
    source: (isEventsGroup ? e.deprecatedSource : e.source) ?? {},
    firstTimestamp: isEventsGroup ? e.deprecatedFirstTimestamp : e.firstTimestamp,
    lastTimestamp: isEventsGroup ? e.deprecatedLastTimestamp : e.lastTimestamp,
    count: int(isEventsGroup ? e.deprecatedCount : e.count),
    type: str(e.type),
    eventTime: e.eventTime,
    series: e.series,
    reportingController: str(e.reportingController),
    reportingInstance: str(e.reportingInstance),
  };
}

const eventColumns = [
  column('Last Seen', 'string'),
  column('Type', 'string'),
  column('Reason', 'string'),
  column('Object', 'string'),
  column('Subobject', 'string', { wide: true }),
  column('Source', 'string', { wide: true }),
  column('Message', 'string'),
  column('First Seen', 'string', { wide: true }),
  column('Count', 'string', { wide: true }),
  column('Name', 'string', { wide: true, format: 'name', description: NAME_DESCRIPTION }),
];

/** formatEventSource: component (or reporting controller), then ", host" when there is one. */
function formatEventSource(event: CoreEvent): string {
  const component = str(event.source.component) || event.reportingController;
  const instance = str(event.source.host) || event.reportingInstance;
  return instance ? `${component}, ${instance}` : component;
}

function printEvent(obj: KubeObject, ctx: PrintContext): Cell[] {
  const event = coreEvent(obj);
  let firstSeen = translateTimestampSince(event.firstTimestamp, ctx.now);
  if (!event.firstTimestamp) firstSeen = translateTimestampSince(event.eventTime, ctx.now);
  let lastSeen = translateTimestampSince(event.lastTimestamp, ctx.now);
  if (!event.lastTimestamp) lastSeen = firstSeen;
  let count = event.count;
  if (event.series) {
    lastSeen = translateTimestampSince(event.series.lastObservedTime, ctx.now);
    count = int(event.series.count);
  } else if (count === 0) {
    // singleton events of the new API have no count
    count = 1;
  }
  const kind = str(event.involvedObject.kind).toLowerCase();
  const name = str(event.involvedObject.name);
  return [
    lastSeen,
    event.type,
    event.reason,
    name ? `${kind}/${name}` : kind,
    str(event.involvedObject.fieldPath),
    formatEventSource(event),
    event.message.trim(),
    firstSeen,
    count,
    event.name,
  ];
}

export const eventPrinters: Record<string, KindPrinter> = {
  Event: { columns: eventColumns, row: printEvent },
};
