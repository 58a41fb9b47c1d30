import type { Prisma } from "@/generated/prisma/client";
import { lockRun, moveOn, recordStep, resultSummary } from "@/lib/runbooks/runs";
import { addIncidentEvent } from "@/lib/incidents/timeline";

// The pipeline and the approvals module call these inside their own transactions: an operation
// step that waited for approvers continues (or stops) in the same commit as the operation's
// outcome, so a run never shows "waiting" for something that already happened.

type TTx = Prisma.TransactionClient;

async function waitingStepOf(tx: TTx, requestId: string) {
  return tx.runStepRecord.findFirst({ where: { requestId, action: "waiting" }, orderBy: { id: "desc" }, select: { runId: true, stepId: true } });
}

/** The run step an execution or approval request belongs to: "waiting" on the request, or "started" with the execution's key. */
async function openStepOf(tx: TTx, link: { requestId?: string | null; executionKey?: string | null }) {
  const or = [
    ...(link.requestId ? [{ requestId: link.requestId, action: "waiting" }] : []),
    ...(link.executionKey ? [{ action: "started", data: { path: ["executionKey"], equals: link.executionKey } }] : []),
  ];
  if (or.length === 0) return null;
  return tx.runStepRecord.findFirst({ where: { OR: or }, orderBy: { id: "desc" }, select: { runId: true, stepId: true } });
}

export async function settleRunStep(
  tx: TTx,
  link: { requestId?: string | null; executionKey?: string | null },
  outcome: { status: "executed"; executionId: string; result: unknown; by: string } | { status: "failed"; error: string; by: string; executionId?: string | null },
) {
  const open = await openStepOf(tx, link);
  if (!open) return;
  const { run, runbook } = await lockRun(tx, open.runId);
  // Skipped or aborted meanwhile: the operation's outcome stays in the audit log, the run has moved on.
  if (run.status !== "running" || run.currentStepId !== open.stepId) return;
  // Already settled (the step records its outcome once).
  const last = await tx.runStepRecord.findFirst({ where: { runId: run.id, stepId: open.stepId }, orderBy: { id: "desc" }, select: { action: true } });
  if (last?.action !== "started" && last?.action !== "waiting") return;
  const requestId = link.requestId ?? null;
  if (outcome.status === "executed") {
    await recordStep(tx, run, runbook, { stepId: open.stepId, action: "executed", value: resultSummary(outcome.result), actorEmail: outcome.by, requestId, executionId: outcome.executionId });
    await moveOn(tx, run, runbook, { fromStepId: open.stepId, actorEmail: outcome.by });
  } else {
    await recordStep(tx, run, runbook, { stepId: open.stepId, action: "failed", value: outcome.error, actorEmail: outcome.by, requestId, executionId: outcome.executionId ?? null });
  }
}

/** An approver's vote on a run step's request shows up in the incident's timeline. */
export async function noteRunApproval(tx: TTx, requestId: string, text: string, actorEmail: string) {
  const waiting = await waitingStepOf(tx, requestId);
  if (!waiting) return;
  const run = await tx.runbookRun.findUnique({ where: { id: waiting.runId }, select: { incidentId: true } });
  if (run?.incidentId) await addIncidentEvent(tx, run.incidentId, { kind: "approval", actorEmail, text, data: { requestId, runId: waiting.runId, stepId: waiting.stepId } });
}
