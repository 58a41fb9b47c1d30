-- CreateTable
CREATE TABLE "EscrowWallet" (
    "chain" TEXT NOT NULL,
    "wallet" TEXT NOT NULL,
    "firstOrderAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EscrowWallet_pkey" PRIMARY KEY ("chain","wallet")
);

-- CreateIndex
CREATE INDEX "EscrowWallet_chain_firstOrderAt_idx" ON "EscrowWallet"("chain", "firstOrderAt");

-- Custom: every wallet already synced, with its first order.
INSERT INTO "EscrowWallet" (chain, wallet, "firstOrderAt")
SELECT chain, wallet, min("createdAt") FROM (
  SELECT chain, buyer AS wallet, "createdAt" FROM "EscrowOrder"
  UNION ALL
  SELECT chain, seller AS wallet, "createdAt" FROM "EscrowOrder"
) parties
GROUP BY chain, wallet;

-- Custom: the daily order and dispute counts (RB-04 trend, 24 h rate) from the index alone.
-- (The always-true WHERE makes it a partial index: Prisma's schema diff leaves those alone, where it
-- would otherwise propose dropping an index its schema cannot describe.)
CREATE INDEX "EscrowOrder_chain_createdAt_status_idx" ON "EscrowOrder"("chain", "createdAt") INCLUDE ("status") WHERE "createdAt" IS NOT NULL;
