/** Marks a task's result whose buffers move to the caller instead of being copied (see worker-entry.mjs). */
export const TRANSFER = Symbol.for('newsmark.worker.transfer');

export type Transferring<T> = { value: T; [TRANSFER]: ArrayBuffer[] };

export const transferring = <T>(value: T, buffers: ArrayBuffer[]): Transferring<T> => ({ value, [TRANSFER]: buffers });

/** The result a caller of the pool receives: a Transferring value arrives unwrapped. */
export type Delivered<T> = T extends Transferring<infer V> ? V : T;

export const delivered = <T>(result: T): Delivered<T> =>
  (result !== null && typeof result === 'object' && TRANSFER in result ? (result as unknown as Transferring<unknown>).value : result) as Delivered<T>;

/**
 * A buffer that can be moved to another thread: a view of exactly the whole of its own
 * ArrayBuffer, or else a copy (a view into a larger buffer, such as Node's pool of small Buffers,
 * cannot be moved without taking its neighbours along).
 */
export function movable(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}
