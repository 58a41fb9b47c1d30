import "server-only";
import type { TPrisma } from "@/lib/db/prisma";
import type { TCurrentUser } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/roles";
import { NotAllowedError } from "@/lib/users/queries";

// The secret rotation schedule (escrow guide §11) and the backups with their monthly restore test
// (XRPL guide "Backup & Recovery"): what is due, what is late, who did what last. Secret VALUES
// never enter OpsDeck; only the fact that one was rotated, when and by whom.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A rotation due within this is "due soon": time to plan the maintenance window. */
export const DUE_SOON_DAYS = 7;

export type TSecretState = "ok" | "due-soon" | "overdue" | "as-needed";
export type TBackupState = "ok" | "overdue" | "never";
export type TRestoreState = "ok" | "overdue" | "never" | "failed";

/**
 * When a secret is next due and how urgent that is. Rotated as needed (no period): never due.
 * A period but never rotated: overdue now (dueAt null: there is no date to count from).
 */
export function secretDue({ rotationDays, lastRotatedAt, now }: { rotationDays: number | null; lastRotatedAt: Date | null; now: Date }): { state: TSecretState; dueAt: Date | null } {
  if (rotationDays === null) return { state: "as-needed", dueAt: null };
  if (!lastRotatedAt) return { state: "overdue", dueAt: null };
  const dueAt = new Date(lastRotatedAt.getTime() + rotationDays * DAY);
  const left = dueAt.getTime() - now.getTime();
  return { state: left <= 0 ? "overdue" : left <= DUE_SOON_DAYS * DAY ? "due-soon" : "ok", dueAt };
}

/** A backup is late once the last success is older than the target's maximum age. */
export function backupState({ lastSuccessAt, maxAgeHours, now }: { lastSuccessAt: Date | null; maxAgeHours: number; now: Date }): TBackupState {
  if (!lastSuccessAt) return "never";
  return now.getTime() - lastSuccessAt.getTime() > maxAgeHours * HOUR ? "overdue" : "ok";
}

/**
 * The restore test: a failed last test wins over its age (a backup that does not restore is not
 * a backup, whatever the date says); otherwise it is due restoreEveryDays after the last one.
 */
export function restoreState({ lastRestoreTestAt, lastRestoreOutcome, restoreEveryDays, now }: { lastRestoreTestAt: Date | null; lastRestoreOutcome: string | null; restoreEveryDays: number; now: Date }): { state: TRestoreState; dueAt: Date | null } {
  if (!lastRestoreTestAt) return { state: "never", dueAt: null };
  const dueAt = new Date(lastRestoreTestAt.getTime() + restoreEveryDays * DAY);
  if (lastRestoreOutcome === "failed") return { state: "failed", dueAt };
  return { state: now.getTime() >= dueAt.getTime() ? "overdue" : "ok", dueAt };
}

const SECRET_RANK: Record<TSecretState, number> = { overdue: 0, "due-soon": 1, ok: 2, "as-needed": 3 };

/** Most urgent first: overdue (never rotated before late ones), due soon, ok by due date, then as needed. */
export function bySecretUrgency(a: { state: TSecretState; dueAt: Date | null; name: string }, b: { state: TSecretState; dueAt: Date | null; name: string }): number {
  return SECRET_RANK[a.state] - SECRET_RANK[b.state] || (a.dueAt?.getTime() ?? -Infinity) - (b.dueAt?.getTime() ?? -Infinity) || a.name.localeCompare(b.name);
}

export type TSecretRow = {
  id: string;
  name: string;
  rotationDays: number | null;
  procedure: string;
  impact: string;
  lastRotatedAt: Date | null;
  lastRotatedBy: string | null;
  dueAt: Date | null;
  state: TSecretState;
};

export type TBackupRow = {
  id: string;
  name: string;
  schedule: string;
  maxAgeHours: number;
  restoreEveryDays: number;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  /** The latest run failed (a failure newer than the last success). */
  isLastRunFailed: boolean;
  state: TBackupState;
  lastRestoreTestAt: Date | null;
  lastRestoreOutcome: string | null;
  restoreDueAt: Date | null;
  restoreState: TRestoreState;
};

export type TRotationEntry = { id: string; secretId: string; secretName: string; rotatedAt: Date; recordedBy: string; note: string; source: string };
export type TBackupEntry = { id: string; targetId: string; targetName: string; kind: string; outcome: string; at: Date; recordedBy: string; note: string };

export type TSecretsPage = {
  secrets: TSecretRow[];
  backups: TBackupRow[];
  rotations: TRotationEntry[];
  events: TBackupEntry[];
  counts: { secretsOverdue: number; secretsDueSoon: number; backupsOverdue: number; restoreTestsOverdue: number; overdue: number };
};

export function assertCanReadSecrets(user: Pick<TCurrentUser, "roles">) {
  if (!canOpen("/secrets", user.roles)) throw new NotAllowedError("Only operators, treasury, approvers, auditors and admins can read the secret rotation schedule and backups");
}

const SECRET_SELECT = { id: true, name: true, rotationDays: true, procedure: true, impact: true, lastRotatedAt: true, lastRotatedBy: true } as const;
const TARGET_SELECT = { id: true, name: true, schedule: true, maxAgeHours: true, restoreEveryDays: true, lastSuccessAt: true, lastFailureAt: true, lastRestoreTestAt: true, lastRestoreOutcome: true } as const;

function secretRow(s: Omit<TSecretRow, "dueAt" | "state">, now: Date): TSecretRow {
  return { ...s, ...secretDue({ rotationDays: s.rotationDays, lastRotatedAt: s.lastRotatedAt, now }) };
}

function backupRow(t: Omit<TBackupRow, "isLastRunFailed" | "state" | "restoreDueAt" | "restoreState">, now: Date): TBackupRow {
  const restore = restoreState({ lastRestoreTestAt: t.lastRestoreTestAt, lastRestoreOutcome: t.lastRestoreOutcome, restoreEveryDays: t.restoreEveryDays, now });
  return {
    ...t,
    isLastRunFailed: !!t.lastFailureAt && (!t.lastSuccessAt || t.lastFailureAt > t.lastSuccessAt),
    state: backupState({ lastSuccessAt: t.lastSuccessAt, maxAgeHours: t.maxAgeHours, now }),
    restoreDueAt: restore.dueAt,
    restoreState: restore.state,
  };
}

export async function readSecretsPage(db: TPrisma, user: Pick<TCurrentUser, "roles">, now = new Date()): Promise<TSecretsPage> {
  assertCanReadSecrets(user);
  const [secrets, targets, rotations, events] = await Promise.all([
    db.managedSecret.findMany({ select: SECRET_SELECT }),
    db.backupTarget.findMany({ select: TARGET_SELECT, orderBy: { id: "asc" } }),
    db.secretRotation.findMany({ orderBy: [{ rotatedAt: "desc" }, { id: "desc" }], take: 20, select: { id: true, secretId: true, rotatedAt: true, recordedBy: true, note: true, source: true, secret: { select: { name: true } } } }),
    db.backupEvent.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], take: 20, select: { id: true, targetId: true, kind: true, outcome: true, at: true, recordedBy: true, note: true, target: { select: { name: true } } } }),
  ]);
  const secretRows = secrets.map((s) => secretRow(s, now)).sort(bySecretUrgency);
  // Late ones first, like the secrets.
  const backupRows = targets.map((t) => backupRow(t, now)).sort((a, b) => Number(a.state === "ok" && a.restoreState === "ok") - Number(b.state === "ok" && b.restoreState === "ok"));
  const secretsOverdue = secretRows.filter((s) => s.state === "overdue").length;
  const backupsOverdue = backupRows.filter((b) => b.state !== "ok").length;
  const restoreTestsOverdue = backupRows.filter((b) => b.restoreState !== "ok").length;
  return {
    secrets: secretRows,
    backups: backupRows,
    rotations: rotations.map(({ secret, ...r }) => ({ ...r, secretName: secret.name })),
    events: events.map(({ target, ...e }) => ({ ...e, targetName: target.name })),
    counts: { secretsOverdue, secretsDueSoon: secretRows.filter((s) => s.state === "due-soon").length, backupsOverdue, restoreTestsOverdue, overdue: secretsOverdue + backupsOverdue + restoreTestsOverdue },
  };
}

export type TOverdue = {
  /** dueAt null: it has a rotation period and was never rotated. */
  secrets: { id: string; name: string; dueAt: Date | null }[];
  /** lastSuccessAt null: never backed up. */
  backups: { id: string; name: string; lastSuccessAt: Date | null }[];
  /** lastRestoreTestAt null: never tested. A failed last test is listed too (a passing one is due now). */
  restoreTests: { id: string; name: string; lastRestoreTestAt: Date | null; lastRestoreOutcome: string | null }[];
};

/**
 * What is late at `now`, for the alert rules and the navigation badge: two small queries (a few
 * rows each), the dates worked out by the same functions as the page. No permission check: it
 * names no secret value and no person; callers decide who sees the count.
 */
export async function readOverdue(db: Pick<TPrisma, "managedSecret" | "backupTarget">, now = new Date()): Promise<TOverdue> {
  const [secrets, targets] = await Promise.all([
    db.managedSecret.findMany({ where: { rotationDays: { not: null } }, select: { id: true, name: true, rotationDays: true, lastRotatedAt: true }, orderBy: { id: "asc" } }),
    db.backupTarget.findMany({ select: TARGET_SELECT, orderBy: { id: "asc" } }),
  ]);
  const late = secrets.map((s) => ({ s, due: secretDue({ rotationDays: s.rotationDays, lastRotatedAt: s.lastRotatedAt, now }) })).filter(({ due }) => due.state === "overdue");
  const rows = targets.map((t) => backupRow(t, now));
  return {
    secrets: late.map(({ s, due }) => ({ id: s.id, name: s.name, dueAt: due.dueAt })),
    backups: rows.filter((b) => b.state !== "ok").map((b) => ({ id: b.id, name: b.name, lastSuccessAt: b.lastSuccessAt })),
    restoreTests: rows.filter((b) => b.restoreState !== "ok").map((b) => ({ id: b.id, name: b.name, lastRestoreTestAt: b.lastRestoreTestAt, lastRestoreOutcome: b.lastRestoreOutcome })),
  };
}

/** The navigation badge: everything late (secrets, backups, restore tests). */
export async function countOverdue(db: Pick<TPrisma, "managedSecret" | "backupTarget">, user: Pick<TCurrentUser, "roles">, now = new Date()): Promise<number> {
  if (!canOpen("/secrets", user.roles)) return 0;
  const o = await readOverdue(db, now);
  return o.secrets.length + o.backups.length + o.restoreTests.length;
}
