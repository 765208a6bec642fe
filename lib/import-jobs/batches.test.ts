import { describe, expect, it } from 'vitest';
import type { ParsedItem } from '@/lib/articles/parse/model.ts';
import { batches } from './batches.ts';
import { IMPORT_LIMITS } from './limits.ts';

const item = (length: number): ParsedItem => ({
  ok: true,
  name: `n${length}`,
  article: { title: 't', text: 'x'.repeat(length), url: null, canonicalUrl: null, source: null, author: null, publishedAt: null, language: null },
});
const failed: ParsedItem = { ok: false, name: 'bad', error: 'No text.' };
const sizes = (items: readonly ParsedItem[]) => [...batches(items)].map((b) => b.length);

describe('batches', () => {
  it('cuts at batchSize items', () => {
    expect(sizes(Array.from({ length: IMPORT_LIMITS.batchSize * 2 + 7 }, () => item(10)))).toEqual([IMPORT_LIMITS.batchSize, IMPORT_LIMITS.batchSize, 7]);
  });

  it('cuts earlier when the texts pass batchCharacters, and keeps a longer item alone, in order', () => {
    const big = IMPORT_LIMITS.batchCharacters / 2 - 10;
    const items = [item(big), item(big), failed, item(big), item(IMPORT_LIMITS.batchCharacters + 1), item(5)];
    expect(sizes(items)).toEqual([3, 1, 1, 1]);
    expect([...batches(items)].flat()).toEqual(items);
    expect(sizes([])).toEqual([]);
  });
});
