import { beforeEach, describe, expect, it } from "vitest";
import { requestOperation } from "@/lib/operations/pipeline";
import { voteOnRequest } from "@/lib/operations/approvals";
import { readOverdue, readSecretsPage, countOverdue } from "@/lib/secrets/schedule";
import { seedSecretsDemo } from "@/lib/seed/secrets";
import { NotAllowedError } from "@/lib/users/queries";
import type { TRole } from "@/lib/auth/roles";
import { seedActor } from "../support/actors";
import { privateDb } from "../support/private-db";

// The schedule's rows are global (seeded by the migration) and the pipeline matrix records
// rotations on them: this file works in a database of its own, so "exactly the overdue ones" holds.
const db = privateDb("secrets");
const seedDb = privateDb("secrets_seed");

// On the embedded database both are the shared one, where other files record rotations too:
// every test starts from the schedule as the migration leaves it.
beforeEach(async () => {
  for (const d of [db(), seedDb()]) {
    await d.secretRotation.deleteMany();
    await d.backupEvent.deleteMany();
    await d.managedSecret.updateMany({ data: { lastRotatedAt: null, lastRotatedBy: null } });
    await d.backupTarget.updateMany({ data: { lastSuccessAt: null, lastFailureAt: null, lastRestoreTestAt: null, lastRestoreOutcome: null } });
  }
});

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ago = (ms: number, from = new Date()) => new Date(from.getTime() - ms);

async function run(operationId: string, input: Record<string, unknown>, roles: TRole[] = ["operator"], reason?: string) {
  const actor = await seedActor(db(), roles);
  return { actor, result: await requestOperation(db(), { operationId, input, actor, reason }) };
}

const secret = (id: string) => db().managedSecret.findUniqueOrThrow({ where: { id } });
const target = (id: string) => db().backupTarget.findUniqueOrThrow({ where: { id } });
const rowOf = async (id: string) => (await readSecretsPage(db(), { roles: ["auditor"] })).secrets.find((s) => s.id === id)!;

describe("[SECRETS][ROTATION]: recording a rotation", () => {
  it("moves the next due date and clears the overdue state", async () => {
    const late = await run("secret.rotation.record", { secretId: "session-secret", rotatedAt: ago(45 * DAY).toISOString(), note: "RB-06 last month" });
    expect(late.result).toMatchObject({ ok: true, data: { status: "executed", result: { state: "overdue" } } });
    expect((await rowOf("session-secret")).state).toBe("overdue");
    expect((await readOverdue(db())).secrets.map((s) => s.id)).toContain("session-secret");

    const { actor, result } = await run("secret.rotation.record", { secretId: "session-secret", rotatedAt: "", note: "RB-06 followed, sessions invalidated" });
    expect(result).toMatchObject({ ok: true, data: { status: "executed", result: { state: "ok" } } });
    const row = await rowOf("session-secret");
    expect(row).toMatchObject({ state: "ok", lastRotatedBy: actor.email });
    // Due 30 days after now (the form left empty means now).
    expect(Math.abs(row.dueAt!.getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
    expect((await readOverdue(db())).secrets.map((s) => s.id)).not.toContain("session-secret");

    const page = await readSecretsPage(db(), { roles: ["operator"] });
    expect(page.rotations[0]).toMatchObject({ secretId: "session-secret", recordedBy: actor.email, note: "RB-06 followed, sessions invalidated", source: "secret.rotation.record" });
    expect(await db().auditEvent.count({ where: { action: "secret.rotation.record.executed", targetId: "session-secret" } })).toBe(2);
  });

  it("reads a datetime-local value as UTC and lets treasury record its keys' rotation", async () => {
    const typed = ago(3 * DAY).toISOString().slice(0, 16);
    const { actor, result } = await run("secret.rotation.record", { secretId: "treasury-keys", rotatedAt: typed, note: "Moved funds to the new wallet" }, ["treasury"]);
    expect(result).toMatchObject({ ok: true });
    expect(await secret("treasury-keys")).toMatchObject({ lastRotatedAt: new Date(`${typed}:00.000Z`), lastRotatedBy: actor.email });
    // Rotated as needed: recorded, but never due.
    expect((await rowOf("treasury-keys")).state).toBe("as-needed");
  });

  it("keeps the newer rotation when an older one is recorded afterwards", async () => {
    const recent = ago(2 * DAY);
    await run("secret.rotation.record", { secretId: "db-password", rotatedAt: recent.toISOString(), note: "quarterly rotation" });
    const { result } = await run("secret.rotation.record", { secretId: "db-password", rotatedAt: ago(20 * DAY).toISOString(), note: "the one we forgot to record" });
    expect(result).toMatchObject({ ok: true, data: { result: { lastRotatedAt: recent.toISOString() } } });
    expect((await secret("db-password")).lastRotatedAt).toEqual(recent);
    expect((await rowOf("db-password")).dueAt).toEqual(new Date(recent.getTime() + 90 * DAY));
    // Both are in the history.
    expect(await db().secretRotation.count({ where: { secretId: "db-password" } })).toBe(2);
  });

  it("changes a rotation period once an approver agrees", async () => {
    await run("secret.rotation.record", { secretId: "ipfs-api-key", rotatedAt: ago(100 * DAY).toISOString(), note: "yearly key renewal" });
    const { result } = await run("secret.schedule.update", { secretId: "ipfs-api-key", rotationDays: "90" }, ["operator"], "the provider now expires keys after 90 days");
    expect(result).toMatchObject({ ok: true, data: { status: "pending_approval", requiredCount: 1 } });
    expect((await secret("ipfs-api-key")).rotationDays).toBe(365);
    const approver = await seedActor(db(), ["approver"]);
    const requestId = result.ok && result.data.status === "pending_approval" ? result.data.requestId : "";
    expect(await voteOnRequest(db(), { actor: approver, input: { requestId, decision: "approve" } })).toMatchObject({ ok: true, data: { status: "executed" } });
    expect((await secret("ipfs-api-key")).rotationDays).toBe(90);
    expect((await rowOf("ipfs-api-key")).state).toBe("overdue");
  });
});

describe("[SECRETS][REFUSALS]: bad input and other roles write nothing", () => {
  it("refuses an unknown secret, a future date and a short note with a message the user can act on", async () => {
    const before = { rotations: await db().secretRotation.count(), secret: await secret("redis-password") };
    const unknown = await run("secret.rotation.record", { secretId: "root-password", note: "rotated it yesterday" });
    expect(unknown.result).toMatchObject({ ok: false, code: "NOT_FOUND", error: 'There is no secret "root-password" in the schedule' });
    const future = await run("secret.rotation.record", { secretId: "redis-password", rotatedAt: new Date(Date.now() + DAY).toISOString(), note: "rotated tomorrow" });
    expect(future.result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { rotatedAt: [expect.stringContaining("in the future")] } });
    const ancient = await run("secret.rotation.record", { secretId: "redis-password", rotatedAt: ago(400 * DAY).toISOString(), note: "long ago" });
    expect(ancient.result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { rotatedAt: [expect.stringContaining("more than a year ago")] } });
    const short = await run("secret.rotation.record", { secretId: "redis-password", note: "ok" });
    expect(short.result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { note: ["Say what was done (at least 5 characters)"] } });
    expect(await db().secretRotation.count()).toBe(before.rotations);
    expect(await secret("redis-password")).toEqual(before.secret);
  });

  it("refuses an unknown backup target, a future time and a failure without a note", async () => {
    const events = await db().backupEvent.count();
    const unknown = await run("backup.record", { targetId: "tape-vault", kind: "backup", outcome: "success" });
    expect(unknown.result).toMatchObject({ ok: false, code: "NOT_FOUND", error: 'There is no backup target "tape-vault"' });
    const future = await run("backup.record", { targetId: "database-daily", kind: "backup", outcome: "success", at: new Date(Date.now() + HOUR).toISOString() });
    expect(future.result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { at: [expect.stringContaining("in the future")] } });
    const silent = await run("backup.record", { targetId: "database-daily", kind: "restore-test", outcome: "failed", note: "" });
    expect(silent.result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { note: ["Say what failed (at least 5 characters)"] } });
    expect(await db().backupEvent.count()).toBe(events);
  });

  it("refuses roles that may not record, and lets only the schedule's readers read it", async () => {
    const rotations = await db().secretRotation.count();
    const events = await db().backupEvent.count();
    for (const role of ["viewer", "support", "approver", "auditor"] as const) {
      const { result } = await run("secret.rotation.record", { secretId: "redis-password", note: "rotated by someone" }, [role]);
      expect(result, role).toMatchObject({ ok: false, code: "FORBIDDEN", error: "Only operator or treasury or admin can record a secret rotation" });
    }
    const treasury = await run("backup.record", { targetId: "database-daily", kind: "backup", outcome: "success" }, ["treasury"]);
    expect(treasury.result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db().secretRotation.count()).toBe(rotations);
    expect(await db().backupEvent.count()).toBe(events);

    await expect(readSecretsPage(db(), { roles: ["viewer"] })).rejects.toBeInstanceOf(NotAllowedError);
    await expect(readSecretsPage(db(), { roles: ["support"] })).rejects.toBeInstanceOf(NotAllowedError);
    expect(await countOverdue(db(), { roles: ["viewer"] })).toBe(0);
  });
});

describe("[SECRETS][BACKUPS]: recording backups and restore tests", () => {
  it("updates the target's last success, failure and restore test, never back in time", async () => {
    const id = "database-weekly";
    const events = await db().backupEvent.count({ where: { targetId: id } });
    const ok = ago(2 * HOUR);
    expect((await run("backup.record", { targetId: id, kind: "backup", outcome: "success", at: ok.toISOString() })).result).toMatchObject({ ok: true, data: { result: { isLatest: true } } });
    const failed = ago(1 * HOUR);
    await run("backup.record", { targetId: id, kind: "backup", outcome: "failed", at: failed.toISOString(), note: "disk full on the backup host" });
    expect(await target(id)).toMatchObject({ lastSuccessAt: ok, lastFailureAt: failed });
    let row = (await readSecretsPage(db(), { roles: ["operator"] })).backups.find((b) => b.id === id)!;
    expect(row).toMatchObject({ state: "ok", isLastRunFailed: true });

    // An older success recorded late leaves the newer one.
    expect((await run("backup.record", { targetId: id, kind: "backup", outcome: "success", at: ago(30 * HOUR).toISOString() })).result).toMatchObject({ ok: true, data: { result: { isLatest: false } } });
    expect((await target(id)).lastSuccessAt).toEqual(ok);

    const tested = ago(3 * DAY);
    await run("backup.record", { targetId: id, kind: "restore-test", outcome: "success", at: tested.toISOString(), note: "restored on staging" });
    // An older failed test does not turn the newer pass into a failure.
    await run("backup.record", { targetId: id, kind: "restore-test", outcome: "failed", at: ago(10 * DAY).toISOString(), note: "checksum mismatch" });
    expect(await target(id)).toMatchObject({ lastRestoreTestAt: tested, lastRestoreOutcome: "success" });
    row = (await readSecretsPage(db(), { roles: ["operator"] })).backups.find((b) => b.id === id)!;
    expect(row.restoreState).toBe("ok");

    const broken = ago(1 * DAY);
    await run("backup.record", { targetId: id, kind: "restore-test", outcome: "failed", at: broken.toISOString(), note: "restore stopped at 60 %" }, ["admin"]);
    expect(await target(id)).toMatchObject({ lastRestoreTestAt: broken, lastRestoreOutcome: "failed", lastSuccessAt: ok });
    expect((await readOverdue(db())).restoreTests.map((r) => r.id)).toContain(id);

    expect(await db().backupEvent.count({ where: { targetId: id } })).toBe(events + 6);
    const history = (await readSecretsPage(db(), { roles: ["auditor"] })).events;
    // Newest first by when it happened, not by when it was recorded.
    expect(history.slice(0, 2)).toMatchObject([
      { targetId: id, kind: "backup", outcome: "failed", note: "disk full on the backup host", at: failed },
      { targetId: id, kind: "backup", outcome: "success", note: "", at: ok },
    ]);
  });
});

describe("[SECRETS][OVERDUE]: readOverdue at a given moment", () => {
  it("returns exactly the secrets, backups and restore tests that are late", async () => {
    const now = new Date("2026-06-15T03:00:00Z");
    const set = (id: string, lastRotatedAt: Date | null) => db().managedSecret.update({ where: { id }, data: { lastRotatedAt } });
    // Periods as seeded (ipfs-api-key's may have been changed above: put it back).
    await db().managedSecret.update({ where: { id: "ipfs-api-key" }, data: { rotationDays: 365 } });
    await set("session-secret", ago(31 * DAY, now)); // 30 d: late
    await set("db-password", ago(89 * DAY, now)); // 90 d: due tomorrow, not late
    await set("redis-password", null); // never rotated: late
    await set("ipfs-api-key", ago(10 * DAY, now));
    await set("explorer-api-key", ago(365 * DAY, now)); // due this very moment: late
    await set("contract-owner-key", null); // as needed: never late
    const target = (id: string, data: Record<string, Date | string | null>) => db().backupTarget.update({ where: { id }, data });
    await target("database-daily", { lastSuccessAt: ago(27 * HOUR, now), lastRestoreTestAt: ago(40 * DAY, now), lastRestoreOutcome: "success" });
    await target("database-weekly", { lastSuccessAt: ago(100 * HOUR, now), lastRestoreTestAt: ago(5 * DAY, now), lastRestoreOutcome: "failed" });
    await target("application-logs", { lastSuccessAt: null, lastRestoreTestAt: ago(5 * DAY, now), lastRestoreOutcome: "success" });

    const overdue = await readOverdue(db(), now);
    expect(overdue.secrets).toEqual([
      { id: "explorer-api-key", name: "Block explorer API key", dueAt: now },
      { id: "redis-password", name: "Redis password", dueAt: null },
      { id: "session-secret", name: "Session signing secret (JWT secret)", dueAt: ago(1 * DAY, now) },
    ]);
    expect(overdue.backups).toEqual([
      { id: "application-logs", name: "Application logs archive", lastSuccessAt: null },
      { id: "database-daily", name: "Database (compressed dump, local and offsite copy)", lastSuccessAt: ago(27 * HOUR, now) },
    ]);
    expect(overdue.restoreTests.map((r) => [r.id, r.lastRestoreOutcome])).toEqual([
      ["database-daily", "success"],
      ["database-weekly", "failed"],
    ]);
    expect(await countOverdue(db(), { roles: ["auditor"] }, now)).toBe(7);
    // The page says the same.
    expect((await readSecretsPage(db(), { roles: ["auditor"] }, now)).counts).toMatchObject({ overdue: 7, secretsOverdue: 3, secretsDueSoon: 1, backupsOverdue: 2, restoreTestsOverdue: 2 });
    // A day later the database password is late too.
    expect((await readOverdue(db(), new Date(now.getTime() + DAY))).secrets.map((s) => s.id)).toContain("db-password");
  });
});

describe("[SECRETS][DEMO]: the demo history", () => {
  it("shows an overdue session secret and restore test, and runs only once", async () => {
    const now = new Date();
    expect(await seedSecretsDemo(seedDb(), now)).toMatchObject({ rotations: 9 });
    const rotations = await seedDb().secretRotation.count();
    const events = await seedDb().backupEvent.count();
    expect(await seedSecretsDemo(seedDb(), now)).toEqual({ rotations: 0, backupEvents: 0 });
    expect(await seedDb().secretRotation.count()).toBe(rotations);
    expect(await seedDb().backupEvent.count()).toBe(events);

    const overdue = await readOverdue(seedDb(), now);
    expect(overdue.secrets.map((s) => s.id).sort()).toEqual(["explorer-api-key", "session-secret"]);
    expect(overdue.backups).toEqual([]);
    expect(overdue.restoreTests.map((r) => r.id)).toEqual(["database-daily"]);
    const page = await readSecretsPage(seedDb(), { roles: ["operator"] }, now);
    expect(page.secrets.find((s) => s.id === "redis-password")?.state).toBe("due-soon");
    expect(page.backups.find((b) => b.id === "database-daily")?.lastFailureAt).not.toBeNull();
    expect(page.events.filter((e) => e.outcome === "failed")).toHaveLength(1);
  });
});
