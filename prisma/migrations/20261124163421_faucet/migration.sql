-- CreateEnum
CREATE TYPE "FaucetRequestStatus" AS ENUM ('queued', 'review', 'sending', 'sent', 'failed', 'rejected');

-- CreateTable
CREATE TABLE "FaucetRequest" (
    "id" UUID NOT NULL,
    "chain" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "clientIp" TEXT NOT NULL,
    "userAgentHash" TEXT,
    "amount" TEXT NOT NULL,
    "status" "FaucetRequestStatus" NOT NULL,
    "flagReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedBy" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "txHash" TEXT,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "FaucetRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FaucetBlock" (
    "id" UUID NOT NULL,
    "cidr" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMPTZ(3),
    "removedBy" TEXT,

    CONSTRAINT "FaucetBlock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FaucetRequest_status_createdAt_idx" ON "FaucetRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "FaucetRequest_clientIp_createdAt_idx" ON "FaucetRequest"("clientIp", "createdAt");

-- CreateIndex
CREATE INDEX "FaucetRequest_address_createdAt_idx" ON "FaucetRequest"("address", "createdAt");

-- CreateIndex
CREATE INDEX "FaucetRequest_createdAt_idx" ON "FaucetRequest"("createdAt");

-- CreateIndex
CREATE INDEX "FaucetBlock_removedAt_createdAt_idx" ON "FaucetBlock"("removedAt", "createdAt");
