-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "idempotencyFingerprint" TEXT,
ADD COLUMN     "idempotencyKey" TEXT;

-- Written by hand (Prisma cannot declare a partial index): a user's Idempotency-Key is claimed by
-- the first audit row of the write it belongs to, in that write's transaction, so the claim
-- commits exactly when the write does and a concurrent duplicate fails here.
CREATE UNIQUE INDEX "AuditEvent_actorId_idempotencyKey_key" ON "AuditEvent"("actorId", "idempotencyKey") WHERE "idempotencyKey" IS NOT NULL;

-- Keys older than 24 hours are released by the purge (lib/idempotency/store.ts), found through this.
CREATE INDEX "AuditEvent_idempotency_createdAt_idx" ON "AuditEvent"("createdAt") WHERE "idempotencyKey" IS NOT NULL;

-- CreateTable
CREATE TABLE "IdempotentResponse" (
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "contentType" TEXT,
    "body" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotentResponse_pkey" PRIMARY KEY ("userId","key")
);

-- CreateIndex
CREATE INDEX "IdempotentResponse_createdAt_idx" ON "IdempotentResponse"("createdAt");
