import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/write";
import type { TActor } from "@/lib/operations/define";
import { defineOperation } from "@/lib/operations/define";
import { OperationError } from "@/lib/operations/result";
import { lockCurrentStep, lockRun, moveOn, recordStep } from "@/lib/runbooks/runs";
import { runCheck, type TCheckResult } from "@/lib/runbooks/checks";
import { latestRunbookVersion, runbookVersion } from "@/lib/runbooks/versions";
import { advance, stepOf } from "@/lib/runbooks/engine";
import { addIncidentEvent } from "@/lib/incidents/timeline";
import { incidentRef, isOpen } from "@/lib/incidents/model";

// Runbook runs: start, check, confirm, decide, skip, abort. Each is an operation (validated,
// authorized, audited); the run row lock in runs.ts makes concurrent presses one move. Operation
// steps invoke their own operation through the pipeline (runbooks/operation-step.ts).

const RUN_ROLES = ["operator", "admin"] as const;

/** Leaving a step that waits for approvers withdraws its request: nobody may approve what the run no longer asks for. */
async function withdrawWaitingRequest(tx: Prisma.TransactionClient, runId: string, stepId: string, actor: TActor, why: string) {
  const last = await tx.runStepRecord.findFirst({ where: { runId, stepId }, orderBy: { id: "desc" }, select: { action: true, requestId: true } });
  if (last?.action !== "waiting" || !last.requestId) return;
  const { count } = await tx.approvalRequest.updateMany({ where: { id: last.requestId, status: "PENDING" }, data: { status: "EXPIRED", decidedAt: new Date(), outcome: { error: `Withdrawn: ${why}` } } });
  if (count) await appendAudit(tx, { actor: { id: actor.id, email: actor.email, roles: actor.roles }, action: "approval.withdrawn", outcome: "expired", target: { type: "approval", id: last.requestId }, payload: { runId, stepId, why } });
}
const ZRunId = z.uuid({ message: "Choose a run" });
const ZStepId = z.string({ message: "Choose a step" }).trim().min(1, "Choose a step").max(60);
const runTarget = (input: { runId: string }) => ({ type: "runbook-run", id: input.runId });

export const startRun = defineOperation({
  id: "runbook.start",
  title: "Start a runbook",
  description: "Starts a guided run of the runbook's latest version, on its own or inside an incident.",
  risk: "low",
  input: z.object({
    runbookId: z.string({ message: "Choose a runbook" }).trim().min(1, "Choose a runbook").max(60),
    incidentId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ message: "Choose an incident" }).optional()),
  }),
  allowed: RUN_ROLES,
  approval: null,
  target: (input) => ({ type: "runbook", id: input.runbookId }),
  summary: (input) => `Start ${input.runbookId}`,
  async execute({ tx, requester }, input) {
    const latest = await latestRunbookVersion(tx, input.runbookId);
    if (!latest) throw new OperationError("NOT_FOUND", `There is no runbook ${input.runbookId}`, { runbookId: ["Choose a runbook from the list"] });
    let incidentRefText: string | null = null;
    if (input.incidentId) {
      const incident = await tx.incident.findUnique({ where: { id: input.incidentId }, select: { id: true, status: true, number: true } });
      if (!incident) throw new OperationError("NOT_FOUND", "This incident does not exist");
      if (!isOpen(incident.status)) throw new OperationError("CONFLICT", "This incident is resolved; start the runbook on its own instead");
      incidentRefText = incidentRef(incident.number);
    }
    const first = advance(latest.runbook, null, []).next;
    const run = await tx.runbookRun.create({
      data: { runbookId: input.runbookId, version: latest.version, incidentId: input.incidentId ?? null, currentStepId: first, startedBy: requester.email },
      select: { id: true },
    });
    if (input.incidentId) {
      await addIncidentEvent(tx, input.incidentId, { kind: "run_started", actorEmail: requester.email, text: `${latest.runbook.id} ${latest.runbook.title} started (v${latest.version})`, data: { runId: run.id } });
    }
    return { runId: run.id, runbookId: input.runbookId, version: latest.version, incident: incidentRefText };
  },
});

export const runCheckStep = defineOperation({
  id: "runbook.check",
  title: "Run a runbook check",
  description: "Runs the step's read-only check and records pass or fail with what it saw.",
  risk: "low",
  input: z.object({ runId: ZRunId, stepId: ZStepId }),
  allowed: RUN_ROLES,
  approval: null,
  target: runTarget,
  summary: (input) => `Check ${input.stepId}`,
  // The check reads chains and probes: outside the transaction, like any outside-world step. It
  // only reads, so running it again after a crash is harmless.
  async external({ db }, input): Promise<TCheckResult> {
    const run = await db.runbookRun.findUnique({ where: { id: input.runId }, select: { runbookId: true, version: true, status: true, currentStepId: true } });
    if (!run) throw new OperationError("NOT_FOUND", "This run does not exist");
    const runbook = await runbookVersion(db, run.runbookId, run.version);
    const step = runbook ? stepOf(runbook, input.stepId) : null;
    if (!step || step.kind !== "check") throw new OperationError("INVALID_INPUT", "This step is not a check");
    if (run.status !== "running" || run.currentStepId !== input.stepId) throw new OperationError("CONFLICT", "The run has moved on from this step; reload to see where it is");
    const { outcome, value } = await runCheck(db, step.check, step.params);
    return { outcome, value };
  },
  async execute({ tx, requester, external }, input) {
    const result = external as TCheckResult;
    const { run, runbook, step } = await lockCurrentStep(tx, input.runId, input.stepId, ["check"]);
    await recordStep(tx, run, runbook, { stepId: step.id, action: "checked", outcome: result.outcome, value: result.value, actorEmail: requester.email });
    // A failing check stops the run here (re-run, continue with a note, or skip) unless a decision reads it.
    const moved = result.outcome === "pass" || step.onFail === "continue" ? await moveOn(tx, run, runbook, { fromStepId: step.id, actorEmail: requester.email }) : null;
    return { ...result, next: moved?.next ?? step.id, completed: moved?.completed ?? false };
  },
});

export const confirmStep = defineOperation({
  id: "runbook.confirm",
  title: "Confirm a runbook step",
  description: "Marks a manual step done, or continues past a failed check with a note saying why.",
  risk: "low",
  input: z.object({ runId: ZRunId, stepId: ZStepId, note: z.string().trim().max(2_000, "At most 2,000 characters").default("") }),
  allowed: RUN_ROLES,
  approval: null,
  target: runTarget,
  summary: (input) => `Confirm ${input.stepId}`,
  async execute({ tx, requester }, input) {
    const { run, runbook, step } = await lockCurrentStep(tx, input.runId, input.stepId, ["manual", "check"]);
    if (step.kind === "check") {
      // Only past a check that ran and failed, and only with a reason: a check is not ticked by hand.
      const last = await tx.runStepRecord.findFirst({ where: { runId: run.id, stepId: step.id, action: "checked" }, orderBy: { id: "desc" }, select: { outcome: true } });
      if (!last) throw new OperationError("CONFLICT", "Run the check first");
      if (input.note.length < 5) throw new OperationError("INVALID_INPUT", "Say why you continue past a failed check", { note: ["Say why you continue past a failed check (at least 5 characters)"] });
    }
    await recordStep(tx, run, runbook, { stepId: step.id, action: "confirmed", note: input.note || null, actorEmail: requester.email });
    const moved = await moveOn(tx, run, runbook, { fromStepId: step.id, actorEmail: requester.email });
    return { next: moved.next, completed: moved.completed };
  },
});

export const decideStep = defineOperation({
  id: "runbook.decide",
  title: "Answer a runbook decision",
  description: "Picks one of a decision step's answers; the run continues on that branch.",
  risk: "low",
  input: z.object({ runId: ZRunId, stepId: ZStepId, goto: z.string({ message: "Choose an answer" }).trim().min(1, "Choose an answer").max(60) }),
  allowed: RUN_ROLES,
  approval: null,
  target: runTarget,
  summary: (input) => `Decide ${input.stepId}`,
  async execute({ tx, requester }, input) {
    const { run, runbook, step } = await lockCurrentStep(tx, input.runId, input.stepId, ["decision"]);
    const option = step.options?.find((o) => o.goto === input.goto);
    if (!option) throw new OperationError("INVALID_INPUT", "Choose one of the answers", { goto: ["Choose one of the answers"] });
    await recordStep(tx, run, runbook, { stepId: step.id, action: "decided", value: option.label, actorEmail: requester.email });
    const moved = await moveOn(tx, run, runbook, { fromStepId: step.id, actorEmail: requester.email, goto: option.goto });
    return { answer: option.label, next: moved.next, completed: moved.completed };
  },
});

export const skipStep = defineOperation({
  id: "runbook.skip",
  title: "Skip a runbook step",
  description: "Moves past the current step without doing it; the reason is recorded.",
  risk: "low",
  input: z.object({ runId: ZRunId, stepId: ZStepId, reason: z.string({ message: "Say why" }).trim().min(5, "Say why you skip it (at least 5 characters)").max(500) }),
  allowed: RUN_ROLES,
  approval: null,
  target: runTarget,
  summary: (input) => `Skip ${input.stepId}`,
  async execute({ tx, requester }, input) {
    const { run, runbook, step } = await lockCurrentStep(tx, input.runId, input.stepId, ["check", "manual", "operation", "decision"]);
    await withdrawWaitingRequest(tx, run.id, step.id, requester, `the step was skipped: ${input.reason}`);
    await recordStep(tx, run, runbook, { stepId: step.id, action: "skipped", note: input.reason, actorEmail: requester.email });
    // A skipped decision takes its first answer (or its failing branch): the run must go somewhere.
    const goto = step.kind === "decision" ? (step.options?.[0]?.goto ?? step.ifFail) : undefined;
    const moved = await moveOn(tx, run, runbook, { fromStepId: step.id, actorEmail: requester.email, goto });
    return { next: moved.next, completed: moved.completed };
  },
});

export const abortRun = defineOperation({
  id: "runbook.abort",
  title: "Abort a runbook run",
  description: "Stops the run where it is. A finished run cannot change afterwards.",
  risk: "low",
  input: z.object({ runId: ZRunId, reason: z.string({ message: "Say why" }).trim().min(5, "Say why you abort it (at least 5 characters)").max(500) }),
  allowed: RUN_ROLES,
  approval: null,
  target: runTarget,
  summary: () => "Abort a runbook run",
  async execute({ tx, requester }, input) {
    const { run, runbook } = await lockRun(tx, input.runId);
    if (run.status !== "running") throw new OperationError("CONFLICT", `This run is already ${run.status}`);
    if (run.currentStepId) await withdrawWaitingRequest(tx, run.id, run.currentStepId, requester, `the run was aborted: ${input.reason}`);
    await recordStep(tx, run, runbook, { stepId: run.currentStepId ?? "-", action: "aborted", note: input.reason, actorEmail: requester.email });
    await tx.runbookRun.update({ where: { id: run.id }, data: { status: "aborted", finishedAt: new Date(), finishNote: input.reason, currentStepId: null } });
    if (run.incidentId) await addIncidentEvent(tx, run.incidentId, { kind: "run_finished", actorEmail: requester.email, text: `${runbook.id} aborted: ${input.reason}`, data: { runId: run.id } });
    return { runId: run.id, status: "aborted" };
  },
});

export const RUNBOOK_OPERATIONS = [startRun, runCheckStep, confirmStep, decideStep, skipStep, abortRun];
