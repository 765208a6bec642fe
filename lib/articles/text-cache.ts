import { db } from '@/lib/db.ts';

/**
 * Article texts as spans are checked against them, kept in memory. A text never changes once
 * imported (docs/architecture.md "Text and offsets"), so a copy is never stale, and each process of
 * each instance may keep its own. Without it every create and span edit read the whole text from
 * the database: on a 640,000-character article that cost more than the write itself.
 *
 * Least recently used texts go first once BUDGET_CHARS are held (UTF-16: two bytes each).
 */
const BUDGET_CHARS = 8_000_000;
const texts = new Map<string, string>();
let held = 0;

function remember(id: string, text: string): void {
  if (text.length > BUDGET_CHARS) return;
  texts.set(id, text);
  held += text.length;
  // A Map iterates in insertion order, and a hit re-inserts: the first key is the least recent.
  for (const [oldest, oldText] of texts) {
    if (held <= BUDGET_CHARS) break;
    texts.delete(oldest);
    held -= oldText.length;
  }
}

/** The article's text, or null when there is no such article. */
export async function articleText(id: string): Promise<string | null> {
  const cached = texts.get(id);
  if (cached !== undefined) {
    texts.delete(id);
    texts.set(id, cached);
    return cached;
  }
  const row = await db().article.findUnique({ where: { id }, select: { text: true } });
  if (!row) return null;
  if (!texts.has(id)) remember(id, row.text);
  return row.text;
}
