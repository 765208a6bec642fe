import type { ParsedItem } from '../parse/types.ts';

export type ItemStatus = 'created' | 'duplicate' | 'failed';

/** One line of an import's results table (and of the API's `results`). */
export interface ItemResult {
  index: number;
  name?: string;
  /** The article's title as imported (for created and duplicate items). */
  title?: string;
  status: ItemStatus;
  articleId?: string;
  error?: string;
}

export interface ImportOutcome {
  jobId: string;
  created: number;
  duplicates: number;
  failed: number;
  results: ItemResult[];
}

export function countResults(results: readonly ItemResult[]) {
  let created = 0;
  let duplicates = 0;
  let failed = 0;
  for (const r of results) {
    if (r.status === 'created') created++;
    else if (r.status === 'duplicate') duplicates++;
    else failed++;
  }
  return { created, duplicates, failed };
}

/** Within one batch, the second copy of a text or URL is a duplicate of the first, decided before the database. */
export function firstOccurrences(items: readonly { item: ParsedItem & { ok: true }; hash: string }[]) {
  const byHash = new Map<string, number>();
  const byUrl = new Map<string, number>();
  const duplicateOf = new Map<number, number>();
  items.forEach(({ item, hash }, i) => {
    const url = item.article.canonicalUrl;
    const earlier = byHash.get(hash) ?? (url ? byUrl.get(url) : undefined);
    if (earlier !== undefined) {
      duplicateOf.set(i, earlier);
      return;
    }
    byHash.set(hash, i);
    if (url) byUrl.set(url, i);
  });
  return duplicateOf;
}
