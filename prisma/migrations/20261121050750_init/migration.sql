-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('RESEARCHER', 'REVIEWER', 'ADMIN');

-- CreateEnum
CREATE TYPE "AnnotationKind" AS ENUM ('CLAIM', 'EVENT', 'SOURCE');

-- CreateEnum
CREATE TYPE "AnnotationStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "RelationType" AS ENUM ('ATTRIBUTED_TO', 'REPORTED_BY', 'ABOUT');

-- CreateEnum
CREATE TYPE "Decision" AS ENUM ('APPROVE', 'REJECT');

-- CreateEnum
CREATE TYPE "ImportJobStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'RESEARCHER',
    "passwordHash" TEXT NOT NULL,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Article" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "source" TEXT,
    "author" TEXT,
    "url" TEXT,
    "publishedAt" TIMESTAMP(3),
    "language" TEXT,
    "contentHash" TEXT NOT NULL,
    "importedById" TEXT,
    "importJobId" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "status" "ImportJobStatus" NOT NULL DEFAULT 'QUEUED',
    "totalItems" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "results" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Annotation" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" "AnnotationKind" NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "exact" TEXT NOT NULL,
    "prefix" TEXT NOT NULL DEFAULT '',
    "suffix" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "unattributed" BOOLEAN NOT NULL DEFAULT false,
    "status" "AnnotationStatus" NOT NULL DEFAULT 'PENDING',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Annotation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Relation" (
    "id" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "type" "RelationType" NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Relation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "id" TEXT NOT NULL,
    "annotationId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "decision" "Decision" NOT NULL,
    "comment" TEXT,
    "annotationVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "annotationId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginFailure" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_role_disabledAt_idx" ON "User"("role", "disabledAt");

-- CreateIndex
CREATE UNIQUE INDEX "Article_contentHash_key" ON "Article"("contentHash");

-- CreateIndex
CREATE INDEX "Article_archivedAt_createdAt_id_idx" ON "Article"("archivedAt", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Article_archivedAt_publishedAt_idx" ON "Article"("archivedAt", "publishedAt" DESC);

-- CreateIndex
CREATE INDEX "Article_archivedAt_title_idx" ON "Article"("archivedAt", "title");

-- CreateIndex
CREATE INDEX "Article_source_idx" ON "Article"("source");

-- CreateIndex
CREATE INDEX "Article_url_idx" ON "Article"("url");

-- CreateIndex
CREATE INDEX "ImportJob_createdAt_idx" ON "ImportJob"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "ImportJob_createdById_createdAt_idx" ON "ImportJob"("createdById", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Annotation_articleId_start_end_idx" ON "Annotation"("articleId", "start", "end");

-- CreateIndex
CREATE INDEX "Annotation_authorId_status_updatedAt_idx" ON "Annotation"("authorId", "status", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Annotation_status_createdAt_id_idx" ON "Annotation"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Annotation_articleId_status_kind_idx" ON "Annotation"("articleId", "status", "kind");

-- CreateIndex
CREATE INDEX "Relation_toId_idx" ON "Relation"("toId");

-- CreateIndex
CREATE UNIQUE INDEX "Relation_fromId_toId_type_key" ON "Relation"("fromId", "toId", "type");

-- CreateIndex
CREATE INDEX "ReviewDecision_reviewerId_createdAt_idx" ON "ReviewDecision"("reviewerId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ReviewDecision_annotationId_annotationVersion_key" ON "ReviewDecision"("annotationId", "annotationVersion");

-- CreateIndex
CREATE INDEX "Comment_annotationId_createdAt_idx" ON "Comment"("annotationId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_entity_entityId_createdAt_idx" ON "AuditEvent"("entity", "entityId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_createdAt_idx" ON "ApiToken"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "LoginFailure_email_createdAt_idx" ON "LoginFailure"("email", "createdAt");

-- CreateIndex
CREATE INDEX "LoginFailure_ip_createdAt_idx" ON "LoginFailure"("ip", "createdAt");

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_importedById_fkey" FOREIGN KEY ("importedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_importJobId_fkey" FOREIGN KEY ("importJobId") REFERENCES "ImportJob"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ─── Invariants Prisma's schema language cannot express ──────────────────────────────
-- Written by hand into the init migration; each one is
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
