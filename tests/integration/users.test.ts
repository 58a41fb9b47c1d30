import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { NotAllowedError, USERS_PAGE_SIZE, listUsers } from "@/lib/users/queries";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/seed/demo";
import type { TCurrentUser } from "@/lib/auth/session";

afterAll(() => db.$disconnect());

const actor = (roles: TCurrentUser["roles"]): TCurrentUser => ({ id: "00000000-0000-0000-0000-000000000000", email: "a@b.c", name: "A", roles, sessionId: "x", mfaSetupRequired: false });

describe("[USERS]: the admin user list", () => {
  it("refuses everyone but admins, in the data access itself", async () => {
    for (const role of ["viewer", "support", "operator", "treasury", "approver", "auditor"] as const) {
      await expect(listUsers(actor([role]))).rejects.toBeInstanceOf(NotAllowedError);
    }
  });

  it("pages by email without overlaps or gaps", async () => {
    const tag = `page-${crypto.randomBytes(4).toString("hex")}`;
    const total = USERS_PAGE_SIZE * 2 + 7;
    await db.user.createMany({ data: Array.from({ length: total }, (_, i) => ({ email: `${tag}-${i}@test.opsdeck.local`, name: `Pager ${i}`, roles: ["viewer" as const] })) });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listUsers(actor(["admin"]), { q: tag, after });
      seen.push(...page.rows.map((r) => r.email));
      if (!page.nextAfter) break;
      after = page.nextAfter;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort()).toEqual(seen);
  });

  it("finds users by part of their name or email, ignoring case", async () => {
    await seedDemo(db, { nodeEnv: "test" });
    const { rows } = await listUsers(actor(["admin"]), { q: "APPROVER2" });
    expect(rows.map((r) => r.email)).toEqual(["approver2@opsdeck.local"]);
  });
});
