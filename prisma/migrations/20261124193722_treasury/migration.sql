-- CreateEnum
CREATE TYPE "TreasuryPurpose" AS ENUM ('platform', 'faucet', 'treasury', 'escrow', 'multisig', 'other');

-- CreateTable
CREATE TABLE "TreasuryAccount" (
    "id" UUID NOT NULL,
    "chain" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "asset" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "decimals" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "purpose" "TreasuryPurpose" NOT NULL,
    "warnBelow" DECIMAL(38,6),
    "critBelow" DECIMAL(38,6),
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastReadAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "TreasuryAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BalanceSnapshot" (
    "id" BIGSERIAL NOT NULL,
    "accountId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "total" DECIMAL(78,0) NOT NULL,
    "spendable" DECIMAL(78,0) NOT NULL,
    "reserve" DECIMAL(78,0) NOT NULL,

    CONSTRAINT "BalanceSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TreasuryDestination" (
    "id" UUID NOT NULL,
    "chain" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "destinationTag" BIGINT,
    "label" TEXT NOT NULL,
    "addedBy" TEXT NOT NULL,
    "approvedBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMPTZ(3),
    "removedBy" TEXT,

    CONSTRAINT "TreasuryDestination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeeReconciliation" (
    "chain" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "fromBlock" BIGINT NOT NULL,
    "toBlock" BIGINT NOT NULL,
    "opening" DECIMAL(78,0) NOT NULL,
    "closing" DECIMAL(78,0) NOT NULL,
    "expectedFees" DECIMAL(78,0) NOT NULL,
    "completedOrders" INTEGER NOT NULL,
    "feesReceived" DECIMAL(78,0) NOT NULL,
    "otherIn" DECIMAL(78,0) NOT NULL,
    "otherOut" DECIMAL(78,0) NOT NULL,
    "feesElsewhere" JSONB NOT NULL,
    "isFinal" BOOLEAN NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeeReconciliation_pkey" PRIMARY KEY ("chain","token","day")
);

-- CreateTable
CREATE TABLE "ManagedSecret" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rotationDays" INTEGER,
    "procedure" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "lastRotatedAt" TIMESTAMPTZ(3),
    "lastRotatedBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ManagedSecret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SecretRotation" (
    "id" UUID NOT NULL,
    "secretId" TEXT NOT NULL,
    "rotatedAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SecretRotation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackupTarget" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "maxAgeHours" INTEGER NOT NULL,
    "restoreEveryDays" INTEGER NOT NULL,
    "lastSuccessAt" TIMESTAMPTZ(3),
    "lastFailureAt" TIMESTAMPTZ(3),
    "lastRestoreTestAt" TIMESTAMPTZ(3),
    "lastRestoreOutcome" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BackupTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackupEvent" (
    "id" UUID NOT NULL,
    "targetId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BackupEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TreasuryAccount_chain_address_asset_key" ON "TreasuryAccount"("chain", "address", "asset");

-- CreateIndex
CREATE INDEX "BalanceSnapshot_accountId_at_idx" ON "BalanceSnapshot"("accountId", "at");

-- CreateIndex
CREATE INDEX "TreasuryDestination_chain_address_idx" ON "TreasuryDestination"("chain", "address");

-- CreateIndex
CREATE INDEX "FeeReconciliation_day_idx" ON "FeeReconciliation"("day");

-- CreateIndex
CREATE INDEX "SecretRotation_secretId_rotatedAt_idx" ON "SecretRotation"("secretId", "rotatedAt");

-- CreateIndex
CREATE INDEX "BackupEvent_targetId_kind_at_idx" ON "BackupEvent"("targetId", "kind", "at");

-- AddForeignKey
ALTER TABLE "BalanceSnapshot" ADD CONSTRAINT "BalanceSnapshot_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "TreasuryAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SecretRotation" ADD CONSTRAINT "SecretRotation_secretId_fkey" FOREIGN KEY ("secretId") REFERENCES "ManagedSecret"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackupEvent" ADD CONSTRAINT "BackupEvent_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "BackupTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One active address-book entry per destination (address + tag); a removed one keeps its row.
CREATE UNIQUE INDEX "TreasuryDestination_active_key" ON "TreasuryDestination" ("chain", "address", COALESCE("destinationTag", -1)) WHERE "removedAt" IS NULL;

-- The rotation schedule (escrow guide §11) and the backups (both guides' backup sections).
INSERT INTO "ManagedSecret" ("id", "name", "rotationDays", "procedure", "impact") VALUES
  ('session-secret', 'Session signing secret (JWT secret)', 30, 'RB-06: generate a new secret, set it everywhere, restart', 'All sessions invalidated'),
  ('db-password', 'Database password', 90, 'Update PostgreSQL, the environment, restart the services; verify the health check', 'Brief downtime'),
  ('redis-password', 'Redis password', 90, 'Update the Redis configuration and the environment, restart', 'Brief downtime'),
  ('ipfs-api-key', 'IPFS pinning API key', 365, 'Generate a new key on the pinning service, update the environment', 'No downtime'),
  ('explorer-api-key', 'Block explorer API key', 365, 'Regenerate on the explorer, update the contracts'' environment', 'No impact (deployment only)'),
  ('contract-owner-key', 'Escrow contract owner key', NULL, 'Transfer ownership to a new address on chain', 'Requires multisig approval'),
  ('platform-xrpl-seed', 'Platform XRPL wallet seed', NULL, 'Treasury → Wallet rotation: move the funds, switch, verify; back up the new seed encrypted in 3 places', 'Maintenance window'),
  ('faucet-keys', 'Faucet wallet keys', NULL, 'Faucet key rotation runbook', 'None if the new wallet is funded first'),
  ('treasury-keys', 'Treasury signing keys', NULL, 'Move the funds to a new wallet with approvals, then replace the key everywhere', 'Transfers wait during the switch');

INSERT INTO "BackupTarget" ("id", "name", "schedule", "maxAgeHours", "restoreEveryDays") VALUES
  ('database-daily', 'Database (compressed dump, local and offsite copy)', 'Daily 03:00 UTC', 26, 31),
  ('database-weekly', 'Database full backup', 'Sundays 03:00 UTC', 170, 31),
  ('application-logs', 'Application logs archive', 'Daily', 26, 31);
