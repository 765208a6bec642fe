/** One article as the import parsers read it: text already normalised (docs/architecture.md "Text and offsets"). */
export interface ParsedArticle {
  title: string;
  text: string;
  url: string | null;
  /** `url` without fragment, utm_* parameters or default port: the key for URL deduplication. */
  canonicalUrl: string | null;
  source: string | null;
  author: string | null;
  publishedAt: Date | null;
  /** A canonical BCP 47 tag such as "en" or "pt-BR". */
  language: string | null;
}

/**
 * One row of the import results table. `name` says where the item came from, for a person:
 * "story.html", "feed.csv row 3", "batch.jsonl line 7", "items.json #2".
 */
export type ParsedItem = { ok: true; name: string; article: ParsedArticle } | { ok: false; name: string; error: string };

/** An article before its text is normalised and its missing title derived (see finishArticle). */
export interface ArticleDraft {
  title: string | null;
  text: string;
  url: string | null;
  source: string | null;
  author: string | null;
  publishedAt: Date | null;
  language: string | null;
}

export const failedItem = (name: string, error: string): ParsedItem => ({ ok: false, name, error });
