export type Admission<T> = { admitted: true; value: T } | { admitted: false };

export interface BoundedQueue {
  /** Runs `task` when a slot is free; refuses at once (admitted: false) when the queue is full too. */
  run<T>(task: () => Promise<T>): Promise<Admission<T>>;
  readonly running: number;
  readonly waiting: number;
}

/**
 * At most `concurrency` tasks at once and at most `maxWaiting` waiting for a slot, in order.
 * Bounded on both sides so a flood is refused quickly instead of piling up ever longer waits.
 */
export function boundedQueue({ concurrency, maxWaiting }: { concurrency: number; maxWaiting: number }): BoundedQueue {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<Admission<T>> {
      if (running < concurrency) running++;
      else if (waiting.length < maxWaiting) await new Promise<void>((resolve) => waiting.push(resolve));
      else return { admitted: false };
      try {
        return { admitted: true, value: await task() };
      } finally {
        // Hand the slot straight to the next in line, so no newcomer can overtake it.
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
