
-- ─── Invariants Prisma's schema language cannot express ──────────────────────────────
-- Appended by hand to the init migration (scripts/db/regenerate-init.ts); each one is
-- listed as a /// comment beside its model in prisma/schema.prisma.
-- Later migrations are diffs between datamodels and never see these: a migration that
-- recreates one of these tables must re-create its invariants too.

-- User: email is unique regardless of case.
CREATE UNIQUE INDEX "User_email_lower_key" ON "User" (lower("email"));

-- Article: the annotatable text and its hash are never empty. (PostgreSQL text cannot
-- hold NUL at all, so "no NUL" needs no constraint.)
ALTER TABLE "Article"
  ADD CONSTRAINT "Article_text_check" CHECK (length("text") > 0),
  ADD CONSTRAINT "Article_contentHash_check" CHECK (length("contentHash") > 0);

-- Annotation: a non-empty span starting at 0 or later, a positive version, a bounded note.
ALTER TABLE "Annotation"
  ADD CONSTRAINT "Annotation_span_check" CHECK ("start" >= 0 AND "end" > "start"),
  ADD CONSTRAINT "Annotation_version_check" CHECK ("version" >= 1),
  ADD CONSTRAINT "Annotation_note_check" CHECK (char_length("note") <= 10000);

-- Offsets are UTF-16 code units (JavaScript string indices), while char_length() counts
-- code points: every character above U+FFFF is one code point but two UTF-16 units.
CREATE FUNCTION "utf16_length"(value text) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT char_length(value) + (SELECT count(*)::integer FROM regexp_matches(value, '[\U00010000-\U0010FFFF]', 'g')) $$;

-- Annotation: the span ends within its article's text. A CHECK cannot read another table,
-- hence a trigger; it raises check_violation (23514) like the constraints above.
CREATE FUNCTION "annotation_end_within_text"() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  code_points integer;
  code_units integer;
BEGIN
  SELECT char_length("text") INTO code_points FROM "Article" WHERE "id" = NEW."articleId";
  -- A missing article is the foreign key's to report. UTF-16 length >= code points, so
  -- the costlier exact count is only needed for spans that end near the end of the text.
  IF NOT FOUND OR NEW."end" <= code_points THEN
    RETURN NEW;
  END IF;
  SELECT "utf16_length"("text") INTO code_units FROM "Article" WHERE "id" = NEW."articleId";
  IF NEW."end" > code_units THEN
    RAISE EXCEPTION 'Annotation end % is past the end of the text of article % (% UTF-16 code units)',
      NEW."end", NEW."articleId", code_units
      USING ERRCODE = 'check_violation', CONSTRAINT = 'Annotation_end_within_text', TABLE = 'Annotation', COLUMN = 'end';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "Annotation_end_within_text"
  BEFORE INSERT OR UPDATE OF "start", "end", "articleId" ON "Annotation"
  FOR EACH ROW EXECUTE FUNCTION "annotation_end_within_text"();

-- Relation: an annotation is never related to itself.
ALTER TABLE "Relation"
  ADD CONSTRAINT "Relation_not_self_check" CHECK ("fromId" <> "toId");

-- ReviewDecision: a rejection always says why.
ALTER TABLE "ReviewDecision"
  ADD CONSTRAINT "ReviewDecision_reject_comment_check"
  CHECK ("decision" <> 'REJECT' OR ("comment" IS NOT NULL AND length(btrim("comment", E' \t\r\n')) > 0));
