-- CreateIndex
CREATE INDEX "FaucetRequest_sentAt_idx" ON "FaucetRequest"("sentAt");
