import type { TPrisma } from "@/lib/db/prisma";
import type { TActor, TClientInfo } from "@/lib/operations/define";
import { OperationError, fail, type TActionResult } from "@/lib/operations/result";
import { requestOperation, type TOperationOutcome } from "@/lib/operations/pipeline";
import { lockCurrentStep, recordStep } from "@/lib/runbooks/runs";

// An operation step invokes its operation through the one pipeline — its own roles, approval
// policy, exactly-once execution and audit. Before it does, a "started" record is written under
// the run's lock: a second press (or a second operator) finds the step in progress instead of
// sending another transaction. The pipeline settles the step (settle.ts) in the same commit as
// the operation's outcome — at once, after the approvers, or when the reconciler finishes it.

export async function runOperationStep(
  db: TPrisma,
  args: { runId: string; stepId: string; fields: Record<string, string>; reason: string | null; actor: TActor; client?: TClientInfo; formKey: string; adminAllowedIps?: readonly string[] },
): Promise<TActionResult<TOperationOutcome>> {
  let claim: { operationId: string; input: Record<string, unknown>; key: string };
  try {
    claim = await db.$transaction(async (tx) => {
      const { run, runbook, step } = await lockCurrentStep(tx, args.runId, args.stepId, ["operation"]);
      const records = await tx.runStepRecord.findMany({ where: { runId: run.id, stepId: step.id }, orderBy: { id: "asc" }, select: { action: true } });
      const last = records.at(-1)?.action;
      if (last === "started") throw new OperationError("CONFLICT", "This step's operation is already under way; its outcome will appear here");
      if (last === "waiting") throw new OperationError("CONFLICT", "This step is already waiting for approvers");
      // One key per attempt at this step, whoever presses: retries of the same attempt find it.
      const key = `run:${run.id}:${step.id}:${records.filter((r) => r.action === "started").length + 1}`;
      await recordStep(tx, run, runbook, { stepId: step.id, action: "started", actorEmail: args.actor.email, data: { executionKey: `direct:${key}`, key } });
      // Fixed input from the definition; the person fills in only the fields the step declares.
      const filled = Object.fromEntries((step.fields ?? []).map((f) => [f.name, args.fields[f.name] ?? ""]));
      return { operationId: step.operationId, input: { ...filled, ...step.input }, key };
    });
  } catch (err) {
    if (err instanceof OperationError) return fail(err.code, err.message);
    throw err;
  }

  const result = await requestOperation(db, {
    operationId: claim.operationId,
    input: claim.input,
    reason: args.reason,
    actor: args.actor,
    client: args.client,
    idempotencyKey: claim.key,
    adminAllowedIps: args.adminAllowedIps,
    runStepKey: true,
  });
  // Executed or failed in the pipeline: already settled there. Still running (a chain transaction
  // not yet confirmed): the step stays "started" until the reconciler finishes it.
  if (result.ok && result.data.status !== "pending_approval") return result;
  if (!result.ok && (result.code === "FAILED" || result.code === "CONFLICT")) return result;

  await db
    .$transaction(async (tx) => {
      const { run, runbook } = await lockCurrentStep(tx, args.runId, args.stepId, ["operation"]);
      if (result.ok && result.data.status === "pending_approval") {
        const required = result.data.requiredCount;
        await recordStep(tx, run, runbook, { stepId: args.stepId, action: "waiting", value: `waiting for ${required} approval${required > 1 ? "s" : ""}`, actorEmail: args.actor.email, requestId: result.data.requestId });
      } else if (!result.ok) {
        // Refused before anything happened (bad input, no permission): the attempt is over.
        await recordStep(tx, run, runbook, { stepId: args.stepId, action: "failed", value: `Refused: ${result.error}`, actorEmail: args.actor.email });
      }
    })
    .catch((err) => {
      // Someone else moved the run on meanwhile: the operation's own outcome stands (and is audited).
      if (!(err instanceof OperationError)) throw err;
    });
  return result;
}
