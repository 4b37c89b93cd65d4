// Job and CronJob rows (printJob / printCronJob in kubernetes
// pkg/printers/internalversion/printers.go, 1.32): job status from its conditions,
// "1/3" or "0/1 of 2" completions, durations, and the cron job's schedule columns.
// biome-ignore-all lint/suspicious/noExplicitAny: job conditions are open JSON

import { humanDuration, translateTimestampSince } from '../api/duration.ts';
import type { KubeObject } from '../api/types.ts';
import { formatLabelSelector, int, layoutContainerCells, printBoolPtr, str } from './format.ts';
import {
  ageColumn,
  type Cell,
  column,
  type KindPrinter,
  nameColumn,
  type PrintContext,
  templateColumns,
} from './table.ts';

const jobColumns = [
  nameColumn(),
  column('Status', 'string', { description: 'Status of the job.' }),
  column('Completions', 'string'),
  column('Duration', 'string', { description: 'Time required to complete the job.' }),
  ageColumn(),
  ...templateColumns(),
];

/** hasJobCondition: the first condition of the type decides. */
function hasJobCondition(job: KubeObject, type: string): boolean {
  const condition = (job.status?.conditions ?? []).find((c: any) => c.type === type);
  return condition?.status === 'True';
}

function printJob(job: KubeObject, ctx: PrintContext): Cell[] {
  const spec = job.spec ?? {};
  const status = job.status ?? {};
  const succeeded = int(status.succeeded);
  let completions: string;
  if (typeof spec.completions === 'number') {
    completions = `${succeeded}/${int(spec.completions)}`;
  } else {
    const parallelism = int(spec.parallelism);
    completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
  }
  let duration = '';
  if (status.startTime) {
    const start = Date.parse(status.startTime);
    const end = status.completionTime ? Date.parse(status.completionTime) : ctx.now;
    duration = humanDuration(end - start);
  }
  let state: string;
  if (hasJobCondition(job, 'Complete')) state = 'Complete';
  else if (hasJobCondition(job, 'Failed')) state = 'Failed';
  else if (job.metadata.deletionTimestamp) state = 'Terminating';
  else if (hasJobCondition(job, 'Suspended')) state = 'Suspended';
  else if (hasJobCondition(job, 'FailureTarget')) state = 'FailureTarget';
  else state = 'Running';
  const [names, images] = layoutContainerCells(spec.template?.spec?.containers);
  return [
    str(job.metadata.name),
    state,
    completions,
    duration,
    translateTimestampSince(job.metadata.creationTimestamp, ctx.now),
    names,
    images,
    formatLabelSelector(spec.selector),
  ];
}

const cronJobColumns = [
  nameColumn(),
  column('Schedule', 'string'),
  column('Timezone', 'string'),
  column('Suspend', 'boolean'),
  column('Active', 'integer'),
  column('Last Schedule', 'string'),
  ageColumn(),
  ...templateColumns(),
];

function printCronJob(cronJob: KubeObject, ctx: PrintContext): Cell[] {
  const spec = cronJob.spec ?? {};
  const status = cronJob.status ?? {};
  const lastSchedule = status.lastScheduleTime
    ? translateTimestampSince(status.lastScheduleTime, ctx.now)
    : '<none>';
  const jobSpec = spec.jobTemplate?.spec ?? {};
  const [names, images] = layoutContainerCells(jobSpec.template?.spec?.containers);
  return [
    str(cronJob.metadata.name),
    str(spec.schedule),
    typeof spec.timeZone === 'string' ? spec.timeZone : '<none>',
    printBoolPtr(spec.suspend),
    (status.active ?? []).length,
    lastSchedule,
    translateTimestampSince(cronJob.metadata.creationTimestamp, ctx.now),
    names,
    images,
    formatLabelSelector(jobSpec.selector),
  ];
}

export const batchPrinters: Record<string, KindPrinter> = {
  Job: { columns: jobColumns, row: printJob },
  CronJob: { columns: cronJobColumns, row: printCronJob },
};
