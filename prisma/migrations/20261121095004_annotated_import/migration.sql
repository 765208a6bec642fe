-- AlterTable
ALTER TABLE "ImportJob" ADD COLUMN     "annotations" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "relations" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ImportItem" ADD COLUMN     "annotations" INTEGER,
ADD COLUMN     "relations" INTEGER,
ADD COLUMN     "warning" TEXT;
