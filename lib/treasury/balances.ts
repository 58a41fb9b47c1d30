import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import { evmChain, readNativeBalance, readTokenBalance } from "@/lib/chains/evm";
import { xrpToDrops } from "xrpl";
import { readXrpBalance, xrplChain } from "@/lib/chains/xrpl";
import { chainErrorText } from "@/lib/disputes/detail";

// Balance snapshots: the job reads every followed account and keeps a row when the balance moved
// (or every KEEPALIVE_MINUTES, so a flat line is still a recent one). Amounts in base units.

const KEEPALIVE_MINUTES = 15;

export type TReadBalance = { total: bigint; spendable: bigint; reserve: bigint };

/** One account's balance as its chain says it now. An XRPL account that does not exist yet holds 0. */
export async function readAccountBalance(account: { chain: string; address: string; asset: string }): Promise<TReadBalance> {
  if (account.chain === "xrpl") {
    const chain = xrplChain();
    if (!chain) throw new Error("No XRPL endpoint is configured");
    const b = await readXrpBalance(chain, account.address);
    if (!b) return { total: 0n, spendable: 0n, reserve: 0n };
    const drops = (xrp: string) => BigInt(xrpToDrops(xrp));
    return { total: drops(b.total), spendable: drops(b.spendable), reserve: drops(b.reserve) };
  }
  const chain = evmChain();
  if (!chain) throw new Error("No EVM endpoint is configured");
  const total = account.asset === "ETH" ? await readNativeBalance(chain, account.address) : (await readTokenBalance(chain, account.asset, account.address)).raw;
  return { total, spendable: total, reserve: 0n };
}

export type TPollResult = { read: number; stored: number; failed: number };

export async function pollTreasuryBalances(db: TPrisma, now = new Date()): Promise<TPollResult> {
  const accounts = await db.treasuryAccount.findMany({ where: { removedAt: null }, select: { id: true, chain: true, address: true, asset: true } });
  const result: TPollResult = { read: 0, stored: 0, failed: 0 };
  // Chains are read a few at a time: a slow node should not hold the whole round hostage.
  for (let i = 0; i < accounts.length; i += 4) {
    await Promise.all(
      accounts.slice(i, i + 4).map(async (a) => {
        try {
          const balance = await readAccountBalance(a);
          result.read++;
          if (await storeSnapshot(db, a.id, balance, now)) result.stored++;
          await db.treasuryAccount.update({ where: { id: a.id }, data: { lastReadAt: now, lastError: null } });
        } catch (err) {
          result.failed++;
          // Without endpoint URLs: a provider's URL can carry its API key, and this is shown on the page.
          await db.treasuryAccount.update({ where: { id: a.id }, data: { lastError: chainErrorText(err) } });
        }
      }),
    );
  }
  return result;
}

async function storeSnapshot(db: TPrisma, accountId: string, b: TReadBalance, now: Date): Promise<boolean> {
  const last = await db.balanceSnapshot.findFirst({ where: { accountId }, orderBy: { at: "desc" }, select: { at: true, total: true, spendable: true, reserve: true } });
  const same = last && last.total.toFixed() === b.total.toString() && last.spendable.toFixed() === b.spendable.toString() && last.reserve.toFixed() === b.reserve.toString();
  if (same && now.getTime() - last.at.getTime() < KEEPALIVE_MINUTES * 60_000) return false;
  await db.balanceSnapshot.create({ data: { accountId, at: now, total: new Prisma.Decimal(b.total.toString()), spendable: new Prisma.Decimal(b.spendable.toString()), reserve: new Prisma.Decimal(b.reserve.toString()) } });
  return true;
}

export const HISTORY_RANGES = {
  "24h": { hours: 24, bucket: "15 minutes", label: "24 h" },
  "7d": { hours: 24 * 7, bucket: "2 hours", label: "7 days" },
  "30d": { hours: 24 * 30, bucket: "6 hours", label: "30 days" },
} as const;
export type THistoryRange = keyof typeof HISTORY_RANGES;

export type THistoryPoint = { at: number; total: number; spendable: number };

/**
 * An account's balance over a range, one point per bucket (the last reading in it), starting
 * with the last reading before the range so the line does not begin empty. Whole units.
 */
export async function balanceHistory(db: TPrisma, accountId: string, decimals: number, range: THistoryRange, now = new Date()): Promise<THistoryPoint[]> {
  const { hours, bucket } = HISTORY_RANGES[range];
  const since = new Date(now.getTime() - hours * 3_600_000);
  const scale = new Prisma.Decimal(10).pow(decimals);
  const rows = await db.$queryRaw<{ at: Date; total: Prisma.Decimal; spendable: Prisma.Decimal }[]>`
    (SELECT ${since}::timestamptz AS at, s.total, s.spendable FROM "BalanceSnapshot" s WHERE s."accountId" = ${accountId}::uuid AND s.at < ${since} ORDER BY s.at DESC LIMIT 1)
    UNION ALL
    (SELECT DISTINCT ON (b) at, total, spendable FROM (
       SELECT date_bin(${bucket}::interval, at, ${since}::timestamptz) AS b, at, total, spendable FROM "BalanceSnapshot"
       WHERE "accountId" = ${accountId}::uuid AND at >= ${since}) x
     ORDER BY b, at DESC)`;
  return rows
    .map((r) => ({ at: r.at.getTime(), total: Number(new Prisma.Decimal(r.total).div(scale)), spendable: Number(new Prisma.Decimal(r.spendable).div(scale)) }))
    .sort((a, b) => a.at - b.at);
}
