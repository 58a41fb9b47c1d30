import { z } from "zod";
import { defineOperation } from "@/lib/operations/define";
import { OperationError } from "@/lib/operations/result";
import { recordSecretRotation } from "@/lib/secrets/record";
import { secretDue } from "@/lib/secrets/schedule";

// Recording secret rotations, backups and restore tests. OpsDeck never asks for or stores a
// secret's value: these operations only record that something was done, when and by whom, so the
// schedule (escrow guide §11) and the backup checks (XRPL guide "Backup Testing") stay honest.

const DAY = 86_400_000;
/** Phone and server clocks disagree by a little; a time typed as "now" must not be refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A past moment, typed in UTC on the form (datetime-local has no zone: "2026-11-24T03:10" is read
 * as UTC, like the rest of the portal) or stored as ISO when the execution reads its input back.
 * Empty means now.
 */
function ZPastMoment({ label, maxAgeDays }: { label: string; maxAgeDays: number }) {
  return z
    .preprocess(
      (v) => (v === "" || v === null || v === undefined ? undefined : typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(v.trim()) ? `${v.trim()}Z` : v),
      z.coerce.date({ message: `Enter when it was ${label} (UTC), or leave it empty for now` }).optional(),
    )
    .transform((v) => v ?? new Date())
    .refine((v) => v.getTime() <= Date.now() + CLOCK_SKEW_MS, `That is in the future: enter when it was ${label} (UTC)`)
    .refine((v) => v.getTime() >= Date.now() - maxAgeDays * DAY, `That is more than ${maxAgeDays === 365 ? "a year" : `${maxAgeDays} days`} ago: record only recent ones`);
}

const ZNote = z.string({ message: "Say what was done" }).trim().min(5, "Say what was done (at least 5 characters)").max(500, "At most 500 characters");

export const recordRotation = defineOperation({
  id: "secret.rotation.record",
  title: "Record a secret rotation",
  description: "Records that a secret was rotated (never its value): the schedule counts its next due date from then.",
  risk: "low",
  input: z.object({
    secretId: z.string({ message: "Choose the secret" }).trim().min(1, "Choose the secret").max(100),
    rotatedAt: ZPastMoment({ label: "rotated", maxAgeDays: 365 }),
    note: ZNote,
  }),
  allowed: ["operator", "treasury", "admin"],
  // A record of work already done, not a change: nothing to approve.
  approval: null,
  target: (input) => ({ type: "secret", id: input.secretId }),
  summary: (input) => `Record a rotation of ${input.secretId}`,
  async execute({ tx, requester }, input) {
    const secret = await tx.managedSecret.findUnique({ where: { id: input.secretId }, select: { id: true, name: true } });
    if (!secret) throw new OperationError("NOT_FOUND", `There is no secret "${input.secretId}" in the schedule`, { secretId: ["Choose a secret from the list"] });
    await recordSecretRotation(tx, { secretId: secret.id, rotatedAt: input.rotatedAt, by: requester.email, note: input.note, source: "secret.rotation.record" });
    // Read back: an older rotation recorded late leaves the newer one as "last rotated".
    const after = await tx.managedSecret.findUniqueOrThrow({ where: { id: secret.id }, select: { rotationDays: true, lastRotatedAt: true } });
    const due = secretDue({ rotationDays: after.rotationDays, lastRotatedAt: after.lastRotatedAt, now: new Date() });
    return { secretId: secret.id, rotatedAt: input.rotatedAt.toISOString(), lastRotatedAt: after.lastRotatedAt?.toISOString() ?? null, nextDueAt: due.dueAt?.toISOString() ?? null, state: due.state };
  },
});

export const recordBackup = defineOperation({
  id: "backup.record",
  title: "Record a backup or restore test",
  description: "Records a backup run or a restore test and its outcome; the backup checks count from the newest.",
  risk: "low",
  input: z
    .object({
      targetId: z.string({ message: "Choose what was backed up" }).trim().min(1, "Choose what was backed up").max(100),
      kind: z.enum(["backup", "restore-test"], { message: "Choose backup or restore test" }),
      outcome: z.enum(["success", "failed"], { message: "Choose success or failed" }),
      at: ZPastMoment({ label: "done", maxAgeDays: 365 }),
      note: z.string().trim().max(500, "At most 500 characters").default(""),
    })
    // The next person on call needs to know what broke.
    .refine((v) => v.outcome !== "failed" || v.note.length >= 5, { path: ["note"], message: "Say what failed (at least 5 characters)" }),
  allowed: ["operator", "admin"],
  approval: null,
  target: (input) => ({ type: "backup-target", id: input.targetId }),
  summary: (input) => `Record a ${input.outcome === "success" ? "successful" : "failed"} ${input.kind === "backup" ? "backup" : "restore test"} of ${input.targetId}`,
  async execute({ tx, requester }, input) {
    const target = await tx.backupTarget.findUnique({ where: { id: input.targetId }, select: { id: true } });
    if (!target) throw new OperationError("NOT_FOUND", `There is no backup target "${input.targetId}"`, { targetId: ["Choose a target from the list"] });
    await tx.backupEvent.create({ data: { targetId: target.id, kind: input.kind, outcome: input.outcome, at: input.at, recordedBy: requester.email, note: input.note } });
    // Each "last …" moves forward only: a run recorded late never hides a newer one.
    const at = input.at;
    const isNewer = (field: "lastSuccessAt" | "lastFailureAt" | "lastRestoreTestAt") => ({ id: target.id, OR: [{ [field]: null }, { [field]: { lt: at } }] });
    const updated =
      input.kind === "restore-test"
        ? await tx.backupTarget.updateMany({ where: isNewer("lastRestoreTestAt"), data: { lastRestoreTestAt: at, lastRestoreOutcome: input.outcome } })
        : input.outcome === "success"
          ? await tx.backupTarget.updateMany({ where: isNewer("lastSuccessAt"), data: { lastSuccessAt: at } })
          : await tx.backupTarget.updateMany({ where: isNewer("lastFailureAt"), data: { lastFailureAt: at } });
    return { targetId: target.id, kind: input.kind, outcome: input.outcome, at: at.toISOString(), isLatest: updated.count === 1 };
  },
});

export const updateSecretSchedule = defineOperation({
  id: "secret.schedule.update",
  title: "Change a secret's rotation period",
  description: "How often the secret must be rotated (or only as needed). One approver confirms.",
  risk: "medium",
  input: z.object({
    secretId: z.string({ message: "Choose the secret" }).trim().min(1, "Choose the secret").max(100),
    rotationDays: z.preprocess(
      (v) => (v === "" || v === "as-needed" ? null : v),
      z.coerce.number({ message: "Enter a number of days, or leave it empty for as needed" }).int("Whole days only").min(1, "At least 1 day").max(3650, "At most 3650 days (10 years)").nullable(),
    ),
  }),
  allowed: ["operator", "admin"],
  // A longer period quietly weakens the schedule: a second person agrees to it.
  approval: { count: 1, by: ["approver"], ttlMinutes: 24 * 60 },
  target: (input) => ({ type: "secret", id: input.secretId }),
  summary: (input) => `Rotate ${input.secretId} ${input.rotationDays === null ? "as needed" : `every ${input.rotationDays} days`}`,
  async execute({ tx }, input) {
    const before = await tx.managedSecret.findUnique({ where: { id: input.secretId }, select: { rotationDays: true } });
    if (!before) throw new OperationError("NOT_FOUND", `There is no secret "${input.secretId}" in the schedule`, { secretId: ["Choose a secret from the list"] });
    await tx.managedSecret.update({ where: { id: input.secretId }, data: { rotationDays: input.rotationDays } });
    return { secretId: input.secretId, before: { rotationDays: before.rotationDays }, after: { rotationDays: input.rotationDays } };
  },
});

export const SECRET_OPERATIONS = [recordRotation, recordBackup, updateSecretSchedule];
