import "server-only";
import type { TPrisma } from "@/lib/db/prisma";
import type { TCurrentUser } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/roles";
import { NotAllowedError } from "@/lib/users/queries";
import { trendDays, type TCheckResult, type TCheckStatus, type TTrendDay } from "@/lib/daily/status";

// What /daily shows: the latest run with every check, the trend of the last 30 days, and the history.

export type TRunRow = { id: string; trigger: string; requestedBy: string | null; startedAt: Date; finishedAt: Date | null; status: TCheckStatus | null; checks: TCheckResult[] };

function toRow(r: { id: string; trigger: string; requestedBy: string | null; startedAt: Date; finishedAt: Date | null; status: string | null; checks: unknown }): TRunRow {
  return { ...r, status: r.status as TCheckStatus | null, checks: Array.isArray(r.checks) ? (r.checks as TCheckResult[]) : [] };
}

export async function readDailyPage(db: TPrisma, user: Pick<TCurrentUser, "roles">, now = new Date()): Promise<{ latest: TRunRow | null; history: TRunRow[]; trend: TTrendDay[]; isRunning: boolean }> {
  if (!canOpen("/daily", user.roles)) throw new NotAllowedError("Only signed-in staff read the daily check");
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const runs = (await db.dailyCheckRun.findMany({ where: { startedAt: { gte: since } }, orderBy: { startedAt: "desc" }, take: 500 })).map(toRow);
  const finished = runs.filter((r) => r.status !== null);
  return {
    latest: finished[0] ?? null,
    history: runs.slice(0, 30),
    trend: trendDays(finished, now),
    // A run started in the last two minutes and not finished: the page refreshes itself.
    isRunning: runs.some((r) => r.status === null && now.getTime() - r.startedAt.getTime() < 120_000),
  };
}

/** Failing checks in the latest run, for the navigation badge (0 when the user cannot open /daily). */
export async function countFailingChecks(db: TPrisma, user: Pick<TCurrentUser, "roles">): Promise<number> {
  if (!canOpen("/daily", user.roles)) return 0;
  const latest = await db.dailyCheckRun.findFirst({ where: { status: { not: null } }, orderBy: { startedAt: "desc" }, select: { checks: true } });
  return Array.isArray(latest?.checks) ? (latest.checks as TCheckResult[]).filter((c) => c.status === "fail").length : 0;
}
