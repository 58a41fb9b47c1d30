import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { knownRoles, type TRole } from "@/lib/auth/roles";
import type { TCurrentUser } from "@/lib/auth/session";

export class NotAllowedError extends Error {}

export type TUserRow = {
  id: string;
  email: string;
  name: string;
  roles: TRole[];
  isDisabled: boolean;
  isLocked: boolean;
  lastLoginAt: Date | null;
  activeSessions: number;
};

export const ZUserListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  after: z.string().max(320).optional().catch(undefined),
});

export const USERS_PAGE_SIZE = 50;

const userRowSelect = { id: true, email: true, name: true, roles: true, disabledAt: true, lockedUntil: true, lastLoginAt: true } as const;

type TUserRowSource = { id: string; email: string; name: string; roles: string[]; disabledAt: Date | null; lockedUntil: Date | null; lastLoginAt: Date | null };

function toUserRow(u: TUserRowSource, activeSessions: number, now: Date): TUserRow {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: knownRoles(u.roles),
    isDisabled: !!u.disabledAt,
    isLocked: !!u.lockedUntil && u.lockedUntil > now,
    lastLoginAt: u.lastLoginAt,
    activeSessions,
  };
}

/**
 * Users with their roles and state, by email, a page at a time (keyset on the unique email, so
 * a deep page costs what the first does). Admins only; checked here, next to the data.
 */
export async function listUsers(actor: TCurrentUser, query: z.infer<typeof ZUserListQuery> = {}): Promise<{ rows: TUserRow[]; nextAfter: string | null }> {
  if (!actor.roles.includes("admin")) throw new NotAllowedError("Only admins can list users");
  const now = new Date();
  const search = query.q
    ? { OR: [{ email: { contains: query.q, mode: "insensitive" as const } }, { name: { contains: query.q, mode: "insensitive" as const } }] }
    : {};
  const users = await db.user.findMany({
    where: { ...search, ...(query.after ? { email: { gt: query.after } } : {}) },
    orderBy: { email: "asc" },
    take: USERS_PAGE_SIZE + 1,
    select: { ...userRowSelect, _count: { select: { sessions: { where: { revokedAt: null } } } } },
  });
  const page = users.slice(0, USERS_PAGE_SIZE);
  const rows = page.map((u) => toUserRow(u, u._count.sessions, now));
  return { rows, nextAfter: users.length > USERS_PAGE_SIZE ? (page.at(-1)?.email ?? null) : null };
}

export type TSessionRow = { id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null; isCurrent: boolean };

/** The signed-in user's own open sessions. */
export async function listMySessions(actor: TCurrentUser): Promise<TSessionRow[]> {
  const rows = await db.userSession.findMany({
    where: { userId: actor.id, revokedAt: null },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
  });
  return rows.map((r) => ({ ...r, isCurrent: r.id === actor.sessionId }));
}

export type TUserDetail = TUserRow & { createdAt: Date; authSource: string; hasMfa: boolean; sessions: Omit<TSessionRow, "isCurrent">[]; pendingRequests: { id: string; title: string }[] };

/** One user, their open sessions and any pending requests about them. Admins only. */
export async function getUserDetail(actor: TCurrentUser, id: string): Promise<TUserDetail | null> {
  if (!actor.roles.includes("admin")) throw new NotAllowedError("Only admins can see users");
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const u = await db.user.findFirst({
    where: { id },
    select: {
      ...userRowSelect,
      createdAt: true,
      authSource: true,
      mfaEnabledAt: true,
      sessions: { where: { revokedAt: null }, orderBy: { lastSeenAt: "desc" }, take: 50, select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true } },
    },
  });
  if (!u) return null;
  const pending = await db.approvalRequest.findMany({ where: { status: "PENDING", targetType: "user", targetId: { in: [u.id, u.email] } }, select: { id: true, title: true } });
  return {
    ...toUserRow(u, u.sessions.length, new Date()),
    createdAt: u.createdAt,
    authSource: u.authSource,
    hasMfa: !!u.mfaEnabledAt,
    sessions: u.sessions,
    pendingRequests: pending,
  };
}
