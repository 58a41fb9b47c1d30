-- CreateEnum
CREATE TYPE "ServiceKind" AS ENUM ('http', 'postgres', 'redis', 'evm', 'xrpl', 'tcp');

-- CreateEnum
CREATE TYPE "HealthStatus" AS ENUM ('ok', 'degraded', 'error', 'unknown');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('pending', 'firing', 'resolved');

-- CreateTable
CREATE TABLE "Service" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ServiceKind" NOT NULL,
    "endpoint" TEXT,
    "owner" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "failureImpact" TEXT NOT NULL DEFAULT '',
    "dependsOn" TEXT[],
    "isCritical" BOOLEAN NOT NULL DEFAULT false,
    "isDegradedPath" BOOLEAN NOT NULL DEFAULT false,
    "intervalSeconds" INTEGER NOT NULL DEFAULT 30,
    "timeoutMs" INTEGER NOT NULL DEFAULT 5000,
    "thresholds" JSONB NOT NULL DEFAULT '{}',
    "runbooks" TEXT[],
    "status" "HealthStatus" NOT NULL DEFAULT 'unknown',
    "statusSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pendingStatus" "HealthStatus",
    "pendingCount" INTEGER NOT NULL DEFAULT 0,
    "lastCheckedAt" TIMESTAMP(3),
    "lastLatencyMs" INTEGER,
    "lastError" TEXT,
    "lastDetail" JSONB,
    "nextCheckAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProbeResult" (
    "id" BIGSERIAL NOT NULL,
    "serviceId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" "HealthStatus" NOT NULL,
    "latencyMs" INTEGER,
    "detail" JSONB,
    "error" TEXT,

    CONSTRAINT "ProbeResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "status" "AlertStatus" NOT NULL,
    "summary" TEXT NOT NULL,
    "description" TEXT,
    "serviceId" TEXT,
    "runbook" TEXT,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "annotations" JSONB NOT NULL DEFAULT '{}',
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3),
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "incidentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertSilence" (
    "id" UUID NOT NULL,
    "fingerprint" TEXT,
    "alertName" TEXT,
    "until" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertSilence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Service_nextCheckAt_idx" ON "Service"("nextCheckAt");

-- CreateIndex
CREATE INDEX "ProbeResult_serviceId_at_idx" ON "ProbeResult"("serviceId", "at");

-- CreateIndex
CREATE INDEX "ProbeResult_at_idx" ON "ProbeResult"("at");

-- CreateIndex
CREATE INDEX "Alert_status_startsAt_idx" ON "Alert"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Alert_fingerprint_status_idx" ON "Alert"("fingerprint", "status");

-- CreateIndex
CREATE INDEX "Alert_startsAt_idx" ON "Alert"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_fingerprint_startsAt_key" ON "Alert"("fingerprint", "startsAt");

-- CreateIndex
CREATE INDEX "AlertSilence_until_idx" ON "AlertSilence"("until");

-- AddForeignKey
ALTER TABLE "ProbeResult" ADD CONSTRAINT "ProbeResult_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
