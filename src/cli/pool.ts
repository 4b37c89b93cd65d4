// Runs note checks across worker threads (one per core, at most one per note).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BackendName } from '../notebook/backend.ts';
import { type CheckResult, checkNote } from '../notebook/check-note.ts';

export interface Job {
  file: string;
  source: string;
  update: boolean;
  fill: boolean;
  backend: BackendName;
  context?: string;
}

export async function runJobs(
  jobs: Job[],
  parallel: number,
  onDone: (i: number, r: CheckResult) => void,
): Promise<void> {
  const workers = Math.min(parallel > 0 ? parallel : availableParallelism(), jobs.length);
  if (workers <= 1) {
    for (const [i, job] of jobs.entries())
      onDone(i, await checkNote(job.file, job.source, job.update, job.fill, job.backend, job.context));
    return;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const worker = new Worker(new URL('./worker.ts', import.meta.url));
      try {
        while (next < jobs.length) {
          const id = next++;
          const result = await new Promise<CheckResult>((resolve, reject) => {
            const onMessage = (msg: { id: number; result: CheckResult }) => {
              if (msg.id !== id) return;
              worker.off('message', onMessage);
              worker.off('error', reject);
              resolve(msg.result);
            };
            worker.on('message', onMessage);
            worker.once('error', reject);
            worker.postMessage({ id, ...jobs[id] });
          });
          onDone(id, result);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
}
