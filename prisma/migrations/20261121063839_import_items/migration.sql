-- CreateEnum
CREATE TYPE "ImportItemStatus" AS ENUM ('CREATED', 'DUPLICATE', 'FAILED');

-- CreateTable
CREATE TABLE "ImportItem" (
    "jobId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "name" TEXT,
    "title" TEXT,
    "status" "ImportItemStatus" NOT NULL,
    "articleId" TEXT,
    "error" TEXT,

    CONSTRAINT "ImportItem_pkey" PRIMARY KEY ("jobId","index")
);

-- CreateIndex
CREATE INDEX "ImportItem_jobId_status_index_idx" ON "ImportItem"("jobId", "status", "index");

-- CreateIndex
CREATE INDEX "ImportItem_articleId_idx" ON "ImportItem"("articleId");

-- AddForeignKey
ALTER TABLE "ImportItem" ADD CONSTRAINT "ImportItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportItem" ADD CONSTRAINT "ImportItem_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: carry over the per-item results kept as JSON on each job, then drop them.
-- An article deleted since is kept as a line without its link.
INSERT INTO "ImportItem" ("jobId", "index", "name", "title", "status", "articleId", "error")
SELECT j."id", (e->>'index')::integer, e->>'name', e->>'title', upper(e->>'status')::"ImportItemStatus",
       (SELECT a."id" FROM "Article" a WHERE a."id" = e->>'articleId'), e->>'error'
FROM "ImportJob" j, jsonb_array_elements(j."results") AS e
ON CONFLICT DO NOTHING;

ALTER TABLE "ImportJob" DROP COLUMN "results";
