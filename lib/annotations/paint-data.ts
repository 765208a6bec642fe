import { db, Prisma } from '@/lib/db.ts';
import type { PackedPaintData } from './paint.ts';

/**
 * An article's paint data, packed by PostgreSQL itself into one row of delimited text, so
 * thousands of annotations cost one round trip and no per-row mapping in Node.
 * Rows come in no particular order (the annotator sorts). Null when the article does not
 * exist. The index orders match PACKED_KINDS, PACKED_STATUSES and RELATION_TYPES in paint.ts.
 */
export async function getPackedPaintData(articleId: string): Promise<PackedPaintData | null> {
  const rows = await db().$queryRaw<{ found: boolean; a: string; r: string; u: string; f: string }[]>`
    WITH a AS (
      SELECT id, kind, start, "end", status, "authorId", version, unattributed FROM "Annotation" WHERE "articleId" = ${articleId}
    ), r AS (
      SELECT r.id, r."fromId", r."toId", r.type, r."authorId" FROM "Relation" r JOIN "Annotation" f ON f.id = r."fromId" WHERE f."articleId" = ${articleId}
    ), authors AS (
      SELECT COALESCE(array_agg(id ORDER BY id), '{}') AS ids FROM (SELECT "authorId" AS id FROM a UNION SELECT "authorId" FROM r) x
    )
    SELECT
      EXISTS (SELECT 1 FROM "Article" WHERE id = ${articleId}) AS found,
      COALESCE((SELECT string_agg(concat_ws(',', a.id,
          (CASE a.kind WHEN 'CLAIM' THEN 0 WHEN 'EVENT' THEN 1 ELSE 2 END) * 6
            + (CASE a.status WHEN 'PENDING' THEN 0 WHEN 'APPROVED' THEN 1 ELSE 2 END) * 2 + a.unattributed::int,
          a.start, a."end" - a.start, array_position(authors.ids, a."authorId") - 1, a.version), ';')
        FROM a, authors), '') AS a,
      COALESCE((SELECT string_agg(concat_ws(',', r.id, r."fromId", r."toId",
          CASE r.type WHEN 'ATTRIBUTED_TO' THEN 0 WHEN 'REPORTED_BY' THEN 1 ELSE 2 END, array_position(authors.ids, r."authorId") - 1), ';')
        FROM r, authors), '') AS r,
      COALESCE((SELECT json_agg(json_build_array(usr.id, usr.name) ORDER BY x.ord)
        FROM authors, unnest(authors.ids) WITH ORDINALITY AS x(id, ord) JOIN "User" usr ON usr.id = x.id), '[]'::json)::text AS u,
      ${fingerprintSql('a', 'r')} AS f`;
  const row = rows[0];
  if (!row?.found) return null;
  return { a: row.a, r: row.r, u: JSON.parse(row.u) as PackedPaintData['u'], f: row.f };
}

// A digest of every painted row's id, version and status, and of the relations' ids: any write,
// deletion or link moves it (change times would not: they are stamped before commit). Sums of
// hashes need no sorting, so the page's query pays about half a millisecond for it.
const fingerprintSql = (a: 'a', r: 'r') =>
  Prisma.raw(
    `concat_ws(':', (SELECT count(*) || ':' || COALESCE(sum(hashtext(id || ':' || version || ':' || status)), 0) FROM ${a}), (SELECT count(*) || ':' || COALESCE(sum(hashtext(id)), 0) FROM ${r}))`,
  );

/** The fingerprint alone (see PackedPaintData.f); null when the article does not exist. */
export async function getPaintFingerprint(articleId: string): Promise<string | null> {
  const rows = await db().$queryRaw<{ found: boolean; f: string }[]>`
    WITH a AS (SELECT id, version, status FROM "Annotation" WHERE "articleId" = ${articleId}),
    r AS (SELECT r.id FROM "Relation" r JOIN "Annotation" f ON f.id = r."fromId" WHERE f."articleId" = ${articleId})
    SELECT EXISTS (SELECT 1 FROM "Article" WHERE id = ${articleId}) AS found, ${fingerprintSql('a', 'r')} AS f`;
  return rows[0]?.found ? rows[0].f : null;
}
