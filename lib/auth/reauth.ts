import type { TPrisma } from "@/lib/db/prisma";
import { verifyPassword } from "@/lib/auth/password";
import { appendAudit } from "@/lib/audit/write";
import type { TActor, TClientInfo } from "@/lib/operations/define";
import { verifyUserTotp } from "@/lib/auth/mfa";

/**
 * Confirms the person at the keyboard is still the account holder (password, or a current
 * authenticator code for users with a second factor), and marks the session re-authenticated.
 */
export async function reauthenticate(db: TPrisma, actor: TActor, secret: string, client: TClientInfo = {}): Promise<boolean> {
  if (!actor.sessionId || !secret) return false;
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true, mfaSecretEnc: true, mfaEnabledAt: true } });
  const isCode = /^\d{6}$/.test(secret.trim());
  const isValid =
    !!user &&
    ((isCode && user.mfaEnabledAt && user.mfaSecretEnc ? await verifyUserTotp(user.mfaSecretEnc, secret.trim()) : false) ||
      (user.passwordHash ? await verifyPassword(secret, user.passwordHash) : false));
  await db.$transaction(async (tx) => {
    if (isValid) await tx.userSession.update({ where: { id: actor.sessionId! }, data: { reauthAt: new Date() } });
    await appendAudit(tx, { actor, action: "auth.reauth", outcome: isValid ? "success" : "denied", client });
  });
  return isValid;
}
