import type { TPrisma } from "@/lib/db/prisma";
import { recordAudit } from "@/lib/audit/write";
import { knownRoles, type TRole } from "@/lib/auth/roles";

// Single sign-on through any standard OpenID provider. Accounts are matched by verified email
// and created on first sign-in; roles come from the groups claim (OIDC_ROLE_MAP) or, without a
// map, from OpsDeck itself. Unknown groups and roles grant nothing.

export type TOidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string; [claim: string]: unknown };
export type TRoleMap = { group: string; role: string }[] | null;

export function rolesFromGroups(groups: unknown, map: NonNullable<TRoleMap>): TRole[] {
  const list = Array.isArray(groups) ? groups.filter((g): g is string => typeof g === "string") : typeof groups === "string" ? [groups] : [];
  return [...new Set(knownRoles(map.filter((m) => list.includes(m.group)).map((m) => m.role)))];
}

export type TOidcSignIn = { ok: true; userId: string; sessionId: string } | { ok: false; reason: "no_email" | "disabled" };

export async function signInWithOidc(
  db: TPrisma,
  { profile, issuer, groupsClaim, roleMap, client }: { profile: TOidcProfile; issuer: string; groupsClaim: string; roleMap: TRoleMap; client: { ip?: string | null; userAgent?: string | null; requestId?: string | null } },
): Promise<TOidcSignIn> {
  const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : null;
  // An unverified email could be anyone's: it must not open an existing account.
  if (!email || profile.email_verified === false) {
    await recordAudit(db, { actor: { id: null, email, roles: [] }, action: "auth.sign_in", outcome: "denied", payload: { method: "oidc", issuer, reason: "no verified email" }, client });
    return { ok: false, reason: "no_email" };
  }
  const mappedRoles = roleMap ? rolesFromGroups(profile[groupsClaim], roleMap) : null;
  const result = await db.$transaction(async (tx) => {
    const existing = await tx.user.findFirst({ where: { email }, select: { id: true, disabledAt: true, roles: true } });
    if (existing?.disabledAt) return { ok: false as const, reason: "disabled" as const, userId: existing.id, roles: existing.roles };
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { lastLoginAt: new Date(), ...(mappedRoles ? { roles: mappedRoles } : {}) }, select: { id: true, roles: true } })
      : await tx.user.create({
          data: { email, name: typeof profile.name === "string" && profile.name ? profile.name : email, roles: mappedRoles ?? [], authSource: issuer, lastLoginAt: new Date() },
          select: { id: true, roles: true },
        });
    const session = await tx.userSession.create({
      data: { userId: user.id, ip: client.ip ?? null, userAgent: client.userAgent?.slice(0, 400) ?? null, reauthAt: new Date() },
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
