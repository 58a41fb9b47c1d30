-- CreateEnum
CREATE TYPE "ChainTxStatus" AS ENUM ('SIGNED', 'SUBMITTED', 'CONFIRMED', 'FAILED');

-- CreateEnum
CREATE TYPE "EscrowOrderStatus" AS ENUM ('created', 'paid', 'completed', 'disputed', 'resolved_buyer', 'resolved_seller', 'expired');

-- CreateTable
CREATE TABLE "ChainTransaction" (
    "id" UUID NOT NULL,
    "intentKey" TEXT NOT NULL,
    "executionId" UUID,
    "chain" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "toAddress" TEXT,
    "nonce" BIGINT NOT NULL,
    "txHash" TEXT NOT NULL,
    "signedTx" TEXT NOT NULL,
    "status" "ChainTxStatus" NOT NULL DEFAULT 'SIGNED',
    "blockNumber" BIGINT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "confirmedAt" TIMESTAMP(3),

    CONSTRAINT "ChainTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChainCursor" (
    "chain" TEXT NOT NULL,
    "lastBlock" BIGINT NOT NULL,
    "lastBlockHash" TEXT,
    "genesisHash" TEXT,
    "headBlock" BIGINT,
    "movedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "errorCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ChainCursor_pkey" PRIMARY KEY ("chain")
);

-- CreateTable
CREATE TABLE "EscrowOrder" (
    "chain" TEXT NOT NULL,
    "orderId" BIGINT NOT NULL,
    "buyer" TEXT NOT NULL,
    "seller" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "amount" DECIMAL(78,0) NOT NULL,
    "fee" DECIMAL(78,0) NOT NULL,
    "status" "EscrowOrderStatus" NOT NULL,
    "arbitrator" TEXT,
    "disputedBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "paidAt" TIMESTAMPTZ(3),
    "disputedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdBlock" BIGINT NOT NULL,

    CONSTRAINT "EscrowOrder_pkey" PRIMARY KEY ("chain","orderId")
);

-- CreateTable
CREATE TABLE "EscrowEvent" (
    "id" BIGSERIAL NOT NULL,
    "chain" TEXT NOT NULL,
    "blockNumber" BIGINT NOT NULL,
    "blockHash" TEXT NOT NULL,
    "txHash" TEXT NOT NULL,
    "logIndex" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "orderId" BIGINT,
    "args" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EscrowEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChainEndpointOverride" (
    "chain" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "setBy" TEXT NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChainEndpointOverride_pkey" PRIMARY KEY ("chain")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChainTransaction_intentKey_key" ON "ChainTransaction"("intentKey");

-- CreateIndex
CREATE INDEX "ChainTransaction_chain_fromAddress_nonce_idx" ON "ChainTransaction"("chain", "fromAddress", "nonce");

-- CreateIndex
CREATE INDEX "ChainTransaction_status_createdAt_idx" ON "ChainTransaction"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ChainTransaction_createdAt_idx" ON "ChainTransaction"("createdAt");

-- CreateIndex
CREATE INDEX "EscrowOrder_status_createdAt_idx" ON "EscrowOrder"("status", "createdAt");

-- CreateIndex
CREATE INDEX "EscrowOrder_seller_createdAt_idx" ON "EscrowOrder"("seller", "createdAt");

-- CreateIndex
CREATE INDEX "EscrowOrder_buyer_createdAt_idx" ON "EscrowOrder"("buyer", "createdAt");

-- CreateIndex
CREATE INDEX "EscrowOrder_createdAt_idx" ON "EscrowOrder"("createdAt");

-- CreateIndex
CREATE INDEX "EscrowEvent_chain_blockNumber_idx" ON "EscrowEvent"("chain", "blockNumber");

-- CreateIndex
CREATE INDEX "EscrowEvent_chain_orderId_blockNumber_idx" ON "EscrowEvent"("chain", "orderId", "blockNumber");

-- CreateIndex
CREATE INDEX "EscrowEvent_chain_name_at_idx" ON "EscrowEvent"("chain", "name", "at");

-- CreateIndex
CREATE UNIQUE INDEX "EscrowEvent_chain_txHash_logIndex_key" ON "EscrowEvent"("chain", "txHash", "logIndex");
