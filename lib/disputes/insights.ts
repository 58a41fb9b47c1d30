import "server-only";
import { Contract } from "ethers";
import { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import type { TCurrentUser } from "@/lib/auth/session";
import { ESCROW_ABI } from "@/lib/chains/evm-abi";
import { chainKey, evmCall, evmChain, readArbitrators, type TArbitrator } from "@/lib/chains/evm";
import { blacklistedAmong } from "@/lib/blacklist/queries";
import { assertCanReadDisputes } from "@/lib/disputes/queue";
import { chainErrorText } from "@/lib/disputes/detail";
import { ratePct, readDisputeRate, type TDisputeRate } from "@/lib/disputes/rate";

// RB-04's views: the rate that triggers it, its 30-day trend, the repeat offenders on both sides
// and new accounts with a high dispute rate (the guide's scam patterns), and §8's arbitrator pool.

export const OFFENDER_DAYS = 7;
export const NEW_ACCOUNT_DAYS = 7;
/** A new account needs this many orders before its rate means anything. */
export const NEW_ACCOUNT_MIN_ORDERS = 2;
const DAY = 86_400_000;

export type TTrendDay = { day: string; orders: number; disputes: number; pct: number };
export type TOffender = { wallet: string; disputes: number; opened: number; orders: number; blacklisted: string | null };
export type TNewAccount = { wallet: string; firstSeenAt: Date; orders: number; disputes: number; pct: number; blacklisted: string | null };

export type TDisputeInsights = {
  chain: string | null;
  rate24h: TDisputeRate;
  trend: TTrendDay[];
  sellers: TOffender[];
  buyers: TOffender[];
  newAccounts: TNewAccount[];
};

/** The configured EVM chain's key, or null without one. */
export function disputeChain(): string | null {
  const chain = evmChain();
  return chain?.escrow ? chainKey(chain) : null;
}

export async function readDisputeTrend(db: TPrisma, chain: string, now: Date, days = 30): Promise<TTrendDay[]> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * DAY);
  const rows = await db.$queryRaw<{ day: Date; orders: bigint; disputes: bigint }[]>`
    SELECT date_trunc('day', "createdAt" AT TIME ZONE 'UTC') AS day, count(*) AS orders,
           count(*) FILTER (WHERE status IN ('disputed', 'resolved_buyer', 'resolved_seller')) AS disputes
    FROM "EscrowOrder" WHERE chain = ${chain} AND "createdAt" >= ${start}
    GROUP BY 1 ORDER BY 1`;
  const byDay = new Map(rows.map((r) => [new Date(r.day).toISOString().slice(0, 10), r]));
  // Every day shows, a quiet one as 0 (a chart with gaps reads as "no data").
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(start.getTime() + i * DAY).toISOString().slice(0, 10);
    const r = byDay.get(day);
    const orders = Number(r?.orders ?? 0);
    const disputes = Number(r?.disputes ?? 0);
    return { day, orders, disputes, pct: ratePct(disputes, orders) };
  });
}

// The trend reads every order of 30 days (~0.4 s at a million): one read per chain per half
// minute serves everyone who opens the page meanwhile.
const TREND_TTL_MS = 30_000;
const trendCache = new Map<string, { at: number; days: TTrendDay[] }>();

async function cachedTrend(db: TPrisma, chain: string, now: Date): Promise<TTrendDay[]> {
  const hit = trendCache.get(chain);
  if (hit && now.getTime() - hit.at < TREND_TTL_MS && hit.days.at(-1)?.day === now.toISOString().slice(0, 10)) return hit.days;
  const days = await readDisputeTrend(db, chain, now);
  trendCache.set(chain, { at: now.getTime(), days });
  return days;
}

async function offenders(db: TPrisma, chain: string, side: "seller" | "buyer", since: Date): Promise<Omit<TOffender, "blacklisted">[]> {
  const column = side === "seller" ? "seller" : "buyer";
  const party = Prisma.raw(`"${column}"`); // one of two fixed column names, never user input
  const rows = await db.$queryRaw<{ wallet: string; disputes: bigint; opened: bigint }[]>`
    SELECT ${party} AS wallet, count(*) AS disputes, count(*) FILTER (WHERE "disputedBy" = ${party}) AS opened
    FROM "EscrowOrder" WHERE chain = ${chain} AND "disputedAt" > ${since}
    GROUP BY 1 HAVING count(*) >= 2 ORDER BY 2 DESC, 1 LIMIT 10`;
  return Promise.all(
    rows.map(async (r) => ({
      wallet: r.wallet,
      disputes: Number(r.disputes),
      opened: Number(r.opened),
      orders: await db.escrowOrder.count({ where: { chain, [column]: r.wallet } }),
    })),
  );
}

async function newAccounts(db: TPrisma, chain: string, since: Date, minPct: number): Promise<Omit<TNewAccount, "blacklisted">[]> {
  // New wallets come from the first-order table (a handful a week), not from scanning the orders.
  const rows = await db.$queryRaw<{ wallet: string; first: Date; orders: bigint; disputes: bigint }[]>`
    SELECT w.wallet, w."firstOrderAt" AS first, s.orders, s.disputes
    FROM "EscrowWallet" w
    CROSS JOIN LATERAL (
      SELECT count(*) AS orders, count(m."disputedAt") AS disputes FROM (
        SELECT "disputedAt" FROM "EscrowOrder" WHERE chain = w.chain AND buyer = w.wallet
        UNION ALL
        SELECT "disputedAt" FROM "EscrowOrder" WHERE chain = w.chain AND seller = w.wallet
      ) m
    ) s
    WHERE w.chain = ${chain} AND w."firstOrderAt" > ${since}
      AND s.orders >= ${NEW_ACCOUNT_MIN_ORDERS} AND s.disputes * 100.0 > ${minPct}::numeric * s.orders
    ORDER BY s.disputes DESC, w.wallet
    LIMIT 20`;
  return rows.map((r) => ({ wallet: r.wallet, firstSeenAt: r.first, orders: Number(r.orders), disputes: Number(r.disputes), pct: ratePct(Number(r.disputes), Number(r.orders)) }));
}

export async function readDisputeInsights(db: TPrisma, user: Pick<TCurrentUser, "roles">, opts: { ratePct: number; now?: Date }): Promise<TDisputeInsights> {
  assertCanReadDisputes(user);
  const chain = disputeChain();
  const now = opts.now ?? new Date();
  if (!chain) return { chain: null, rate24h: { orders: 0, disputed: 0, pct: 0 }, trend: [], sellers: [], buyers: [], newAccounts: [] };
  const since7 = new Date(now.getTime() - OFFENDER_DAYS * DAY);
  const [rate24h, trend, sellers, buyers, fresh] = await Promise.all([
    readDisputeRate(db, chain, new Date(now.getTime() - DAY)),
    cachedTrend(db, chain, now),
    offenders(db, chain, "seller", since7),
    offenders(db, chain, "buyer", since7),
    newAccounts(db, chain, new Date(now.getTime() - NEW_ACCOUNT_DAYS * DAY), opts.ratePct),
  ]);
  const flagged = await blacklistedAmong(db, [...sellers, ...buyers, ...fresh].map((o) => o.wallet));
  const flag = <T extends { wallet: string }>(o: T) => ({ ...o, blacklisted: flagged.get(o.wallet) ?? null });
  return { chain, rate24h, trend, sellers: sellers.map(flag), buyers: buyers.map(flag), newAccounts: fresh.map(flag) };
}

export type TArbitratorRow = TArbitrator & { favourBuyer30d: number; favourSeller30d: number; openCases: number; blacklisted: string | null };

/** The pool as the chain has it, with each arbitrator's last 30 days of outcomes from the synced orders. */
export async function readArbitratorPool(db: TPrisma, user: Pick<TCurrentUser, "roles">, now = new Date()): Promise<{ rows: TArbitratorRow[]; error: string | null; poolAddress: string | null }> {
  assertCanReadDisputes(user);
  const chain = evmChain();
  if (!chain?.escrow) return { rows: [], error: "No escrow contract is configured", poolAddress: null };
  let poolAddress: string | null = null;
  let arbitrators: TArbitrator[];
  try {
    poolAddress = (await evmCall(chain, "arbitratorPool", (p) => new Contract(chain.escrow!, ESCROW_ABI, p).getFunction("arbitratorPool")())) as string;
    arbitrators = await readArbitrators(chain, poolAddress);
  } catch (err) {
    return { rows: [], error: `The chain did not answer: ${chainErrorText(err)}`, poolAddress };
  }
  const key = chainKey(chain);
  const since = new Date(now.getTime() - 30 * DAY);
  const [outcomes, open] = await Promise.all([
    db.$queryRaw<{ arbitrator: string; buyer: bigint; seller: bigint }[]>`
      SELECT arbitrator, count(*) FILTER (WHERE status = 'resolved_buyer') AS buyer, count(*) FILTER (WHERE status = 'resolved_seller') AS seller
      FROM "EscrowOrder" WHERE chain = ${key} AND status IN ('resolved_buyer', 'resolved_seller') AND "closedAt" > ${since} AND arbitrator IS NOT NULL
      GROUP BY arbitrator`,
    db.$queryRaw<{ arbitrator: string; n: bigint }[]>`
      SELECT arbitrator, count(*) AS n FROM "EscrowOrder" WHERE chain = ${key} AND status = 'disputed' AND arbitrator IS NOT NULL GROUP BY arbitrator`,
  ]);
  const byArbitrator = new Map(outcomes.map((o) => [o.arbitrator, o]));
  const openBy = new Map(open.map((o) => [o.arbitrator, Number(o.n)]));
  const flagged = await blacklistedAmong(db, arbitrators.map((a) => a.address));
  const rows = arbitrators
    .map((a) => {
      const addr = a.address.toLowerCase();
      const o = byArbitrator.get(addr);
      return { ...a, favourBuyer30d: Number(o?.buyer ?? 0), favourSeller30d: Number(o?.seller ?? 0), openCases: openBy.get(addr) ?? 0, blacklisted: flagged.get(addr) ?? null };
    })
    // At risk first, then the most trusted.
    .sort((x, y) => Number(y.isAtRisk) - Number(x.isAtRisk) || Number(y.isActive) - Number(x.isActive) || y.reputation - x.reputation);
  return { rows, error: null, poolAddress };
}
