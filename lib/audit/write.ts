import type { TPrisma } from "@/lib/db/prisma";
import { Prisma } from "@/generated/prisma/client";
import { GENESIS_HASH, auditHash, type TAuditContent } from "@/lib/audit/hash";
import { redact } from "@/lib/audit/redact";
import { storable, storableText } from "@/lib/db/storable";

export type TAuditActor = { id: string | null; email: string | null; roles: readonly string[] };
export type TAuditClient = { ip?: string | null; userAgent?: string | null; requestId?: string | null };

export type TAuditInput = {
  actor: TAuditActor | null;
  action: string;
  outcome: "success" | "denied" | "invalid" | "failed" | "pending" | "rejected" | "expired";
  target?: { type: string; id: string } | null;
  payload?: unknown;
  client?: TAuditClient;
};

// One lock for the whole chain: events are appended strictly one after another, so each sees
// the true previous hash. Held only until the surrounding transaction ends.
const CHAIN_LOCK = 72_410_001;

/**
 * Appends one audit event. Pass the transaction of the change it records, so the change and its
 * event commit together (or not at all).
 */
export async function appendAudit(tx: Prisma.TransactionClient, event: TAuditInput): Promise<{ id: bigint; hash: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Hashed exactly as stored: text PostgreSQL cannot hold (a NUL sent by a client) is replaced first.
  const content: TAuditContent = {
    at: new Date(),
    actorId: event.actor?.id ?? null,
    actorEmail: storableText(event.actor?.email ?? null),
    actorRoles: [...(event.actor?.roles ?? [])],
    action: storableText(event.action),
    targetType: storableText(event.target?.type ?? null),
    targetId: storableText(event.target?.id ?? null),
    outcome: event.outcome,
    payload: event.payload === undefined ? null : storable(redact(event.payload)),
    ip: storableText(event.client?.ip ?? null),
    userAgent: storableText(event.client?.userAgent?.slice(0, 400) ?? null),
    requestId: storableText(event.client?.requestId ?? null),
  };
  const hash = auditHash(prevHash, content);
  const row = await tx.auditEvent.create({
    data: { ...content, payload: content.payload === null ? Prisma.DbNull : (content.payload as Prisma.InputJsonValue), prevHash, hash },
    select: { id: true },
  });
  return { id: row.id, hash };
}

/**
 * Appends an event in a transaction of its own (for events that record no other write). The
 * chain lock is a transaction lock, so this must never run outside one.
 */
export async function recordAudit(db: TPrisma, event: TAuditInput) {
  return db.$transaction((tx) => appendAudit(tx, event));
}
