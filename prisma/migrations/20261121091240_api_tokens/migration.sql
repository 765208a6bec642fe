-- Written by hand (Prisma cannot declare a partial index): a token's name is unique among its
-- owner's active tokens, so two racing creations with one name give one token and a 409;
-- a revoked token's name may be reused.
CREATE UNIQUE INDEX "ApiToken_userId_name_active_key" ON "ApiToken"("userId", "name") WHERE "revokedAt" IS NULL;
