import { fail } from '@/lib/result.ts';

/** What one import may hold. Each limit is refused with a clear message, never a partial write. */
export const IMPORT_LIMITS = {
  maxFileBytes: 10 * 1024 * 1024,
  maxRequestBytes: 200 * 1024 * 1024,
  maxItems: 10_000,
  /** Items written per transaction: a crash loses at most one batch, which a rerun recreates. */
  batchSize: 200,
  /**
   * Characters of text per transaction, whichever comes first: its statement is built on the
   * request thread, and ten articles of 900,000 characters in one held it for 200 ms.
   */
  batchCharacters: 2_000_000,
};

export const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export const tooManyItems = (count: number) =>
  fail(
    'payload_too_large',
    `This request holds ${count.toLocaleString('en')} articles; at most ${IMPORT_LIMITS.maxItems.toLocaleString('en')} go in one request. Split it.`,
  );
