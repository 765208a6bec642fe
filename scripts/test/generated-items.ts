import type { ParsedItem } from '../../lib/articles/parse/model.ts';

/** Distinct, article-like items for tests and benchmarks: ~`size` characters each. */
export function generatedItems(count: number, prefix: string, size = 600): ParsedItem[] {
  const filler = 'The council said the budget would be revised after the hearing, according to a spokesperson. ';
  return Array.from({ length: count }, (_, i) => {
    const text = `${prefix} article ${i}. ${filler.repeat(Math.ceil(size / filler.length))}`.slice(0, size).trim();
    return {
      ok: true,
      name: `${prefix} #${i + 1}`,
      article: {
        title: `${prefix} article ${i}`,
        text,
        url: null,
        canonicalUrl: null,
        source: 'Generated Wire',
        author: null,
        publishedAt: null,
        language: 'en',
      },
    };
  });
}
