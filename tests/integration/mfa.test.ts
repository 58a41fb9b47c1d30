import { afterAll, describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/credentials";
import { currentTotp, decryptSecret, encryptSecret, newTotpSecret } from "@/lib/auth/mfa";
import { requestOperation } from "@/lib/operations/pipeline";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";
import { seedUser } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());

describe("[AUTH][MFA]: a second factor", () => {
  it("asks for the code after a right password, refuses a wrong one, accepts the current one", async () => {
    const user = await seedUser(db, { roles: ["approver"] });
    const secret = newTotpSecret();
    await db.user.update({ where: { id: user.id }, data: { mfaSecretEnc: encryptSecret(secret), mfaEnabledAt: new Date() } });
    const creds = { email: user.email, password: user.password };
    expect(await signInWithPassword(db, creds, {})).toEqual({ ok: false, reason: "mfa_required" });
    expect(await signInWithPassword(db, { ...creds, code: "000000" === (await currentTotp(secret)) ? "111111" : "000000" }, {})).toEqual({ ok: false, reason: "mfa_invalid" });
    expect(await signInWithPassword(db, { ...creds, code: await currentTotp(secret) }, {})).toMatchObject({ ok: true });
    // A wrong password with a right code says nothing about the code.
    expect(await signInWithPassword(db, { ...creds, password: "wrong", code: await currentTotp(secret) }, {})).toEqual({ ok: false, reason: "invalid" });
  });

  it("stores the secret encrypted, never in plain text", async () => {
    const secret = newTotpSecret();
    const stored = encryptSecret(secret);
    expect(stored).not.toContain(secret);
    expect(decryptSecret(stored)).toBe(secret);
  });

  it("with REQUIRE_MFA, an approver without a second factor gets a set-up-only session until they enrol", async () => {
    const actor = await seedActor(db, ["approver"]);
    const result = await signInWithPassword(db, { email: actor.email, password: actor.password }, {}, { requireMfa: true });
    expect(result).toMatchObject({ ok: true, mfaSetupRequired: true });
    if (!result.ok) return;
    expect((await db.userSession.findUniqueOrThrow({ where: { id: result.sessionId } })).mfaPending).toBe(true);

    const me = { ...actor, sessionId: result.sessionId };
    expect(await requestOperation(db, { operationId: "account.mfa.begin", input: {}, actor: me })).toMatchObject({ ok: true, data: { status: "executed" } });
    const row = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { mfaSecretEnc: true } });
    const secret = decryptSecret(row.mfaSecretEnc!);
    const wrong = await requestOperation(db, { operationId: "account.mfa.enable", input: { code: (await currentTotp(secret)) === "123456" ? "654321" : "123456" }, actor: me });
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { code: expect.any(Array) } });
    expect(await requestOperation(db, { operationId: "account.mfa.enable", input: { code: await currentTotp(secret) }, actor: me })).toMatchObject({ ok: true });
    expect((await db.userSession.findUniqueOrThrow({ where: { id: result.sessionId } })).mfaPending).toBe(false);
  });

  it("a viewer is not asked to enrol even when MFA is required", async () => {
    const user = await seedUser(db, { roles: ["viewer"] });
    expect(await signInWithPassword(db, { email: user.email, password: user.password }, {}, { requireMfa: true })).toMatchObject({ ok: true, mfaSetupRequired: false });
  });
});

describe("[AUTH][AUDIT]: every sign-in attempt is audited", () => {
  it("records successes and failures with the reason, never the password", async () => {
    const user = await seedUser(db);
    await signInWithPassword(db, { email: user.email, password: "wrong-password" }, { ip: "198.51.100.4" });
    await signInWithPassword(db, { email: user.email, password: user.password }, { ip: "198.51.100.4" });
    const events = await db.auditEvent.findMany({ where: { action: "auth.sign_in", actorEmail: user.email }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.outcome)).toEqual(["denied", "success"]);
    expect(events[0]!.payload).toMatchObject({ reason: "invalid" });
    expect(events[0]!.ip).toBe("198.51.100.4");
    expect(JSON.stringify(events.map((e) => e.payload))).not.toContain("wrong-password");
  });
});

describe("[AUTH][REAUTH]: confirming identity for critical approvals", () => {
  it("counts wrong passwords like sign-in failures and ends the session when the account locks", async () => {
    const actor = await seedActor(db, ["approver"]);
    const { reauthenticate } = await import("@/lib/auth/reauth");
    for (let i = 0; i < 4; i++) expect(await reauthenticate(db, actor, "wrong-guess")).toBe(false);
    expect((await db.userSession.findUniqueOrThrow({ where: { id: actor.sessionId! } })).revokedAt).toBeNull();
    expect(await reauthenticate(db, actor, "wrong-guess")).toBe(false);
    expect((await db.userSession.findUniqueOrThrow({ where: { id: actor.sessionId! } })).revokedAt).not.toBeNull();
    // Locked: even the right password does not confirm now.
    expect(await reauthenticate(db, actor, actor.password)).toBe(false);
  }, 30_000);

  it("accepts the right password and records the time", async () => {
    const actor = await seedActor(db, ["approver"]);
    const { reauthenticate } = await import("@/lib/auth/reauth");
    expect(await reauthenticate(db, actor, actor.password)).toBe(true);
    expect((await db.userSession.findUniqueOrThrow({ where: { id: actor.sessionId! } })).reauthAt).not.toBeNull();
  });
});
