import { afterAll, describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/credentials";
import { LOCKOUT } from "@/lib/auth/lockout";
import { seedUser } from "../support/factories";
import { testDb } from "../support/db";

const db = testDb();
afterAll(() => db.$disconnect());
const client = { ip: "127.0.0.1", userAgent: "vitest" };

describe("[AUTH][CREDENTIALS]: sign-in with email and password", () => {
  it("opens a session for the right password and records where it came from", async () => {
    const user = await seedUser(db);
    const result = await signInWithPassword(db, { email: user.email.toUpperCase(), password: user.password }, client);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = await db.userSession.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session).toMatchObject({ userId: user.id, ip: "127.0.0.1", userAgent: "vitest", revokedAt: null });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lastLoginAt).not.toBeNull();
  });

  it("refuses a wrong password without saying whether the email exists", async () => {
    const user = await seedUser(db);
    expect(await signInWithPassword(db, { email: user.email, password: "wrong" }, client)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(db, { email: "nobody@test.opsdeck.local", password: "wrong" }, client)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(db, { email: "not-an-email", password: "" }, client)).toEqual({ ok: false, reason: "invalid" });
  });

  it(`locks the account after ${LOCKOUT.maxFailures} failures, even against the right password`, async () => {
    const user = await seedUser(db);
    const results = [];
    for (let i = 0; i < LOCKOUT.maxFailures; i++) results.push(await signInWithPassword(db, { email: user.email, password: "wrong" }, client));
    expect(results.at(-1)).toEqual({ ok: false, reason: "locked" });
    expect(await signInWithPassword(db, { email: user.email, password: user.password }, client)).toEqual({ ok: false, reason: "locked" });
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
    // Once the lock has passed, the right password works again and the count resets.
    const later = new Date(Date.now() + (LOCKOUT.lockMinutes + 1) * 60_000);
    expect((await signInWithPassword(db, { email: user.email, password: user.password }, client, { now: later })).ok).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(0);
  }, 30_000);

  it("refuses a disabled user", async () => {
    const user = await seedUser(db, { disabled: true });
    expect(await signInWithPassword(db, { email: user.email, password: user.password }, client)).toEqual({ ok: false, reason: "disabled" });
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("[AUTH][LOCKOUT]: parallel guesses", () => {
  it("lock the account: every failure is counted, even at the same instant", async () => {
    const user = await seedUser(db);
    await Promise.all(Array.from({ length: 8 }, () => signInWithPassword(db, { email: user.email, password: "guess" }, client)));
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedLoginCount).toBe(8);
    expect(row.lockedUntil).not.toBeNull();
  }, 30_000);
});
