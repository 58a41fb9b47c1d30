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

export async function settleRunStep(
  tx: TTx,
  requestId: string,
  outcome: { status: "executed"; executionId: string; result: unknown; by: string } | { status: "failed"; error: string; by: string; executionId?: string | null },
) {
  const waiting = await waitingStepOf(tx, requestId);
  if (!waiting) return;
  const { run, runbook } = await lockRun(tx, waiting.runId);
  // Skipped or aborted meanwhile: the operation's outcome stays in the audit log, the run has moved on.
  if (run.status !== "running" || run.currentStepId !== waiting.stepId) return;
  if (outcome.status === "executed") {
    await recordStep(tx, run, runbook, { stepId: waiting.stepId, action: "executed", value: resultSummary(outcome.result), actorEmail: outcome.by, requestId, executionId: outcome.executionId });
    await moveOn(tx, run, runbook, { fromStepId: waiting.stepId, actorEmail: outcome.by });
  } else {
    await recordStep(tx, run, runbook, { stepId: waiting.stepId, action: "failed", value: outcome.error, actorEmail: outcome.by, requestId, executionId: outcome.executionId ?? null });
  }
}

/** An approver's vote on a run step's request shows up in the incident's timeline. */
export async function noteRunApproval(tx: TTx, requestId: string, text: string, actorEmail: string) {
  const waiting = await waitingStepOf(tx, requestId);
  if (!waiting) return;
  const run = await tx.runbookRun.findUnique({ where: { id: waiting.runId }, select: { incidentId: true } });
  if (run?.incidentId) await addIncidentEvent(tx, run.incidentId, { kind: "approval", actorEmail, text, data: { requestId, runId: waiting.runId, stepId: waiting.stepId } });
}
