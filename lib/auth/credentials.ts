import { z } from "zod";
import type { TPrisma } from "@/lib/db/prisma";
import { verifyPassword } from "@/lib/auth/password";
import { failureDelayMs, isLocked, lockUntilAfterFailure } from "@/lib/auth/lockout";

export const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
});

export type TSignInResult =
  | { ok: true; userId: string; sessionId: string }
  | { ok: false; reason: "invalid" | "locked" | "disabled" };

type TClient = { ip?: string | null; userAgent?: string | null };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Checks an email and password and opens a UserSession. The answer never says whether the
 * email exists; failures count towards a temporary lock.
 */
export async function signInWithPassword(
  db: TPrisma,
  input: unknown,
  client: TClient,
  now = new Date(),
): Promise<TSignInResult> {
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true, lockedUntil: true, failedLoginCount: true },
  });
  if (!user || !user.passwordHash) {
    // Same cost as a real check so response time does not reveal which emails exist.
    await verifyPassword(password, "$2b$12$mEQVD4wTeC3ri8JfUa0UeenZxruyd9WkCsKyegIEP72fC/0KLx1eS");
    return { ok: false, reason: "invalid" };
  }
  if (isLocked(user.lockedUntil, now)) return { ok: false, reason: "locked" };

  const isValid = await verifyPassword(password, user.passwordHash);
  if (!isValid) {
    const failed = user.failedLoginCount + 1;
    await db.user.update({
      where: { id: user.id },
      data: { failedLoginCount: failed, lockedUntil: lockUntilAfterFailure(failed, now) },
    });
    await sleep(failureDelayMs(failed));
    return { ok: false, reason: lockUntilAfterFailure(failed, now) ? "locked" : "invalid" };
  }
  if (user.disabledAt) return { ok: false, reason: "disabled" };

  const session = await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
    });
    return tx.userSession.create({
      data: { userId: user.id, ip: client.ip ?? null, userAgent: client.userAgent?.slice(0, 400) ?? null },
      select: { id: true },
    });
  });
  return { ok: true, userId: user.id, sessionId: session.id };
}
