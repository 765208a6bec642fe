-- Corpus search, filters and keyset sorts (issue 3, point 6).
-- Hand-edited after generation: Prisma cannot express generated columns, GIN indexes,
-- expression or partial indexes, or triggers. None of it is visible to the schema diff, so
-- later migrations leave it alone.

-- DropIndex (superseded by the partial keyset indexes below)
DROP INDEX "Article_archivedAt_publishedAt_idx";

-- DropIndex
DROP INDEX "Article_archivedAt_title_idx";

-- Full-text search. 'english' for the ranked vector: the corpus is mostly English, and stemming
-- lets "fires" find "fire". Words of other scripts (CJK, Hangul, Cyrillic…) pass the English
-- stemmer unchanged, so a name written as 陈立文 or 한유진 is still found as a whole word.
-- The title also gets a 'simple' vector (no stemming, no stop words) for prefix matching:
-- a typed prefix must be compared with the words as written, not with their stems.
--
-- The parser classifies characters by the database's locale; under the C locale every non-ASCII
-- character counts as a letter (“Now would be indexed as '“now', town’s as 'town’'), and "<"
-- starts what it takes for an HTML tag ("<script>" hides everything after it). So the text is
-- parsed through newsmark_search_text, which swaps "<" and the typographic punctuation and
-- spaces of news text for control characters, one for one: the parser always takes those for
-- separators, and the app maps them back in highlighted passages (lib/articles/search-text.ts
-- holds the same table; an integration test checks that both agree). Changing this function
-- requires recomputing the generated columns (e.g. UPDATE "Article" SET "title" = "title").
CREATE FUNCTION "newsmark_search_text"(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN translate(
  t,
  U&'<\201c\201d\201e\2018\2019\201a\00ab\00bb\2039\203a\2014\2013\2010\2011\2026\00a0\2009\202f\3000\3001\3002\ff0c\ff08\ff09\300c\300d',
  U&'\0001\0004\0005\0006\0007\0008\000b\000c\000d\000e\000f\0010\0011\0012\0013\0014\0015\0016\0017\0018\0019\001a\001b\001c\001d\001e\001f'
);

ALTER TABLE "Article"
  ADD COLUMN "annotationCount" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, "newsmark_search_text"("title")), 'A') ||
    setweight(to_tsvector('english'::regconfig, "newsmark_search_text"("text")), 'B')
  ) STORED,
  ADD COLUMN "titleVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "newsmark_search_text"("title"))) STORED;

CREATE INDEX "Article_searchVector_idx" ON "Article" USING GIN ("searchVector");
CREATE INDEX "Article_titleVector_idx" ON "Article" USING GIN ("titleVector");

-- Keyset indexes of the three sorts of /articles, for the default view (archived hidden).
-- Each ends in "id" so that the order is total and a cursor is never ambiguous.
-- Newest: published date descending with undated articles last, then imported date.
CREATE INDEX "Article_newest_idx" ON "Article" ((COALESCE("publishedAt", '-infinity'::timestamp(3))), "createdAt", "id")
  WHERE "archivedAt" IS NULL;
CREATE INDEX "Article_title_sort_idx" ON "Article" (lower("title"), "id") WHERE "archivedAt" IS NULL;
CREATE INDEX "Article_most_annotated_idx" ON "Article" ("annotationCount", "createdAt", "id") WHERE "archivedAt" IS NULL;

-- Article.annotationCount follows its annotations (insert, delete, move to another article).
CREATE FUNCTION "article_annotation_count"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "Article" SET "annotationCount" = "annotationCount" + 1 WHERE "id" = NEW."articleId";
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "Article" SET "annotationCount" = "annotationCount" - 1 WHERE "id" = OLD."articleId";
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Annotation_count_insert_delete"
  AFTER INSERT OR DELETE ON "Annotation"
  FOR EACH ROW EXECUTE FUNCTION "article_annotation_count"();

CREATE TRIGGER "Annotation_count_move"
  AFTER UPDATE OF "articleId" ON "Annotation"
  FOR EACH ROW WHEN (OLD."articleId" IS DISTINCT FROM NEW."articleId")
  EXECUTE FUNCTION "article_annotation_count"();

UPDATE "Article" AS a SET "annotationCount" = c.n
FROM (SELECT "articleId", count(*)::int AS n FROM "Annotation" GROUP BY "articleId") AS c
WHERE c."articleId" = a."id";

ALTER TABLE "Article" ADD CONSTRAINT "Article_annotationCount_check" CHECK ("annotationCount" >= 0);
