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

export type TRecentRound = { job: string; instance: string; startedAt: Date };

/** The latest round of each periodic job across all instances, within the last hour (the scheduled-tasks page). */
export async function recentRounds(db: TPrisma): Promise<TRecentRound[]> {
  return db.$queryRaw<TRecentRound[]>`
    SELECT DISTINCT ON (job) job, instance, "startedAt" FROM "JobRound"
    WHERE "startedAt" > now() - interval '1 hour'
    ORDER BY job, "startedAt" DESC`;
}

/** The claimed round behind a heartbeat job name ("chain-sync" claims per chain, "faucet" its balance reads). */
export function roundFor(rounds: readonly TRecentRound[], job: string): TRecentRound | null {
  const key = job === "faucet" ? "faucet-balances" : job;
  return rounds.filter((r) => r.job === key || r.job.startsWith(`${key}:`)).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0] ?? null;
}
