import type { ParsedItem } from '@/lib/articles/parse/model.ts';

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
  /** For an annotated item (an export line, a brat document): what it added to the article. */
  annotations?: number;
  relations?: number;
  /** What of an annotated item was left out, for a person. */
  warning?: string;
}

export interface ImportOutcome {
  jobId: string;
  created: number;
  duplicates: number;
  failed: number;
  /** Annotations and relations created (annotated imports only; 0 for plain articles). */
  annotations: number;
  relations: number;
  results: ItemResult[];
}

export function countResults(results: readonly ItemResult[]) {
  let created = 0;
  let duplicates = 0;
  let failed = 0;
  let annotations = 0;
  let relations = 0;
  for (const r of results) {
    if (r.status === 'created') created++;
    else if (r.status === 'duplicate') duplicates++;
    else failed++;
    annotations += r.annotations ?? 0;
    relations += r.relations ?? 0;
  }
  return { created, duplicates, failed, annotations, relations };
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
