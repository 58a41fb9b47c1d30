// Secrets never reach audit payloads: any key that looks like one is replaced, at any depth.
const SECRET_KEY = /pass(word)?|secret|token|seed|private|mnemonic|otp|totp|code|apikey|api_key|authorization|cookie/i;

export const REDACTED = "[redacted]";

/** A password inside a URL ("postgresql://app:pw@db/x"), wherever it appears in a string. */
const URL_CREDENTIAL = /([a-z][a-z0-9+.-]*:\/\/[^/@\s:]*):[^@/\s]+@/gi;

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.replace(URL_CREDENTIAL, `$1:${REDACTED}@`);
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1)]),
  );
}
