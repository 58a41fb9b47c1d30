import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import type { TCurrentUser } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/roles";
import { OperationError } from "@/lib/operations/result";
import { DISPUTED_STATUSES } from "@/lib/disputes/rate";
import {
  WINDOW_DAYS,
  chainRows,
  chainsCsv,
  dailyCsv,
  disputesCsv,
  fromMicros,
  toMicros,
  growthCsv,
  sellersCsv,
  daySeries,
  growthSeries,
  moneySeries,
  totals,
  utcDay,
  windowStart,
  type TChainRow,
  type TDayPoint,
  type TGrowthPoint,
  type TMoneySeries,
  type TOrderDayRow,
  type TSellerRow,
  type TTotals,
  type TWalletDayRow,
} from "@/lib/business/series";

// The escrow guide §9 "Business metrics" over the synced orders, per UTC day for 30 days:
// orders, completions, volume and fees, new wallets, the dispute rate, the chains and the top
// sellers. Three statements: one pass over the window's orders (by day, chain and token: the
// daily series, the dispute rate and the chain split all come from it), one over the wallets'
// first orders, one over the window's completed and disputed orders for the sellers.
//
// As in the guide, an order counts on the day it was created: "completed" is how many of that
// day's orders have completed by now, and volume and fees are theirs. A day's figures can still
// grow while its orders finish.

export const TOP_SELLERS = 10;

export type TBusinessMetrics = {
  since: Date;
  days: TDayPoint[];
  money: TMoneySeries[];
  growth: TGrowthPoint[];
  chains: TChainRow[];
  sellers: TSellerRow[];
  totals: TTotals;
};

export type TReadOptions = {
  now?: Date;
  /** Only this chain's orders and wallets (the CSV's ?chain=); all chains otherwise. */
  chain?: string;
};

export function assertCanReadBusiness(user: Pick<TCurrentUser, "roles">) {
  if (!canOpen("/business", user.roles)) throw new OperationError("FORBIDDEN", "Your roles do not open the business metrics");
}

const DISPUTED = Prisma.join(DISPUTED_STATUSES.map((s) => Prisma.sql`${s}::"EscrowOrderStatus"`));

// An explicit condition instead of an optional value in a where: an absent chain means all chains
// on purpose, never by accident.
const chainFilter = (column: Prisma.Sql, chain: string | undefined) => (chain === undefined ? Prisma.empty : Prisma.sql`AND ${column} = ${chain}`);

/** The window's orders by creation day, chain and token. Served by the (createdAt) index. */
export async function readOrderDays(db: TPrisma, opts: { since: Date; chain?: string }): Promise<TOrderDayRow[]> {
  // Fees are base units: the token's decimals make them whole units (6 decimals kept, like
  // amountValue). An order in a token not synced to ChainToken yet has no symbol and no value;
  // it still counts as an order.
  const rows = await db.$queryRaw<{ day: string; chain: string; symbol: string | null; orders: bigint; completed: bigint; disputes: bigint; unvalued: bigint; volume: string; fees: string }[]>`
    SELECT to_char(o."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, o.chain, t.symbol,
           count(*) AS orders,
           count(*) FILTER (WHERE o.status = 'completed') AS completed,
           count(*) FILTER (WHERE o.status IN (${DISPUTED})) AS disputes,
           count(*) FILTER (WHERE o.status = 'completed' AND (o."amountValue" IS NULL OR t.symbol IS NULL)) AS unvalued,
           coalesce(sum(o."amountValue") FILTER (WHERE o.status = 'completed' AND t.symbol IS NOT NULL), 0)::text AS volume,
           coalesce(round(sum(o.fee / power(10::numeric, t.decimals)) FILTER (WHERE o.status = 'completed'), 6), 0)::text AS fees
    FROM "EscrowOrder" o
    LEFT JOIN "ChainToken" t ON t.chain = o.chain AND t.address = o.token
    WHERE o."createdAt" >= ${opts.since} ${chainFilter(Prisma.sql`o.chain`, opts.chain)}
    GROUP BY 1, 2, 3`;
  return rows.map((r) => ({ ...r, orders: Number(r.orders), completed: Number(r.completed), disputes: Number(r.disputes), unvalued: Number(r.unvalued) }));
}

/**
 * New wallets per day in the window and how many there were before it. The running total needs
 * every wallet counted once whatever the query, so this is one pass over EscrowWallet's narrow
 * (chain, firstOrderAt) index; a wallet that trades on two chains counts on each.
 */
export async function readWalletDays(db: TPrisma, opts: { since: Date; chain?: string }): Promise<{ before: number; days: TWalletDayRow[] }> {
  const rows = await db.$queryRaw<{ day: string | null; wallets: bigint }[]>`
    SELECT CASE WHEN "firstOrderAt" < ${opts.since} THEN NULL ELSE to_char("firstOrderAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') END AS day,
           count(*) AS wallets
    FROM "EscrowWallet"
    WHERE true ${chainFilter(Prisma.sql`chain`, opts.chain)}
    GROUP BY 1`;
  const days: TWalletDayRow[] = [];
  let before = 0;
  for (const r of rows) {
    if (r.day === null) before = Number(r.wallets);
    else days.push({ day: r.day, wallets: Number(r.wallets) });
  }
  return { before, days };
}

/**
 * The sellers with the most completed volume in the window, per token (volume in two tokens is
 * not comparable), with their disputed orders of the same window. Served by the
 * (status, createdAt) index: only completed and disputed orders are read.
 */
export async function readTopSellers(db: TPrisma, opts: { since: Date; chain?: string; limit?: number }): Promise<TSellerRow[]> {
  const rows = await db.$queryRaw<{ rank: bigint; chain: string; seller: string; symbol: string; completed: bigint; volume: string; disputes: bigint }[]>`
    SELECT rank, chain, seller, symbol, completed, volume::text AS volume, disputes FROM (
      SELECT o.chain, o.seller, t.symbol,
             count(*) FILTER (WHERE o.status = 'completed') AS completed,
             coalesce(sum(o."amountValue") FILTER (WHERE o.status = 'completed'), 0) AS volume,
             count(*) FILTER (WHERE o.status IN (${DISPUTED})) AS disputes,
             row_number() OVER (PARTITION BY t.symbol ORDER BY coalesce(sum(o."amountValue") FILTER (WHERE o.status = 'completed'), 0) DESC, count(*) FILTER (WHERE o.status = 'completed') DESC, o.chain, o.seller) AS rank
      FROM "EscrowOrder" o
      JOIN "ChainToken" t ON t.chain = o.chain AND t.address = o.token
      WHERE o.status IN ('completed', ${DISPUTED}) AND o."createdAt" >= ${opts.since} ${chainFilter(Prisma.sql`o.chain`, opts.chain)}
      GROUP BY o.chain, o.seller, t.symbol
      HAVING sum(o."amountValue") FILTER (WHERE o.status = 'completed') > 0
    ) ranked
    WHERE rank <= ${opts.limit ?? TOP_SELLERS}
    ORDER BY symbol, rank`;
  return rows.map((r) => ({ ...r, rank: Number(r.rank), volume: fromMicros(toMicros(r.volume)), completed: Number(r.completed), disputes: Number(r.disputes) }));
}

/** Everything the page shows, read fresh. */
export async function readBusinessMetrics(db: TPrisma, user: Pick<TCurrentUser, "roles">, opts: TReadOptions = {}): Promise<TBusinessMetrics> {
  assertCanReadBusiness(user);
  const now = opts.now ?? new Date();
  const since = windowStart(now, WINDOW_DAYS);
  const [orderDays, wallets, sellers] = await Promise.all([
    readOrderDays(db, { since, chain: opts.chain }),
    readWalletDays(db, { since, chain: opts.chain }),
    readTopSellers(db, { since, chain: opts.chain }),
  ]);
  const growth = growthSeries(wallets.days, { before: wallets.before, now });
  return {
    since,
    days: daySeries(orderDays, { now }),
    money: moneySeries(orderDays, { now }),
    growth,
    chains: chainRows(orderDays),
    sellers,
    totals: totals(orderDays, growth),
  };
}

// Three passes over a month of orders and every wallet take a moment at a million orders; the
// page is read by everyone each morning, so one read per half minute serves them all. The CSV
// reads fresh.
const TTL_MS = 30_000;
let cached: { at: number; day: string; metrics: TBusinessMetrics } | null = null;

export async function readBusinessMetricsCached(db: TPrisma, user: Pick<TCurrentUser, "roles">, now = new Date()): Promise<TBusinessMetrics> {
  assertCanReadBusiness(user);
  if (cached && now.getTime() - cached.at < TTL_MS && cached.day === utcDay(now)) return cached.metrics;
  const metrics = await readBusinessMetrics(db, user, { now });
  cached = { at: now.getTime(), day: utcDay(now), metrics };
  return metrics;
}

export const BUSINESS_TABLES = ["daily", "growth", "disputes", "chains", "sellers"] as const;
export type TBusinessTable = (typeof BUSINESS_TABLES)[number];

export function isBusinessTable(value: string): value is TBusinessTable {
  return (BUSINESS_TABLES as readonly string[]).includes(value);
}

/** One of the page's tables as CSV, read fresh; only the query that table needs runs. */
export async function readBusinessCsv(db: TPrisma, user: Pick<TCurrentUser, "roles">, table: TBusinessTable, opts: TReadOptions & { disputeRatePct: number }): Promise<string> {
  assertCanReadBusiness(user);
  const now = opts.now ?? new Date();
  const since = windowStart(now, WINDOW_DAYS);
  const scope = { since, chain: opts.chain };
  switch (table) {
    case "daily": {
      const rows = await readOrderDays(db, scope);
      return dailyCsv(daySeries(rows, { now }), moneySeries(rows, { now }));
    }
    case "disputes":
      return disputesCsv(daySeries(await readOrderDays(db, scope), { now }), opts.disputeRatePct);
    case "chains":
      return chainsCsv(chainRows(await readOrderDays(db, scope)));
    case "growth": {
      const wallets = await readWalletDays(db, scope);
      return growthCsv(growthSeries(wallets.days, { before: wallets.before, now }));
    }
    case "sellers":
      return sellersCsv(await readTopSellers(db, scope));
  }
}
