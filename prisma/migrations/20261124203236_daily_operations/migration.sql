-- AlterTable
ALTER TABLE "BackupTarget" ADD COLUMN     "serviceId" TEXT;

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "rpoMinutes" INTEGER,
ADD COLUMN     "rtoMinutes" INTEGER;

-- CreateTable
CREATE TABLE "DailyCheckRun" (
    "id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedBy" TEXT,
    "scheduledFor" DATE,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),
    "status" TEXT,
    "checks" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "DailyCheckRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceTask" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "cadence" TEXT NOT NULL,
    "steps" TEXT[],
    "commands" TEXT[],
    "ownerEmail" TEXT,
    "nextDueAt" TIMESTAMPTZ(3) NOT NULL,
    "lastCompletedAt" TIMESTAMPTZ(3),
    "lastCompletedBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MaintenanceTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceCompletion" (
    "id" UUID NOT NULL,
    "taskId" TEXT NOT NULL,
    "completedAt" TIMESTAMPTZ(3) NOT NULL,
    "by" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "doneSteps" INTEGER[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MaintenanceCompletion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DailyCheckRun_scheduledFor_key" ON "DailyCheckRun"("scheduledFor");

-- CreateIndex
CREATE INDEX "DailyCheckRun_startedAt_idx" ON "DailyCheckRun"("startedAt");

-- CreateIndex
CREATE INDEX "MaintenanceCompletion_taskId_completedAt_idx" ON "MaintenanceCompletion"("taskId", "completedAt");

-- AddForeignKey
ALTER TABLE "MaintenanceCompletion" ADD CONSTRAINT "MaintenanceCompletion_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "MaintenanceTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The XRPL guide's weekly and monthly maintenance, as checklists (due next Monday / the 1st).
INSERT INTO "MaintenanceTask" ("id", "title", "cadence", "steps", "commands", "nextDueAt") VALUES
  ('weekly', 'Weekly maintenance', 'weekly',
   ARRAY['Check for package updates', 'Check disk space', 'Analyze and vacuum the database', 'Review the error logs', 'Check the application processes', 'Verify the recent backups', 'Run the security audit of the dependencies'],
   ARRAY['npm outdated', 'df -h', 'psql -c "ANALYZE;" && psql -c "VACUUM;"', 'grep -i "error" /var/log/platform/error-$(date +%Y-%m-%d).log | tail -20', 'pm2 status', 'ls -lh /backup/postgres/ | tail -7', 'npm audit --production'],
   (date_trunc('week', now() AT TIME ZONE 'UTC') + interval '7 days') AT TIME ZONE 'UTC'),
  ('monthly', 'Monthly maintenance', 'monthly',
   ARRAY['Apply the security updates of the hosts', 'Renew certificates (if not auto-renewing)', 'Optimize the database (VACUUM FULL, REINDEX)', 'Verify log rotation', 'Test a backup restore', 'Review the monitoring dashboards: trends, alert thresholds, documentation'],
   ARRAY['sudo apt update && sudo apt upgrade -y', 'sudo certbot renew', 'psql -c "VACUUM FULL;" && psql -c "REINDEX DATABASE platform;"', 'logrotate -f /etc/logrotate.conf', '/opt/scripts/test-backup-restore.sh', ''],
   (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC');

-- The data stores the backups protect (their RPO is held against the last backup).
UPDATE "BackupTarget" SET "serviceId" = 'postgres' WHERE "id" IN ('database-daily', 'database-weekly');
