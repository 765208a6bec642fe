import { afterEach, describe, expect, it } from 'vitest';
import { workerPool, WorkerCrashed, type WorkerPool } from './pool.ts';
import type { TestTasks } from './pool.test-tasks.ts';

let pool: WorkerPool<TestTasks> | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

const start = (size = 1, maxWaiting = 8) => (pool = workerPool<TestTasks>({ modulePath: 'lib/workers/pool.test-tasks.ts', size, maxWaiting }));

function run<K extends keyof TestTasks & string>(p: WorkerPool<TestTasks>, name: K, ...calls: Parameters<TestTasks[K]>[]) {
  const admission = p.runAll(
    name,
    calls.map((args) => ({ args })),
  );
  if (!admission.admitted) throw new Error('not admitted');
  return admission.value;
}

/** A flag a `hold` task waits on; the task ends when the test releases it. */
function holdFlag() {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  return {
    flag,
    release: () => {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    },
  };
}

// Each worker loads tsx and the sources first: about a second on a busy machine.
describe('workerPool', { timeout: 60_000 }, () => {
  it('runs the TypeScript tasks on worker threads and answers in order, structured values intact', async () => {
    const p = start(2);
    const date = new Date('2026-03-14T00:00:00Z');
    const results = await Promise.all(run(p, 'echo', [{ n: 1, date }], [[1, 2, 3]], ['x'.repeat(100_000)]));
    expect(results).toEqual([{ n: 1, date }, [1, 2, 3], 'x'.repeat(100_000)]);
  });

  it('moves buffers both ways when asked to', async () => {
    const p = start();
    const [bytes] = await Promise.all(run(p, 'fill', [1024, 3]));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes!.length).toBe(1024);
    const admission = p.runAll('sum', [{ args: [bytes!], transfer: [bytes!.buffer as ArrayBuffer] }]);
    if (!admission.admitted) throw new Error('not admitted');
    expect(await admission.value[0]).toBe(3 * 1024);
    // Moved, not copied: the caller's view is detached.
    expect(bytes!.byteLength).toBe(0);
  });

  it("rejects with the task's own message when it throws, and the worker goes on", async () => {
    const p = start();
    await expect(run(p, 'fails', ['The file nests too deep.'])[0]).rejects.toThrow('The file nests too deep.');
    expect(await run(p, 'echo', ['still here'])[0]).toBe('still here');
  });

  it('fails the call of a worker that dies with WorkerCrashed, replaces the worker, and runs the calls behind it', async () => {
    const p = start(1);
    const [crashed, after] = [run(p, 'crash', [])[0]!, run(p, 'echo', ['after the crash'])[0]!];
    await expect(crashed).rejects.toBeInstanceOf(WorkerCrashed);
    await expect(crashed).rejects.toThrow(/stopped with code 7/);
    expect(await after).toBe('after the crash');
    // Over and over: every crash is replaced, nothing leaks or hangs.
    for (let i = 0; i < 2; i++) await expect(run(p, 'crash', [])[0]).rejects.toBeInstanceOf(WorkerCrashed);
    expect(await run(p, 'echo', ['still answering'])[0]).toBe('still answering');
  });

  it('holds at most `size` calls at once and `maxWaiting` behind them, refusing a request whole past that', async () => {
    const p = start(1, 3);
    const { flag, release } = holdFlag();
    const held = run(p, 'hold', [flag])[0]!;
    // The worker is busy: these wait.
    const waiting = run(p, 'echo', ['a'], ['b']);
    expect(p.waiting).toBe(2);
    // Two more would make the line 4 > 3: refused as a whole, nothing of it queued.
    expect(p.runAll('echo', [{ args: ['c'] }, { args: ['d'] }])).toEqual({ admitted: false });
    expect(p.waiting).toBe(2);
    const third = run(p, 'echo', ['c']);
    expect(p.waiting).toBe(3);
    release();
    expect(await held).toBe('released');
    expect(await Promise.all([...waiting, ...third])).toEqual(['a', 'b', 'c']);
    expect(p.waiting).toBe(0);
  });

  it('admits a request larger than the line when nothing waits, so no request is refused for ever', async () => {
    const p = start(1, 2);
    expect(await Promise.all(run(p, 'echo', ['a'], ['b'], ['c'], ['d']))).toEqual(['a', 'b', 'c', 'd']);
  });
});
