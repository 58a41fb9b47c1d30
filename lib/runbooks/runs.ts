import type { Prisma } from "@/generated/prisma/client";
import { OperationError } from "@/lib/operations/result";
import { advance, stepOf } from "@/lib/runbooks/engine";
import { runbookVersion } from "@/lib/runbooks/versions";
import { addIncidentEvent } from "@/lib/incidents/timeline";
import type { TRunbook, TRunbookStep } from "@/lib/runbooks/types";

// A run's moves, inside the caller's transaction. Every move locks the run row first, so two
// people pressing the same button on two phones make one move; the second is told the run has
// moved on. The database refuses any change to a finished run (migration trigger).

type TTx = Prisma.TransactionClient;
export type TRunRow = { id: string; runbookId: string; version: number; incidentId: string | null; status: string; currentStepId: string | null };

export async function lockRun(tx: TTx, runId: string): Promise<{ run: TRunRow; runbook: TRunbook }> {
  const rows = await tx.$queryRaw<TRunRow[]>`
    SELECT id::text, "runbookId", version, "incidentId"::text AS "incidentId", status::text, "currentStepId" FROM "RunbookRun" WHERE id = ${runId}::uuid FOR UPDATE`;
  const run = rows[0];
  if (!run) throw new OperationError("NOT_FOUND", "This run does not exist");
  const runbook = await runbookVersion(tx, run.runbookId, run.version);
  if (!runbook) throw new OperationError("FAILED", `Runbook ${run.runbookId} v${run.version} is not loaded`);
  return { run, runbook };
}

/** The run, locked, with `stepId` as its current step — or why the move cannot be made. */
export async function lockCurrentStep<K extends TRunbookStep["kind"]>(tx: TTx, runId: string, stepId: string, kinds: readonly K[]) {
  const { run, runbook } = await lockRun(tx, runId);
  if (run.status !== "running") throw new OperationError("CONFLICT", `This run is ${run.status}; a finished run cannot change`);
  if (run.currentStepId !== stepId) throw new OperationError("CONFLICT", "The run has moved on from this step (someone else acted on it); reload to see where it is");
  const step = stepOf(runbook, stepId);
  if (!step || !(kinds as readonly string[]).includes(step.kind)) throw new OperationError("INVALID_INPUT", `This step cannot be ${kinds.join(" or ")}ed`);
  return { run, runbook, step: step as Extract<TRunbookStep, { kind: K }> };
}

export type TStepRecord = {
  stepId: string;
  action: "started" | "checked" | "confirmed" | "skipped" | "waiting" | "executed" | "failed" | "decided" | "aborted";
  outcome?: "pass" | "fail" | null;
  value?: string | null;
  note?: string | null;
  actorEmail: string;
  requestId?: string | null;
  executionId?: string | null;
  data?: Prisma.InputJsonValue;
};

const ACTION_TEXT: Record<TStepRecord["action"], string> = {
  started: "started",
  checked: "checked",
  confirmed: "done",
  skipped: "skipped",
  waiting: "waiting for approval",
  executed: "carried out",
  failed: "failed",
  decided: "decided",
  aborted: "aborted",
};

export async function recordStep(tx: TTx, run: TRunRow, runbook: TRunbook, record: TStepRecord) {
  await tx.runStepRecord.create({ data: { runId: run.id, ...record, outcome: record.outcome ?? null } });
  if (!run.incidentId) return;
  const step = stepOf(runbook, record.stepId);
  const outcome = record.outcome ? ` — ${record.outcome}` : "";
  const detail = record.value ? `: ${record.value}` : record.note ? `: ${record.note}` : "";
  await addIncidentEvent(tx, run.incidentId, {
    kind: "run_step",
    actorEmail: record.actorEmail,
    text: `${runbook.id} · ${step?.title ?? record.stepId} ${ACTION_TEXT[record.action]}${outcome}${detail}`,
    data: { runId: run.id, stepId: record.stepId, action: record.action, outcome: record.outcome ?? null },
  });
}

/** Moves the run past `fromStepId` (or to `goto`), taking automatic decisions on the way; completes it at the end. */
export async function moveOn(tx: TTx, run: TRunRow, runbook: TRunbook, args: { fromStepId: string | null; actorEmail: string; goto?: string }) {
  const facts = await tx.runStepRecord.findMany({ where: { runId: run.id }, orderBy: { id: "asc" }, select: { stepId: true, action: true, outcome: true } });
  const { next, decisions } = advance(runbook, args.fromStepId, facts, args.goto);
  for (const d of decisions) {
    const to = d.to ? (stepOf(runbook, d.to)?.title ?? d.to) : "the end of the runbook";
    await recordStep(tx, run, runbook, { stepId: d.stepId, action: "decided", value: `→ ${to}`, note: d.because, actorEmail: args.actorEmail });
  }
  if (next) {
    await tx.runbookRun.update({ where: { id: run.id }, data: { currentStepId: next } });
    return { next, completed: false };
  }
  await tx.runbookRun.update({ where: { id: run.id }, data: { currentStepId: null, status: "completed", finishedAt: new Date() } });
  if (run.incidentId) await addIncidentEvent(tx, run.incidentId, { kind: "run_finished", actorEmail: args.actorEmail, text: `${runbook.id} ${runbook.title} completed`, data: { runId: run.id } });
  return { next: null, completed: true };
}

/** A one-line account of an operation's result for the run and the timeline (a transaction hash when there is one). */
export function resultSummary(result: unknown): string {
  if (result && typeof result === "object") {
    const r = result as Record<string, unknown>;
    if (typeof r.txHash === "string") return `transaction ${r.txHash}${r.blockNumber !== undefined && r.blockNumber !== null ? ` in block ${r.blockNumber}` : ""}`;
    const text = JSON.stringify(result);
    return text.length > 160 ? `${text.slice(0, 157)}…` : text;
  }
  return result === null || result === undefined ? "done" : String(result);
}
