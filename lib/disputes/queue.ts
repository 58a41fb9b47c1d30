import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { DASHBOARD_TTL_MS, sharedRead } from "@/lib/cache/shared-read";
import type { TPrisma } from "@/lib/db/prisma";
import type { TCurrentUser } from "@/lib/auth/session";
import { NotAllowedError } from "@/lib/users/queries";
import { canOpen } from "@/lib/auth/roles";
import { blacklistedAmong } from "@/lib/blacklist/queries";
import { normalizeWallet } from "@/lib/blacklist/wallet";

// The dispute queue: every order that went to a dispute, from the synced chain events, with who
// works it. Keyset pages over (sort key, chain, order id) on indexes made for them, so the
// 2,000th page costs what the first does.

export const DISPUTE_STATUSES = ["open", "resolved_buyer", "resolved_seller", "all"] as const;
export type TDisputeStatusFilter = (typeof DISPUTE_STATUSES)[number];
export const AGE_FILTERS = ["", "1h", "sla", "24h", "72h"] as const;

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const ZAmount = z.preprocess(emptyToUndefined, z.coerce.number({ message: "Enter an amount" }).nonnegative("Amounts are 0 or more").max(1e15).optional());

export const ZDisputeFilters = z.object({
  status: z.enum(DISPUTE_STATUSES).catch("open").default("open"),
  chain: z.preprocess(emptyToUndefined, z.string().regex(/^evm:\d{1,12}$/).optional()),
  token: z.preprocess(emptyToUndefined, z.string().trim().regex(/^0x[0-9a-fA-F]{40}$/, "Enter a token address").transform((v) => v.toLowerCase()).optional()),
  min: ZAmount,
  max: ZAmount,
  age: z.enum(AGE_FILTERS).catch("").default(""),
  /** "mine", "none" (unassigned) or a user id. */
  assignee: z.preprocess(emptyToUndefined, z.union([z.enum(["mine", "none"]), z.string().uuid()]).optional()),
  sort: z.enum(["age", "amount"]).catch("age").default("age"),
  after: z.preprocess(emptyToUndefined, z.string().max(200).optional()),
});
export type TDisputeFilters = z.infer<typeof ZDisputeFilters>;

export const DISPUTE_PAGE_SIZE = 50;

export type TDisputeRow = {
  chain: string;
  orderId: string;
  buyer: string;
  seller: string;
  token: string;
  symbol: string | null;
  amount: string | null;
  status: "disputed" | "resolved_buyer" | "resolved_seller";
  disputedAt: Date;
  closedAt: Date | null;
  disputedBy: string | null;
  arbitrator: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  /** Parties on the blacklist (normalized address → reason). */
  flagged: Record<string, string>;
};

export type TDisputeQueue = { rows: TDisputeRow[]; next: string | null; counts: Record<"open" | "resolved_buyer" | "resolved_seller", number> };

/** Who may read the queue and the dispute pages: the same roles the route table gives /disputes. */
export function assertCanReadDisputes(user: Pick<TCurrentUser, "roles">) {
  if (!canOpen("/disputes", user.roles)) throw new NotAllowedError("Only support, operators, approvers and admins can read disputes");
}

/** Where a page ends: the sort it belongs to, the last row's sort value, chain and order id. */
type TCursor = { s: TDisputeFilters["sort"]; v: string | null; c: string; o: string };

const ZCursor = z.discriminatedUnion("s", [
  z.object({ s: z.literal("age"), v: z.iso.datetime(), c: z.string().max(40), o: z.string().regex(/^\d{1,18}$/) }),
  z.object({ s: z.literal("amount"), v: z.string().regex(/^\d{1,38}(\.\d{1,6})?$/).nullable(), c: z.string().max(40), o: z.string().regex(/^\d{1,18}$/) }),
]);

function encodeCursor(c: TCursor) {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

/** The cursor, or null (the first page) when it is garbled or belongs to the other sort. */
function decodeCursor(raw: string | undefined, sort: TDisputeFilters["sort"]): TCursor | null {
  if (!raw) return null;
  try {
    const c = ZCursor.parse(JSON.parse(Buffer.from(raw, "base64url").toString()));
    return c.s === sort ? c : null;
  } catch {
    return null;
  }
}

function minAgeHours(age: TDisputeFilters["age"], slaHours: number): number | null {
  if (age === "1h") return 1;
  if (age === "24h") return 24;
  if (age === "72h") return 72;
  if (age === "sla") return slaHours;
  return null;
}

/** The WHERE clause for every filter but the status and the page position. */
function filterSql(f: TDisputeFilters, userId: string, slaHours: number, now: Date): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (f.chain) parts.push(Prisma.sql`o.chain = ${f.chain}`);
  if (f.token) parts.push(Prisma.sql`o.token = ${f.token}`);
  if (f.min !== undefined) parts.push(Prisma.sql`o."amountValue" >= ${f.min}`);
  if (f.max !== undefined) parts.push(Prisma.sql`o."amountValue" <= ${f.max}`);
  const hours = minAgeHours(f.age, slaHours);
  if (hours !== null) parts.push(Prisma.sql`o."disputedAt" <= ${new Date(now.getTime() - hours * 3_600_000)}`);
  // As (NOT) EXISTS rather than a condition on a joined row: the planner misjudges how many rows a
  // LEFT JOIN's "IS NULL" keeps and would sort every dispute instead of walking the sort index.
  const assignedTo = (who: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM "DisputeCase" x WHERE x.chain = o.chain AND x."orderId" = o."orderId" AND x."assigneeId" = ${who})`;
  if (f.assignee === "mine") parts.push(assignedTo(Prisma.sql`${userId}::uuid`));
  else if (f.assignee === "none") parts.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "DisputeCase" x WHERE x.chain = o.chain AND x."orderId" = o."orderId" AND x."assigneeId" IS NOT NULL)`);
  else if (f.assignee) parts.push(assignedTo(Prisma.sql`${f.assignee}::uuid`));
  return parts;
}

function statusSql(status: TDisputeStatusFilter): Prisma.Sql | null {
  if (status === "open") return Prisma.sql`o.status = 'disputed'`;
  if (status === "resolved_buyer" || status === "resolved_seller") return Prisma.sql`o.status = ${status}::"EscrowOrderStatus"`;
  return null;
}

function keysetSql(sort: TDisputeFilters["sort"], cursor: TCursor | null): Prisma.Sql | null {
  if (!cursor) return null;
  const orderId = BigInt(cursor.o);
  if (sort === "age") {
    if (cursor.v === null) return null;
    return Prisma.sql`(o."disputedAt", o.chain, o."orderId") > (${new Date(cursor.v)}, ${cursor.c}, ${orderId})`;
  }
  // Largest first; amounts not yet valued (token decimals unknown) come first, as the index has them.
  if (cursor.v === null) return Prisma.sql`(o."amountValue" IS NOT NULL OR (o.chain, o."orderId") < (${cursor.c}, ${orderId}))`;
  return Prisma.sql`(o."amountValue" < ${cursor.v}::numeric OR (o."amountValue" = ${cursor.v}::numeric AND (o.chain, o."orderId") < (${cursor.c}, ${orderId})))`;
}

type TRawRow = Omit<TDisputeRow, "orderId" | "flagged"> & { orderId: bigint; sortValue: string | null };

export async function listDisputes(db: TPrisma, user: Pick<TCurrentUser, "id" | "roles">, f: TDisputeFilters, opts: { slaHours: number; now?: Date }): Promise<TDisputeQueue> {
  assertCanReadDisputes(user);
  const now = opts.now ?? new Date();
  const base = filterSql(f, user.id, opts.slaHours, now);
  const status = statusSql(f.status);
  const keyset = keysetSql(f.sort, decodeCursor(f.after, f.sort));
  const where = Prisma.join([Prisma.sql`o."disputedAt" IS NOT NULL`, ...base, ...(status ? [status] : []), ...(keyset ? [keyset] : [])], " AND ");
  // Counts read the status index alone (100 k disputes in ~20 ms); the desk table only when filtering by assignee.
  const countWhere = Prisma.join([Prisma.sql`o.status IN ('disputed', 'resolved_buyer', 'resolved_seller')`, ...base], " AND ");
  const order = f.sort === "age" ? Prisma.sql`o."disputedAt" ASC, o.chain ASC, o."orderId" ASC` : Prisma.sql`o."amountValue" DESC NULLS FIRST, o.chain DESC, o."orderId" DESC`;
  const sortValue = f.sort === "age" ? Prisma.sql`to_char(o."disputedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : Prisma.sql`o."amountValue"::text`;
  const [raw, countRows] = await Promise.all([
    db.$queryRaw<TRawRow[]>`
      SELECT o.chain, o."orderId", o.buyer, o.seller, o.token, t.symbol, o."amountValue"::text AS amount, o.status::text AS status,
             o."disputedAt", o."closedAt", o."disputedBy", o.arbitrator, c."assigneeId"::text AS "assigneeId", u.name AS "assigneeName",
             ${sortValue} AS "sortValue"
      FROM "EscrowOrder" o
      LEFT JOIN "DisputeCase" c ON c.chain = o.chain AND c."orderId" = o."orderId"
      LEFT JOIN "User" u ON u.id = c."assigneeId"
      LEFT JOIN "ChainToken" t ON t.chain = o.chain AND t.address = o.token
      WHERE ${where}
      ORDER BY ${order}
      LIMIT ${DISPUTE_PAGE_SIZE + 1}`,
    // The tab counts do not depend on the tab, the sort or the page: shared across them for a moment.
    sharedRead(`disputes:counts:${JSON.stringify({ ...f, status: null, sort: null, after: null, assignee: f.assignee === "mine" ? `mine:${user.id}` : f.assignee })}`, DASHBOARD_TTL_MS, () =>
      db.$queryRaw<{ status: string; n: bigint }[]>`
        SELECT o.status::text AS status, count(*) AS n
        FROM "EscrowOrder" o
        WHERE ${countWhere}
        GROUP BY o.status`,
    ),
  ]);
  const page = raw.slice(0, DISPUTE_PAGE_SIZE);
  const last = page.at(-1);
  const flagged = await blacklistedAmong(db, page.flatMap((r) => [r.buyer, r.seller]));
  const counts = { open: 0, resolved_buyer: 0, resolved_seller: 0 };
  for (const r of countRows) {
    if (r.status === "disputed") counts.open = Number(r.n);
    else if (r.status === "resolved_buyer" || r.status === "resolved_seller") counts[r.status] = Number(r.n);
  }
  return {
    rows: page.map((r) => ({
      chain: r.chain,
      buyer: r.buyer,
      seller: r.seller,
      token: r.token,
      symbol: r.symbol,
      amount: r.amount,
      status: r.status,
      disputedAt: r.disputedAt,
      closedAt: r.closedAt,
      disputedBy: r.disputedBy,
      arbitrator: r.arbitrator,
      assigneeId: r.assigneeId,
      assigneeName: r.assigneeName,
      orderId: r.orderId.toString(),
      flagged: Object.fromEntries([r.buyer, r.seller].filter((w) => flagged.has(normalizeWallet(w))).map((w) => [w, flagged.get(normalizeWallet(w))!])),
    })),
    next: raw.length > DISPUTE_PAGE_SIZE && last ? encodeCursor({ s: f.sort, v: last.sortValue, c: last.chain, o: last.orderId.toString() }) : null,
    counts,
  };
}

/** The people a dispute can be assigned to: active support agents and admins. */
export async function listAssignees(db: TPrisma): Promise<{ id: string; name: string; email: string }[]> {
  return db.user.findMany({
    where: { disabledAt: null, roles: { hasSome: ["support", "admin"] } },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
}

/** Tokens seen in orders, for the filter. */
export async function listTokens(db: TPrisma) {
  return db.chainToken.findMany({ orderBy: [{ chain: "asc" }, { symbol: "asc" }] });
}

/** Open disputes assigned to this user (the navigation's badge). */
export async function countMyOpenDisputes(db: TPrisma, user: Pick<TCurrentUser, "id" | "roles">): Promise<number> {
  if (!canOpen("/disputes", user.roles)) return 0;
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "DisputeCase" c JOIN "EscrowOrder" o ON o.chain = c.chain AND o."orderId" = c."orderId"
    WHERE c."assigneeId" = ${user.id}::uuid AND o.status = 'disputed'`;
  return Number(row?.n ?? 0);
}

export type TQueueSummary = { open: number; overdue: number; oldestAt: Date | null; unassigned: number };

/** The overview's tile: how deep the queue is, how old its oldest dispute, how many are past the SLA. */
export async function readQueueSummary(db: TPrisma, user: Pick<TCurrentUser, "roles">, slaHours: number, now = new Date()): Promise<TQueueSummary> {
  assertCanReadDisputes(user);
  const [row] = await db.$queryRaw<{ open: bigint; overdue: bigint; oldest: Date | null; unassigned: bigint }[]>`
    SELECT count(*) AS open,
           count(*) FILTER (WHERE o."disputedAt" <= ${new Date(now.getTime() - slaHours * 3_600_000)}) AS overdue,
           min(o."disputedAt") AS oldest,
           count(*) FILTER (WHERE c."assigneeId" IS NULL) AS unassigned
    FROM "EscrowOrder" o LEFT JOIN "DisputeCase" c ON c.chain = o.chain AND c."orderId" = o."orderId"
    WHERE o.status = 'disputed'`;
  return { open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0), oldestAt: row?.oldest ?? null, unassigned: Number(row?.unassigned ?? 0) };
}
