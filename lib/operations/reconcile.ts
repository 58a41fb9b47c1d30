import type { TPrisma } from "@/lib/db/prisma";
import { appendAudit } from "@/lib/audit/write";
import { completeExecution } from "@/lib/operations/pipeline";
import { settleRunStep } from "@/lib/runbooks/settle";
import { bestEffort } from "@/lib/db/savepoint";

/**
 * Finishes what a crash or restart left behind, and closes expired requests. Safe to run on any
 * number of instances at once: completeExecution locks the Execution row and does nothing when
 * the work is already done.
 */
export async function reconcileOperations(
  db: TPrisma,
  { now = new Date(), staleAfterMs = 30_000, executionIds }: { now?: Date; staleAfterMs?: number; /** Only these (a test or a manual retry). */ executionIds?: string[] } = {},
) {
  const expired = await db.approvalRequest.findMany({ where: { status: "PENDING", expiresAt: { lte: now } }, select: { id: true, operationId: true } });
  for (const request of expired) {
    await db.$transaction(async (tx) => {
      const changed = await tx.approvalRequest.updateMany({ where: { id: request.id, status: "PENDING" }, data: { status: "EXPIRED", decidedAt: now } });
      if (changed.count === 1) {
        await appendAudit(tx, { actor: null, action: "approval.expired", outcome: "expired", target: { type: "approval", id: request.id }, payload: { operationId: request.operationId } });
        await bestEffort(tx, "run step settle", () => settleRunStep(tx, { requestId: request.id }, { status: "failed", error: "The approval request expired", by: "OpsDeck" }));
      }
    });
  }

  const interrupted = await db.execution.findMany({
    where: { status: "RUNNING", startedAt: { lte: new Date(now.getTime() - staleAfterMs) }, ...(executionIds ? { id: { in: executionIds } } : {}) },
    select: { id: true },
    orderBy: { startedAt: "asc" },
    take: 100,
  });
  let finished = 0;
  for (const execution of interrupted) {
    await db.execution.update({ where: { id: execution.id }, data: { attempts: { increment: 1 } } });
    const result = await completeExecution(db, execution.id, { requestId: "reconciler" }).catch(() => null);
    if (result?.ok) finished++;
  }
  return { expired: expired.length, resumed: interrupted.length, finished };
}
