import { createHash } from "node:crypto";

// The audit hash chain. Each event's hash covers its content and the previous event's hash, so
// changing, removing or reordering any row breaks every link after it. Pure, unit tested.

export const GENESIS_HASH = "0".repeat(64);

export type TAuditContent = {
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  actorRoles: string[];
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  payload: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
};

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function auditHash(prevHash: string, content: TAuditContent): string {
  const body = canonicalJson({ ...content, at: content.at.toISOString() });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}
