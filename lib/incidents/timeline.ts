import type { Prisma } from "@/generated/prisma/client";

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
