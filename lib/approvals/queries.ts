import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { knownRoles, type TRole } from "@/lib/auth/roles";
import type { TCurrentUser } from "@/lib/auth/session";
import { disputeRef } from "@/lib/disputes/ref";
import { findOperation } from "@/lib/operations/registry";
import { redact } from "@/lib/audit/redact";

export type TRequestListItem = {
  id: string;
  operationId: string;
  title: string;
  risk: string;
  status: string;
  requestedBy: string;
  approvals: number;
  requiredCount: number;
  createdAt: Date;
  expiresAt: Date;
};

const listSelect = {
  id: true,
  operationId: true,
  title: true,
  risk: true,
  status: true,
  requiredCount: true,
  createdAt: true,
  expiresAt: true,
  requestedBy: { select: { email: true } },
  votes: { select: { decision: true } },
} satisfies Prisma.ApprovalRequestSelect;

type TListRow = Prisma.ApprovalRequestGetPayload<{ select: typeof listSelect }>;

function toItem(r: TListRow): TRequestListItem {
  return {
    id: r.id,
    operationId: r.operationId,
    title: r.title,
    risk: r.risk,
    status: r.status,
    requestedBy: r.requestedBy.email,
    approvals: r.votes.filter((v) => v.decision === "APPROVE").length,
    requiredCount: r.requiredCount,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
  };
}

/**
 * Ids of the requests this user may decide now: pending, not expired, not theirs, not yet voted
 * on, and one of their roles approves (array overlap, `&&`). Shared by the inbox and the badge.
 */
async function waitingForIds(user: TCurrentUser, limit: number): Promise<string[]> {
  if (user.roles.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT r.id::text AS id FROM "ApprovalRequest" r
    WHERE r.status = 'PENDING' AND r."expiresAt" > now() AND r."requestedById" <> ${user.id}::uuid
      AND r."approverRoles" && ${user.roles}::text[]::"Role"[]
      AND NOT EXISTS (SELECT 1 FROM "ApprovalVote" v WHERE v."requestId" = r.id AND v."voterId" = ${user.id}::uuid)
    ORDER BY r."createdAt" DESC
    LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

export async function countWaitingFor(user: TCurrentUser): Promise<number> {
  if (user.roles.length === 0) return 0;
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "ApprovalRequest" r
    WHERE r.status = 'PENDING' AND r."expiresAt" > now() AND r."requestedById" <> ${user.id}::uuid
      AND r."approverRoles" && ${user.roles}::text[]::"Role"[]
      AND NOT EXISTS (SELECT 1 FROM "ApprovalVote" v WHERE v."requestId" = r.id AND v."voterId" = ${user.id}::uuid)`;
  return rows[0]?.n ?? 0;
}

export type TInboxTab = "waiting" | "mine" | "history";

/** The approvals inbox. Everyone who can open /approvals sees their own; history shows decided requests they took part in (all of them for approvers and admins). */
export async function listInbox(user: TCurrentUser, tab: TInboxTab, { before }: { before?: Date } = {}): Promise<TRequestListItem[]> {
  const page = before ? { createdAt: { lt: before } } : {};
  const canSeeAll = user.roles.includes("approver") || user.roles.includes("admin");
  const where: Prisma.ApprovalRequestWhereInput =
    tab === "waiting"
      ? { id: { in: await waitingForIds(user, 50) } }
      : tab === "mine"
        ? { requestedById: user.id }
        : canSeeAll
          ? { status: { not: "PENDING" } }
          : { status: { not: "PENDING" }, OR: [{ requestedById: user.id }, { votes: { some: { voterId: user.id } } }] };
  const rows = await db.approvalRequest.findMany({ where: { AND: [where, page] }, orderBy: { createdAt: "desc" }, take: 50, select: listSelect });
  return rows.map(toItem);
}

export type TRequestDetail = TRequestListItem & {
  input: unknown;
  reason: string;
  description: string;
  requestedById: string;
  approverRoles: TRole[];
  /** A page showing what the request acts on, when there is one. */
  target: { href: string; label: string } | null;
  outcome: unknown;
  decidedAt: Date | null;
  votes: { voter: string; decision: string; reason: string | null; createdAt: Date }[];
  trail: { id: string; at: Date; action: string; actor: string | null; outcome: string }[];
  canVote: boolean;
  whyNot: string | null;
};

/** One request with its votes and audit trail. Visible to the requester, anyone who may decide it, auditors and admins. */
/** Where an approver reads what the request acts on (the dispute with its evidence, the wallet's entries). */
function targetLink(type: string | null, id: string | null): { href: string; label: string } | null {
  if (!type || !id) return null;
  if (type === "dispute") {
    const [chain, orderId] = id.split("/");
    return chain && orderId ? { href: `/disputes/${disputeRef(chain, orderId)}`, label: `Dispute #${orderId}: order, evidence and both parties` } : null;
  }
  if (type === "wallet") return { href: `/disputes/blacklist?q=${encodeURIComponent(id)}`, label: `${id} on the blacklist` };
  if (type === "incident") return { href: `/incidents/${encodeURIComponent(id)}`, label: "The incident" };
  if (type === "platform-wallet") return { href: "/treasury/rotation", label: "The platform wallet rotation" };
  if (type === "treasury-destination") return { href: "/treasury/transfers", label: "The transfers and the address book" };
  if (type === "treasury-account" && /^[0-9a-f-]{36}$/i.test(id)) return { href: `/treasury/accounts/${id}`, label: "The account's balance and history" };
  if (type === "secret" || type === "backup-target") return { href: "/secrets", label: "The rotation schedule and backups" };
  return null;
}

export async function getRequest(user: TCurrentUser, id: string): Promise<TRequestDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = await db.approvalRequest.findFirst({
    where: { id },
    select: {
      ...listSelect,
      input: true,
      reason: true,
      requestedById: true,
      approverRoles: true,
      outcome: true,
      decidedAt: true,
      targetType: true,
      targetId: true,
      votes: { orderBy: { createdAt: "asc" }, select: { decision: true, reason: true, createdAt: true, voterId: true, voter: { select: { email: true } } } },
    },
  });
  if (!row) return null;
  const approverRoles = knownRoles(row.approverRoles);
  const isEligible = approverRoles.some((r) => user.roles.includes(r));
  const mayView = row.requestedById === user.id || isEligible || user.roles.includes("auditor") || user.roles.includes("admin") || row.votes.some((v) => v.voterId === user.id);
  if (!mayView) return null;

  const trail = await db.auditEvent.findMany({
    where: { OR: [{ targetType: "approval", targetId: id }, { payload: { path: ["requestId"], equals: id } }] },
    orderBy: { id: "asc" },
    take: 100,
    select: { id: true, at: true, action: true, actorEmail: true, outcome: true },
  });
  const now = new Date();
  const myVote = row.votes.find((v) => v.voterId === user.id);
  const CLOSED: Record<string, string> = {
    APPROVED: "Approved; the change is being carried out.",
    EXECUTED: "Approved and carried out.",
    REJECTED: "Rejected; nothing was changed.",
    EXPIRED: "Expired before enough approvals; nothing was changed.",
    FAILED: "Approved, but carrying it out failed; see the outcome.",
  };
  const whyNot = myVote
    ? `You ${myVote.decision === "APPROVE" ? "approved" : "rejected"} this request. ${CLOSED[row.status] ?? ""}`.trim()
    : row.status !== "PENDING"
      ? (CLOSED[row.status] ?? `This request is ${row.status.toLowerCase()}.`)
      : row.expiresAt <= now
        ? "This request has expired."
        : row.requestedById === user.id
          ? "You asked for this; someone else has to decide it."
          : !isEligible
            ? `Only ${approverRoles.join(" or ")} can decide this request.`
            : null;
  return {
    ...toItem(row as TListRow),
    // Defence in depth: stored inputs carry no secrets (operations seal them), but never show one.
    input: redact(row.input),
    reason: row.reason,
    description: findOperation(row.operationId)?.description ?? "",
    requestedById: row.requestedById,
    approverRoles,
    outcome: row.outcome,
    decidedAt: row.decidedAt,
    target: targetLink(row.targetType, row.targetId),
    votes: row.votes.map((v) => ({ voter: v.voter.email, decision: v.decision, reason: v.reason, createdAt: v.createdAt })),
    trail: trail.map((t) => ({ id: t.id.toString(), at: t.at, action: t.action, actor: t.actorEmail, outcome: t.outcome })),
    canVote: whyNot === null,
    whyNot,
  };
}
