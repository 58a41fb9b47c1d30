import crypto from "node:crypto";
import { generate, generateSecret, generateURI, verify } from "otplib";
import { env } from "@/lib/env";

// TOTP second factor. Secrets are stored encrypted (AES-256-GCM) with a key derived from
// NEXTAUTH_SECRET, so a database dump alone does not give anyone the codes.

const DEV_SECRET = "opsdeck-development-secret-not-for-production";

function key(): Buffer {
  const secret = env().NEXTAUTH_SECRET || DEV_SECRET;
  return Buffer.from(crypto.hkdfSync("sha256", secret, "opsdeck", "mfa-secret-encryption", 32));
}

export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

export function decryptSecret(stored: string): string {
  const [iv, tag, body] = stored.split(".").map((p) => Buffer.from(p, "base64url"));
  if (!iv || !tag || !body) throw new Error("Malformed secret");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: "OpsDeck", label: email, secret });
}

/** Accepts the current code and the one before it (clock drift on phones). */
export async function verifyTotp(secret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const result = await verify({ secret, token: code, epochTolerance: [30, 0] });
  return result.valid;
}

export async function verifyUserTotp(encrypted: string, code: string): Promise<boolean> {
  try {
    return await verifyTotp(decryptSecret(encrypted), code);
  } catch {
    return false;
  }
}

/** For tests and scripts: the current code for a secret. */
export function currentTotp(secret: string): Promise<string> {
  return generate({ secret });
}
