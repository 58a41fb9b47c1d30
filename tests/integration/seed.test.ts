import { afterAll, describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/credentials";
import { DEMO_PASSWORD, DEMO_USERS, SeedRefusedError, seedDemo } from "@/lib/seed/demo";
import { DEMO_TITLE, seedDemoIncidents } from "@/lib/seed/incidents";
import { testDb } from "../support/db";

const db = testDb();
afterAll(() => db.$disconnect());

describe("[SEED]: demo data", () => {
  it("refuses to create demo users in production", async () => {
    await expect(seedDemo(db, { nodeEnv: "production" })).rejects.toBeInstanceOf(SeedRefusedError);
  });

  it("is idempotent and gives every role a working demo sign-in", async () => {
    await seedDemo(db, { nodeEnv: "test" });
    const first = await db.user.count();
    await seedDemo(db, { nodeEnv: "test" });
    expect(await db.user.count()).toBe(first);
    for (const u of DEMO_USERS) {
      const row = await db.user.findUniqueOrThrow({ where: { email: u.email } });
      expect(row.roles).toEqual(u.roles);
    }
    const result = await signInWithPassword(db, { email: "approver2@opsdeck.local", password: DEMO_PASSWORD }, {});
    expect(result.ok).toBe(true);
  });
});

describe("[SEED][INCIDENTS]: demo incident history", () => {
  it("adds one resolved incident worked with RB-07, with its timeline and a post-mortem draft, once", async () => {
    await seedDemo(db, { nodeEnv: "test" });
    await seedDemoIncidents(db);
    await seedDemoIncidents(db);
    const incidents = await db.incident.findMany({ where: { title: DEMO_TITLE }, include: { runs: { include: { records: { orderBy: { id: "asc" } } } }, postmortem: true, events: true } });
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect(incident).toMatchObject({ status: "resolved", severity: "P2", suggestedRunbook: "RB-07" });
    expect(incident!.runs[0]!.records.map((r) => r.stepId)).toEqual(["check-primary", "primary-down", "check-fallback", "fallback-up", "switch-fallback", "switch-backend", "status-pages"]);
    expect(incident!.postmortem?.publishedAt).toBeNull();
    expect(incident!.postmortem?.markdown).toContain("## Runbook runs");
    expect(incident!.events.length).toBeGreaterThan(5);
  });
});
