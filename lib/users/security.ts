import "server-only";
import QRCode from "qrcode";
import { db } from "@/lib/db/client";
import type { TCurrentUser } from "@/lib/auth/session";
import { decryptSecret, totpUri } from "@/lib/auth/mfa";
import { MFA_ROLES } from "@/lib/auth/credentials";
import { env } from "@/lib/env";

export type TMfaState =
  | { state: "off"; isRequired: boolean }
  | { state: "pending"; isRequired: boolean; secret: string; qrDataUrl: string }
  | { state: "on"; isRequired: boolean; since: Date };

/** The signed-in user's own second-factor state; the pending secret is shown to its owner only. */
export async function getMfaState(user: TCurrentUser): Promise<TMfaState> {
  const row = await db.user.findFirstOrThrow({ where: { id: user.id }, select: { mfaEnabledAt: true, mfaSecretEnc: true } });
  const isRequired = env().REQUIRE_MFA && user.roles.some((r) => MFA_ROLES.includes(r));
  if (row.mfaEnabledAt) return { state: "on", isRequired, since: row.mfaEnabledAt };
  if (!row.mfaSecretEnc) return { state: "off", isRequired };
  const secret = decryptSecret(row.mfaSecretEnc);
  const qrDataUrl = await QRCode.toDataURL(totpUri(secret, user.email), { margin: 1, width: 220 });
  return { state: "pending", isRequired, secret, qrDataUrl };
}
