import "server-only";
import { db } from "@/lib/db/client";
import { RUNBOOKS } from "@/lib/runbooks/catalog";
import { runbookVersion } from "@/lib/runbooks/versions";
import { stepOf } from "@/lib/runbooks/engine";
import type { TRunbook, TRunbookStep } from "@/lib/runbooks/types";

// What the runbook and run pages read. Runs show the version they started with.

export type TRunbookListItem = { runbook: TRunbook; version: number | null; runs: number; running: number };

export async function listRunbooks(): Promise<TRunbookListItem[]> {
  const [versions, runs] = await Promise.all([
    db.runbookVersion.groupBy({ by: ["runbookId"], _max: { version: true } }),
    db.runbookRun.groupBy({ by: ["runbookId", "status"], _count: { _all: true } }),
  ]);
  return RUNBOOKS.map((runbook) => ({
    runbook,
    version: versions.find((v) => v.runbookId === runbook.id)?._max.version ?? null,
    runs: runs.filter((r) => r.runbookId === runbook.id).reduce((n, r) => n + r._count._all, 0),
    running: runs.find((r) => r.runbookId === runbook.id && r.status === "running")?._count._all ?? 0,
  }));
}

export type TStepRecordView = { id: string; stepId: string; action: string; outcome: string | null; value: string | null; note: string | null; actorEmail: string; at: Date; requestId: string | null };
export type TWaitingApproval = { requestId: string; title: string; status: string; approvals: number; requiredCount: number; expiresAt: Date };

export type TRunView = {
  id: string;
  runbook: TRunbook;
  version: number;
  status: "running" | "completed" | "aborted";
  currentStep: TRunbookStep | null;
  startedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  finishNote: string | null;
  incident: { id: string; number: number; title: string } | null;
  records: TStepRecordView[];
  /** The current operation step's approval request, while it waits. */
  waiting: TWaitingApproval | null;
};

export async function getRun(runId: string): Promise<TRunView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(runId)) return null;
  const run = await db.runbookRun.findUnique({
    where: { id: runId },
    include: { incident: { select: { id: true, number: true, title: true } }, records: { orderBy: { id: "asc" } } },
  });
  if (!run) return null;
  const runbook = await runbookVersion(db, run.runbookId, run.version);
  if (!runbook) return null;
  const records = run.records.map((r) => ({ id: String(r.id), stepId: r.stepId, action: r.action, outcome: r.outcome, value: r.value, note: r.note, actorEmail: r.actorEmail, at: r.at, requestId: r.requestId }));
  const last = [...records].reverse().find((r) => r.stepId === run.currentStepId);
  let waiting: TWaitingApproval | null = null;
  if (last?.action === "waiting" && last.requestId) {
    const request = await db.approvalRequest.findUnique({
      where: { id: last.requestId },
      select: { id: true, title: true, status: true, requiredCount: true, expiresAt: true, votes: { select: { decision: true } } },
    });
    if (request) waiting = { requestId: request.id, title: request.title, status: request.status, approvals: request.votes.filter((v) => v.decision === "APPROVE").length, requiredCount: request.requiredCount, expiresAt: request.expiresAt };
  }
  return {
    id: run.id,
    runbook,
    version: run.version,
    status: run.status,
    currentStep: stepOf(runbook, run.currentStepId),
    startedBy: run.startedBy,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    finishNote: run.finishNote,
    incident: run.incident,
    records,
    waiting,
  };
}

export type TRunListItem = { id: string; runbookId: string; title: string; status: string; currentStepTitle: string | null; startedBy: string; startedAt: Date; finishedAt: Date | null; incident: { id: string; number: number } | null };

export async function listRuns({ runbookId, incidentId, take = 20 }: { runbookId?: string; incidentId?: string; take?: number } = {}): Promise<TRunListItem[]> {
  const runs = await db.runbookRun.findMany({
    where: { ...(runbookId ? { runbookId } : {}), ...(incidentId ? { incidentId } : {}) },
    orderBy: { startedAt: "desc" },
    take,
    include: { incident: { select: { id: true, number: true } } },
  });
  const definitions = new Map<string, TRunbook | null>();
  const out: TRunListItem[] = [];
  for (const run of runs) {
    const key = `${run.runbookId}@${run.version}`;
    if (!definitions.has(key)) definitions.set(key, await runbookVersion(db, run.runbookId, run.version));
    const runbook = definitions.get(key);
    out.push({
      id: run.id,
      runbookId: run.runbookId,
      title: runbook?.title ?? run.runbookId,
      status: run.status,
      currentStepTitle: runbook ? (stepOf(runbook, run.currentStepId)?.title ?? null) : null,
      startedBy: run.startedBy,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      incident: run.incident,
    });
  }
  return out;
}
