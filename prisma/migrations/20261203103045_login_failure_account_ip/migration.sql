-- CreateIndex
CREATE INDEX "LoginFailure_email_ip_createdAt_idx" ON "LoginFailure"("email", "ip", "createdAt");
