-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "canonicalUrl" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Article_canonicalUrl_key" ON "Article"("canonicalUrl");
