import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Admission } from '@/lib/bounded-queue.ts';
import type { Delivered } from './transfer.ts';

/** The worker running a task ended (out of memory, a crash in native code, process.exit): the task's answer is lost. */
export class WorkerCrashed extends Error {}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a task module's functions take and return anything structured-clonable
type Tasks = Record<string, (...args: any[]) => unknown>;

export interface Call<Args> {
  args: Args;
  /** Buffers in `args` that move to the worker (and are unusable here afterwards) instead of being copied. */
  transfer?: ArrayBuffer[];
}

interface Pending {
  name: string;
  args: unknown[];
  transfer: ArrayBuffer[];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Pending | null;
  error: Error | null;
}

export interface WorkerPool<T extends Tasks> {
  /**
   * Runs each call of task `name` on a worker, in order of arrival, and resolves with their
   * results in order. Refused as a whole (admitted: false) when other calls are already waiting
   * and these would make the line longer than `maxWaiting`; one request's calls are never split.
   * With `wait`, admitted however long the line: for a request already part read, which cannot
   * be refused without losing what it sent; it waits for one call at a time (its stream unread
   * meanwhile), so such calls add at most one per open request to the line.
   */
  runAll<K extends keyof T & string>(
    name: K,
    calls: Call<Parameters<T[K]>>[],
    options?: { wait?: boolean },
  ): Admission<Promise<Delivered<Awaited<ReturnType<T[K]>>>>[]>;
  readonly size: number;
  readonly waiting: number;
  /** Ends every worker; calls still running are rejected with WorkerCrashed. */
  close(): Promise<void>;
}

/**
 * Worker threads that run the exported `tasks` of the TypeScript module `modulePath` (relative to
 * the project root), at most `size` at once, with a bounded line behind them.
 *
 * The workers load lib/workers/worker-entry.mjs by path from the project root (the working
 * directory of `npm start`, the tests and the benches): Next.js bundles the request's code into
 * .next/, where no file of the worker would be found, so the worker runs the sources through tsx,
 * as scripts/serve.ts does. Workers start on first use and stay; a worker that dies is replaced
 * by the next call, and the call it was running fails with WorkerCrashed instead of hanging.
 */
export function workerPool<T extends Tasks>({
  modulePath,
  size,
  maxWaiting,
  root = process.cwd(),
}: {
  modulePath: string;
  size: number;
  maxWaiting: number;
  root?: string;
}): WorkerPool<T> {
  // Ignored by Turbopack, which would otherwise bundle the entry (and tsx, and esbuild's binary) into the route.
  const entry = path.join(/* turbopackIgnore: true */ root, 'lib/workers/worker-entry.mjs');
  const tasksUrl = pathToFileURL(path.join(/* turbopackIgnore: true */ root, modulePath)).href;
  const slots: Slot[] = [];
  const line: Pending[] = [];
  let nextId = 0;
  const byId = new Map<number, Pending>();

  const start = (): Slot => {
    const slot: Slot = { worker: new Worker(/* turbopackIgnore: true */ entry, { workerData: { module: tasksUrl } }), task: null, error: null };
    slot.worker.unref();
    slot.worker.on('message', (message: { id: number; ok: boolean; value?: unknown; message?: string; stack?: string }) => {
      const task = byId.get(message.id);
      if (!task) return;
      byId.delete(message.id);
      slot.task = null;
      slot.worker.unref();
      if (message.ok) task.resolve(message.value);
      else task.reject(Object.assign(new Error(message.message), { stack: message.stack }));
      dispatch();
    });
    slot.worker.on('error', (error) => (slot.error = error));
    slot.worker.on('exit', (code) => {
      slots.splice(slots.indexOf(slot), 1);
      const task = slot.task;
      if (task) {
        for (const [id, t] of byId) if (t === task) byId.delete(id);
        const why = slot.error ? `: ${slot.error.message}` : ` with code ${code}`;
        task.reject(new WorkerCrashed(`The worker running "${task.name}" stopped${why}.`));
      }
      dispatch();
    });
    slots.push(slot);
    return slot;
  };

  const dispatch = () => {
    while (line.length) {
      const slot = slots.find((s) => s.task === null) ?? (slots.length < size ? start() : null);
      if (!slot) return;
      const task = line.shift()!;
      const id = nextId++;
      byId.set(id, task);
      slot.task = task;
      // A busy worker keeps the process alive until it answers; an idle one does not.
      slot.worker.ref();
      try {
        slot.worker.postMessage({ id, name: task.name, args: task.args }, task.transfer);
      } catch (error) {
        byId.delete(id);
        slot.task = null;
        slot.worker.unref();
        task.reject(error as Error);
      }
    }
  };

  return {
    runAll(name, calls, options) {
      if (!options?.wait && line.length > 0 && line.length + calls.length > maxWaiting) return { admitted: false };
      const results = calls.map(
        (call) => new Promise<unknown>((resolve, reject) => line.push({ name, args: call.args, transfer: call.transfer ?? [], resolve, reject })),
      ) as Promise<Delivered<Awaited<ReturnType<T[typeof name]>>>>[];
      dispatch();
      return { admitted: true, value: results };
    },
    size,
    get waiting() {
      return line.length;
    },
    async close() {
      line.splice(0).forEach((task) => task.reject(new WorkerCrashed('The pool was closed.')));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
