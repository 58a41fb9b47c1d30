import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, expect } from "vitest";
import type { TPrisma } from "@/lib/db/prisma";
import type { TActionResult, TErrorCode } from "@/lib/operations/result";
import { GENESIS_HASH, auditHash } from "@/lib/audit/hash";

// What the malformed-input fuzz test checks after every call: what the user sees (an answer in
// the one error shape, readable) and what it left behind (nothing but the refusal's audit event).

// Every table of the schema but the audit log. A row count and the newest row version (xmin)
// per table catch any insert, update or delete, and cost one scan instead of a digest of rows.
const TABLES = [...readFileSync(path.resolve("prisma/schema.prisma"), "utf8").matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!).filter((t) => t !== "AuditEvent");
const SNAPSHOT_SQL = `SELECT ${TABLES.map((t) => `(SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM "${t}") AS "${t}"`).join(", ")}, (SELECT coalesce(max(id), 0)::text FROM "AuditEvent") AS "auditMax"`;

type TSnapshot = Record<string, string>;

export type TObservation<T> = {
  result: T | undefined;
  thrown: unknown;
  changedTables: string[];
  audit: { action: string; outcome: string }[];
  /** New audit events whose stored content no longer matches their hash ("Verify integrity" would flag them). */
  unverifiable: string[];
};

/** `observe(call)`: runs one call and reports its answer, any throw, and what it wrote. */
export function observer(db: () => TPrisma) {
  const snapshot = async () => ((await db().$queryRawUnsafe(SNAPSHOT_SQL)) as TSnapshot[])[0]!;
  // A run that wrote nothing leaves the state the next run starts from: one snapshot per run.
  // Set-up between tests writes (actors, a pending request), so each test takes a fresh one.
  let lastSeen: TSnapshot | null = null;
  beforeEach(() => {
    lastSeen = null;
  });

  return async function observe<T>(call: () => Promise<T>): Promise<TObservation<T>> {
    const before = lastSeen ?? (await snapshot());
    let result: T | undefined;
    let thrown: unknown;
    try {
      result = await call();
    } catch (err) {
      thrown = err;
    }
    const after = (lastSeen = await snapshot());
    const since = BigInt(before.auditMax!);
    const rows = await db().auditEvent.findMany({ where: { id: { gte: since } }, orderBy: { id: "asc" } });
    const events = rows.filter((r) => r.id > since);
    let prevHash = rows.find((r) => r.id === since)?.hash ?? GENESIS_HASH;
    const unverifiable: string[] = [];
    for (const e of events) {
      const { at, actorId, actorEmail, actorRoles, action, targetType, targetId, outcome, payload, ip, userAgent, requestId } = e;
      const content = { at, actorId, actorEmail, actorRoles, action, targetType, targetId, outcome, payload, ip, userAgent, requestId };
      if (e.prevHash !== prevHash || auditHash(prevHash, content) !== e.hash) unverifiable.push(`${action}: ${JSON.stringify(payload)?.slice(0, 300)}`);
      prevHash = e.hash;
    }
    return { result, thrown, changedTables: TABLES.filter((t) => before[t] !== after[t]), audit: events.map((e) => ({ action: e.action, outcome: e.outcome })), unverifiable };
  };
}

/** What a user must never be shown: internals, stack frames, stringified objects. */
const TECHNICAL = /prisma|invalid input syntax|violates|\bat \S+ \(|:\d+:\d+\)|\[object\b|TypeError|RangeError|SyntaxError|ECONN/i;

/** The pipeline's refusal shape, with messages a person can read. */
export function expectRefusal(result: TActionResult<unknown> | undefined, codes: readonly TErrorCode[]) {
  expect(result, "an answer, not nothing").toBeDefined();
  expect(result!.ok, JSON.stringify(result)?.slice(0, 500)).toBe(false);
  if (!result || result.ok) return;
  expect(codes, `${result.code}: ${result.error}`).toContain(result.code);
  expect(result.ref, "a refusal is not a 'Something went wrong (ref …)'").toBeUndefined();
  expect(typeof result.error).toBe("string");
  expect(result.error.trim().length).toBeGreaterThan(0);
  expect(result.error.length).toBeLessThanOrEqual(300);
  expect(result.error).not.toMatch(TECHNICAL);
  if (result.code !== "INVALID_INPUT") return;
  const fields = Object.entries(result.fieldErrors ?? {});
  expect(fields.length, "INVALID_INPUT names the fields to fix").toBeGreaterThan(0);
  for (const [field, messages] of fields) {
    expect(messages.length, field).toBeGreaterThan(0);
    for (const message of messages) {
      expect(typeof message, field).toBe("string");
      expect(message.trim().length, field).toBeGreaterThan(0);
      expect(message, field).not.toMatch(TECHNICAL);
    }
  }
}

/** No throw, no table changed, at most the refusal's own audit event (invalid or denied), still verifiable. */
export function expectNothingWritten(seen: TObservation<unknown>, auditPrefix: string) {
  expect(seen.thrown === undefined ? undefined : String((seen.thrown as Error)?.stack ?? seen.thrown).slice(0, 1_500), "the call must answer, not throw (a 500)").toBeUndefined();
  expect(seen.changedTables, "tables changed by a refused input").toEqual([]);
  expect(seen.audit.length, JSON.stringify(seen.audit)).toBeLessThanOrEqual(1);
  for (const event of seen.audit) {
    expect(["invalid", "denied"], JSON.stringify(event)).toContain(event.outcome);
    expect(event.action.startsWith(auditPrefix), event.action).toBe(true);
  }
  expect(seen.unverifiable, "audit events whose stored content no longer matches their hash").toEqual([]);
  // A "__proto__" or "constructor" key must stay data, never reach Object.prototype.
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}
