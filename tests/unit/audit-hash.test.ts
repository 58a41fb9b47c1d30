import { describe, expect, it } from "vitest";
import { GENESIS_HASH, auditHash, canonicalJson, type TAuditContent } from "@/lib/audit/hash";
import { redact } from "@/lib/audit/redact";

const event: TAuditContent = {
  at: new Date("2026-11-24T03:00:00.123Z"),
  actorId: null,
  actorEmail: "operator@opsdeck.local",
  actorRoles: ["operator"],
  action: "escrow.pause.executed",
  targetType: "contract",
  targetId: "P2PEscrow",
  outcome: "success",
  payload: { b: 1, a: { d: [1, 2], c: "x" } },
  ip: "10.0.0.1",
  userAgent: "curl",
  requestId: "r1",
};

describe("[AUDIT][HASH]: the chain", () => {
  it("does not depend on key order (jsonb reorders keys)", () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(auditHash(GENESIS_HASH, event)).toBe(auditHash(GENESIS_HASH, { ...event, payload: { a: { c: "x", d: [1, 2] }, b: 1 } }));
  });

  it("changes when any field or the previous hash changes", () => {
    const base = auditHash(GENESIS_HASH, event);
    expect(auditHash(GENESIS_HASH, { ...event, outcome: "denied" })).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...event, at: new Date(event.at.getTime() + 1) })).not.toBe(base);
    expect(auditHash("f".repeat(64), event)).not.toBe(base);
  });
});

describe("[AUDIT][REDACT]: secrets never reach payloads", () => {
  it("replaces secret-looking keys at any depth and keeps the rest", () => {
    expect(redact({ email: "a@b.c", password: "x", nested: [{ seed: "sEd…", amount: 5 }], NEXTAUTH_SECRET: "s" })).toEqual({
      email: "a@b.c",
      password: "[redacted]",
      nested: [{ seed: "[redacted]", amount: 5 }],
      NEXTAUTH_SECRET: "[redacted]",
    });
  });
});
