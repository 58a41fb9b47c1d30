import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import { readThresholdValues } from "@/lib/alerts/readings";
import { runChecks } from "@/lib/daily/checks";
import { worstStatus } from "@/lib/daily/status";
import { withoutEndpoints } from "@/lib/format/endpoints";

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

/** A claimed run still without a verdict after this long was interrupted (a restart at 08:00): it may be taken over. */
const ABANDONED_MS = 5 * 60_000;

/** The UTC day's scheduled run, once it is past the configured hour; null when not due or already done. */
export async function runScheduledIfDue(db: TPrisma, now = new Date()): Promise<{ id: string; status: string } | null> {
  const hour = Math.min(23, Math.max(0, Math.floor((await readThresholdValues()).dailyCheckHourUtc)));
  if (now.getUTCHours() < hour) return null;
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  // Looked up first: once the day's run exists, the minutely tick costs one indexed read, no failed insert.
  const existing = await db.dailyCheckRun.findUnique({ where: { scheduledFor: day }, select: { id: true, status: true, startedAt: true } });
  let id: string | null = null;
  if (!existing) {
    const claimed = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO "DailyCheckRun" (id, trigger, "scheduledFor", "startedAt", checks) VALUES (gen_random_uuid(), 'schedule', ${day.toISOString().slice(0, 10)}::date, ${now}, '[]'::jsonb)
      ON CONFLICT ("scheduledFor") DO NOTHING RETURNING id::text AS id`;
    id = claimed[0]?.id ?? null;
  } else if (existing.status === null && now.getTime() - existing.startedAt.getTime() > ABANDONED_MS) {
    // Taken over by exactly one instance: the row must still be the abandoned one.
    const taken = await db.dailyCheckRun.updateMany({ where: { id: existing.id, status: null, startedAt: existing.startedAt }, data: { startedAt: now } });
    id = taken.count ? existing.id : null;
  }
  if (!id) return null;
  try {
    return await finishRun(db, id, now);
  } catch (err) {
    // Recorded as a failed run rather than left "running" (which would block the day).
    const reason = withoutEndpoints(err instanceof Error ? err.message : String(err)).slice(0, 200);
    await db.dailyCheckRun
      .update({ where: { id }, data: { finishedAt: new Date(), status: "fail", checks: [{ key: "run", label: "The check itself", value: "did not finish", status: "fail", detail: reason, runbook: null }] } })
      .catch(() => undefined);
    throw err;
  }
}
