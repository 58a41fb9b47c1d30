import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/write";
import { verifyAuditChain } from "@/lib/audit/verify";
import { testDb } from "../support/db";
import { db as appDb } from "@/lib/db/client";

const db = testDb();
const sql = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
afterAll(async () => {
  await db.$disconnect();
  await sql.end();
});

describe("[AUDIT]: append-only and tamper-evident", () => {
  it("redacts secrets from payloads", async () => {
    const { id } = await recordAudit(db, { actor: null, action: "test.redaction", outcome: "success", payload: { password: "hunter2", nested: { apiToken: "abc", keep: 1 } } });
    const row = await db.auditEvent.findUniqueOrThrow({ where: { id } });
    expect(row.payload).toEqual({ password: "[redacted]", nested: { apiToken: "[redacted]", keep: 1 } });
  });

  it("keeps one unbroken chain when many events are written at once through the app's client", async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => recordAudit(appDb, { actor: null, action: "test.concurrent", outcome: "success", payload: { i } })));
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });

  it("refuses a plain UPDATE, DELETE and TRUNCATE", async () => {
    await sql.connect();
    const { id } = await recordAudit(db, { actor: null, action: "test.append-only", outcome: "success" });
    await expect(sql.query(`UPDATE "AuditEvent" SET outcome = 'denied' WHERE id = $1`, [id.toString()])).rejects.toThrow(/append-only/);
    await expect(sql.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [id.toString()])).rejects.toThrow(/append-only/);
    await expect(sql.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
  });

  // Breaks the chain of this run's database on purpose, then puts the row back as it was.
  it("reports the first edited event when a superuser edits a row behind the trigger's back", async () => {
    for (let i = 0; i < 3; i++) await recordAudit(db, { actor: null, action: "test.chain", outcome: "success", payload: { i } });
    const before = await verifyAuditChain(db);
    expect(before.intact).toBe(true);
    const victim = await db.auditEvent.findFirstOrThrow({ where: { action: "test.chain" }, orderBy: { id: "asc" } });

    const setOutcome = async (outcome: string) => {
      await sql.query("BEGIN");
      await sql.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
      await sql.query(`UPDATE "AuditEvent" SET outcome = $2 WHERE id = $1`, [victim.id.toString(), outcome]);
      await sql.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
      await sql.query("COMMIT");
    };
    await setOutcome("denied");
    try {
      const after = await verifyAuditChain(db);
      expect(after).toMatchObject({ intact: false, brokenAt: { id: victim.id.toString(), problem: expect.stringContaining("edited") } });
    } finally {
      await setOutcome(victim.outcome);
    }
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });
});
