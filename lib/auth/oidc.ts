import type { TPrisma } from "@/lib/db/prisma";
import { recordAudit } from "@/lib/audit/write";
import { knownRoles, type TRole } from "@/lib/auth/roles";
import { MFA_ROLES } from "@/lib/auth/credentials";

// Single sign-on through any standard OpenID provider. Accounts are matched by verified email
// and created on first sign-in; roles come from the groups claim (OIDC_ROLE_MAP) or, without a
// map, from OpsDeck itself. Unknown groups and roles grant nothing.

export type TOidcProfile = { sub: string; email?: string; email_verified?: boolean | string; name?: string; [claim: string]: unknown };
export type TRoleMap = { group: string; role: string }[] | null;

export function rolesFromGroups(groups: unknown, map: NonNullable<TRoleMap>): TRole[] {
  const list = Array.isArray(groups) ? groups.filter((g): g is string => typeof g === "string") : typeof groups === "string" ? [groups] : [];
  return [...new Set(knownRoles(map.filter((m) => list.includes(m.group)).map((m) => m.role)))];
}

export type TOidcSignIn = { ok: true; userId: string; sessionId: string } | { ok: false; reason: "no_email" | "disabled" | "other_source" };

export async function signInWithOidc(
  db: TPrisma,
  {
    profile,
    issuer,
    groupsClaim,
    roleMap,
    client,
    requireMfa = false,
  }: { profile: TOidcProfile; issuer: string; groupsClaim: string; roleMap: TRoleMap; client: { ip?: string | null; userAgent?: string | null; requestId?: string | null }; requireMfa?: boolean },
): Promise<TOidcSignIn> {
  const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : null;
  // Only an email the provider says it verified identifies a person; a missing claim does not.
  const isVerified = profile.email_verified === true || profile.email_verified === "true";
  if (!email || !isVerified) {
    await recordAudit(db, { actor: { id: null, email, roles: [] }, action: "auth.sign_in", outcome: "denied", payload: { method: "oidc", issuer, reason: "no verified email" }, client });
    return { ok: false, reason: "no_email" };
  }
  const mappedRoles = roleMap ? rolesFromGroups(profile[groupsClaim], roleMap) : null;
  const result = await db.$transaction(async (tx) => {
    const existing = await tx.user.findFirst({ where: { email }, select: { id: true, disabledAt: true, roles: true, authSource: true, mfaEnabledAt: true } });
    if (existing?.disabledAt) return { ok: false as const, reason: "disabled" as const, userId: existing.id, roles: existing.roles };
    // A local account (or one from another provider) is never taken over by an IdP asserting the
    // same email: an admin links accounts deliberately, not a claim.
    if (existing && existing.authSource !== issuer) return { ok: false as const, reason: "other_source" as const, userId: existing.id, roles: existing.roles };
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { lastLoginAt: new Date(), ...(mappedRoles ? { roles: mappedRoles } : {}) }, select: { id: true, roles: true } })
      : await tx.user.create({
          data: { email, name: typeof profile.name === "string" && profile.name ? profile.name : email, roles: mappedRoles ?? [], authSource: issuer, lastLoginAt: new Date() },
          select: { id: true, roles: true },
        });
    // The IdP's own second factor covers sign-in; REQUIRE_MFA still asks approvers and admins to
    // enrol OpsDeck's TOTP, which is what re-confirms critical approvals (no reauthAt here).
    const mfaPending = requireMfa && !existing?.mfaEnabledAt && knownRoles(user.roles).some((r) => MFA_ROLES.includes(r));
    const session = await tx.userSession.create({
      data: { userId: user.id, ip: client.ip ?? null, userAgent: client.userAgent?.slice(0, 400) ?? null, mfaPending },
      select: { id: true },
    });
    return { ok: true as const, userId: user.id, sessionId: session.id, roles: user.roles, isNew: !existing };
  });
  await recordAudit(db, {
    actor: { id: result.userId, email, roles: result.roles },
    action: "auth.sign_in",
    outcome: result.ok ? "success" : "denied",
    payload: result.ok ? { method: "oidc", issuer, sessionId: result.sessionId, created: result.isNew, rolesFromGroups: mappedRoles } : { method: "oidc", issuer, reason: result.reason },
    client,
  });
  return result.ok ? { ok: true, userId: result.userId, sessionId: result.sessionId } : { ok: false, reason: result.reason };
}
