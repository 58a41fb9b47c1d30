import { describe, expect, it } from "vitest";
import { REDACTED, redact } from "@/lib/audit/redact";

describe("[AUDIT][REDACT]: secrets never reach audit payloads", () => {
  it("replaces secret-looking keys at any depth", () => {
    expect(redact({ a: { password: "x", seed: "s", nested: [{ apiKey: "k" }] }, ok: 1 })).toEqual({ a: { password: REDACTED, seed: REDACTED, nested: [{ apiKey: REDACTED }] }, ok: 1 });
  });
  it("removes a password written inside a URL, wherever the string is", () => {
    expect(redact({ endpoint: "postgresql://app:s3cret@db:5432/app", note: "see redis://:pw@cache:6379 now" })).toEqual({
      endpoint: `postgresql://app:${REDACTED}@db:5432/app`,
      note: `see redis://:${REDACTED}@cache:6379 now`,
    });
    expect(redact("https://status.example.org/health")).toBe("https://status.example.org/health");
  });
});
