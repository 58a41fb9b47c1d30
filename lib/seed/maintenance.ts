import type { TPrisma } from "@/lib/db/prisma";
import { nextDueAfterCompletion } from "@/lib/maintenance/schedule";

// Demo history for the maintenance page: the weekly checklist last done 9 days ago (so it is
// overdue whatever the weekday), owned by the operator; the monthly one done 20 days ago with the
// certificate renewal skipped and the note saying why. By the due rule the monthly one is due on
// the 1st after that, so in the first ~18 days of a month it shows overdue too: the page tells
// the truth about the dates rather than a fixed story. Backdated, so written directly rather than
// through the operations (which stamp who pressed and refuse nothing here).

const DAY = 86_400_000;
const OPERATOR = "operator@opsdeck.local";

/** Idempotent: does nothing once any completion is recorded (demo or real). */
export async function seedMaintenanceDemo(db: TPrisma, now = new Date()): Promise<{ completions: number }> {
  if ((await db.maintenanceCompletion.count()) > 0) return { completions: 0 };
  const tasks = await db.maintenanceTask.findMany({ where: { id: { in: ["weekly", "monthly"] } }, select: { id: true, steps: true } });
  const weekly = tasks.find((t) => t.id === "weekly");
  const monthly = tasks.find((t) => t.id === "monthly");
  let completions = 0;
  await db.$transaction(async (tx) => {
    if (weekly) {
      const at = new Date(now.getTime() - 9 * DAY);
      await tx.maintenanceCompletion.create({ data: { taskId: weekly.id, completedAt: at, by: OPERATOR, note: "All green; 3 minor npm updates noted for next sprint, disk at 61 %", doneSteps: weekly.steps.map((_, i) => i) } });
      await tx.maintenanceTask.update({ where: { id: weekly.id }, data: { ownerEmail: OPERATOR, lastCompletedAt: at, lastCompletedBy: OPERATOR, nextDueAt: nextDueAfterCompletion("weekly", at) } });
      completions++;
    }
    if (monthly) {
      const at = new Date(now.getTime() - 20 * DAY);
      // Step 2 (certificate renewal) skipped: certbot's timer renews them.
      const skipped = monthly.steps.findIndex((s) => /certificate/i.test(s));
      const doneSteps = monthly.steps.map((_, i) => i).filter((i) => i !== (skipped === -1 ? 1 : skipped));
      await tx.maintenanceCompletion.create({
        data: { taskId: monthly.id, completedAt: at, by: OPERATOR, note: "Certificates not renewed by hand: certbot's timer renews them, expiry checked (61 days left). Restore test passed.", doneSteps },
      });
      await tx.maintenanceTask.update({ where: { id: monthly.id }, data: { lastCompletedAt: at, lastCompletedBy: OPERATOR, nextDueAt: nextDueAfterCompletion("monthly", at) } });
      completions++;
    }
  });
  return { completions };
}
