import os from "node:os";
import type { TPrisma } from "@/lib/db/prisma";

// A periodic job runs once per interval across every instance that runs it (web servers with
// their jobs on, `npm run worker` processes). Each instance still ticks on its own; a tick first
// claims the round, under a per-job lock, on the database's clock: it runs only when no instance
// started one within the last 80 % of the interval (the margin absorbs timer jitter, so the
// instance that ran the last round is not turned away by a few milliseconds).
const MARGIN = 0.8;
const KEEP_DAYS = 2;

export const INSTANCE = `${os.hostname()}:${process.pid}`;

/** True when this instance should run this interval's round of `job` (and it is recorded as having started it). */
export async function claimRound(db: TPrisma, job: string, everyMs: number): Promise<boolean> {
  const rows = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`job-round:${job}`}))`;
    const claimed = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO "JobRound" (job, instance)
      SELECT ${job}, ${INSTANCE}
      WHERE NOT EXISTS (
        SELECT 1 FROM "JobRound" WHERE job = ${job} AND "startedAt" > now() - make_interval(secs => ${(everyMs * MARGIN) / 1000}::float8)
      )
      RETURNING id`;
    if (claimed.length) await tx.$executeRaw`DELETE FROM "JobRound" WHERE job = ${job} AND "startedAt" < now() - make_interval(days => ${KEEP_DAYS})`;
    return claimed;
  });
  return rows.length > 0;
}
