/**
 * The data of `npm run bench:review`: users, articles and a million annotations, bulk-loaded by
 * SQL (`INSERT … SELECT FROM generate_series`, in batches) into a migrated database.
 *
 * The articles and a pool of valid spans per article are generated in Node (bench/annotator-
 * workload.ts: news-like text with some emoji and CJK, spans anchored as the app anchors them,
 * so offsets count UTF-16 units and exact/prefix/suffix match the text). Every annotation then
 * takes one span of its article's pool, so the SQL never has to cut text itself.
 *
 * The annotations arrive as they would in a year of use: "createdAt" grows with the insertion
 * order (the table's physical order follows time, as in production), the older an annotation
 * the likelier it has been judged (pending rises from 40% for the oldest to 100% for the
 * newest, 70% in all), decided ones carry their ReviewDecision, 5% of the pending ones were
 * rejected once and revised (version 2), and a fifth of the claims are attributed to a source
 * of the same article. PostgreSQL's random() is seeded, so a run is reproducible.
 *
 * The row triggers of "Annotation" and "Relation" (end within text, article counts, live
 * NOTIFY) are disabled during the load: the spans are valid by construction, the counts are
 * recomputed once afterwards, and a million NOTIFYs would only fill the notification queue.
 * Foreign keys and CHECK constraints stay on.
 *
 * Besides the `articles` that share the bulk, SMALL_ARTICLES more articles hold few pending
 * annotations each (annotations beyond the requested count): one with SMALL_SPREAD spread over the
 * year and one with SMALL_FRESH created in the year's last days, as a newly imported article would.
 * The queue filtered by such an article cannot stop after a page's worth of the bulk's rows.
 */
import type pg from 'pg';
import { contentHash } from '../lib/articles/normalize.ts';
import { generateArticle, generateSpans } from './annotator-workload.ts';

export const SEED = 20261121;
export const USERS = 50;
/** Users 0..37 are researchers, 38..47 reviewers, 48..49 admins; everybody annotates. */
export const FIRST_REVIEWER = 38;
export const FIRST_ADMIN = 48;
/** Every ARCHIVE_EVERY-th article (from ARCHIVE_OFFSET) is archived: its annotations are out of the queue. */
const ARCHIVE_EVERY = 30;
const ARCHIVE_OFFSET = 7;
/** The year the annotations were created in. */
export const YEAR_START = '2025-06-01';
const BATCH = 100_000;
/** The pending annotations of the two small articles (numbers `articles` and `articles + 1`). */
export const SMALL_SPREAD = 300;
export const SMALL_FRESH = 30;
export const SMALL_ARTICLES = 2;

export const userId = (n: number) => `cbenchuser${String(n).padStart(4, '0')}`;
export const articleId = (n: number) => `cbencharticle${String(n).padStart(4, '0')}`;
export const isArchived = (n: number) => n % ARCHIVE_EVERY === ARCHIVE_OFFSET;

export interface LoadOptions {
  annotations: number;
  articles: number;
  spansPerArticle: number;
  chars: number;
  log: (line: string) => void;
}

export interface LoadReport {
  seconds: { generate: number; articles: number; annotations: number; decisions: number; relations: number; counts: number; vacuum: number; total: number };
  counts: { annotations: number; pending: number; decisions: number; relations: number; articles: number; archived: number };
}

const since = (t: number) => (performance.now() - t) / 1000;

/** Loads everything into the (migrated, empty) database `client` is connected to. */
export async function loadWorkload(client: pg.Client, o: LoadOptions): Promise<LoadReport> {
  const started = performance.now();
  let t = performance.now();

  // ─── Articles and their span pools, generated in Node ───
  const articles = Array.from({ length: o.articles + SMALL_ARTICLES }, (_, n) => {
    const { text } = generateArticle(SEED + 7 * n, o.chars);
    return {
      n,
      id: articleId(n),
      title: `Harbour report ${n + 1}: the long road to a contract`,
      text,
      spans: generateSpans(SEED + 7 * n + 1, text, o.spansPerArticle, 1),
    };
  });
  const generate = since(t);

  t = performance.now();
  await client.query(
    `INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "createdAt", "updatedAt")
     SELECT 'cbenchuser' || lpad(i::text, 4, '0'), 'user' || i || '@bench.example', 'Bench User ' || i,
            (CASE WHEN i < $1::int THEN 'RESEARCHER' WHEN i < $2::int THEN 'REVIEWER' ELSE 'ADMIN' END)::"Role", 'x', '2025-01-01', '2025-01-01'
     FROM generate_series(0, $3::int - 1) i`,
    [FIRST_REVIEWER, FIRST_ADMIN, USERS],
  );
  await client.query(
    `INSERT INTO "Article" ("id", "title", "text", "contentHash", "source", "publishedAt", "language", "archivedAt", "createdAt", "updatedAt")
     SELECT t.id, t.title, t.text, t.hash, 'Bench Gazette', '2025-05-01', 'en', CASE WHEN t.archived THEN '2026-05-01'::timestamp(3) END, '2025-05-01', '2025-05-01'
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[]) AS t(id, title, text, hash, archived)`,
    [
      articles.map((a) => a.id),
      articles.map((a) => a.title),
      articles.map((a) => a.text),
      articles.map((a) => contentHash(a.text)),
      articles.map((a) => isArchived(a.n)),
    ],
  );
  // Lookup tables of this session only: numbers to ids, and each article's pool of spans.
  await client.query(`CREATE TEMP TABLE bench_user (user_no int PRIMARY KEY, id text NOT NULL)`);
  await client.query(`CREATE TEMP TABLE bench_article (article_no int PRIMARY KEY, id text NOT NULL)`);
  await client.query(
    `CREATE TEMP TABLE bench_span (article_no int, span_no int, "start" int, "end" int, exact text, prefix text, suffix text, PRIMARY KEY (article_no, span_no))`,
  );
  await client.query(`INSERT INTO bench_user SELECT i, 'cbenchuser' || lpad(i::text, 4, '0') FROM generate_series(0, $1::int - 1) i`, [USERS]);
  await client.query(`INSERT INTO bench_article SELECT (n - 1)::int, id FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n)`, [articles.map((a) => a.id)]);
  const spans = articles.flatMap((a) => a.spans.map((s, k) => ({ a: a.n, k, ...s })));
  await client.query(`INSERT INTO bench_span SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[])`, [
    spans.map((s) => s.a),
    spans.map((s) => s.k),
    spans.map((s) => s.start),
    spans.map((s) => s.end),
    spans.map((s) => s.exact),
    spans.map((s) => s.prefix),
    spans.map((s) => s.suffix),
  ]);
  await client.query(`ANALYZE bench_span; ANALYZE bench_article; ANALYZE bench_user`);
  const articlesSeconds = since(t);

  // ─── Annotations, in batches ───
  let annotationsSeconds = 0;
  let decisionsSeconds = 0;
  let relationsSeconds = 0;
  t = performance.now();
  await client.query(`ALTER TABLE "Annotation" DISABLE TRIGGER USER`);
  await client.query(`ALTER TABLE "Relation" DISABLE TRIGGER USER`);
  try {
    await client.query(`SELECT setseed(${(SEED % 1000) / 1000})`);
    for (let lo = 1; lo <= o.annotations; lo += BATCH) {
      const hi = Math.min(o.annotations, lo + BATCH - 1);
      const b = performance.now();
      // r: one row of random draws per annotation (materialized, so each draw is made once).
      await client.query(
        `WITH r AS MATERIALIZED (
           SELECT g, ((g - 1) + random()) / $3::float8 AS t, random() AS u, random() AS u2, random() AS rv, random() AS k,
                  random() AS a, random() AS au, random() AS sp, random() AS nt
           FROM generate_series($1::int, $2::int) g
         ), d AS (
           SELECT g, t, nt,
                  $4::timestamp(3) + t * interval '365 days' AS created,
                  CASE WHEN u < 0.4 + 0.6 * t THEN 'PENDING' WHEN u2 < 0.8 THEN 'APPROVED' ELSE 'REJECTED' END AS status,
                  rv < 0.05 AS revised,
                  CASE WHEN k < 0.5 THEN 'CLAIM' WHEN k < 0.8 THEN 'SOURCE' ELSE 'EVENT' END AS kind,
                  least(floor(a * $5::int)::int, $5::int - 1) AS article_no,
                  least(floor(power(au, 1.5) * $6::int)::int, $6::int - 1) AS author_no,
                  least(floor(sp * $7::int)::int, $7::int - 1) AS span_no
           FROM r
         )
         INSERT INTO "Annotation" ("id", "articleId", "authorId", "kind", "start", "end", "exact", "prefix", "suffix", "note", "attributes",
                                   "unattributed", "status", "version", "createdAt", "updatedAt")
         SELECT 'c' || substr(md5('bench-review-' || d.g), 1, 24), art.id, usr.id, d.kind::"AnnotationKind", s."start", s."end", s.exact, s.prefix, s.suffix,
                CASE WHEN d.nt < 0.15 THEN 'Checked against the council minutes.' ELSE '' END, '{}'::jsonb, false,
                d.status::"AnnotationStatus",
                CASE WHEN d.status = 'PENDING' AND d.revised THEN 2 ELSE 1 END,
                d.created,
                CASE WHEN d.status = 'PENDING' AND NOT d.revised THEN d.created ELSE d.created + interval '2 days' END
         FROM d
         JOIN bench_article art ON art.article_no = d.article_no
         JOIN bench_user usr ON usr.user_no = d.author_no
         JOIN bench_span s ON s.article_no = d.article_no AND s.span_no = d.span_no
         ORDER BY d.g`,
        [lo, hi, o.annotations, YEAR_START, o.articles, USERS, o.spansPerArticle],
      );
      o.log(`annotations ${lo.toLocaleString('en')}–${hi.toLocaleString('en')} in ${((performance.now() - b) / 1000).toFixed(1)} s`);
    }
    // The small articles: pending only, by researchers, spread over the year or in its last days.
    for (const [n, count, fresh] of [
      [o.articles, SMALL_SPREAD, false],
      [o.articles + 1, SMALL_FRESH, true],
    ] as const) {
      await client.query(
        `INSERT INTO "Annotation" ("id", "articleId", "authorId", "kind", "start", "end", "exact", "prefix", "suffix", "status", "version", "createdAt", "updatedAt")
         SELECT 'c' || substr(md5('bench-review-small-' || $1::int || '-' || g), 1, 24), art.id, usr.id,
                (ARRAY['CLAIM', 'SOURCE', 'EVENT'])[1 + g % 3]::"AnnotationKind", s."start", s."end", s.exact, s.prefix, s.suffix, 'PENDING', 1, x.created, x.created
         FROM generate_series(1, $2::int) g
         CROSS JOIN LATERAL (SELECT CASE WHEN $3::bool THEN $4::timestamp(3) + interval '365 days' - g * interval '1 hour'
                                         ELSE $4::timestamp(3) + (g::float8 / $2::int) * interval '365 days' END AS created) x
         JOIN bench_article art ON art.article_no = $1::int
         JOIN bench_user usr ON usr.user_no = g % $6::int
         JOIN bench_span s ON s.article_no = $1::int AND s.span_no = g % $5::int`,
        [n, count, fresh, YEAR_START, o.spansPerArticle, FIRST_REVIEWER],
      );
    }
    annotationsSeconds = since(t);

    // ─── The decisions behind every judged annotation, and behind each revision ───
    t = performance.now();
    await client.query(
      `INSERT INTO "ReviewDecision" ("id", "annotationId", "reviewerId", "decision", "comment", "annotationVersion", "createdAt")
       SELECT 'c' || substr(md5('bench-decision-' || a.id), 1, 24), a.id,
              -- a reviewer or admin who is not the author
              'cbenchuser' || lpad(($1::int + ((abs(hashtext(a.id)) % ($2::int - $1::int - 1)) + CASE WHEN au.user_no >= $1::int THEN au.user_no - $1::int + 1 ELSE 0 END) % ($2::int - $1::int))::text, 4, '0'),
              (CASE WHEN a.status = 'APPROVED' THEN 'APPROVE' ELSE 'REJECT' END)::"Decision",
              CASE WHEN a.status <> 'APPROVED' THEN (ARRAY['The span is too wide.', 'Wrong kind: this is an event.', 'Not a claim.', 'The source is not named in the text.'])[1 + abs(hashtext(a.id || 'why')) % 4] END,
              1, a."createdAt" + interval '1 day'
       FROM "Annotation" a JOIN bench_user au ON au.id = a."authorId"
       WHERE a.status <> 'PENDING' OR a.version = 2`,
      [FIRST_REVIEWER, USERS],
    );
    decisionsSeconds = since(t);

    // ─── A fifth of the claims attributed to a source of the same article ───
    t = performance.now();
    await client.query(
      `INSERT INTO "Relation" ("id", "fromId", "toId", "type", "authorId", "createdAt")
       SELECT 'c' || substr(md5('bench-relation-' || c.id), 1, 24), c.id, s.id, 'ATTRIBUTED_TO', c."authorId", greatest(c."createdAt", s."createdAt")
       FROM (SELECT id, "articleId", "authorId", "createdAt", row_number() OVER (PARTITION BY "articleId" ORDER BY id) AS rn
             FROM "Annotation" WHERE "kind" = 'CLAIM' AND abs(hashtext(id || 'rel')) % 5 = 0) c
       JOIN (SELECT id, "articleId", "createdAt", row_number() OVER (PARTITION BY "articleId" ORDER BY id) AS rn
             FROM "Annotation" WHERE "kind" = 'SOURCE') s ON s."articleId" = c."articleId" AND s.rn = c.rn`,
    );
    relationsSeconds = since(t);
  } finally {
    await client.query(`ALTER TABLE "Annotation" ENABLE TRIGGER USER`);
    await client.query(`ALTER TABLE "Relation" ENABLE TRIGGER USER`);
  }

  // The count the disabled trigger would have kept.
  t = performance.now();
  await client.query(
    `UPDATE "ArticleAnnotationCount" AS a SET "count" = c.n
     FROM (SELECT "articleId", count(*)::int AS n FROM "Annotation" GROUP BY "articleId") AS c
     WHERE c."articleId" = a."articleId"`,
  );
  const countsSeconds = since(t);

  t = performance.now();
  await client.query('DROP TABLE bench_span, bench_article, bench_user');
  await client.query('VACUUM ANALYZE');
  const vacuumSeconds = since(t);

  const [c] = (
    await client.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM "Annotation") AS annotations, (SELECT count(*) FROM "Annotation" WHERE status = 'PENDING') AS pending,
              (SELECT count(*) FROM "ReviewDecision") AS decisions, (SELECT count(*) FROM "Relation") AS relations,
              (SELECT count(*) FROM "Article") AS articles, (SELECT count(*) FROM "Article" WHERE "archivedAt" IS NOT NULL) AS archived`,
    )
  ).rows;
  return {
    seconds: {
      generate,
      articles: articlesSeconds,
      annotations: annotationsSeconds,
      decisions: decisionsSeconds,
      relations: relationsSeconds,
      counts: countsSeconds,
      vacuum: vacuumSeconds,
      total: since(started),
    },
    counts: {
      annotations: Number(c!.annotations),
      pending: Number(c!.pending),
      decisions: Number(c!.decisions),
      relations: Number(c!.relations),
      articles: Number(c!.articles),
      archived: Number(c!.archived),
    },
  };
}
