import type { Prisma } from "@/generated/prisma/client";
import { log } from "@/lib/log";

/**
 * Runs secondary bookkeeping (a timeline entry, a run moving on) inside a savepoint of the
 * caller's transaction: if it fails, only it is undone and the main change still commits. An
 * operation that already happened on chain must never be recorded as failed because its
 * bookkeeping tripped.
 */
export async function bestEffort(tx: Prisma.TransactionClient, what: string, body: () => Promise<unknown>) {
  await tx.$executeRawUnsafe("SAVEPOINT opsdeck_best_effort");
  try {
    await body();
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT opsdeck_best_effort");
  } catch (err) {
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT opsdeck_best_effort");
    log.error({ err, what }, "bookkeeping failed; the main change stands");
  }
}
