import { env } from '@/lib/env.ts';
import os from 'node:os';
import { fail, type ThrottledResult } from '@/lib/result.ts';
import { workerPool, WorkerCrashed, type Call, type WorkerPool } from '@/lib/workers/pool.ts';
import { delivered, type Delivered } from '@/lib/workers/transfer.ts';
import { tasks, type ParseTasks } from './parse-tasks.ts';

/**
 * Import requests are parsed on worker threads, so the request thread keeps answering while a
 * 10 MB file is read (ten of them held every request of the instance, health checks included,
 * for 13 s). One worker per core but one, which stays with the request thread and PostgreSQL.
 *
 * Behind the workers a line of 64 calls (a call is a file, or a few small ones, or a JSON body):
 * an import waits its turn, as the person watching its progress on /import expects, rather than
 * failing and making them start over; at ~1 s per 10 MB file that is about a minute of waiting
 * per worker at most. Past it a request is refused as a whole at once (429 with Retry-After),
 * before anything is written, rather than queued for ever.
 */
const configuredWorkers = env().IMPORT_PARSE_WORKERS;

/**
 * IMPORT_PARSE_WORKERS sets the number of workers (where the cores the process may use are fewer
 * than the machine has); 0 reads on the request thread, as before the workers, which
 * bench:import-load measures as its reference.
 */
export const PARSE_POOL = Object.freeze({
  size: configuredWorkers ?? Math.max(1, os.availableParallelism() - 1),
  maxWaiting: 64,
  retryAfterSeconds: 5,
});

const globalForPool = globalThis as unknown as { newsmarkParsePool?: WorkerPool<ParseTasks> };

/** One pool per process, however many route bundles include this module. */
export const parsePool = (): WorkerPool<ParseTasks> =>
  (globalForPool.newsmarkParsePool ??= workerPool<ParseTasks>({
    modulePath: 'lib/import-requests/parse-tasks.ts',
    size: PARSE_POOL.size,
    maxWaiting: PARSE_POOL.maxWaiting,
  }));

export const PARSER_BUSY: ThrottledResult<never> = {
  ...fail('rate_limited', 'The server is busy reading other imports. Try again in a moment.'),
  retryAfterSeconds: PARSE_POOL.retryAfterSeconds,
};

export const READER_STOPPED =
  'Reading it stopped unexpectedly (it may need more memory than the server gives one upload); nothing of it was imported. Try again, or split it into smaller files.';

/**
 * The results of `calls`, in order; PARSER_BUSY when the line is full (never with `wait`, see
 * WorkerPool.runAll), null for a call whose worker died.
 */
export async function parseInPool<K extends keyof ParseTasks>(
  name: K,
  calls: Call<Parameters<ParseTasks[K]>>[],
  options: { wait?: boolean; onThisThread?: boolean } = {},
): Promise<ThrottledResult<(Delivered<Awaited<ReturnType<ParseTasks[K]>>> | null)[]>> {
  if (options.onThisThread ?? PARSE_POOL.size === 0) {
    const run = tasks[name] as unknown as (...args: Parameters<ParseTasks[K]>) => ReturnType<ParseTasks[K]>;
    return { ok: true, value: await Promise.all(calls.map(async (call) => delivered(await run(...call.args)))) };
  }
  const admission = parsePool().runAll(name, calls, options);
  if (!admission.admitted) return PARSER_BUSY;
  const results = await Promise.all(
    admission.value.map((result) => result.catch((error: unknown) => (error instanceof WorkerCrashed ? null : Promise.reject(error)))),
  );
  return { ok: true, value: results };
}
