import { z } from "zod";
import type { TPrisma } from "@/lib/db/prisma";
import { verifyPassword } from "@/lib/auth/password";
import { failureDelayMs, isLocked, lockUntilAfterFailure } from "@/lib/auth/lockout";
import { verifyUserTotp } from "@/lib/auth/mfa";
import { recordAudit } from "@/lib/audit/write";
import { knownRoles, type TRole } from "@/lib/auth/roles";

export const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
  code: z
    .string()
    .trim()
    .max(10)
    .optional()
    .transform((v) => v || undefined),
});

export type TSignInFailure = "invalid" | "locked" | "disabled" | "mfa_required" | "mfa_invalid";
export type TSignInResult = { ok: true; userId: string; sessionId: string; mfaSetupRequired: boolean } | { ok: false; reason: TSignInFailure };

type TClient = { ip?: string | null; userAgent?: string | null; requestId?: string | null };

/** Roles that must use a second factor when REQUIRE_MFA is on. */
export const MFA_ROLES: readonly TRole[] = ["approver", "admin"];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// A real bcrypt hash of a random string: checking against it costs what a real check costs.
const DUMMY_HASH = "$2b$12$mEQVD4wTeC3ri8JfUa0UeenZxruyd9WkCsKyegIEP72fC/0KLx1eS";

/**
 * Counts one failed proof of identity (sign-in or re-authentication). The increment happens in
 * the database, so parallel guesses cannot all read the same count; reaching the limit locks
 * the account. Returns the lock's end, if it is now locked.
 */
export async function countFailure(db: TPrisma, userId: string, now = new Date()): Promise<Date | null> {
  const { failedLoginCount } = await db.user.update({ where: { id: userId }, data: { failedLoginCount: { increment: 1 } }, select: { failedLoginCount: true } });
  const lockedUntil = lockUntilAfterFailure(failedLoginCount, now);
  if (lockedUntil) await db.user.update({ where: { id: userId }, data: { lockedUntil } });
  await sleep(failureDelayMs(failedLoginCount));
  return lockedUntil;
}

/**
 * Checks an email, password and (when the account has one) authenticator code, and opens a
 * UserSession. The answer never says whether the email exists; failures count towards a
 * temporary lock; every attempt is audited.
 */
export async function signInWithPassword(
  db: TPrisma,
  input: unknown,
  client: TClient,
  { now = new Date(), requireMfa = false }: { now?: Date; requireMfa?: boolean } = {},
): Promise<TSignInResult> {
  const parsed = ZCredentials.safeParse(input);
  const email = parsed.success ? parsed.data.email : typeof (input as { email?: unknown })?.email === "string" ? String((input as { email: string }).email).slice(0, 200) : null;

  const user = parsed.success
    ? await db.user.findFirst({
        where: { email: parsed.data.email },
        select: { id: true, email: true, roles: true, passwordHash: true, disabledAt: true, lockedUntil: true, failedLoginCount: true, mfaEnabledAt: true, mfaSecretEnc: true },
      })
    : null;
  const actor = user ? { id: user.id, email: user.email, roles: user.roles } : { id: null, email, roles: [] };
  const refuse = async (reason: TSignInFailure): Promise<TSignInResult> => {
    await recordAudit(db, { actor, action: "auth.sign_in", outcome: "denied", payload: { email, reason }, client });
    return { ok: false, reason };
  };

  if (!parsed.success || !user || !user.passwordHash) {
    if (parsed.success) await verifyPassword(parsed.data.password, DUMMY_HASH);
    return refuse("invalid");
  }
  if (isLocked(user.lockedUntil, now)) return refuse("locked");

  const { password, code } = parsed.data;
  const hasMfa = !!user.mfaEnabledAt && !!user.mfaSecretEnc;
  const isPasswordValid = await verifyPassword(password, user.passwordHash);
  // Without a code, a right password on an MFA account only learns that a code is needed.
  if (isPasswordValid && hasMfa && !code) return refuse("mfa_required");
  const isCodeValid = !hasMfa || (await verifyUserTotp(user.mfaSecretEnc!, code ?? ""));
  if (!isPasswordValid || !isCodeValid) {
    const lockedUntil = await countFailure(db, user.id, now);
    return refuse(lockedUntil ? "locked" : isPasswordValid ? "mfa_invalid" : "invalid");
  }
  if (user.disabledAt) return refuse("disabled");

  const mfaSetupRequired = requireMfa && !hasMfa && knownRoles(user.roles).some((r) => MFA_ROLES.includes(r));
  const session = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now } });
    return tx.userSession.create({
      // A fresh sign-in is a fresh proof of identity: it counts as re-authentication.
      data: { userId: user.id, ip: client.ip ?? null, userAgent: client.userAgent?.slice(0, 400) ?? null, reauthAt: now, mfaPending: mfaSetupRequired },
      select: { id: true },
    });
  });
  await recordAudit(db, { actor, action: "auth.sign_in", outcome: "success", payload: { email, sessionId: session.id, mfa: hasMfa, mfaSetupRequired }, client });
  return { ok: true, userId: user.id, sessionId: session.id, mfaSetupRequired };
}
