import type { TPrisma } from "@/lib/db/prisma";
import { GENESIS_HASH, auditHash } from "@/lib/audit/hash";

export type TIntegrityReport =
  | { intact: true; events: number; checkedAt: Date }
  | { intact: false; events: number; checkedAt: Date; brokenAt: { id: string; at: Date; problem: string } };

const BATCH = 5_000;

/**
 * Walks the whole chain in id order, in batches (flat memory at millions of rows), and reports
 * the first event whose stored hash or link to its predecessor does not match.
 */
export async function verifyAuditChain(db: TPrisma): Promise<TIntegrityReport> {
  let prevHash = GENESIS_HASH;
  let afterId: bigint | undefined;
  let events = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: afterId === undefined ? {} : { id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      const problem =
        row.prevHash !== prevHash
          ? "its link to the previous event is broken (an event was removed or reordered)"
          : auditHash(prevHash, {
                at: row.at,
                actorId: row.actorId,
                actorEmail: row.actorEmail,
                actorRoles: row.actorRoles,
                action: row.action,
                targetType: row.targetType,
                targetId: row.targetId,
                outcome: row.outcome,
                payload: row.payload,
                ip: row.ip,
                userAgent: row.userAgent,
                requestId: row.requestId,
              }) !== row.hash
            ? "its content does not match its hash (the event was edited)"
            : null;
      if (problem) return { intact: false, events, checkedAt: new Date(), brokenAt: { id: row.id.toString(), at: row.at, problem } };
      prevHash = row.hash;
      events++;
    }
    if (rows.length < BATCH) break;
    afterId = rows.at(-1)!.id;
  }
  return { intact: true, events, checkedAt: new Date() };
}
