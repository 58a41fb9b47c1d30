import { z } from "zod";
import { defineOperation, type TApprovalPolicy } from "@/lib/operations/define";
import { OperationError } from "@/lib/operations/result";
import { ROLES, type TRole } from "@/lib/auth/roles";
import { hashPassword } from "@/lib/auth/password";
import type { Prisma } from "@/generated/prisma/client";

// Administration of people: accounts, roles, access. Granting admin or approver lets someone
// approve money movements or grant roles, so it needs a second admin (ARCHITECTURE.md §5).

const ZRoles = z.array(z.enum(ROLES, { message: "Unknown role" })).max(ROLES.length);
const ZUserId = z.string().uuid("Unknown user");
const POWERFUL: readonly TRole[] = ["admin", "approver"];
const SECOND_ADMIN: TApprovalPolicy = { count: 1, by: ["admin"], ttlMinutes: 24 * 60 };

async function mustExist(tx: Prisma.TransactionClient, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw new OperationError("NOT_FOUND", "This user does not exist");
}

/** Changes an existing user's access fields; a missing user is NOT_FOUND, not an internal error. */
async function updateUserAccess(tx: Prisma.TransactionClient, userId: string, data: Prisma.UserUpdateInput) {
  await mustExist(tx, userId);
  return tx.user.update({ where: { id: userId }, data, select: { email: true } });
}

const grantsPower = (before: readonly TRole[], after: readonly TRole[]) => after.some((r) => POWERFUL.includes(r) && !before.includes(r));

const ZNewUser = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email"),
  name: z.string().trim().min(2, "Enter the person's name").max(120),
  roles: ZRoles.default([]),
});

export const createUser = defineOperation({
  id: "user.create",
  title: "Create a user",
  description: "Adds a local account. Granting admin or approver needs a second admin's approval.",
  // Critical: the approving admin confirms their password, since the grant hands out power.
  risk: "critical",
  input: ZNewUser.extend({
    password: z.string().min(12, "At least 12 characters").max(200).optional().or(z.literal("").transform(() => undefined)),
  }),
  // The password is hashed before anything is stored: requests and executions keep only the hash.
  async prepare({ password, ...rest }) {
    return { ...rest, passwordHash: password ? await hashPassword(password) : null };
  },
  stored: ZNewUser.extend({ passwordHash: z.string().nullable() }),
  allowed: ["admin"],
  approval: (input) => (grantsPower([], input.roles) ? SECOND_ADMIN : null),
  target: (input) => ({ type: "user", id: input.email }),
  summary: (input) => `Create ${input.email} with ${input.roles.length ? input.roles.join(", ") : "no roles"}`,
  async execute({ tx }, input: z.infer<typeof ZNewUser> & { passwordHash?: string | null }) {
    const exists = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (exists) throw new OperationError("CONFLICT", `A user with the email ${input.email} already exists`);
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, roles: input.roles, passwordHash: input.passwordHash ?? null },
      select: { id: true },
    });
    return { userId: user.id, email: input.email, roles: input.roles };
  },
});

export const setUserRoles = defineOperation({
  id: "user.roles.set",
  title: "Change a user's roles",
  description: "Roles decide what someone can open and do. Granting admin or approver needs a second admin's approval.",
  risk: "critical",
  input: z.object({ userId: ZUserId, roles: ZRoles }),
  allowed: ["admin"],
  authorize: (actor, input) => (actor.id === input.userId ? "You cannot change your own roles; ask another admin" : null),
  async approval(input, _actor, { db }) {
    const user = await db.user.findUnique({ where: { id: input.userId }, select: { roles: true } });
    return grantsPower(user?.roles ?? [], input.roles) ? { ...SECOND_ADMIN } : null;
  },
  target: (input) => ({ type: "user", id: input.userId }),
  summary: (input) => `Set roles to ${input.roles.length ? input.roles.join(", ") : "none"}`,
  async execute({ tx }, input) {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { roles: true, email: true } });
    if (!user) throw new OperationError("NOT_FOUND", "This user no longer exists");
    await tx.user.update({ where: { id: input.userId }, data: { roles: input.roles } });
    return { email: user.email, before: user.roles, after: input.roles };
  },
});

export const disableUser = defineOperation({
  id: "user.disable",
  title: "Disable a user",
  description: "Ends every session of the user at once and refuses new sign-ins until enabled again.",
  risk: "medium",
  input: z.object({ userId: ZUserId }),
  allowed: ["admin"],
  approval: null,
  authorize: (actor, input) => (actor.id === input.userId ? "You cannot disable your own account" : null),
  target: (input) => ({ type: "user", id: input.userId }),
  async execute({ tx }, input) {
    const now = new Date();
    const user = await updateUserAccess(tx, input.userId, { disabledAt: now });
    const revoked = await tx.userSession.updateMany({ where: { userId: input.userId, revokedAt: null }, data: { revokedAt: now } });
    return { email: user.email, sessionsRevoked: revoked.count };
  },
});

export const enableUser = defineOperation({
  id: "user.enable",
  title: "Enable a user",
  description: "Lets a disabled user sign in again.",
  risk: "medium",
  input: z.object({ userId: ZUserId }),
  allowed: ["admin"],
  approval: null,
  target: (input) => ({ type: "user", id: input.userId }),
  async execute({ tx }, input) {
    return updateUserAccess(tx, input.userId, { disabledAt: null, failedLoginCount: 0, lockedUntil: null });
  },
});

export const unlockUser = defineOperation({
  id: "user.unlock",
  title: "Unlock a user",
  description: "Clears a temporary lock after repeated failed sign-ins.",
  risk: "low",
  input: z.object({ userId: ZUserId }),
  allowed: ["admin"],
  approval: null,
  target: (input) => ({ type: "user", id: input.userId }),
  async execute({ tx }, input) {
    return updateUserAccess(tx, input.userId, { failedLoginCount: 0, lockedUntil: null });
  },
});

export const revokeSession = defineOperation({
  id: "session.revoke",
  title: "Revoke a session",
  description: "Signs a browser or script out on its next request.",
  risk: "low",
  input: z.object({ sessionId: z.string().uuid("Unknown session") }),
  allowed: ROLES,
  approval: null,
  async authorize(actor, input, { db, adminNetworkRefusal }) {
    // Anyone may end their own sessions; only admins may end other people's, and that is an
    // admin action (ADMIN_ALLOWED_IPS applies).
    const session = await db.userSession.findUnique({ where: { id: input.sessionId }, select: { userId: true } });
    if (session?.userId === actor.id) return null;
    if (!actor.roles.includes("admin")) return "Only admins can revoke other people's sessions";
    return adminNetworkRefusal;
  },
  target: (input) => ({ type: "session", id: input.sessionId }),
  async execute({ tx }, input) {
    const session = await tx.userSession.findUnique({ where: { id: input.sessionId }, select: { revokedAt: true, user: { select: { email: true } } } });
    if (!session) throw new OperationError("NOT_FOUND", "This session does not exist");
    if (!session.revokedAt) await tx.userSession.update({ where: { id: input.sessionId }, data: { revokedAt: new Date() } });
    return { email: session.user.email };
  },
});
