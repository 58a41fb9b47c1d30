import { beforeEach, describe, expect, it } from "vitest";
import { requestOperation } from "@/lib/operations/pipeline";
import { countOverdueMaintenance, nextAnchorAfter, nextDueAfterCompletion, readMaintenancePage, readOverdueMaintenance } from "@/lib/maintenance/schedule";
import { seedMaintenanceDemo } from "@/lib/seed/maintenance";
import { evaluateAlertRules } from "@/lib/alerts/engine";
import { NotAllowedError } from "@/lib/users/queries";
import type { TRole } from "@/lib/auth/roles";
import { seedActor } from "../support/actors";
import { seedUser } from "../support/factories";
import { privateDb } from "../support/private-db";

// The two checklists are global rows (seeded by the migration) and the pipeline matrix records
// completions on them: this file works in a database of its own, so "exactly the overdue ones"
// holds. On the embedded database that is the shared one: every test starts from the checklists
// as the migration leaves them.
const db = privateDb("maintenance");

beforeEach(async () => {
  const now = new Date();
  await db().maintenanceCompletion.deleteMany();
  await db().maintenanceTask.update({ where: { id: "weekly" }, data: { ownerEmail: null, lastCompletedAt: null, lastCompletedBy: null, nextDueAt: nextAnchorAfter("weekly", now) } });
  await db().maintenanceTask.update({ where: { id: "monthly" }, data: { ownerEmail: null, lastCompletedAt: null, lastCompletedBy: null, nextDueAt: nextAnchorAfter("monthly", now) } });
});

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ago = (ms: number, from = new Date()) => new Date(from.getTime() - ms);
const ALL_WEEKLY = ["0", "1", "2", "3", "4", "5", "6"];

async function run(operationId: string, input: Record<string, unknown>, roles: TRole[] = ["operator"]) {
  const actor = await seedActor(db(), roles);
  return { actor, result: await requestOperation(db(), { operationId, input, actor }) };
}

const task = (id: string) => db().maintenanceTask.findUniqueOrThrow({ where: { id } });
const cardOf = async (id: string, now = new Date()) => (await readMaintenancePage(db(), { roles: ["auditor"] }, now)).tasks.find((t) => t.id === id)!;
const overdueIds = async (now = new Date()) => (await readOverdueMaintenance(db(), now)).map((t) => t.id);

describe("[MAINTENANCE][COMPLETE]: recording a checklist", () => {
  it("moves the due date on and clears the overdue state", async () => {
    await db().maintenanceTask.update({ where: { id: "weekly" }, data: { nextDueAt: ago(3 * DAY) } });
    expect((await cardOf("weekly")).state).toBe("overdue");
    expect(await overdueIds()).toEqual(["weekly"]);
    expect(await countOverdueMaintenance(db(), { roles: ["operator"] })).toBe(1);

    // As the form sends it: checkbox values are strings, the time left empty means now.
    const { actor, result } = await run("maintenance.complete", { taskId: "weekly", doneSteps: ALL_WEEKLY, note: "All seven steps, disk at 61 %", completedAt: "" });
    expect(result).toMatchObject({ ok: true, data: { status: "executed", result: { taskId: "weekly", state: "ok", isLatest: true, skippedSteps: [] } } });
    const done = await db().maintenanceCompletion.findFirstOrThrow({ where: { taskId: "weekly" } });
    expect(done).toMatchObject({ by: actor.email, note: "All seven steps, disk at 61 %", doneSteps: [0, 1, 2, 3, 4, 5, 6] });
    expect(Math.abs(done.completedAt.getTime() - Date.now())).toBeLessThan(60_000);

    const card = await cardOf("weekly");
    expect(card).toMatchObject({ state: "ok", lastCompletedAt: done.completedAt, lastCompletedBy: actor.email, nextDueAt: nextDueAfterCompletion("weekly", done.completedAt) });
    // A Monday, 00:00 UTC, more than 2 days and at most 9 days away.
    expect(card.nextDueAt.getUTCDay()).toBe(1);
    expect(card.nextDueAt.getTime() - Date.now()).toBeGreaterThan(2 * DAY);
    expect(card.nextDueAt.getTime() - Date.now()).toBeLessThanOrEqual(9 * DAY);
    expect(card.completions).toEqual([{ id: done.id, completedAt: done.completedAt, by: actor.email, note: "All seven steps, disk at 61 %", doneSteps: [0, 1, 2, 3, 4, 5, 6], skippedSteps: [] }]);
    expect(await overdueIds()).toEqual([]);
    expect(await countOverdueMaintenance(db(), { roles: ["operator"] })).toBe(0);
    // (Counted for this actor: on the embedded database the pipeline matrix completes checklists too.)
    expect(await db().auditEvent.count({ where: { action: "maintenance.complete.executed", targetId: "weekly", actorId: actor.id } })).toBe(1);
  });

  it("does not move dates back when an older completion is recorded afterwards", async () => {
    const recent = ago(1 * HOUR);
    const first = await run("maintenance.complete", { taskId: "monthly", doneSteps: [0, 1, 2, 3, 4, 5], note: "Everything, restore took 14 min", completedAt: recent.toISOString() });
    expect(first.result).toMatchObject({ ok: true });
    const after = await task("monthly");
    expect(after.lastCompletedAt).toEqual(recent);
    expect(after.nextDueAt).toEqual(nextDueAfterCompletion("monthly", recent));

    const older = ago(40 * DAY);
    const { result } = await run("maintenance.complete", { taskId: "monthly", doneSteps: [0, 2, 3, 4, 5], note: "Last month's, recorded late; certbot renews itself", completedAt: older.toISOString() }, ["admin"]);
    expect(result).toMatchObject({ ok: true, data: { result: { isLatest: false, after: { lastCompletedAt: recent.toISOString(), nextDueAt: after.nextDueAt.toISOString() } } } });
    expect(await task("monthly")).toMatchObject({ lastCompletedAt: recent, lastCompletedBy: first.actor.email, nextDueAt: after.nextDueAt });
    // Both are in the history, newest (by when it was done) first.
    const card = await cardOf("monthly");
    expect(card.completions.map((c) => [c.completedAt, c.skippedSteps])).toEqual([
      [recent, []],
      [older, [1]],
    ]);
  });

  it("asks why when steps were skipped, naming them, and records it once explained", async () => {
    const before = await task("monthly");
    const vague = await run("maintenance.complete", { taskId: "monthly", doneSteps: ["0", "2", "3", "4", "5"], note: "done ok" });
    expect(vague.result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { note: ["You skipped step 2 (Renew certificates (if not auto-renewing)): say why in the note (at least 15 characters)"] } });
    const empty = await run("maintenance.complete", { taskId: "monthly", doneSteps: ["0", "2"], note: "" });
    expect(empty.result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { note: ["Say what was done, and why if you skipped a step (at least 5 characters)"] } });
    expect(await db().maintenanceCompletion.count()).toBe(0);
    expect(await task("monthly")).toEqual(before);

    const { result } = await run("maintenance.complete", { taskId: "monthly", doneSteps: ["5", "0", "2", "3", "4", "0"], note: "Certificates auto-renew (certbot timer); expiry checked" });
    expect(result).toMatchObject({ ok: true, data: { result: { doneSteps: [0, 2, 3, 4, 5], skippedSteps: [1] } } });
    expect((await cardOf("monthly")).completions[0]).toMatchObject({ doneSteps: [0, 2, 3, 4, 5], skippedSteps: [1] });
  });
});

describe("[MAINTENANCE][REFUSALS]: bad input and other roles write nothing", () => {
  it("refuses bad input with messages next to the fields", async () => {
    const before = { weekly: await task("weekly"), completions: await db().maintenanceCompletion.count() };
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ taskId: "weekly", doneSteps: [], note: "nothing really" }, { doneSteps: ["Tick at least one step you did"] }],
      [{ taskId: "weekly", note: "forgot the boxes" }, { doneSteps: ["Tick the steps you did"] }],
      [{ taskId: "weekly", doneSteps: ["first"], note: "typed a word" }, { doneSteps: ["Tick the steps you did"] }],
      [{ taskId: "weekly", doneSteps: ALL_WEEKLY, note: "ok" }, { note: ["Say what was done, and why if you skipped a step (at least 5 characters)"] }],
      [{ taskId: "weekly", doneSteps: ALL_WEEKLY, note: "done tomorrow", completedAt: new Date(Date.now() + DAY).toISOString() }, { completedAt: ["That is in the future: enter when it was done (UTC)"] }],
      [{ taskId: "weekly", doneSteps: ALL_WEEKLY, note: "done long ago", completedAt: ago(61 * DAY).toISOString().slice(0, 16) }, { completedAt: ["That is more than 60 days ago: record only recent maintenance"] }],
      [{ taskId: "weekly", doneSteps: ALL_WEEKLY, note: "done some time", completedAt: "last week" }, { completedAt: ["Enter when it was done (UTC), or leave it empty for now"] }],
      [{ taskId: "", doneSteps: ALL_WEEKLY, note: "which one?" }, { taskId: ["Choose the checklist"] }],
    ];
    for (const [input, fieldErrors] of cases) {
      const { result } = await run("maintenance.complete", input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors });
    }
    // Known only once the checklist is read: a step it does not have, a checklist that does not exist.
    const extra = await run("maintenance.complete", { taskId: "weekly", doneSteps: ["0", "7"], note: "ticked a step too many" });
    expect(extra.result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { doneSteps: ["This checklist has 7 steps; tick only those"] } });
    const unknown = await run("maintenance.complete", { taskId: "quarterly", doneSteps: ["0"], note: "quarterly review" });
    expect(unknown.result).toMatchObject({ ok: false, code: "NOT_FOUND", error: 'There is no maintenance checklist "quarterly"' });

    expect(await db().maintenanceCompletion.count()).toBe(before.completions);
    expect(await task("weekly")).toEqual(before.weekly);
  });

  it("refuses the roles that may not record or assign, and lets only the page's readers read it", async () => {
    const before = await task("weekly");
    for (const role of ["viewer", "support", "treasury", "approver", "auditor"] as const) {
      const complete = await run("maintenance.complete", { taskId: "weekly", doneSteps: ALL_WEEKLY, note: "did all of it" }, [role]);
      expect(complete.result, role).toMatchObject({ ok: false, code: "FORBIDDEN", error: "Only operator or admin can record a maintenance checklist" });
      const assign = await run("maintenance.assign", { taskId: "weekly", ownerEmail: "" }, [role]);
      expect(assign.result, role).toMatchObject({ ok: false, code: "FORBIDDEN", error: "Only operator or admin can assign a maintenance checklist" });
    }
    expect(await db().maintenanceCompletion.count()).toBe(0);
    expect(await task("weekly")).toEqual(before);
    expect(await db().auditEvent.count({ where: { action: "maintenance.complete.denied" } })).toBeGreaterThanOrEqual(5);

    await expect(readMaintenancePage(db(), { roles: ["viewer"] })).rejects.toBeInstanceOf(NotAllowedError);
    await expect(readMaintenancePage(db(), { roles: ["treasury"] })).rejects.toBeInstanceOf(NotAllowedError);
    const support = await readMaintenancePage(db(), { roles: ["support"] });
    expect(support).toMatchObject({ canWrite: false, assignees: [] });
    expect(support.tasks.map((t) => t.id)).toEqual(["weekly", "monthly"]);
    await db().maintenanceTask.update({ where: { id: "weekly" }, data: { nextDueAt: ago(HOUR) } });
    expect(await countOverdueMaintenance(db(), { roles: ["viewer"] })).toBe(0);
    expect(await countOverdueMaintenance(db(), { roles: ["treasury"] })).toBe(0);
    expect(await countOverdueMaintenance(db(), { roles: ["support"] })).toBe(1);
  });
});

describe("[MAINTENANCE][ASSIGN]: who owns a checklist", () => {
  it("assigns to an active user who can open the page, and unassigns", async () => {
    const owner = await seedUser(db(), { roles: ["support"] });
    const { result } = await run("maintenance.assign", { taskId: "weekly", ownerEmail: ` ${owner.email.toUpperCase()} ` });
    expect(result).toMatchObject({ ok: true, data: { status: "executed", result: { before: { ownerEmail: null }, after: { ownerEmail: owner.email } } } });
    expect((await cardOf("weekly")).ownerEmail).toBe(owner.email);
    const page = await readMaintenancePage(db(), { roles: ["operator"] });
    expect(page.canWrite).toBe(true);
    expect(page.assignees.map((a) => a.email)).toContain(owner.email);

    expect((await run("maintenance.assign", { taskId: "weekly", ownerEmail: "" }, ["admin"])).result).toMatchObject({ ok: true, data: { result: { after: { ownerEmail: null } } } });
    expect((await task("weekly")).ownerEmail).toBeNull();
  });

  it("refuses a user who cannot open the page, a disabled one, an unknown address and a malformed one", async () => {
    const treasurer = await seedUser(db(), { roles: ["treasury", "viewer"] });
    const disabled = await seedUser(db(), { roles: ["operator"], disabled: true });
    const page = await readMaintenancePage(db(), { roles: ["admin"] });
    expect(page.assignees.map((a) => a.email)).not.toContain(treasurer.email);
    expect(page.assignees.map((a) => a.email)).not.toContain(disabled.email);

    const cannot = await run("maintenance.assign", { taskId: "weekly", ownerEmail: treasurer.email });
    expect(cannot.result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { ownerEmail: ["This user cannot open the maintenance page: choose support, an operator, approver, auditor or admin"] } });
    const gone = await run("maintenance.assign", { taskId: "weekly", ownerEmail: disabled.email });
    expect(gone.result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { ownerEmail: ["No active OpsDeck user has this email address"] } });
    const nobody = await run("maintenance.assign", { taskId: "weekly", ownerEmail: "ghost@opsdeck.invalid" });
    expect(nobody.result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { ownerEmail: ["No active OpsDeck user has this email address"] } });
    const malformed = await run("maintenance.assign", { taskId: "weekly", ownerEmail: "ana at opsdeck" });
    expect(malformed.result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { ownerEmail: ["Enter an email address, or leave it empty for nobody"] } });
    const unknownTask = await run("maintenance.assign", { taskId: "daily", ownerEmail: "" });
    expect(unknownTask.result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await task("weekly")).ownerEmail).toBeNull();
  });
});

describe("[MAINTENANCE][OVERDUE]: readOverdueMaintenance at a given moment", () => {
  it("returns exactly the checklists due at or before that moment", async () => {
    const now = new Date("2026-06-15T03:00:00Z");
    const owner = await seedUser(db(), { roles: ["operator"] });
    await db().maintenanceTask.update({ where: { id: "weekly" }, data: { nextDueAt: ago(HOUR, now), ownerEmail: owner.email } });
    await db().maintenanceTask.update({ where: { id: "monthly" }, data: { nextDueAt: new Date(now.getTime() + HOUR) } });

    expect(await readOverdueMaintenance(db(), now)).toEqual([{ id: "weekly", title: "Weekly maintenance", nextDueAt: ago(HOUR, now), ownerEmail: owner.email }]);
    expect(await readOverdueMaintenance(db(), ago(2 * HOUR, now))).toEqual([]);
    // Due at this very moment: late.
    expect(await overdueIds(new Date(now.getTime() + HOUR))).toEqual(["weekly", "monthly"]);
    expect(await countOverdueMaintenance(db(), { roles: ["auditor"] }, now)).toBe(1);
    // The page says the same: the monthly one is due within the hour.
    expect((await readMaintenancePage(db(), { roles: ["auditor"] }, now)).counts).toEqual({ overdue: 1, dueSoon: 1 });
  });
});

describe("[MAINTENANCE][DEMO]: the demo history", () => {
  it("leaves the weekly checklist overdue and owned, the monthly one with a skipped step, and runs only once", async () => {
    const now = new Date();
    expect(await seedMaintenanceDemo(db(), now)).toEqual({ completions: 2 });
    expect(await seedMaintenanceDemo(db(), now)).toEqual({ completions: 0 });
    expect(await db().maintenanceCompletion.count()).toBe(2);

    expect(await overdueIds(now)).toContain("weekly");
    const page = await readMaintenancePage(db(), { roles: ["operator"] }, now);
    const weekly = page.tasks.find((t) => t.id === "weekly")!;
    expect(weekly).toMatchObject({ state: "overdue", ownerEmail: "operator@opsdeck.local", lastCompletedBy: "operator@opsdeck.local", lastCompletedAt: ago(9 * DAY, now) });
    const monthly = page.tasks.find((t) => t.id === "monthly")!;
    expect(monthly).toMatchObject({ lastCompletedAt: ago(20 * DAY, now), nextDueAt: nextDueAfterCompletion("monthly", ago(20 * DAY, now)) });
    expect(monthly.completions).toHaveLength(1);
    expect(monthly.completions[0]).toMatchObject({ skippedSteps: [1], note: expect.stringContaining("certbot") });
  });
});

describe("[MAINTENANCE][ALERT]: an overdue checklist raises an alert until it is done", () => {
  it("fires maintenance-overdue for the weekly checklist past its due date, and resolves it once completed", async () => {
    await db().maintenanceTask.update({ where: { id: "weekly" }, data: { nextDueAt: ago(2 * DAY), ownerEmail: "operator@opsdeck.local" } });
    const noWallets = { platform: null, faucet: null };
    await evaluateAlertRules(db(), { wallets: noWallets });
    const firing = await db().alert.findFirst({ where: { fingerprint: "maintenance-overdue:weekly", status: "firing" } });
    expect(firing?.summary).toMatch(/^Weekly maintenance was due \d{4}-\d{2}-\d{2} \(owner operator@opsdeck\.local\)$/);

    expect((await run("maintenance.complete", { taskId: "weekly", doneSteps: ALL_WEEKLY, note: "all seven steps done this morning" })).result).toMatchObject({ ok: true });
    await evaluateAlertRules(db(), { wallets: noWallets });
    expect(await db().alert.findFirst({ where: { id: firing!.id } })).toMatchObject({ status: "resolved" });
  });
});
