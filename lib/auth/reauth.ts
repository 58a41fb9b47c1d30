import type { TPrisma } from "@/lib/db/prisma";
import { verifyPassword } from "@/lib/auth/password";
import { appendAudit, recordAudit } from "@/lib/audit/write";
import { countFailure } from "@/lib/auth/credentials";
import { isLocked } from "@/lib/auth/lockout";
import type { TActor, TClientInfo } from "@/lib/operations/define";
import { verifyUserTotp } from "@/lib/auth/mfa";

/**
 * Confirms the person at the keyboard is still the account holder (password, or a current
 * authenticator code for users with a second factor), and marks the session re-authenticated.
 */
export async function reauthenticate(db: TPrisma, actor: TActor, secret: string, client: TClientInfo = {}): Promise<boolean> {
  if (!actor.sessionId || !secret) return false;
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true, mfaSecretEnc: true, mfaEnabledAt: true, lockedUntil: true } });
  // Guesses here count like sign-in failures: a stolen session cannot brute-force the password.
  if (!user || isLocked(user.lockedUntil, new Date())) {
    await recordAudit(db, { actor, action: "auth.reauth", outcome: "denied", payload: { reason: "locked" }, client });
    return false;
  }
  const isCode = /^\d{6}$/.test(secret.trim());
  const isValid =
    ((isCode && user.mfaEnabledAt && user.mfaSecretEnc ? await verifyUserTotp(user.mfaSecretEnc, secret.trim()) : false) ||
      (user.passwordHash ? await verifyPassword(secret, user.passwordHash) : false));
  if (!isValid) {
    const lockedUntil = await countFailure(db, actor.id);
    // Locked now: this session ends too, whoever holds it.
    if (lockedUntil) await db.userSession.update({ where: { id: actor.sessionId }, data: { revokedAt: new Date() } });
    await recordAudit(db, { actor, action: "auth.reauth", outcome: "denied", payload: { reason: "invalid", locked: !!lockedUntil }, client });
    return false;
  }
  await db.$transaction(async (tx) => {
    await tx.userSession.update({ where: { id: actor.sessionId! }, data: { reauthAt: new Date() } });
    await tx.user.update({ where: { id: actor.id }, data: { failedLoginCount: 0 } });
    await appendAudit(tx, { actor, action: "auth.reauth", outcome: "success", client });
  });
  return true;
}
