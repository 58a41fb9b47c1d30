import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { canOpen, knownRoles, type TRole } from "@/lib/auth/roles";
import { adminNetworkRefusal } from "@/lib/auth/admin-network";
import { clientInfo } from "@/lib/http/request-context";

export type TCurrentUser = {
  id: string;
  email: string;
  name: string;
  roles: TRole[];
  sessionId: string;
  /** REQUIRE_MFA is on and this approver/admin has no second factor yet: only its set-up opens. */
  mfaSetupRequired: boolean;
};

// lastSeenAt is written at most once a minute per session, not on every request.
const TOUCH_EVERY_MS = 60_000;

/** A session idle longer than SESSION_IDLE_HOURS has expired; an active one is touched once a minute. */
export function sessionState({ lastSeenAt, now, idleHours }: { lastSeenAt: Date; now: Date; idleHours: number }): "expired" | "touch" | "fresh" {
  const idleMs = now.getTime() - lastSeenAt.getTime();
  if (idleMs > idleHours * 3600_000) return "expired";
  return idleMs > TOUCH_EVERY_MS ? "touch" : "fresh";
}

/**
 * The signed-in user, or null. Checks the session row on every request: a revoked session,
 * a disabled user or one idle past SESSION_IDLE_HOURS is signed out whatever the cookie says.
 * Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<TCurrentUser | null> => {
  const session = (await getServerSession(authOptions())) as { sid?: string } | null;
  const sid = session?.sid;
  if (typeof sid !== "string" || sid.length === 0) return null;

  const row = await db.userSession.findFirst({
    where: { id: sid },
    select: {
      id: true,
      lastSeenAt: true,
      revokedAt: true,
      mfaPending: true,
      user: { select: { id: true, email: true, name: true, roles: true, disabledAt: true } },
    },
  });
  if (!row || row.revokedAt || row.user.disabledAt) return null;

  const now = new Date();
  const state = sessionState({ lastSeenAt: row.lastSeenAt, now, idleHours: env().SESSION_IDLE_HOURS });
  if (state === "expired") {
    await db.userSession.update({ where: { id: row.id }, data: { revokedAt: now } });
    return null;
  }
  if (state === "touch") await db.userSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
  return {
    id: row.user.id,
    email: row.user.email,
    name: row.user.name,
    roles: knownRoles(row.user.roles),
    sessionId: row.id,
    mfaSetupRequired: row.mfaPending,
  };
});

/** The path being rendered, as recorded by proxy.ts. */
export async function currentPath(): Promise<string> {
  return (await headers()).get("x-opsdeck-path") ?? "/";
}

/** For pages: the signed-in user, or a redirect to sign-in that comes back here afterwards. */
export const MFA_SETUP_PATH = "/account/security";

export async function requireUser(): Promise<TCurrentUser> {
  const user = await getCurrentUser();
  const path = await currentPath();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (user.mfaSetupRequired && path !== MFA_SETUP_PATH) redirect(MFA_SETUP_PATH);
  return user;
}

/**
 * For pages: the user if one of their roles opens this route (lib/auth/roles.ts ROUTES),
 * otherwise the 403 "Not allowed" page. Called by every portal page, next to its data.
 */
export async function requireRoute(path: string): Promise<TCurrentUser> {
  const user = await requireUser();
  if (!canOpen(path, user.roles)) forbidden();
  if (path.startsWith("/admin") && adminNetworkRefusal((await clientInfo()).ip, env().ADMIN_ALLOWED_IPS)) forbidden();
  return user;
}

export function hasRole(user: Pick<TCurrentUser, "roles">, ...roles: TRole[]): boolean {
  return roles.some((r) => user.roles.includes(r));
}
