-- Article.annotationCount, kept per statement instead of per row. Hand-written: the datamodel
-- does not change.
--
-- The row trigger of corpus_search updated the article once per inserted or deleted
-- annotation. Every such UPDATE writes a new version of the article's row and recomputes its
-- generated search vectors, so a bulk insert (the annotated import writes thousands of
-- annotations per statement) spent most of its time re-indexing the same articles. With
-- transition tables each statement updates each article it touched once, by the net count.
-- Moving an annotation to another article stays a row trigger: PostgreSQL allows no
-- transition tables on a trigger limited to some columns, and moves are rare.

DROP TRIGGER "Annotation_count_insert_delete" ON "Annotation";

CREATE FUNCTION "article_annotation_count_inserted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Article" AS a SET "annotationCount" = a."annotationCount" + c.n
  FROM (SELECT "articleId", count(*)::int AS n FROM "inserted" GROUP BY "articleId") AS c
  WHERE a."id" = c."articleId";
  RETURN NULL;
END;
$$;

CREATE FUNCTION "article_annotation_count_deleted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Article" AS a SET "annotationCount" = a."annotationCount" - c.n
  FROM (SELECT "articleId", count(*)::int AS n FROM "deleted" GROUP BY "articleId") AS c
  WHERE a."id" = c."articleId";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Annotation_count_insert"
  AFTER INSERT ON "Annotation"
  REFERENCING NEW TABLE AS "inserted"
  FOR EACH STATEMENT EXECUTE FUNCTION "article_annotation_count_inserted"();

CREATE TRIGGER "Annotation_count_delete"
  AFTER DELETE ON "Annotation"
  REFERENCING OLD TABLE AS "deleted"
  FOR EACH STATEMENT EXECUTE FUNCTION "article_annotation_count_deleted"();
