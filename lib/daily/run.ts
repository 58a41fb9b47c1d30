import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import { readThresholdValues } from "@/lib/alerts/readings";
import { runChecks } from "@/lib/daily/checks";
import { worstStatus } from "@/lib/daily/status";

// Runs the daily check and stores it. The scheduled run claims its UTC day first (a unique
// column), so however many instances run the job, each day's scheduled check runs once.

export type TRunArgs = { trigger: "schedule" | "button"; by?: string | null; id?: string; now?: Date };

export async function runDailyCheck(db: TPrisma, args: TRunArgs): Promise<{ id: string; status: string }> {
  const now = args.now ?? new Date();
  // A button press runs under its execution id: a retry finds the run instead of starting another.
  if (args.id) {
    const existing = await db.dailyCheckRun.findUnique({ where: { id: args.id }, select: { id: true, status: true } });
    if (existing?.status) return { id: existing.id, status: existing.status };
  }
  const row = args.id
    ? await db.dailyCheckRun.upsert({ where: { id: args.id }, create: { id: args.id, trigger: args.trigger, requestedBy: args.by ?? null, startedAt: now }, update: {} })
    : await db.dailyCheckRun.create({ data: { trigger: args.trigger, requestedBy: args.by ?? null, startedAt: now } });
  return finishRun(db, row.id, now);
}

async function finishRun(db: TPrisma, id: string, now: Date): Promise<{ id: string; status: string }> {
  const checks = await runChecks({ db, now, t: await readThresholdValues() });
  const status = worstStatus(checks);
  await db.dailyCheckRun.update({ where: { id }, data: { finishedAt: new Date(), status, checks: checks as unknown as Prisma.InputJsonValue } });
  return { id, status };
}

/** The UTC day's scheduled run, once it is past the configured hour; null when not due or already claimed. */
export async function runScheduledIfDue(db: TPrisma, now = new Date()): Promise<{ id: string; status: string } | null> {
  const hour = Math.min(23, Math.max(0, Math.floor((await readThresholdValues()).dailyCheckHourUtc)));
  if (now.getUTCHours() < hour) return null;
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  try {
    const row = await db.dailyCheckRun.create({ data: { trigger: "schedule", scheduledFor: day, startedAt: now } });
    return finishRun(db, row.id, now);
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return null; // another instance (or an earlier tick) has today's
    throw err;
  }
}
