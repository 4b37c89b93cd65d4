// Worker thread body for parallel checks: receives notes, returns their check results.
import { parentPort } from 'node:worker_threads';
import type { BackendName } from '../notebook/backend.ts';
import { checkNote } from '../notebook/check-note.ts';

parentPort!.on(
  'message',
  async (msg: {
    id: number;
    file: string;
    source: string;
    update: boolean;
    fill: boolean;
    backend: BackendName;
    context?: string;
  }) => {
    const result = await checkNote(msg.file, msg.source, msg.update, msg.fill, msg.backend, msg.context);
    parentPort!.postMessage({ id: msg.id, result });
  },
);
