import "server-only";
import type { TPrisma } from "@/lib/db/prisma";
import type { TCurrentUser } from "@/lib/auth/session";
import { canOpen, knownRoles, type TRole } from "@/lib/auth/roles";
import { NotAllowedError } from "@/lib/users/queries";

// The XRPL guide's weekly and monthly maintenance ("Maintenance" section) as recurring checklists:
// when each is next due, how urgent that is, who did it last and which steps they ticked.
//
// THE DUE RULE (what an ops lead reads off a calendar):
// - weekly checklists are due on Mondays 00:00 UTC, monthly ones on the 1st 00:00 UTC (the
//   migration seeds them that way);
// - a completion counts for the first such date more than DUE_SOON_DAYS after it, which is then
//   the next due date. So doing it once the card says "Due soon" (or on the due day, or late)
//   counts for that due date and the next is one period on; doing it while it is "OK" leaves the
//   due date where it is (it was already covered);
// - dates only move forward: a completion recorded late, for an older day, never brings the due
//   date or "last done" back.
// All in UTC, like the rest of the portal; calendar months, so month ends need no special case.

const DAY = 86_400_000;
/** Due within this is "due soon", and a completion this close to a due date counts for it. */
export const DUE_SOON_DAYS = 2;
/** Who records completions and assigns owners: used by the operations and by the page's hints alike. */
export const MAINTENANCE_WRITERS = ["operator", "admin"] as const satisfies readonly TRole[];
export const MAINTENANCE_PATH = "/maintenance";

export type TCadence = "weekly" | "monthly";
export type TMaintenanceState = "ok" | "due-soon" | "overdue";

/** Monday 00:00 UTC on or before `at`. */
function mondayOnOrBefore(at: Date): Date {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const daysSinceMonday = (at.getUTCDay() + 6) % 7;
  return new Date(midnight - daysSinceMonday * DAY);
}

/** The first due date (Monday / the 1st, 00:00 UTC) strictly after `at`. */
export function nextAnchorAfter(cadence: TCadence, at: Date): Date {
  if (cadence === "weekly") {
    const monday = mondayOnOrBefore(at);
    return new Date(monday.getTime() + 7 * DAY);
  }
  // Date.UTC rolls month 12 over into January of the next year.
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

/** The next due date once a checklist is completed at `completedAt` (the rule above). */
export function nextDueAfterCompletion(cadence: TCadence, completedAt: Date): Date {
  return nextAnchorAfter(cadence, new Date(completedAt.getTime() + DUE_SOON_DAYS * DAY));
}

/** The due date after recording a completion: never earlier than the one it had. */
export function movedDueDate({ cadence, currentDueAt, completedAt }: { cadence: TCadence; currentDueAt: Date; completedAt: Date }): Date {
  const next = nextDueAfterCompletion(cadence, completedAt);
  return next > currentDueAt ? next : currentDueAt;
}

export function maintenanceState({ nextDueAt, now }: { nextDueAt: Date; now: Date }): TMaintenanceState {
  const left = nextDueAt.getTime() - now.getTime();
  return left <= 0 ? "overdue" : left <= DUE_SOON_DAYS * DAY ? "due-soon" : "ok";
}

export function asCadence(value: string): TCadence {
  // Only the migration writes cadences; anything unexpected is read as the stricter weekly.
  return value === "monthly" ? "monthly" : "weekly";
}

export type TMaintenanceStep = { index: number; text: string; command: string };
export type TMaintenanceCompletionRow = { id: string; completedAt: Date; by: string; note: string; doneSteps: number[]; skippedSteps: number[] };
export type TMaintenanceTaskRow = {
  id: string;
  title: string;
  cadence: TCadence;
  steps: TMaintenanceStep[];
  ownerEmail: string | null;
  nextDueAt: Date;
  state: TMaintenanceState;
  lastCompletedAt: Date | null;
  lastCompletedBy: string | null;
  /** Newest first, at most HISTORY_SIZE. */
  completions: TMaintenanceCompletionRow[];
};
export type TMaintenancePage = {
  tasks: TMaintenanceTaskRow[];
  /** Who a checklist may be assigned to (active users who can open the page); empty for readers who cannot assign. */
  assignees: { email: string; name: string }[];
  canWrite: boolean;
  counts: { overdue: number; dueSoon: number };
};

export const HISTORY_SIZE = 10;
const CADENCE_RANK: Record<TCadence, number> = { weekly: 0, monthly: 1 };

export function assertCanReadMaintenance(user: Pick<TCurrentUser, "roles">) {
  if (!canOpen(MAINTENANCE_PATH, user.roles)) throw new NotAllowedError("Only support, operators, approvers, auditors and admins can read the maintenance checklists");
}

export function canWriteMaintenance(roles: readonly TRole[]): boolean {
  return MAINTENANCE_WRITERS.some((r) => roles.includes(r));
}

/** The steps as the page shows them: text and command by index (a missing command is ""). */
export function stepsOf(task: { steps: string[]; commands: string[] }): TMaintenanceStep[] {
  return task.steps.map((text, index) => ({ index, text, command: task.commands[index] ?? "" }));
}

/** Active users who may open the page: the ones a checklist can be assigned to. */
export async function listMaintenanceAssignees(db: Pick<TPrisma, "user">): Promise<{ email: string; name: string }[]> {
  const users = await db.user.findMany({ where: { disabledAt: null }, select: { email: true, name: true, roles: true }, orderBy: { email: "asc" } });
  return users.filter((u) => canOpen(MAINTENANCE_PATH, knownRoles(u.roles))).map(({ email, name }) => ({ email, name }));
}

const TASK_SELECT = { id: true, title: true, cadence: true, steps: true, commands: true, ownerEmail: true, nextDueAt: true, lastCompletedAt: true, lastCompletedBy: true } as const;

export async function readMaintenancePage(db: TPrisma, user: Pick<TCurrentUser, "roles">, now = new Date()): Promise<TMaintenancePage> {
  assertCanReadMaintenance(user);
  const canWrite = canWriteMaintenance(user.roles);
  const [tasks, assignees] = await Promise.all([
    db.maintenanceTask.findMany({
      select: { ...TASK_SELECT, completions: { orderBy: [{ completedAt: "desc" }, { id: "desc" }], take: HISTORY_SIZE, select: { id: true, completedAt: true, by: true, note: true, doneSteps: true } } },
    }),
    canWrite ? listMaintenanceAssignees(db) : Promise.resolve([]),
  ]);
  const rows: TMaintenanceTaskRow[] = tasks
    .map((t) => {
      const cadence = asCadence(t.cadence);
      const all = t.steps.map((_, i) => i);
      return {
        id: t.id,
        title: t.title,
        cadence,
        steps: stepsOf(t),
        ownerEmail: t.ownerEmail,
        nextDueAt: t.nextDueAt,
        state: maintenanceState({ nextDueAt: t.nextDueAt, now }),
        lastCompletedAt: t.lastCompletedAt,
        lastCompletedBy: t.lastCompletedBy,
        completions: t.completions.map((c) => ({ ...c, doneSteps: [...c.doneSteps].sort((a, b) => a - b), skippedSteps: all.filter((i) => !c.doneSteps.includes(i)) })),
      };
    })
    .sort((a, b) => CADENCE_RANK[a.cadence] - CADENCE_RANK[b.cadence] || a.id.localeCompare(b.id));
  return {
    tasks: rows,
    assignees,
    canWrite,
    counts: { overdue: rows.filter((r) => r.state === "overdue").length, dueSoon: rows.filter((r) => r.state === "due-soon").length },
  };
}

/**
 * The checklists late at `now`, for an alert rule: one small indexed read. No permission check: it
 * names a checklist and its owner's address, nothing else; callers decide who sees it.
 */
export async function readOverdueMaintenance(db: Pick<TPrisma, "maintenanceTask">, now = new Date()): Promise<{ id: string; title: string; nextDueAt: Date; ownerEmail: string | null }[]> {
  return db.maintenanceTask.findMany({ where: { nextDueAt: { lte: now } }, select: { id: true, title: true, nextDueAt: true, ownerEmail: true }, orderBy: [{ nextDueAt: "asc" }, { id: "asc" }] });
}

/** The navigation badge: checklists late now; 0 for roles that cannot open the page. */
export async function countOverdueMaintenance(db: Pick<TPrisma, "maintenanceTask">, user: Pick<TCurrentUser, "roles">, now = new Date()): Promise<number> {
  if (!canOpen(MAINTENANCE_PATH, user.roles)) return 0;
  return db.maintenanceTask.count({ where: { nextDueAt: { lte: now } } });
}
