-- The review queue (issue 5): pending annotations, oldest first, keyset-paginated on
-- ("createdAt", "id"). Unfiltered or by date it walks "Annotation_status_createdAt_id_idx";
-- filtered by kind or by author it walks these, so a page never sorts the pending backlog.

-- CreateIndex
CREATE INDEX "Annotation_status_kind_createdAt_id_idx" ON "Annotation"("status", "kind", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Annotation_authorId_status_createdAt_id_idx" ON "Annotation"("authorId", "status", "createdAt", "id");
