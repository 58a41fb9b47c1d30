-- CreateEnum
CREATE TYPE "IncidentSeverity" AS ENUM ('P0', 'P1', 'P2', 'P3');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('detected', 'triaged', 'mitigating', 'resolved', 'postmortem_done');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('running', 'completed', 'aborted');

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "severity" "IncidentSeverity" NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'detected',
    "summary" TEXT NOT NULL DEFAULT '',
    "services" TEXT[],
    "commanderId" UUID,
    "declaredBy" TEXT NOT NULL,
    "openedByAlert" TEXT,
    "suggestedRunbook" TEXT,
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "triagedAt" TIMESTAMP(3),
    "mitigatingAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "postmortemDoneAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentEvent" (
    "id" BIGSERIAL NOT NULL,
    "incidentId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "actorEmail" TEXT,
    "text" TEXT NOT NULL,
    "data" JSONB,

    CONSTRAINT "IncidentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunbookVersion" (
    "runbookId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "loadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunbookVersion_pkey" PRIMARY KEY ("runbookId","version")
);

-- CreateTable
CREATE TABLE "RunbookRun" (
    "id" UUID NOT NULL,
    "runbookId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "incidentId" UUID,
    "status" "RunStatus" NOT NULL DEFAULT 'running',
    "currentStepId" TEXT,
    "startedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "finishNote" TEXT,

    CONSTRAINT "RunbookRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunStepRecord" (
    "id" BIGSERIAL NOT NULL,
    "runId" UUID NOT NULL,
    "stepId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "outcome" TEXT,
    "value" TEXT,
    "note" TEXT,
    "actorEmail" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" UUID,
    "executionId" UUID,
    "data" JSONB,

    CONSTRAINT "RunStepRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Postmortem" (
    "incidentId" UUID NOT NULL,
    "markdown" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "publishedBy" TEXT,

    CONSTRAINT "Postmortem_pkey" PRIMARY KEY ("incidentId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_number_key" ON "Incident"("number");

-- CreateIndex
CREATE INDEX "Incident_status_severity_idx" ON "Incident"("status", "severity");

-- CreateIndex
CREATE INDEX "Incident_detectedAt_idx" ON "Incident"("detectedAt");

-- CreateIndex
CREATE INDEX "IncidentEvent_incidentId_at_idx" ON "IncidentEvent"("incidentId", "at");

-- CreateIndex
CREATE INDEX "RunbookRun_incidentId_idx" ON "RunbookRun"("incidentId");

-- CreateIndex
CREATE INDEX "RunbookRun_status_startedAt_idx" ON "RunbookRun"("status", "startedAt");

-- CreateIndex
CREATE INDEX "RunStepRecord_runId_id_idx" ON "RunStepRecord"("runId", "id");

-- CreateIndex
CREATE INDEX "RunStepRecord_requestId_idx" ON "RunStepRecord"("requestId");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_commanderId_fkey" FOREIGN KEY ("commanderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentEvent" ADD CONSTRAINT "IncidentEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunbookRun" ADD CONSTRAINT "RunbookRun_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunStepRecord" ADD CONSTRAINT "RunStepRecord_runId_fkey" FOREIGN KEY ("runId") REFERENCES "RunbookRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Postmortem" ADD CONSTRAINT "Postmortem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A finished run is immutable: no new step records, and the run row itself cannot change once
-- completed or aborted. Enforced here so no code path (or a hand-written SQL fix) can rewrite history.
CREATE FUNCTION opsdeck_run_record_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'run step records are append-only';
  END IF;
  IF (SELECT status FROM "RunbookRun" WHERE id = NEW."runId") <> 'running' THEN
    RAISE EXCEPTION 'this run is finished and cannot change';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER run_step_record_guard BEFORE INSERT OR UPDATE OR DELETE ON "RunStepRecord"
  FOR EACH ROW EXECUTE FUNCTION opsdeck_run_record_guard();

CREATE FUNCTION opsdeck_run_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'runs are never deleted';
  END IF;
  IF OLD.status <> 'running' THEN
    RAISE EXCEPTION 'this run is finished and cannot change';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER runbook_run_guard BEFORE UPDATE OR DELETE ON "RunbookRun"
  FOR EACH ROW EXECUTE FUNCTION opsdeck_run_guard();
