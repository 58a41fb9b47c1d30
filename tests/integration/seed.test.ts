import { afterAll, describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/credentials";
import { DEMO_PASSWORD, DEMO_USERS, SeedRefusedError, seedDemo } from "@/lib/seed/demo";
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
