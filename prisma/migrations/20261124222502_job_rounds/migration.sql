-- CreateTable
CREATE TABLE "JobRound" (
    "id" BIGSERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobRound_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobRound_job_startedAt_idx" ON "JobRound"("job", "startedAt");
