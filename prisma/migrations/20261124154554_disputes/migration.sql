-- AlterTable
ALTER TABLE "EscrowOrder" ADD COLUMN     "amountValue" DECIMAL(38,6);

-- CreateTable
CREATE TABLE "ChainToken" (
    "chain" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "decimals" INTEGER NOT NULL,

    CONSTRAINT "ChainToken_pkey" PRIMARY KEY ("chain","address")
);

-- CreateTable
CREATE TABLE "DisputeCase" (
    "chain" TEXT NOT NULL,
    "orderId" BIGINT NOT NULL,
    "assigneeId" UUID,
    "assignedAt" TIMESTAMPTZ(3),
    "assignedBy" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DisputeCase_pkey" PRIMARY KEY ("chain","orderId")
);

-- CreateTable
CREATE TABLE "DisputeNote" (
    "id" UUID NOT NULL,
    "chain" TEXT NOT NULL,
    "orderId" BIGINT NOT NULL,
    "authorEmail" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "cids" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisputeNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlacklistEntry" (
    "id" UUID NOT NULL,
    "wallet" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "addedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMPTZ(3),
    "removedBy" TEXT,
    "removeReason" TEXT,

    CONSTRAINT "BlacklistEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DisputeCase_assigneeId_idx" ON "DisputeCase"("assigneeId");

-- CreateIndex
CREATE INDEX "DisputeNote_chain_orderId_createdAt_idx" ON "DisputeNote"("chain", "orderId", "createdAt");

-- CreateIndex
CREATE INDEX "BlacklistEntry_wallet_createdAt_idx" ON "BlacklistEntry"("wallet", "createdAt");

-- CreateIndex
CREATE INDEX "BlacklistEntry_removedAt_createdAt_idx" ON "BlacklistEntry"("removedAt", "createdAt");

-- CreateIndex
CREATE INDEX "EscrowOrder_status_disputedAt_chain_orderId_idx" ON "EscrowOrder"("status", "disputedAt", "chain", "orderId");

-- CreateIndex
CREATE INDEX "EscrowOrder_status_amountValue_chain_orderId_idx" ON "EscrowOrder"("status", "amountValue", "chain", "orderId");

-- AddForeignKey
ALTER TABLE "DisputeCase" ADD CONSTRAINT "DisputeCase_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Custom: one active blacklist entry per wallet; removed entries stay as history.
CREATE UNIQUE INDEX "BlacklistEntry_active_wallet_key" ON "BlacklistEntry"("wallet") WHERE "removedAt" IS NULL;

-- Custom: the dispute queue across every status, oldest or largest first (keyset pages).
CREATE INDEX "EscrowOrder_disputes_by_age_idx" ON "EscrowOrder"("disputedAt", "chain", "orderId") WHERE "disputedAt" IS NOT NULL;
CREATE INDEX "EscrowOrder_disputes_by_amount_idx" ON "EscrowOrder"("amountValue", "chain", "orderId") WHERE "disputedAt" IS NOT NULL;

-- Custom: orders synced before their token's decimals were known, filled in by the sync.
CREATE INDEX "EscrowOrder_amount_unvalued_idx" ON "EscrowOrder"("chain", "token") WHERE "amountValue" IS NULL;
