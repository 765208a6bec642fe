import { expect } from 'vitest';

/**
 * How the time of `run` grows when its input grows eightfold: linear work gives about 8, quadratic
 * 64. The size doubles from `start` until one run takes `minMs` (so timer noise does not decide),
 * and each size is timed as the best of several runs (so a pause of a busy machine does not count).
 * A large run that already shows linear growth ends its timing early. A ratio over the threshold
 * is measured once more, and the better of the two kept: a machine busy with other tests can slow
 * one measurement, not two in a row by the same factor.
 */
export function timeGrowth<T>(make: (n: number) => T, run: (input: T) => unknown, { start = 1024, minMs = 15, maxN = 1 << 23 } = {}) {
  const best = (input: T, runs: number, enough = 0) => {
    let fastest = Infinity;
    for (let i = 0; i < runs && fastest > enough; i++) {
      const started = performance.now();
      run(input);
      fastest = Math.min(fastest, performance.now() - started);
    }
    return fastest;
  };
  let n = start;
  let small = best(make(n), 5);
  while (small < minMs && n * 16 <= maxN) {
    n *= 2;
    small = best(make(n), 5);
  }
  const measure = () => {
    const smallest = Math.min(small, best(make(n), 3));
    const large = best(make(n * 8), 3, smallest * 10);
    return { n, small: smallest, large, ratio: large / smallest };
  };
  const first = measure();
  if (first.ratio < SUPERLINEAR_RATIO) return first;
  const second = measure();
  return second.ratio < first.ratio ? second : first;
}

/** Eightfold input taking longer than this many times as long is super-linear, not noise. */
export const SUPERLINEAR_RATIO = 20;

/** Fails when `run` takes more than SUPERLINEAR_RATIO times as long on an input eight times larger. */
export function expectLinearTime<T>(make: (n: number) => T, run: (input: T) => unknown) {
  const growth = timeGrowth(make, run);
  expect(growth.ratio, `${growth.small.toFixed(1)} ms at ${growth.n.toLocaleString('en')}, ${growth.large.toFixed(1)} ms at 8 times that`).toBeLessThan(
    SUPERLINEAR_RATIO,
  );
}
