import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { signInWithOidc } from "@/lib/auth/oidc";
import { testDb } from "../support/db";
import { seedUser } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());
const issuer = "https://idp.test.example";
const base = { issuer, groupsClaim: "groups", client: { ip: "203.0.113.5" } };
const identity = (email: string, extra: Record<string, unknown> = {}) => ({ sub: crypto.randomUUID(), email, email_verified: true, name: "Pat Example", ...extra });

describe("[AUTH][OIDC]: accounts from the identity provider", () => {
  it("creates the account on first sign-in with no roles when roles are assigned in OpsDeck", async () => {
    const email = `sso-${crypto.randomUUID()}@corp.example`;
    const result = await signInWithOidc(db, { ...base, roleMap: null, profile: identity(email, { groups: ["ops-admins"] }) });
    expect(result.ok).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { roles: true, authSource: true, passwordHash: true } });
    expect(user).toEqual({ roles: [], authSource: issuer, passwordHash: null });
  });

  it("keeps roles assigned in OpsDeck on later sign-ins when there is no group map", async () => {
    const email = `sso-${crypto.randomUUID()}@corp.example`;
    await signInWithOidc(db, { ...base, roleMap: null, profile: identity(email) });
    await db.user.update({ where: { email }, data: { roles: ["operator"] } });
    await signInWithOidc(db, { ...base, roleMap: null, profile: identity(email, { groups: ["ops-admins"] }) });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).roles).toEqual(["operator"]);
  });

  it("follows the groups at every sign-in when a map is set", async () => {
    const email = `sso-${crypto.randomUUID()}@corp.example`;
    const roleMap = [{ group: "ops-approvers", role: "approver" }];
    await signInWithOidc(db, { ...base, roleMap, profile: identity(email, { groups: ["ops-approvers"] }) });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).roles).toEqual(["approver"]);
    await signInWithOidc(db, { ...base, roleMap, profile: identity(email, { groups: [] }) });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).roles).toEqual([]);
  });

  it("refuses an unverified or missing email claim", async () => {
    const email = `sso-${crypto.randomUUID()}@corp.example`;
    expect(await signInWithOidc(db, { ...base, roleMap: null, profile: identity(email, { email_verified: false }) })).toEqual({ ok: false, reason: "no_email" });
    expect(await signInWithOidc(db, { ...base, roleMap: null, profile: { sub: "x", email } })).toEqual({ ok: false, reason: "no_email" });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("never takes over a local account that has the same email", async () => {
    const local = await seedUser(db, { roles: ["admin"] });
    expect(await signInWithOidc(db, { ...base, roleMap: null, profile: identity(local.email) })).toEqual({ ok: false, reason: "other_source" });
    expect(await db.userSession.count({ where: { userId: local.id } })).toBe(0);
  });

  it("asks approvers without TOTP to enrol when MFA is required", async () => {
    const email = `sso-${crypto.randomUUID()}@corp.example`;
    const result = await signInWithOidc(db, { ...base, requireMfa: true, roleMap: [{ group: "a", role: "approver" }], profile: identity(email, { groups: ["a"] }) });
    if (!result.ok) throw new Error("expected sign-in");
    expect((await db.userSession.findUniqueOrThrow({ where: { id: result.sessionId } })).mfaPending).toBe(true);
  });
});
