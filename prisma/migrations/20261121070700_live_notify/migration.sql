-- Live updates of the annotator (issue 4, point 6). Hand-written: the datamodel does not
-- change, and Prisma cannot express triggers, so the schema diff never sees any of this.
-- A later migration that recreates "Annotation", "Relation" or "Comment" must recreate
-- these triggers too.
--
-- Every committed write to an annotation, relation or comment NOTIFYs the channel
-- 'newsmark_live' with one JSON message of the shape LiveMessage (lib/annotations/paint.ts).
-- Each app process LISTENs on one connection (lib/live/listener.ts) and passes the messages
-- of an article to the browsers that follow it, so every instance on the database hears
-- every write, whichever instance made it. NOTIFY is transactional: a rolled-back write
-- sends nothing, and a committed one is heard after its commit.
--
-- A NOTIFY payload must stay under 8000 bytes. The messages carry only the compact paint
-- records (ids, offsets, kind, status, version; the author's name is at most 100
-- characters), so they are far below it; newsmark_live_notify still checks, and drops an
-- oversized message with a WARNING rather than failing the write that caused it.

CREATE FUNCTION "newsmark_live_notify"(message json) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  payload text := message::text;
BEGIN
  IF octet_length(payload) < 8000 THEN
    PERFORM pg_notify('newsmark_live', payload);
  ELSE
    RAISE WARNING 'newsmark_live: a message of % bytes was not sent (NOTIFY takes less than 8000)', octet_length(payload);
  END IF;
END;
$$;

-- Annotation: upsert with the paint record and the author's name, or delete.
-- An annotation moved to another article is also a delete for the article it left.
CREATE FUNCTION "newsmark_live_annotation"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  author_name text;
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD."articleId" IS DISTINCT FROM NEW."articleId") THEN
    PERFORM "newsmark_live_notify"(json_build_object(
      't', 'annotation', 'op', 'delete', 'articleId', OLD."articleId", 'id', OLD."id"));
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT "name" INTO author_name FROM "User" WHERE "id" = NEW."authorId";
    PERFORM "newsmark_live_notify"(json_build_object(
      't', 'annotation',
      'op', 'upsert',
      'articleId', NEW."articleId",
      'annotation', json_build_object(
        'id', NEW."id",
        'kind', lower(NEW."kind"::text),
        'start', NEW."start",
        'end', NEW."end",
        'status', lower(NEW."status"::text),
        'authorId', NEW."authorId",
        'version', NEW."version",
        'unattributed', NEW."unattributed"),
      'authorName', coalesce(author_name, '')));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Annotation_live_insert_delete"
  AFTER INSERT OR DELETE ON "Annotation"
  FOR EACH ROW EXECUTE FUNCTION "newsmark_live_annotation"();

-- Only changes to what the annotator paints (or to the article): an UPDATE that touches
-- nothing else, such as Prisma's "updatedAt" alone, says nothing. Every edit through the API
-- bumps "version", so a browser with the annotation's panel open learns of note and attribute
-- edits too, and reloads the details itself.
CREATE TRIGGER "Annotation_live_update"
  AFTER UPDATE ON "Annotation"
  FOR EACH ROW WHEN (
    (OLD."articleId", OLD."kind", OLD."start", OLD."end", OLD."status", OLD."authorId", OLD."version", OLD."unattributed")
    IS DISTINCT FROM
    (NEW."articleId", NEW."kind", NEW."start", NEW."end", NEW."status", NEW."authorId", NEW."version", NEW."unattributed"))
  EXECUTE FUNCTION "newsmark_live_annotation"();

-- Relation: created or deleted, addressed to the article of its annotations (both ends lie in
-- one article). When neither end exists any more, the relation goes with a deleted annotation
-- (a cascade): the annotation's own delete message tells the browsers, so nothing is sent.
CREATE FUNCTION "newsmark_live_relation"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  rel "Relation";
  article_id text;
BEGIN
  IF TG_OP = 'DELETE' THEN rel := OLD; ELSE rel := NEW; END IF;
  SELECT "articleId" INTO article_id FROM "Annotation" WHERE "id" = rel."fromId";
  IF article_id IS NULL THEN
    SELECT "articleId" INTO article_id FROM "Annotation" WHERE "id" = rel."toId";
  END IF;
  IF article_id IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM "newsmark_live_notify"(json_build_object(
      't', 'relation', 'op', 'delete', 'articleId', article_id, 'id', rel."id"));
  ELSE
    PERFORM "newsmark_live_notify"(json_build_object(
      't', 'relation',
      'op', 'create',
      'articleId', article_id,
      'relation', json_build_object(
        'id', rel."id",
        'fromId', rel."fromId",
        'toId', rel."toId",
        'type', lower(rel."type"::text),
        'authorId', rel."authorId")));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Relation_live_insert_delete"
  AFTER INSERT OR DELETE ON "Relation"
  FOR EACH ROW EXECUTE FUNCTION "newsmark_live_relation"();

-- Comment: a new comment in an annotation's thread (the browser loads the thread itself).
CREATE FUNCTION "newsmark_live_comment"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  article_id text;
BEGIN
  SELECT "articleId" INTO article_id FROM "Annotation" WHERE "id" = NEW."annotationId";
  IF article_id IS NOT NULL THEN
    PERFORM "newsmark_live_notify"(json_build_object(
      't', 'comment',
      'op', 'create',
      'articleId', article_id,
      'annotationId', NEW."annotationId",
      'commentId', NEW."id",
      'authorId', NEW."authorId"));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Comment_live_insert"
  AFTER INSERT ON "Comment"
  FOR EACH ROW EXECUTE FUNCTION "newsmark_live_comment"();
