import { db } from '@/lib/db.ts';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { headlineOptions, parseHighlighted, type HighlightSegment } from './highlight.ts';
import { restoreSearchText, searchQueryText } from './search-text.ts';
import { encodeCursor, titlePrefixQuery, type ArticleCursor, type ArticleListQuery, type ArticleSort } from './list-query.ts';
import { utcTimestamp } from '@/lib/sql-time.ts';
import type { AnnotationCounts } from './annotation-counts.ts';

export { articleListQuerySchema, type ArticleListQuery } from './list-query.ts';

export { entityIdSchema as articleIdSchema } from '@/lib/ids.ts';

export interface ArticleListItem {
  id: string;
  title: string;
  source: string | null;
  author: string | null;
  url: string | null;
  publishedAt: Date | null;
  language: string | null;
  createdAt: Date;
  archivedAt: Date | null;
  annotationCount: number;
  counts: AnnotationCounts;
  /** The title with the words that matched the search highlighted (one plain segment otherwise). */
  titleHighlight: HighlightSegment[];
  /** Passages of the text around the matches when searching; the opening words otherwise. */
  snippet: HighlightSegment[];
  /** Relevance, when sorted by it. */
  rank: number | null;
}

export interface ArticleListPage {
  items: ArticleListItem[];
  nextCursor: string | null;
}

/** A row as the list query returns it: the item's fields, its counts flat, and the marked-up text. */
type Row = Omit<ArticleListItem, 'counts' | 'titleHighlight' | 'snippet'> &
  AnnotationCounts & {
    titleKey: string;
    titleMarked: string;
    snippetMarked: string;
  };

const sql = Prisma.sql;
/**
 * ts_headline re-parses the whole text it is given, per row of the page; snippets come from the
 * first 50,000 characters (far past where a news story's matches usually are), so a page of long
 * texts stays quick. Ranking and matching still use the whole text. substr, not left() or
 * length(): PostgreSQL fetches and decompresses only the slice substr asks for, where the others
 * read the whole text, so a page's cost does not grow with its articles' length.
 */
const SNIPPET_SCAN_CHARS = 50_000;
/** The table aliases the page queries give their rows: articles, the page's rows, search hits. Prisma.raw takes only these. */
type Alias = 'a' | 'p' | 's';
const NEWEST_KEY = (t: Alias) => Prisma.raw(`COALESCE(${t}."publishedAt", '-infinity'::timestamp(3))`);

/**
 * The columns "most annotated" sorts by: on the page query, those of "ArticleAnnotationCount" c
 * (its keyset index, migration "write_path"); on the page's rows p, their copies.
 */
const MOST_ANNOTATED_KEY = { c: ['c."count"', 'c."createdAt"', 'c."articleId"'], p: ['p."annotationCount"', 'p."createdAt"', 'p."id"'] } as const;

/**
 * ORDER BY per sort, written on a table alias. Each matches a keyset index of the migration
 * "corpus_search", or for "annotated" on c, of "write_path".
 */
function orderBy(sort: ArticleSort, t: Alias): Prisma.Sql {
  switch (sort) {
    case 'newest':
      return sql`${NEWEST_KEY(t)} DESC, ${Prisma.raw(`${t}."createdAt" DESC, ${t}."id" DESC`)}`;
    case 'title':
      return Prisma.raw(`lower(${t}."title") ASC, ${t}."id" ASC`);
    case 'annotated':
      return Prisma.raw(MOST_ANNOTATED_KEY[t === 'p' ? 'p' : 'c'].map((column) => `${column} DESC`).join(', '));
    case 'relevance':
      return Prisma.raw(`${t}."rank" DESC, ${t}."id" DESC`);
  }
}

/** Rows strictly after the cursor, in the sort's order (row comparisons, so the index serves them). */
function after(cursor: ArticleCursor, t: Alias): Prisma.Sql {
  const col = (name: 'createdAt' | 'id' | 'title' | 'rank') => Prisma.raw(`${t}."${name}"`);
  switch (cursor.sort) {
    case 'newest':
      return sql`(${NEWEST_KEY(t)}, ${col('createdAt')}, ${col('id')}) < (COALESCE(${cursor.publishedAt}::timestamp(3), '-infinity'::timestamp(3)), ${cursor.createdAt}::timestamp(3), ${cursor.id})`;
    case 'title':
      return sql`(lower(${col('title')}), ${col('id')}) > (${cursor.title}, ${cursor.id})`;
    case 'annotated':
      return sql`(${Prisma.raw(MOST_ANNOTATED_KEY.c.join(', '))}) < (${cursor.count}::int, ${cursor.createdAt}::timestamp(3), ${cursor.id})`;
    case 'relevance':
      return sql`(${col('rank')}, ${col('id')}) < (${cursor.rank}::float8, ${cursor.id})`;
  }
}

function cursorOf(sort: ArticleSort, row: Row): ArticleCursor {
  switch (sort) {
    case 'newest':
      return { sort, publishedAt: row.publishedAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(), id: row.id };
    case 'title':
      return { sort, title: row.titleKey, id: row.id };
    case 'annotated':
      return { sort, count: row.annotationCount, createdAt: row.createdAt.toISOString(), id: row.id };
    case 'relevance':
      return { sort, rank: row.rank ?? 0, id: row.id };
  }
}

const SNIPPET_OPTIONS = headlineOptions('MaxFragments=2, MaxWords=30, MinWords=12, ShortWord=2, FragmentDelimiter=" … "');
const TITLE_OPTIONS = headlineOptions('HighlightAll=true');

/**
 * One page of the corpus: full-text search (ranked, with highlighted passages), filters, a keyset
 * cursor per sort, and each article's annotation counts by kind and by status, all in one query.
 *
 * Matching: the English-stemmed vector of title and text (websearch syntax: "quoted phrases",
 * or, -not), or any title whose words start with the words typed ("harb" finds "Harbour").
 * Relevance: ts_rank_cd with the title weighted A (1.0) above the text B (0.4), normalised into
 * [0, 1), plus 1 when the title matches by prefix, so a title hit always ranks above a body hit.
 */
export async function listArticles(query: ArticleListQuery): Promise<ArticleListPage> {
  const rows = await db().$queryRaw<Row[]>(articleListSql(query));
  const items = rows.slice(0, query.limit).map((row): ArticleListItem => ({
    id: row.id,
    title: row.title,
    source: row.source,
    author: row.author,
    url: row.url,
    publishedAt: row.publishedAt,
    language: row.language,
    createdAt: row.createdAt,
    archivedAt: row.archivedAt,
    annotationCount: row.annotationCount,
    counts: { claims: row.claims, events: row.events, sources: row.sources, pending: row.pending, approved: row.approved, rejected: row.rejected },
    titleHighlight: query.q ? titleHighlight(row.title, row.titleMarked) : [{ text: row.title, highlight: false }],
    snippet: query.q ? parseHighlighted(restoreSearchText(row.snippetMarked)) : [{ text: row.snippetMarked, highlight: false }],
    rank: row.rank,
  }));
  const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
  return { items, nextCursor: last ? encodeCursor(cursorOf(query.sort, last)) : null };
}

/**
 * ts_headline drops what its parser takes for HTML tags ("a <b> c" -> "a  c"): a title is shown
 * exactly as stored, so when the highlighted one differs from it, it goes without highlights.
 */
function titleHighlight(title: string, marked: string): HighlightSegment[] {
  const segments = parseHighlighted(restoreSearchText(marked));
  return segments.map((s) => s.text).join('') === title ? segments : [{ text: title, highlight: false }];
}

/** The corpus filters of /articles, as the export applies them too (not the archived switch). */
export type ArticleFilter = Partial<Pick<ArticleListQuery, 'q' | 'source' | 'from' | 'toExclusive' | 'annotated' | 'review'>>;

/** The WHERE conditions on "Article" a for the corpus filters: one definition for the list and the export. */
export function articleFilterConditions(query: ArticleFilter): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (query.source) where.push(sql`a."source" = ${query.source}`);
  // Written on the newest sort's key (undated = -infinity) so the date range is an index range.
  if (query.from || query.toExclusive) {
    where.push(query.from ? sql`${NEWEST_KEY('a')} >= ${utcTimestamp(query.from)}` : sql`${NEWEST_KEY('a')} > '-infinity'::timestamp(3)`);
  }
  if (query.toExclusive) where.push(sql`${NEWEST_KEY('a')} < ${utcTimestamp(query.toExclusive)}`);
  // Through the index of "Annotation" on articleId: the export filters without the counts table.
  const annotationWith = (condition: Prisma.Sql) => sql`EXISTS (SELECT 1 FROM "Annotation" n WHERE n."articleId" = a."id" AND ${condition})`;
  if (query.annotated === 'yes') where.push(annotationWith(sql`true`));
  if (query.annotated === 'no') where.push(sql`NOT ${annotationWith(sql`true`)}`);
  if (query.review === 'pending') where.push(annotationWith(sql`n."status" = 'PENDING'`));
  if (query.review === 'rejected') where.push(annotationWith(sql`n."status" = 'REJECTED'`));
  if (query.review === 'approved') where.push(sql`${annotationWith(sql`true`)} AND NOT ${annotationWith(sql`n."status" <> 'APPROVED'`)}`);
  if (query.q) {
    const { fts, prefixQuery } = searchTerms(query.q);
    where.push(prefixQuery ? sql`(a."searchVector" @@ ${fts} OR a."titleVector" @@ ${prefixQuery})` : sql`a."searchVector" @@ ${fts}`);
  }
  return where;
}

function searchTerms(q: string) {
  const prefix = titlePrefixQuery(q);
  return {
    fts: sql`websearch_to_tsquery('english'::regconfig, ${searchQueryText(q)})`,
    prefixQuery: prefix ? sql`to_tsquery('simple'::regconfig, ${prefix})` : null,
  };
}

/** The one SQL statement of a list page (exported for EXPLAIN in benchmarks and checks). */
export function articleListSql(query: ArticleListQuery): Prisma.Sql {
  const where: Prisma.Sql[] = [];
  // The partial index of "most annotated" is on c's copy of the archived state.
  if (query.archived === 'hide') where.push(query.sort === 'annotated' ? sql`NOT c."archived"` : sql`a."archivedAt" IS NULL`);
  else if (query.archived === 'only') where.push(sql`a."archivedAt" IS NOT NULL`);
  where.push(...articleFilterConditions(query));
  const { fts, prefixQuery } = searchTerms(query.q ?? '');
  const rank = query.q
    ? sql`(ts_rank_cd(a."searchVector", ${fts}, 32)${prefixQuery ? sql` + CASE WHEN a."titleVector" @@ ${prefixQuery} THEN 1 ELSE 0 END` : Prisma.empty})::float8`
    : sql`NULL::float8`;

  const columns = sql`a."id", a."title", a."source", a."author", a."url", a."publishedAt", a."language", a."createdAt", a."archivedAt",
    c."count" AS "annotationCount", lower(a."title") AS "titleKey"`;
  const from = sql`"Article" a JOIN "ArticleAnnotationCount" c ON c."articleId" = a."id"`;
  const filter = where.length ? sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty;
  const take = query.limit + 1;

  // Relevance is computed, so its keyset applies to a derived table; the other sorts compare
  // indexed columns directly so that the scan starts at the cursor.
  const page =
    query.sort === 'relevance'
      ? sql`SELECT * FROM (SELECT ${columns}, ${rank} AS "rank" FROM ${from} ${filter}) s
          ${query.cursor ? sql`WHERE ${after(query.cursor, 's')}` : Prisma.empty}
          ORDER BY ${orderBy('relevance', 's')} LIMIT ${take}`
      : sql`SELECT ${columns}, ${rank} AS "rank" FROM ${from}
          ${query.cursor ? (where.length ? sql`${filter} AND ${after(query.cursor, 'a')}` : sql`WHERE ${after(query.cursor, 'a')}`) : filter}
          ORDER BY ${orderBy(query.sort, 'a')} LIMIT ${take}`;

  // Passages and title highlights only for the rows of this page, never for every match.
  const titleQuery = prefixQuery ? sql`(${fts} || ${prefixQuery})` : fts;
  const headlines = query.q
    ? sql`ts_headline('english'::regconfig, "newsmark_search_text"(p."title"), ${titleQuery}, ${TITLE_OPTIONS}) AS "titleMarked",
          ts_headline('english'::regconfig, "newsmark_search_text"(substr(t."text", 1, ${SNIPPET_SCAN_CHARS})), ${fts}, ${SNIPPET_OPTIONS}) AS "snippetMarked"`
    : sql`p."title" AS "titleMarked", substr(t."text", 1, 240) || CASE WHEN char_length(substr(t."text", 1, 241)) > 240 THEN '…' ELSE '' END AS "snippetMarked"`;

  return sql`
    WITH p AS MATERIALIZED (${page})
    SELECT p.*, ${headlines},
      c."claims", c."events", c."sources", c."pending", c."approved", c."rejected"
    FROM p
    JOIN "Article" t ON t."id" = p."id"
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE n."kind" = 'CLAIM')::int AS "claims",
             count(*) FILTER (WHERE n."kind" = 'EVENT')::int AS "events",
             count(*) FILTER (WHERE n."kind" = 'SOURCE')::int AS "sources",
             count(*) FILTER (WHERE n."status" = 'PENDING')::int AS "pending",
             count(*) FILTER (WHERE n."status" = 'APPROVED')::int AS "approved",
             count(*) FILTER (WHERE n."status" = 'REJECTED')::int AS "rejected"
      FROM "Annotation" n WHERE n."articleId" = p."id"
    ) c
    ORDER BY ${orderBy(query.sort, 'p')}`;
}

/** The sources to filter by: every distinct source of the articles shown. */
export async function listSources(includeArchived = false): Promise<string[]> {
  const rows = await db().$queryRaw<{ source: string }[]>`
    SELECT DISTINCT "source" FROM "Article"
    WHERE "source" IS NOT NULL ${includeArchived ? Prisma.empty : sql`AND "archivedAt" IS NULL`}
    ORDER BY "source" LIMIT 500`;
  return rows.map((r) => r.source);
}

/** The fields of an article besides its text: what metadata edits return and audit. */
export const ARTICLE_METADATA_SELECT = {
  id: true,
  title: true,
  source: true,
  author: true,
  url: true,
  canonicalUrl: true,
  publishedAt: true,
  language: true,
  archivedAt: true,
  updatedAt: true,
} as const;

export async function getArticle(id: string) {
  return db().article.findUnique({
    where: { id },
    select: {
      ...ARTICLE_METADATA_SELECT,
      text: true,
      createdAt: true,
    },
  });
}
