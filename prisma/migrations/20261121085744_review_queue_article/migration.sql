-- The review queue filtered by article: without an index that leads with the article and keeps
-- the queue's order, a small article's page walked the whole pending index (bench:review: 260 ms
-- p50 for an article with 30 pending among 700,000; 0.2-1.8 ms with this index).
-- CreateIndex
CREATE INDEX "Annotation_articleId_status_createdAt_id_idx" ON "Annotation"("articleId", "status", "createdAt", "id");
