import { z } from 'zod';
import { entityIdSchema } from '@/lib/ids.ts';
import { decodeOpaque, encodeOpaque } from '@/lib/http/opaque-cursor.ts';
import { optionalField, utcDayRange, utcDaySchema } from '@/lib/validation.ts';

/**
 * The query of the corpus list (/articles and GET /api/articles): search, filters, sort and an
 * opaque keyset cursor. Pure, so the page, the API and the tests share one definition.
 */

export const ARTICLE_SORTS = ['relevance', 'newest', 'title', 'annotated'] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

/**
 * Review state of an article's annotations:
 * - `pending`: at least one annotation awaits review;
 * - `approved`: annotated, and every annotation is approved (nothing pending, nothing rejected);
 * - `rejected`: at least one annotation was rejected.
 * An article without annotations has no review state and matches none of them.
 */
export const REVIEW_STATES = ['pending', 'approved', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** Archived articles are hidden unless an admin asks for them (callers enforce who may). */
export const ARCHIVED_VIEWS = ['hide', 'include', 'only'] as const;
export type ArchivedView = (typeof ARCHIVED_VIEWS)[number];

export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_PAGE_SIZE = 25;

/** The position after the last row of a page, per sort: the values of its ORDER BY columns. */
export type ArticleCursor =
  | { sort: 'newest'; publishedAt: string | null; createdAt: string; id: string }
  | { sort: 'title'; title: string; id: string }
  | { sort: 'annotated'; count: number; createdAt: string; id: string }
  | { sort: 'relevance'; rank: number; id: string };

const idKey = entityIdSchema;
const isoKey = z.iso.datetime();
// On the wire a cursor is base64url(JSON) of a short tuple: [sort, ...keys].
const cursorTuple = z.union([
  z.tuple([z.literal('newest'), isoKey.nullable(), isoKey, idKey]),
  z.tuple([z.literal('title'), z.string().max(2_000), idKey]),
  z.tuple([z.literal('annotated'), z.number().int().min(0), isoKey, idKey]),
  z.tuple([z.literal('relevance'), z.number().min(0).max(1e6), idKey]),
]);

export function encodeCursor(cursor: ArticleCursor): string {
  const tuple =
    cursor.sort === 'newest'
      ? [cursor.sort, cursor.publishedAt, cursor.createdAt, cursor.id]
      : cursor.sort === 'title'
        ? [cursor.sort, cursor.title, cursor.id]
        : cursor.sort === 'annotated'
          ? [cursor.sort, cursor.count, cursor.createdAt, cursor.id]
          : [cursor.sort, cursor.rank, cursor.id];
  return encodeOpaque(tuple);
}

/** The cursor, or null when it is not one we issued (hand-edited, truncated, another sort). */
export function decodeCursor(raw: string): ArticleCursor | null {
  const t = decodeOpaque(raw, cursorTuple, 4_000);
  if (!t) return null;
  switch (t[0]) {
    case 'newest':
      return { sort: 'newest', publishedAt: t[1], createdAt: t[2], id: t[3] };
    case 'title':
      return { sort: 'title', title: t[1], id: t[2] };
    case 'annotated':
      return { sort: 'annotated', count: t[1], createdAt: t[2], id: t[3] };
    case 'relevance':
      return { sort: 'relevance', rank: t[1], id: t[2] };
  }
}

export const articleListQuerySchema = z
  .object({
    q: optionalField(z.string().trim().max(MAX_QUERY_LENGTH, `Search for at most ${MAX_QUERY_LENGTH} characters.`)),
    source: optionalField(z.string().trim().max(300, 'A source has at most 300 characters.')),
    from: optionalField(utcDaySchema),
    to: optionalField(utcDaySchema),
    annotated: optionalField(z.enum(['yes', 'no'], 'Choose yes or no.')),
    review: optionalField(z.enum(REVIEW_STATES, `Choose one of ${REVIEW_STATES.join(', ')}.`)),
    sort: optionalField(z.enum(ARTICLE_SORTS, `Sort by one of ${ARTICLE_SORTS.join(', ')}.`)),
    archived: optionalField(z.enum(ARCHIVED_VIEWS, `Choose one of ${ARCHIVED_VIEWS.join(', ')}.`)),
    cursor: optionalField(z.string()),
    limit: optionalField(
      z.coerce.number('The limit is a number.').int('The limit is a whole number.').min(1, 'The limit is at least 1.').max(100, 'The limit is at most 100.'),
    ),
  })
  .transform((input, ctx) => {
    const days = utcDayRange(input, ctx);
    if (!days) return z.NEVER;
    // Relevance needs a search; without one the list falls back to the newest first.
    const sort: ArticleSort = input.sort && !(input.sort === 'relevance' && !input.q) ? input.sort : input.q ? 'relevance' : 'newest';
    let cursor: ArticleCursor | undefined;
    if (input.cursor !== undefined) {
      const decoded = decodeCursor(input.cursor);
      if (!decoded || decoded.sort !== sort) {
        ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'Not a valid cursor for this sort; start again from the first page.' });
        return z.NEVER;
      }
      cursor = decoded;
    }
    return {
      q: input.q,
      source: input.source,
      ...days,
      annotated: input.annotated,
      review: input.review,
      sort,
      archived: input.archived ?? 'hide',
      cursor,
      limit: input.limit ?? DEFAULT_PAGE_SIZE,
    };
  });
export type ArticleListQuery = z.output<typeof articleListQuerySchema>;

/**
 * The search as a prefix query on title words, in to_tsquery syntax for the 'simple' config,
 * following the web search syntax the full-text part understands: every word matches as a
 * prefix ("harb fire" -> 'harb':* & 'fire':*), "or" between words alternates, and a word
 * after "-" excludes titles with that word. Only letters, marks and digits reach the query, so
 * nothing typed can break its syntax. Null when nothing searchable is left.
 */
export function titlePrefixQuery(q: string): string | null {
  const parts: string[] = [];
  let positive = 0;
  let or = false;
  // A chunk is a quoted phrase or a run of non-space characters; quotes only group words here.
  for (const [, quoted, bare] of q
    .normalize('NFC')
    .toLowerCase()
    .matchAll(/"([^"]*)"?|(\S+)/g)) {
    const chunk = quoted ?? bare ?? '';
    if (quoted === undefined && chunk === 'or') {
      or = parts.length > 0;
      continue;
    }
    const negated = quoted === undefined && chunk.startsWith('-');
    for (const word of chunk.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
      if (parts.length) parts.push(or && !negated ? '|' : '&');
      parts.push(negated ? `!'${word}'` : `'${word}':*`);
      if (!negated) positive++;
      or = false;
      if (parts.length >= 24) break;
    }
  }
  return positive > 0 ? parts.join(' ') : null;
}
