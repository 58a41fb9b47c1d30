import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether an Authorization header carries `Bearer <expected>`. Both sides are hashed first, so
 * the comparison is constant-time and takes the same time whatever the presented token's length.
 */
export function isBearerToken(header: string | null, expected: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  // Compare even without a token, so a missing header is not answered measurably faster.
  const isEqual = timingSafeEqual(digest(match?.[1] ?? ""), digest(expected));
  return Boolean(match) && isEqual;
}
