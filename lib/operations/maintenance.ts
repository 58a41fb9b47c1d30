import { z } from "zod";
import { defineOperation, type TOperation } from "@/lib/operations/define";
import { OperationError } from "@/lib/operations/result";
import { canOpen, knownRoles } from "@/lib/auth/roles";
import { asCadence, MAINTENANCE_PATH, MAINTENANCE_WRITERS, maintenanceState, movedDueDate } from "@/lib/maintenance/schedule";

// Recording the weekly and monthly maintenance checklists (XRPL guide "Maintenance") and who owns
// them. OpsDeck runs none of the commands: these operations record that someone did the steps,
// which ones, when, and what they noted. Records of work done, not changes: no approvals.

const DAY = 86_400_000;
/** Phone and server clocks disagree by a little; a time typed as "now" must not be refused. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** A completion is recorded soon after the work; older ones would only rewrite history. */
const MAX_AGE_DAYS = 60;
/**
 * A reason for skipping a step needs a sentence: "done" or "n/a" pass the general 5-character
 * note but tell the next person nothing about why, say, the restore test was not run.
 */
const SKIP_REASON_MIN = 15;

const ZTaskId = z.string({ message: "Choose the checklist" }).trim().min(1, "Choose the checklist").max(100);

/** datetime-local has no zone: "2026-11-24T03:10" is read as UTC, like the rest of the portal. Empty means now. */
const ZCompletedAt = z
  .preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(v.trim()) ? `${v.trim()}Z` : v),
    z.coerce.date({ message: "Enter when it was done (UTC), or leave it empty for now" }).optional(),
  )
  .transform((v) => v ?? new Date())
  .refine((v) => v.getTime() <= Date.now() + CLOCK_SKEW_MS, "That is in the future: enter when it was done (UTC)")
  .refine((v) => v.getTime() >= Date.now() - MAX_AGE_DAYS * DAY, `That is more than ${MAX_AGE_DAYS} days ago: record only recent maintenance`);

export const completeMaintenance = defineOperation({
  id: "maintenance.complete",
  title: "Record a maintenance checklist",
  description: "Records which steps of the weekly or monthly maintenance were done; the next due date moves on.",
  risk: "low",
  input: z.object({
    taskId: ZTaskId,
    // The form's checkboxes arrive as strings ("doneSteps[]"), the stored input as numbers. Checked
    // as a whole so the message lands next to the checkbox group, not on "doneSteps.0".
    doneSteps: z
      .array(z.unknown(), { message: "Tick the steps you did" })
      .min(1, "Tick at least one step you did")
      .max(50, "Tick the steps you did")
      .transform((steps) => steps.map((v) => (typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : Number.NaN)))
      .refine((steps) => steps.every((n) => Number.isInteger(n) && n >= 0), "Tick the steps you did")
      .transform((steps) => [...new Set(steps)].sort((a, b) => a - b)),
    note: z
      .string({ message: "Say what was done, and why if you skipped a step" })
      .trim()
      .min(5, "Say what was done, and why if you skipped a step (at least 5 characters)")
      .max(1000, "At most 1000 characters"),
    completedAt: ZCompletedAt,
  }),
  allowed: MAINTENANCE_WRITERS,
  approval: null,
  target: (input) => ({ type: "maintenance-task", id: input.taskId }),
  summary: (input) => `Record ${input.taskId} maintenance (${input.doneSteps.length} step${input.doneSteps.length === 1 ? "" : "s"} done)`,
  async execute({ tx, requester }, input) {
    const task = await tx.maintenanceTask.findUnique({ where: { id: input.taskId }, select: { id: true, cadence: true, steps: true, nextDueAt: true, lastCompletedAt: true } });
    if (!task) throw new OperationError("NOT_FOUND", `There is no maintenance checklist "${input.taskId}"`, { taskId: ["Choose a checklist from the page"] });
    const unknown = input.doneSteps.filter((i) => i >= task.steps.length);
    if (unknown.length) throw new OperationError("INVALID_INPUT", "Some fields need attention.", { doneSteps: [`This checklist has ${task.steps.length} steps; tick only those`] });
    const skipped = task.steps.map((_, i) => i).filter((i) => !input.doneSteps.includes(i));
    if (skipped.length && input.note.length < SKIP_REASON_MIN) {
      const named = skipped.map((i) => `${i + 1} (${task.steps[i]})`).join(", ");
      throw new OperationError("INVALID_INPUT", "Some fields need attention.", { note: [`You skipped step${skipped.length > 1 ? "s" : ""} ${named}: say why in the note (at least ${SKIP_REASON_MIN} characters)`] });
    }

    const at = input.completedAt;
    await tx.maintenanceCompletion.create({ data: { taskId: task.id, completedAt: at, by: requester.email, note: input.note, doneSteps: input.doneSteps } });
    // Forward only, each in one conditional statement: a completion recorded late (or two at once)
    // never brings "last done" or the due date back.
    const lastMoved = await tx.maintenanceTask.updateMany({ where: { id: task.id, OR: [{ lastCompletedAt: null }, { lastCompletedAt: { lt: at } }] }, data: { lastCompletedAt: at, lastCompletedBy: requester.email } });
    const nextDueAt = movedDueDate({ cadence: asCadence(task.cadence), currentDueAt: task.nextDueAt, completedAt: at });
    await tx.maintenanceTask.updateMany({ where: { id: task.id, nextDueAt: { lt: nextDueAt } }, data: { nextDueAt } });
    const after = await tx.maintenanceTask.findUniqueOrThrow({ where: { id: task.id }, select: { nextDueAt: true, lastCompletedAt: true } });
    return {
      taskId: task.id,
      completedAt: at.toISOString(),
      doneSteps: input.doneSteps,
      skippedSteps: skipped,
      isLatest: lastMoved.count === 1,
      before: { nextDueAt: task.nextDueAt.toISOString(), lastCompletedAt: task.lastCompletedAt?.toISOString() ?? null },
      after: { nextDueAt: after.nextDueAt.toISOString(), lastCompletedAt: after.lastCompletedAt?.toISOString() ?? null },
      state: maintenanceState({ nextDueAt: after.nextDueAt, now: new Date() }),
    };
  },
});

export const assignMaintenance = defineOperation({
  id: "maintenance.assign",
  title: "Assign a maintenance checklist",
  description: "Names who looks after a checklist (or nobody); they must be able to open the maintenance page.",
  risk: "low",
  input: z.object({
    taskId: ZTaskId,
    ownerEmail: z
      .string({ message: "Choose who owns it, or nobody" })
      .trim()
      .toLowerCase()
      .max(254, "That is not an email address")
      .refine((v) => v === "" || z.email().safeParse(v).success, "Enter an email address, or leave it empty for nobody"),
  }),
  allowed: MAINTENANCE_WRITERS,
  approval: null,
  target: (input) => ({ type: "maintenance-task", id: input.taskId }),
  summary: (input) => (input.ownerEmail ? `Assign ${input.taskId} maintenance to ${input.ownerEmail}` : `Unassign ${input.taskId} maintenance`),
  async execute({ tx }, input) {
    const task = await tx.maintenanceTask.findUnique({ where: { id: input.taskId }, select: { id: true, ownerEmail: true } });
    if (!task) throw new OperationError("NOT_FOUND", `There is no maintenance checklist "${input.taskId}"`, { taskId: ["Choose a checklist from the page"] });
    if (input.ownerEmail) {
      const user = await tx.user.findUnique({ where: { email: input.ownerEmail }, select: { roles: true, disabledAt: true } });
      // An owner who cannot open the page would be told about a checklist they cannot see.
      if (!user || user.disabledAt) throw new OperationError("INVALID_INPUT", "Some fields need attention.", { ownerEmail: ["No active OpsDeck user has this email address"] });
      if (!canOpen(MAINTENANCE_PATH, knownRoles(user.roles))) throw new OperationError("INVALID_INPUT", "Some fields need attention.", { ownerEmail: ["This user cannot open the maintenance page: choose support, an operator, approver, auditor or admin"] });
    }
    const ownerEmail = input.ownerEmail || null;
    await tx.maintenanceTask.update({ where: { id: task.id }, data: { ownerEmail } });
    return { taskId: task.id, before: { ownerEmail: task.ownerEmail }, after: { ownerEmail } };
  },
});

export const MAINTENANCE_OPERATIONS: TOperation[] = [completeMaintenance, assignMaintenance];
