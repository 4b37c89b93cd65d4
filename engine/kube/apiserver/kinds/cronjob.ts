// The CronJob strategy: SetDefaults_CronJob (pkg/apis/batch/v1/defaults.go) with its job
// template's pod defaults, and ValidateCronJobCreate / ValidateCronJobUpdate
// (pkg/apis/batch/validation: schedule, time zone, concurrency policy, job template).
import type { FieldError } from '../errors.ts';
import { registerStrategy } from '../strategy.ts';
import { markCreating, takeCreating } from './creating.ts';
import { cronScheduleError, isKnownTimeZone } from './cron.ts';
import { child, goLabelSelector, goQuote, invalid, notSupported, required } from './field.ts';
import { validateJobSpec } from './job.ts';
import { type Json, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { defaultPodTemplate, embeddedMeta } from './podDefaults.ts';

/** SetDefaults_CronJob plus the defaults of the jobTemplate's pod template. */
function defaultCronJob(cj: Json): void {
  const spec = (cj.spec ??= {});
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  spec.jobTemplate ??= {};
  spec.jobTemplate.metadata = embeddedMeta(spec.jobTemplate.metadata);
  spec.jobTemplate.spec ??= {};
  spec.jobTemplate.spec.template = defaultPodTemplate(cj, spec.jobTemplate.spec.template);
}

/** validateCronJobSpec. */
function validateCronJobSpec(spec: Json, oldSpec: Json | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const schedule: string = spec.schedule ?? '';
  if (!schedule) errs.push(required('spec.schedule'));
  else {
    const err = cronScheduleError(schedule);
    if (err) errs.push(invalid('spec.schedule', goQuote(schedule), err));
    const allowTZ = String(oldSpec?.schedule ?? '').includes('TZ');
    if (allowTZ && schedule.includes('TZ') && spec.timeZone != null) {
      errs.push(
        invalid(
          'spec.schedule',
          goQuote(schedule),
          'cannot use both timeZone field and TZ or CRON_TZ in schedule',
        ),
      );
    } else if (!allowTZ && schedule.includes('TZ')) {
      errs.push(
        invalid(
          'spec.schedule',
          goQuote(schedule),
          'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
        ),
      );
    }
  }
  if (spec.startingDeadlineSeconds != null)
    errs.push(...validateNonnegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  if (!oldSpec || oldSpec.timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone));
  const policy = spec.concurrencyPolicy ?? '';
  if (policy === '') errs.push(required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(policy))
    errs.push(notSupported('spec.concurrencyPolicy', goQuote(policy), ['Allow', 'Forbid', 'Replace']));
  const jobSpec = spec.jobTemplate?.spec ?? {};
  errs.push(...validateJobSpec(jobSpec, 'spec.jobTemplate.spec'));
  if (jobSpec.selector)
    errs.push(
      invalid(
        'spec.jobTemplate.spec.selector',
        goLabelSelector(jobSpec.selector),
        '`selector` will be auto-generated',
      ),
    );
  if (jobSpec.manualSelector === true)
    errs.push(notSupported('spec.jobTemplate.spec.manualSelector', 'true', ['nil', 'false']));
  for (const f of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    if (spec[f] != null) errs.push(...validateNonnegative(spec[f], child('spec', f)));
  }
  return errs;
}

/** validateTimeZone. */
function validateTimeZone(tz: unknown): FieldError[] {
  if (tz == null) return [];
  const path = 'spec.timeZone';
  const s = String(tz);
  if (s.length === 0) return [invalid(path, '""', 'timeZone must be nil or non-empty string')];
  for (const part of s.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part)) {
      return [invalid(path, goQuote(s), `unknown time zone ${s}`)];
    }
  }
  const errs: FieldError[] = [];
  if (s.toLowerCase() === 'local')
    errs.push(
      invalid(
        path,
        goQuote(s),
        'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      ),
    );
  else if (!isKnownTimeZone(s)) errs.push(invalid(path, goQuote(s), `unknown time zone ${s}`));
  return errs;
}

registerStrategy('CronJob', {
  prepareForCreate(cj) {
    defaultCronJob(cj);
    cj.status = {};
    markCreating(cj);
  },
  prepareForUpdate(cj) {
    defaultCronJob(cj);
  },
  validate(cj) {
    // ValidateCronJobUpdate needs the old spec: updates are checked in validateUpdate.
    if (!takeCreating(cj)) return [];
    const errs = validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain);
    errs.push(...validateCronJobSpec(cj.spec ?? {}, undefined));
    if (String(cj.metadata.name ?? '').length > 52) {
      errs.push(
        invalid('metadata.name', goQuote(cj.metadata.name ?? ''), 'must be no more than 52 characters'),
      );
    }
    return errs;
  },
  validateUpdate(cj, old) {
    // The 52-character name limit is skipped on update; an old TZ schedule may stay.
    return [
      ...validateObjectMetaUpdate(cj.metadata, old.metadata),
      ...validateCronJobSpec(cj.spec ?? {}, old.spec ?? {}),
    ];
  },
});
