// Describers of batch workloads: Job (counts, completion mode, duration) and CronJob (schedule,
// history limits, job template, active jobs).
// Follows describeJob / describeCronJob in pkg/describe/describe.go (kubectl v0.32.4).

import { humanDuration } from '../api/duration.ts';
import type { KubeObject } from '../api/types.ts';
import { describeEvents, refOf, searchEvents } from './events.ts';
import {
  type Json,
  printAnnotationsMultiline,
  printController,
  printLabelsMultiline,
  selectorString,
} from './format.ts';
import { int, printBoolPtr, str } from './gofmt.ts';
import { describePodTemplate, type PodContext } from './pod.ts';
import { formatRFC1123Z, parseGoTime } from './time.ts';
import { LEVEL_0, type PrefixWriter, tabbedString } from './writer.ts';

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** capIndexesListOrNone: completed indexes cut after the first comma past 50 characters. */
function capIndexes(indexes: string, softLimit: number): string {
  if (indexes.length === 0) return '<none>';
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ',') ix++;
  if (ix >= indexes.length) return indexes;
  return `${indexes.slice(0, ix + 1)}...`;
}

export function describeJob(job: KubeObject, ctx: PodContext): string {
  const events = ctx.showEvents ? searchEvents(ctx, refOf(job)) : null;
  const spec: Json = job.spec ?? {};
  const status: Json = job.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(job.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(job.metadata.namespace)}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', job.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
    const controlledBy = printController(job);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (isSet(spec.parallelism)) w.write(LEVEL_0, `Parallelism:\t${int(spec.parallelism)}\n`);
    w.write(LEVEL_0, `Completions:\t${isSet(spec.completions) ? int(spec.completions) : '<unset>'}\n`);
    if (isSet(spec.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${str(spec.completionMode)}\n`);
    if (isSet(spec.suspend)) w.write(LEVEL_0, `Suspend:\t${spec.suspend === true}\n`);
    if (isSet(spec.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${int(spec.backoffLimit)}\n`);
    if (isSet(spec.ttlSecondsAfterFinished)) {
      w.write(LEVEL_0, `TTL Seconds After Finished:\t${int(spec.ttlSecondsAfterFinished)}\n`);
    }
    const start = parseGoTime(status.startTime);
    const completion = parseGoTime(status.completionTime);
    if (start !== null) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(start)}\n`);
    if (completion !== null) w.write(LEVEL_0, `Completed At:\t${formatRFC1123Z(completion)}\n`);
    if (start !== null && completion !== null)
      w.write(LEVEL_0, `Duration:\t${humanDuration(completion - start)}\n`);
    if (isSet(spec.activeDeadlineSeconds)) {
      w.write(LEVEL_0, `Active Deadline Seconds:\t${int(spec.activeDeadlineSeconds)}s\n`);
    }
    const counts = `${int(status.succeeded)} Succeeded / ${int(status.failed)} Failed`;
    if (!isSet(status.ready)) w.write(LEVEL_0, `Pods Statuses:\t${int(status.active)} Active / ${counts}\n`);
    else
      w.write(
        LEVEL_0,
        `Pods Statuses:\t${int(status.active)} Active (${int(status.ready)} Ready) / ${counts}\n`,
      );
    if (spec.completionMode === 'Indexed') {
      w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(str(status.completedIndexes), 50)}\n`);
    }
    describePodTemplate(spec.template ?? {}, w);
    if (events) describeEvents(events, w, ctx.now);
  });
}

function describeJobTemplate(template: Json, w: PrefixWriter): void {
  const spec: Json = template?.spec ?? {};
  if (spec.selector) w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  else w.write(LEVEL_0, 'Selector:\t<unset>\n');
  w.write(LEVEL_0, `Parallelism:\t${isSet(spec.parallelism) ? int(spec.parallelism) : '<unset>'}\n`);
  w.write(LEVEL_0, `Completions:\t${isSet(spec.completions) ? int(spec.completions) : '<unset>'}\n`);
  if (isSet(spec.activeDeadlineSeconds)) {
    w.write(LEVEL_0, `Active Deadline Seconds:\t${int(spec.activeDeadlineSeconds)}s\n`);
  }
  describePodTemplate(spec.template ?? {}, w);
}

export function describeCronJob(cj: KubeObject, ctx: PodContext): string {
  const events = ctx.showEvents ? searchEvents(ctx, refOf(cj)) : null;
  const spec: Json = cj.spec ?? {};
  const status: Json = cj.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(cj.metadata.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(cj.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', cj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
    w.write(LEVEL_0, `Schedule:\t${str(spec.schedule)}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${str(spec.concurrencyPolicy)}\n`);
    w.write(LEVEL_0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`);
    const limit = (v: unknown) => (isSet(v) ? int(v) : '<unset>');
    w.write(LEVEL_0, `Successful Job History Limit:\t${limit(spec.successfulJobsHistoryLimit)}\n`);
    w.write(LEVEL_0, `Failed Job History Limit:\t${limit(spec.failedJobsHistoryLimit)}\n`);
    const deadline = isSet(spec.startingDeadlineSeconds)
      ? `${int(spec.startingDeadlineSeconds)}s`
      : '<unset>';
    w.write(LEVEL_0, `Starting Deadline Seconds:\t${deadline}\n`);
    describeJobTemplate(spec.jobTemplate, w);
    const last = parseGoTime(status.lastScheduleTime);
    w.write(LEVEL_0, `Last Schedule Time:\t${last !== null ? formatRFC1123Z(last) : '<unset>'}\n`);
    w.write(LEVEL_0, 'Active Jobs:\t');
    const active: Json[] = status.active ?? [];
    if (active.length === 0) {
      w.writeLine('<none>');
    } else {
      active.forEach((job, i) => {
        if (i !== 0) w.write(LEVEL_0, ', ');
        w.write(LEVEL_0, str(job.name));
      });
      w.writeLine('');
    }
    if (events) describeEvents(events, w, ctx.now);
  });
}
