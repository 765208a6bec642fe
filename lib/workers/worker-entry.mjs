// The entry of every worker of lib/workers/pool.ts. Plain JavaScript, loaded by path at run time
// and never bundled by Next.js: it registers tsx, so the worker runs the project's TypeScript
// sources as they are, in production as in tests, then answers the pool's calls with the
// `tasks` object of the module named in workerData.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { tasks } = await import(workerData.module);
const TRANSFER = Symbol.for('newsmark.worker.transfer');

parentPort.on('message', async ({ id, name, args }) => {
  try {
    const result = await tasks[name](...args);
    if (result && typeof result === 'object' && TRANSFER in result) parentPort.postMessage({ id, ok: true, value: result.value }, result[TRANSFER]);
    else parentPort.postMessage({ id, ok: true, value: result });
  } catch (error) {
    parentPort.postMessage({
      id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
  }
});
