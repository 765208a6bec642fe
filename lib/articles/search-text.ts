/**
 * Text as PostgreSQL's full-text parser should see it. The parser classifies characters by the
 * database's locale, and under the C locale (the embedded server's, and common in containers)
 * every non-ASCII character counts as a letter: “Now would be indexed as '“now', town’s as
 * 'town’', so searching for now or town would miss them. And it reads "<script>" as an HTML tag
 * and skips everything after it. So before parsing, '<' and the typographic punctuation and
 * spaces of news text are swapped for control characters, which the parser always takes for
 * separators. The swap is one character for one, so ts_headline's passages can be mapped back
 * to the original characters for display (`restoreSearchText`).
 *
 * The migration "corpus_search" defines the SQL function newsmark_search_text with this very
 * table; an integration test checks that both agree.
 */
export const SEARCH_PUNCTUATION = '<“”„‘’‚«»‹›—–‐‑…\u00a0\u2009\u202f\u3000、。，（）「」';
// 27 control characters, leaving out \t, \n and the highlight markers \u0002 and \u0003.
export const SEARCH_PLACEHOLDERS =
  '\u0001\u0004\u0005\u0006\u0007\u0008\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f';

const restore = new Map([...SEARCH_PLACEHOLDERS].map((c, i) => [c, SEARCH_PUNCTUATION[i]!]));
const PLACEHOLDER = new RegExp(`[${SEARCH_PLACEHOLDERS}]`, 'g');

/** The original characters back in text that went through newsmark_search_text. */
export function restoreSearchText(text: string): string {
  return text.replace(PLACEHOLDER, (c) => restore.get(c) ?? c);
}

/** The same preparation for what a user types: curly quotes still make phrases. */
export function searchQueryText(q: string): string {
  return q
    .replace(/[“”„]/g, '"')
    .replace(/[‘’‚]/g, "'")
    .replace(/[<«»‹›—–‐‑―…\u00a0\u2009\u202f\u3000、。，（）「」]/g, ' ');
}
