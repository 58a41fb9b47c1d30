import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import type { TCurrentUser } from "@/lib/auth/session";
import { NotAllowedError } from "@/lib/users/queries";

// Reading the audit log: auditors and admins only, checked here next to the data.

const ZDate = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    // <input type="datetime-local"> sends no zone; the page says UTC, so read it as UTC.
    const d = new Date(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(v) ? `${v}Z` : v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a date and time" });
      return z.NEVER;
    }
    return d;
  });

export const ZAuditFilters = z.object({
  actor: z.string().trim().max(320).optional().transform((v) => v || undefined),
  action: z.string().trim().max(200).optional().transform((v) => v || undefined),
  target: z.string().trim().max(200).optional().transform((v) => v || undefined),
  outcome: z.enum(["success", "denied", "invalid", "failed", "pending", "rejected", "expired", ""]).optional().transform((v) => v || undefined),
  from: ZDate,
  to: ZDate,
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .refine((v) => BigInt(v) <= 9223372036854775807n, "Out of range")
    .optional(),
});
export type TAuditFilters = z.infer<typeof ZAuditFilters>;

export function assertCanReadAudit(user: TCurrentUser) {
  if (!user.roles.some((r) => r === "auditor" || r === "admin")) throw new NotAllowedError("Only auditors and admins can read the audit log");
}

export function auditWhere(f: TAuditFilters): Prisma.AuditEventWhereInput {
  return {
    ...(f.actor ? { actorEmail: f.actor.toLowerCase() } : {}),
    ...(f.action ? { action: { startsWith: f.action } } : {}),
    ...(f.target ? { targetId: f.target } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.from || f.to ? { at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } } : {}),
  };
}

export const AUDIT_PAGE_SIZE = 50;

export type TAuditRow = {
  id: string;
  at: Date;
  actorEmail: string | null;
  actorRoles: string[];
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  payload: unknown;
  ip: string | null;
  requestId: string | null;
};

/** Newest first, keyset on the id (a deep page costs what the first does). */
// Events are appended one at a time under the chain lock, so `at` follows `id` up to the clock
// skew between instances. A time range is therefore also turned into an id range (widened by a
// generous margin for skew): every filter's (column, id) index can then serve a time-bounded
// search, instead of the planner walking the whole log backwards by id and discarding rows. The
// exact `at` condition still decides what matches.
const CLOCK_SKEW_MARGIN_MS = 5 * 60_000;

export async function idRangeHint(f: Pick<TAuditFilters, "from" | "to">): Promise<Prisma.AuditEventWhereInput> {
  const [first, last] = await Promise.all([
    f.from ? db.auditEvent.findFirst({ where: { at: { gte: new Date(f.from.getTime() - CLOCK_SKEW_MARGIN_MS) } }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { id: true } }) : null,
    f.to ? db.auditEvent.findFirst({ where: { at: { lte: new Date(f.to.getTime() + CLOCK_SKEW_MARGIN_MS) } }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { id: true } }) : null,
  ]);
  if ((f.from && !first) || (f.to && !last)) return {}; // nothing on that side: the `at` condition alone finds nothing quickly
  return { id: { ...(first ? { gte: first.id } : {}), ...(last ? { lte: last.id } : {}) } };
}

export async function searchAudit(user: TCurrentUser, filters: TAuditFilters): Promise<{ rows: TAuditRow[]; nextBefore: string | null }> {
  assertCanReadAudit(user);
  const hint = await idRangeHint(filters);
  const rows = await db.auditEvent.findMany({
    where: { AND: [auditWhere(filters), hint, filters.before ? { id: { lt: BigInt(filters.before) } } : {}] },
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
    select: { id: true, at: true, actorEmail: true, actorRoles: true, action: true, targetType: true, targetId: true, outcome: true, payload: true, ip: true, requestId: true },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, id: r.id.toString() }));
  return { rows: page, nextBefore: rows.length > AUDIT_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null };
}
