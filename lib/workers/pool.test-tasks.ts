// Tasks for pool.test.ts, run on the pool's workers.
import { transferring } from './transfer.ts';

const echo = (value: unknown) => value;
const fails = (message: string) => {
  throw new RangeError(message);
};
// Ends the worker thread, not the process: what an out-of-memory worker looks like to the pool.
const crash = (): never => process.exit(7);
/** Keeps the worker busy until `flag[0]` is set by the test, without timing. */
const hold = (flag: Int32Array) => {
  Atomics.wait(flag, 0, 0);
  return 'released';
};
const fill = (size: number, byte: number) => {
  const bytes = new Uint8Array(size).fill(byte);
  return transferring(bytes, [bytes.buffer]);
};
const sum = (bytes: Uint8Array) => bytes.reduce((a, b) => a + b, 0);

export const tasks = { echo, fails, crash, hold, fill, sum };
export type TestTasks = typeof tasks;
