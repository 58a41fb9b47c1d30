import type { TPrisma } from "@/lib/db/prisma";
import type { TActor, TClientInfo } from "@/lib/operations/define";
import { OperationError, fail, type TActionResult } from "@/lib/operations/result";
import { requestOperation, type TOperationOutcome } from "@/lib/operations/pipeline";
import { lockCurrentStep, moveOn, recordStep, resultSummary } from "@/lib/runbooks/runs";
import { runbookVersion } from "@/lib/runbooks/versions";
import { stepOf } from "@/lib/runbooks/engine";

// An operation step invokes its operation through the one pipeline — its own roles, approval
// policy, exactly-once execution and audit — and records what came of it on the run: done (the
// run moves on), waiting for approvers (settle.ts continues it when they decide), or failed.

export async function runOperationStep(
  db: TPrisma,
  args: { runId: string; stepId: string; fields: Record<string, string>; reason: string | null; actor: TActor; client?: TClientInfo; formKey: string; adminAllowedIps?: readonly string[] },
): Promise<TActionResult<TOperationOutcome>> {
  const run = await db.runbookRun.findUnique({ where: { id: args.runId }, select: { runbookId: true, version: true, status: true, currentStepId: true } });
  if (!run) return fail("NOT_FOUND", "This run does not exist");
  const runbook = await runbookVersion(db, run.runbookId, run.version);
  const step = runbook ? stepOf(runbook, args.stepId) : null;
  if (!step || step.kind !== "operation") return fail("INVALID_INPUT", "This step does not run an operation");
  if (run.status !== "running" || run.currentStepId !== step.id) return fail("CONFLICT", "The run has moved on from this step; reload to see where it is");
  const waiting = await db.runStepRecord.findFirst({ where: { runId: args.runId, stepId: step.id }, orderBy: { id: "desc" }, select: { action: true, requestId: true } });
  if (waiting?.action === "waiting" && waiting.requestId) {
    const request = await db.approvalRequest.findUnique({ where: { id: waiting.requestId }, select: { status: true } });
    if (request?.status === "PENDING" || request?.status === "APPROVED") return fail("CONFLICT", "This step is already waiting for approvers");
  }

  // Fixed input from the definition; the person fills in only the fields the step declares.
  const filled = Object.fromEntries((step.fields ?? []).map((f) => [f.name, args.fields[f.name] ?? ""]));
  const result = await requestOperation(db, {
    operationId: step.operationId,
    input: { ...filled, ...step.input },
    reason: args.reason,
    actor: args.actor,
    client: args.client,
    idempotencyKey: `run:${args.runId}:${step.id}:${args.formKey}`,
    adminAllowedIps: args.adminAllowedIps,
  });
  // Refused before anything happened (bad input, no permission, still in flight): nothing to record.
  if (!result.ok && result.code !== "FAILED") return result;

  await db
    .$transaction(async (tx) => {
      const { run: locked, runbook: rb } = await lockCurrentStep(tx, args.runId, step.id, ["operation"]);
      const actorEmail = args.actor.email;
      if (!result.ok) {
        await recordStep(tx, locked, rb, { stepId: step.id, action: "failed", value: result.error, actorEmail });
        return;
      }
      const outcome = result.data;
      if (outcome.status === "executed") {
        await recordStep(tx, locked, rb, { stepId: step.id, action: "executed", value: resultSummary(outcome.result), actorEmail, executionId: outcome.executionId });
        await moveOn(tx, locked, rb, { fromStepId: step.id, actorEmail });
      } else if (outcome.status === "pending_approval") {
        const required = outcome.requiredCount;
        await recordStep(tx, locked, rb, { stepId: step.id, action: "waiting", value: `waiting for ${required} approval${required > 1 ? "s" : ""}`, actorEmail, requestId: outcome.requestId });
      } else {
        await recordStep(tx, locked, rb, { stepId: step.id, action: "failed", value: outcome.error, actorEmail, executionId: outcome.executionId });
      }
    })
    .catch((err) => {
      // Someone else moved the run on meanwhile: the operation's own outcome stands (and is audited).
      if (!(err instanceof OperationError)) throw err;
    });
  return result;
}
