import type { Prisma } from "@/generated/prisma/client";
import { OPEN_STATUSES } from "@/lib/incidents/model";

// The war room's timeline. Everything that happens to an incident writes here in the same
// transaction as the change itself, so the timeline never says something that did not happen.

export type TIncidentEventKind =
  | "declared"
  | "status"
  | "severity"
  | "commander"
  | "services"
  | "note"
  | "alert"
  | "alert_resolved"
  | "run_started"
  | "run_step"
  | "run_finished"
  | "approval"
  | "operation"
  | "postmortem";

export async function addIncidentEvent(
  tx: Prisma.TransactionClient,
  incidentId: string,
  event: { kind: TIncidentEventKind; text: string; actorEmail?: string | null; data?: Prisma.InputJsonValue; at?: Date },
) {
  await tx.incidentEvent.create({
    data: { incidentId, kind: event.kind, text: event.text.slice(0, 2_000), actorEmail: event.actorEmail ?? null, data: event.data, ...(event.at ? { at: event.at } : {}) },
  });
}

/**
 * A change made anywhere in OpsDeck while incidents are open (the pause pulled from the chains
 * page, an RPC switch) lands on their timelines: what anyone changed during an incident is part of
 * its story. Low-risk bookkeeping is left out; an operation a runbook step ran is left off its
 * own run's incident (the run's records already say so).
 */
export async function noteOperationOnOpenIncidents(
  tx: Prisma.TransactionClient,
  op: { id: string; risk: string; text: string; actorEmail: string; executionKey: string; requestId: string | null; result: unknown },
) {
  if (op.risk === "low" || op.id.startsWith("incident.") || op.id.startsWith("runbook.") || op.id.startsWith("postmortem.")) return;
  // Ran from a runbook step: that run's incident has it already (the step's records); others still get it.
  const step = await tx.runStepRecord.findFirst({
    where: { OR: [...(op.requestId ? [{ requestId: op.requestId }] : []), { action: "started", data: { path: ["executionKey"], equals: op.executionKey } }] },
    select: { run: { select: { incidentId: true } } },
  });
  const open = await tx.incident.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, ...(step?.run.incidentId ? { id: { not: step.run.incidentId } } : {}) },
    select: { id: true },
  });
  const hash = op.result && typeof op.result === "object" && typeof (op.result as { txHash?: unknown }).txHash === "string" ? ` (transaction ${(op.result as { txHash: string }).txHash})` : "";
  for (const incident of open) {
    await addIncidentEvent(tx, incident.id, { kind: "operation", actorEmail: op.actorEmail, text: `${op.text}${hash}`, data: { operationId: op.id } });
  }
}
