import type { ParsedItem } from '@/lib/articles/parse/model.ts';
import { IMPORT_LIMITS } from './limits.ts';

/** The items in order, cut into batches of at most IMPORT_LIMITS.batchSize items and batchCharacters of text (or one longer item). */
export function* batches(items: readonly ParsedItem[]): Generator<readonly ParsedItem[]> {
  let start = 0;
  let characters = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const size = item.ok ? item.article.text.length : 0;
    if (i > start && (i - start >= IMPORT_LIMITS.batchSize || characters + size > IMPORT_LIMITS.batchCharacters)) {
      yield items.slice(start, i);
      start = i;
      characters = 0;
    }
    characters += size;
  }
  if (start < items.length) yield items.slice(start);
}
