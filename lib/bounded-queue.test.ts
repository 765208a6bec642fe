import { describe, expect, it } from 'vitest';
import { boundedQueue } from './bounded-queue.ts';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('boundedQueue', () => {
  it('runs at most `concurrency` tasks at once, queues up to `maxWaiting`, and refuses the rest at once', async () => {
    const queue = boundedQueue({ concurrency: 2, maxWaiting: 1 });
    const gates = [deferred(), deferred(), deferred()];
    let active = 0;
    let peak = 0;
    const task = (i: number) => async () => {
      active++;
      peak = Math.max(peak, active);
      await gates[i]!.promise;
      active--;
      return i;
    };
    const runs = [0, 1, 2].map((i) => queue.run(task(i)));
    expect(await queue.run(async () => 'never')).toEqual({ admitted: false });
    await tick();
    expect([active, queue.waiting]).toEqual([2, 1]);
    gates[0]!.resolve();
    expect(await runs[0]).toEqual({ admitted: true, value: 0 });
    await tick();
    expect([active, queue.waiting]).toEqual([2, 0]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    expect(await Promise.all(runs.slice(1))).toEqual([
      { admitted: true, value: 1 },
      { admitted: true, value: 2 },
    ]);
    expect(peak).toBe(2);
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
  });

  it('frees the slot of a task that throws', async () => {
    const queue = boundedQueue({ concurrency: 1, maxWaiting: 0 });
    await expect(queue.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run(async () => 'next')).toEqual({ admitted: true, value: 'next' });
  });
});
