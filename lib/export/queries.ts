import { db, Prisma } from '@/lib/db.ts';
import { articleFilterConditions, type ArticleFilter } from '@/lib/articles/queries.ts';
import { storedAttributes, storedText } from './stored-text.ts';
import type { ExportAnnotation, ExportArticle, ExportItem, ExportRelation } from './model.ts';
import type { EXPORT_SCOPES } from './schemas.ts';

/**
 * The export's source: articles page by page (keyset on id, ascending, so the order is
 * deterministic and a page never holds more than PAGE_SIZE articles), each page's annotations,
 * latest decisions and relations in three more queries. Archived articles are never exported.
 *
 * Scope: 'approved' exports approved annotations only; 'all' exports every annotation with its
 * status. Relations are exported when both their ends are (canonicalItem drops the others, and
 * countExport counts the same way). Every article that matches is exported, with or without
 * annotations, so an export is also the corpus.
 */
export type ExportScope = (typeof EXPORT_SCOPES)[number];

export interface ExportQuery {
  scope: ExportScope;
  /** Only these articles (e.g. the article page's export). */
  articleIds?: readonly string[];
  /** The /articles list filters that select what is exported (sort, cursor and limit are ignored). */
  filter?: ArticleFilter;
  /** Articles per query; 100 unless told. */
  pageSize?: number;
  /** Annotations per page (by the article's annotation count, never fewer than one article); 2,000 unless told. */
  pageAnnotations?: number;
}

const sql = Prisma.sql;

/** The WHERE conditions on "Article" a: the /articles filters (archived always hidden). */
function articleConditions({ articleIds, filter = {} }: ExportQuery): Prisma.Sql[] {
  const where: Prisma.Sql[] = [sql`a."archivedAt" IS NULL`];
  if (articleIds) where.push(articleIds.length ? sql`a."id" IN (${Prisma.join([...articleIds])})` : sql`FALSE`);
  where.push(...articleFilterConditions(filter));
  return where;
}

/** `alias` is the annotation alias of the count query, the only one Prisma.raw may name. */
const statusCondition = (scope: ExportScope, alias: 'n') => (scope === 'approved' ? sql`${Prisma.raw(alias)}."status" = 'APPROVED'` : sql`TRUE`);

/** How many annotations and relations (both ends exported) the export holds: the W3C total. */
export async function countExport(query: ExportQuery): Promise<number> {
  const where = Prisma.join(articleConditions(query), ' AND ');
  const rows = await db().$queryRaw<{ annotations: number; relations: number }[]>(sql`
    WITH n AS MATERIALIZED (
      SELECT n."id" FROM "Annotation" n JOIN "Article" a ON a."id" = n."articleId"
      WHERE ${where} AND ${statusCondition(query.scope, 'n')}
    )
    SELECT (SELECT count(*) FROM n)::int AS "annotations",
           (SELECT count(*) FROM "Relation" r WHERE r."fromId" IN (SELECT "id" FROM n) AND r."toId" IN (SELECT "id" FROM n))::int AS "relations"`);
  const row = rows[0];
  return row ? row.annotations + row.relations : 0;
}

type ArticleRow = Omit<ExportArticle, 'publishedAt'> & { publishedAt: Date | null };

const iso = (d: Date) => d.toISOString();

/** The export, one article at a time, in article id order. */
export async function* exportItems(query: ExportQuery): AsyncGenerator<ExportItem> {
  const pageSize = query.pageSize ?? 100;
  const pageAnnotations = query.pageAnnotations ?? 2_000;
  const conditions = articleConditions(query);
  let after: string | null = null;
  for (;;) {
    const where = Prisma.join(after === null ? conditions : [...conditions, sql`a."id" > ${after}`], ' AND ');
    const rows = await db().$queryRaw<(ArticleRow & { annotationsUpTo: number })[]>(sql`
      SELECT a."id", a."title", a."text", a."url", a."source", a."author", a."publishedAt", a."language",
             (sum(c."count") OVER (ORDER BY a."id" ASC))::int AS "annotationsUpTo"
      FROM "Article" a JOIN "ArticleAnnotationCount" c ON c."articleId" = a."id" WHERE ${where} ORDER BY a."id" ASC LIMIT ${pageSize}`);
    if (rows.length === 0) return;
    // A page is held in memory until its last article is written, so it ends where its
    // annotations pass the budget: densely annotated articles must not make memory grow.
    const over = rows.findIndex((r) => r.annotationsUpTo > pageAnnotations);
    const articles = over === -1 ? rows : rows.slice(0, Math.max(1, over));
    yield* await loadPage(articles, query.scope);
    if (articles.length === rows.length && rows.length < pageSize) return;
    after = articles[articles.length - 1]!.id;
  }
}

async function loadPage(articles: ArticleRow[], scope: ExportScope): Promise<ExportItem[]> {
  const articleIds = articles.map((a) => a.id);
  const person = { select: { id: true, name: true, email: true } } as const;
  const exported = { articleId: { in: articleIds }, ...(scope === 'approved' ? { status: 'approved' as const } : {}) };
  const annotations = await db().annotation.findMany({
    where: exported,
    include: { author: person },
    orderBy: [{ articleId: 'asc' }, { start: 'asc' }, { end: 'asc' }, { id: 'asc' }],
  });
  // Decisions and relations are selected by the page's articles, not by a list of annotation ids:
  // a page of densely annotated articles holds tens of thousands of annotations, past
  // PostgreSQL's 65,535 bind parameters (the relations need each id twice).
  const [decisions, relations] = annotations.length
    ? await Promise.all([
        db().reviewDecision.findMany({
          where: { annotation: exported },
          distinct: ['annotationId'],
          orderBy: [{ annotationId: 'asc' }, { createdAt: 'desc' }, { id: 'desc' }],
          include: { reviewer: person },
        }),
        db().relation.findMany({
          where: { from: exported, to: exported },
          include: { author: person, from: { select: { articleId: true } } },
          orderBy: { id: 'asc' },
        }),
      ])
    : [[], []];
  const latest = new Map(decisions.map((d) => [d.annotationId, d]));

  const byArticle = new Map<string, { annotations: ExportAnnotation[]; relations: ExportRelation[] }>(
    articleIds.map((id) => [id, { annotations: [], relations: [] }]),
  );
  for (const a of annotations) {
    const { status } = a;
    const d = status === 'pending' ? undefined : latest.get(a.id);
    // The same fields as jsonl.ts lists, but here converted from database rows; the file's member order is fixed there.
    byArticle.get(a.articleId)!.annotations.push({
      id: a.id,
      kind: a.kind,
      start: a.start,
      end: a.end,
      exact: a.exact,
      prefix: a.prefix,
      suffix: a.suffix,
      note: a.note === '' || a.note === null ? null : storedText(a.note),
      attributes:
        a.attributes !== null && typeof a.attributes === 'object' && !Array.isArray(a.attributes)
          ? storedAttributes(a.attributes as Record<string, unknown>)
          : {},
      unattributed: a.unattributed,
      status,
      version: a.version,
      author: { id: a.author.id, name: a.author.name, email: a.author.email },
      createdAt: iso(a.createdAt),
      updatedAt: iso(a.updatedAt),
      decision: d
        ? {
            decision: d.decision,
            comment: d.comment === null ? null : storedText(d.comment),
            reviewer: { name: d.reviewer.name, email: d.reviewer.email },
            createdAt: iso(d.createdAt),
          }
        : null,
    });
  }
  for (const r of relations) {
    byArticle.get(r.from.articleId)?.relations.push({
      id: r.id,
      fromId: r.fromId,
      toId: r.toId,
      type: r.type,
      author: { name: r.author.name, email: r.author.email },
      createdAt: iso(r.createdAt),
    });
  }
  return articles.map((a) => ({
    article: {
      id: a.id,
      title: a.title,
      text: a.text,
      url: a.url,
      source: a.source,
      author: a.author,
      publishedAt: a.publishedAt ? iso(a.publishedAt) : null,
      language: a.language,
    },
    ...byArticle.get(a.id)!,
  }));
}

/** Whether an article can be exported by id: it exists and is not archived. */
export async function isExportableArticle(id: string): Promise<boolean> {
  const article = await db().article.findUnique({ where: { id }, select: { archivedAt: true } });
  return article !== null && article.archivedAt === null;
}
