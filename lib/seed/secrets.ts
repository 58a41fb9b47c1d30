import type { TPrisma } from "@/lib/db/prisma";
import { recordSecretRotation } from "@/lib/secrets/record";

// Demo history for the secrets & backups page: most secrets rotated on time, the session secret
// 45 days ago (past its 30 days: overdue), the explorer API key never (overdue since day one),
// the Redis password due within the week; ten days of backups with one failed night, and a
// database restore test 40 days ago (the monthly one is overdue). Backdated, so written directly
// rather than through the operations (which refuse nothing here but stamp who pressed).

const DAY = 86_400_000;
const OPERATOR = "operator@opsdeck.local";
const TREASURY = "treasury@opsdeck.local";
const SOURCE = "secret.rotation.record";

const ROTATIONS: { secretId: string; daysAgo: number; by: string; note: string }[] = [
  { secretId: "session-secret", daysAgo: 75, by: OPERATOR, note: "Monthly rotation (RB-06); everyone signed in again" },
  { secretId: "session-secret", daysAgo: 45, by: OPERATOR, note: "Monthly rotation (RB-06); sessions invalidated at 02:00 UTC" },
  { secretId: "db-password", daysAgo: 110, by: OPERATOR, note: "Quarterly rotation, 40 s of downtime" },
  { secretId: "db-password", daysAgo: 20, by: OPERATOR, note: "Quarterly rotation; health checks green after restart" },
  { secretId: "redis-password", daysAgo: 84, by: OPERATOR, note: "Quarterly rotation together with the Redis upgrade" },
  { secretId: "ipfs-api-key", daysAgo: 200, by: OPERATOR, note: "New key on the pinning service; old one revoked" },
  { secretId: "platform-xrpl-seed", daysAgo: 60, by: TREASURY, note: "Wallet rotation; new seed backed up encrypted in 3 places" },
  { secretId: "faucet-keys", daysAgo: 12, by: OPERATOR, note: "Faucet key rotation after the new wallet was funded" },
  { secretId: "treasury-keys", daysAgo: 60, by: TREASURY, note: "Moved funds to the new treasury wallet with two approvals" },
];

type TEvent = { targetId: string; kind: "backup" | "restore-test"; outcome: "success" | "failed"; at: Date; recordedBy: string; note: string };

/** The daily run at hh:mm UTC on each of the last `days` days that has already happened. */
function dailyRuns(now: Date, days: number, hour: number, minute: number): Date[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour, minute);
  const first = today <= now.getTime() ? today : today - DAY;
  return Array.from({ length: days }, (_, i) => new Date(first - i * DAY));
}

function backupEvents(now: Date): TEvent[] {
  const events: TEvent[] = [];
  // Database daily: one failed night (the offsite copy timed out), the next night fine again.
  dailyRuns(now, 10, 3, 4).forEach((at, i) =>
    events.push(
      i === 4
        ? { targetId: "database-daily", kind: "backup", outcome: "failed", at, recordedBy: OPERATOR, note: "Offsite upload timed out; local copy kept, retried next night" }
        : { targetId: "database-daily", kind: "backup", outcome: "success", at, recordedBy: OPERATOR, note: "" },
    ),
  );
  dailyRuns(now, 10, 0, 30).forEach((at) => events.push({ targetId: "application-logs", kind: "backup", outcome: "success", at, recordedBy: OPERATOR, note: "" }));
  // Weekly full backup: the last two Sundays.
  const lastSunday = dailyRuns(now, 7, 3, 20).find((d) => d.getUTCDay() === 0)!;
  for (const at of [lastSunday, new Date(lastSunday.getTime() - 7 * DAY)]) events.push({ targetId: "database-weekly", kind: "backup", outcome: "success", at, recordedBy: OPERATOR, note: "" });
  // Restore tests: the database's monthly test is late.
  events.push({ targetId: "database-daily", kind: "restore-test", outcome: "success", at: new Date(now.getTime() - 40 * DAY), recordedBy: OPERATOR, note: "Restored into a scratch database; row counts matched" });
  events.push({ targetId: "database-weekly", kind: "restore-test", outcome: "success", at: new Date(now.getTime() - 12 * DAY), recordedBy: OPERATOR, note: "Full restore on staging in 14 min" });
  events.push({ targetId: "application-logs", kind: "restore-test", outcome: "success", at: new Date(now.getTime() - 25 * DAY), recordedBy: OPERATOR, note: "Pulled last week's archive and searched it" });
  return events;
}

const latest = (dates: Date[]) => (dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null);

/** Idempotent: does nothing once any rotation is recorded (demo or real). */
export async function seedSecretsDemo(db: TPrisma, now = new Date()): Promise<{ rotations: number; backupEvents: number }> {
  if ((await db.secretRotation.count()) > 0) return { rotations: 0, backupEvents: 0 };
  const events = backupEvents(now);
  await db.$transaction(async (tx) => {
    for (const r of ROTATIONS) {
      await recordSecretRotation(tx, { secretId: r.secretId, rotatedAt: new Date(now.getTime() - r.daysAgo * DAY), by: r.by, note: r.note, source: SOURCE });
    }
    await tx.backupEvent.createMany({ data: events });
    const targets = await tx.backupTarget.findMany({ select: { id: true } });
    for (const { id } of targets) {
      const mine = events.filter((e) => e.targetId === id);
      const at = (kind: TEvent["kind"], outcome?: TEvent["outcome"]) => latest(mine.filter((e) => e.kind === kind && (!outcome || e.outcome === outcome)).map((e) => e.at));
      const restoreAt = at("restore-test");
      await tx.backupTarget.update({
        where: { id },
        data: {
          lastSuccessAt: at("backup", "success"),
          lastFailureAt: at("backup", "failed"),
          lastRestoreTestAt: restoreAt,
          lastRestoreOutcome: restoreAt ? mine.find((e) => e.kind === "restore-test" && e.at.getTime() === restoreAt.getTime())!.outcome : null,
        },
      });
    }
  });
  return { rotations: ROTATIONS.length, backupEvents: events.length };
}
