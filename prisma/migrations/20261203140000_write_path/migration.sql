-- The write path (issue 12, point 1). Hand-written apart from the new table's DDL: a generated
-- column, the counts' partial index and the triggers are invisible to the schema diff.
--
-- 1. An article's annotation count moves out of "Article" into a narrow row of its own.
--    Every UPDATE of "Article" writes a new version of the whole row and recomputes its stored
--    search vectors (the text's included), so counting there made a create on a 640,000-character
--    article cost four times one on a short article, bloated the full-text index, and wrote three
--    times the WAL of the bare insert. "createdAt" and "archived" copy the article's so that
--    "most annotated" stays one keyset index scan; triggers on "Article" keep them.
-- 2. "Article"."textLength": the text's length in UTF-16 code units, computed once (the text
--    never changes). The span check of "Annotation" and the article list read it instead of
--    reading the whole text (char_length detoasts and decompresses all of it).

-- CreateTable
CREATE TABLE "ArticleAnnotationCount" (
    "articleId" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ArticleAnnotationCount_pkey" PRIMARY KEY ("articleId"),
    CONSTRAINT "ArticleAnnotationCount_count_check" CHECK ("count" >= 0)
);

-- AddForeignKey
ALTER TABLE "ArticleAnnotationCount" ADD CONSTRAINT "ArticleAnnotationCount_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The keyset of "most annotated" (lib/articles/queries.ts) for the default view.
CREATE INDEX "ArticleAnnotationCount_most_annotated_idx" ON "ArticleAnnotationCount" ("count", "createdAt", "articleId") WHERE NOT "archived";

INSERT INTO "ArticleAnnotationCount" ("articleId", "count", "createdAt", "archived")
SELECT a."id", a."annotationCount", a."createdAt", a."archivedAt" IS NOT NULL FROM "Article" a;

-- A counts row for every article, in the statement that creates it (imports write hundreds per statement).
CREATE FUNCTION "article_counts_created"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ArticleAnnotationCount" ("articleId", "createdAt", "archived")
  SELECT "id", "createdAt", "archivedAt" IS NOT NULL FROM "created_articles";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Article_counts_insert"
  AFTER INSERT ON "Article"
  REFERENCING NEW TABLE AS "created_articles"
  FOR EACH STATEMENT EXECUTE FUNCTION "article_counts_created"();

-- Archiving (and unarchiving) moves the article in or out of the default view's index. It runs
-- under the article's FOR UPDATE lock (lib/articles/manage.ts), which waits for every writer
-- holding FOR KEY SHARE (lib/articles/write-lock.ts), so this never waits on their count updates.
CREATE FUNCTION "article_counts_follow_article"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ArticleAnnotationCount" SET "createdAt" = NEW."createdAt", "archived" = NEW."archivedAt" IS NOT NULL
  WHERE "articleId" = NEW."id";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Article_counts_update"
  AFTER UPDATE OF "archivedAt", "createdAt" ON "Article"
  FOR EACH ROW WHEN ((OLD."archivedAt" IS NULL, OLD."createdAt") IS DISTINCT FROM (NEW."archivedAt" IS NULL, NEW."createdAt"))
  EXECUTE FUNCTION "article_counts_follow_article"();

-- The count triggers of "Annotation" (per statement, and the row trigger of moves) now write the
-- counts rows. Writers on one article wait for each other only from this update to their commit.
CREATE OR REPLACE FUNCTION "article_annotation_count_inserted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ArticleAnnotationCount" AS a SET "count" = a."count" + c.n
  FROM (SELECT "articleId", count(*)::int AS n FROM "inserted" GROUP BY "articleId") AS c
  WHERE a."articleId" = c."articleId";
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "article_annotation_count_deleted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ArticleAnnotationCount" AS a SET "count" = a."count" - c.n
  FROM (SELECT "articleId", count(*)::int AS n FROM "deleted" GROUP BY "articleId") AS c
  WHERE a."articleId" = c."articleId";
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "article_annotation_count"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "ArticleAnnotationCount" SET "count" = "count" + 1 WHERE "articleId" = NEW."articleId";
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "ArticleAnnotationCount" SET "count" = "count" - 1 WHERE "articleId" = OLD."articleId";
  END IF;
  RETURN NULL;
END;
$$;

DROP INDEX "Article_most_annotated_idx";
ALTER TABLE "Article" DROP CONSTRAINT "Article_annotationCount_check";
ALTER TABLE "Article" DROP COLUMN "annotationCount";

-- Text length, once. utf16_length (migration "init") is IMMUTABLE, as a generated column needs.
ALTER TABLE "Article" ADD COLUMN "textLength" INTEGER NOT NULL GENERATED ALWAYS AS ("utf16_length"("text")) STORED;

-- The span check reads the stored length: its cost no longer grows with the article's text.
CREATE OR REPLACE FUNCTION "annotation_end_within_text"() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  code_units integer;
BEGIN
  SELECT "textLength" INTO code_units FROM "Article" WHERE "id" = NEW."articleId";
  -- A missing article is the foreign key's to report.
  IF NOT FOUND OR NEW."end" <= code_units THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'Annotation end % is past the end of the text of article % (% UTF-16 code units)',
    NEW."end", NEW."articleId", code_units
    USING ERRCODE = 'check_violation', CONSTRAINT = 'Annotation_end_within_text', TABLE = 'Annotation', COLUMN = 'end';
END
$$;
