import type pg from "pg";
import type { TLog } from "./dataset-db";
import { BENCH_TOKENS } from "./dataset-escrow";

// A year of balance history for every followed account, one reading per 15 minutes (the job's
// keep-alive cadence, lib/treasury/balances.ts), on top of the demo's 30 hourly days: readings
// inside the seeded window follow the seeded line, older ones a plausible shape that ends where
// the seeded history begins. A few EVM accounts are added so the treasury looks like production.

type TShape = { drift: number; amp: number; periodDays: number; noise: number; sawDays: number; floor: number };

const EXTRA_ACCOUNTS = [
  { chain: "evm", address: "0x5b38da6a701c568545dcfcb03fcb875f56beddc4", asset: "ETH", symbol: "ETH", decimals: 18, label: "Escrow owner (gas)", purpose: "platform", balance: 4.2, warnBelow: 1, critBelow: 0.25, shape: { drift: 0.01, amp: 0.3, periodDays: 9, noise: 0.002, sawDays: 30, floor: 0.05 } },
  { chain: "evm", address: "0x4b20993bc481177ec7e8f571cecae8a9e22c02db", asset: BENCH_TOKENS[0].address, symbol: "USDT", decimals: 6, label: "Treasury (USDT)", purpose: "treasury", balance: 1_850_000, warnBelow: 250_000, critBelow: 100_000, shape: { drift: -1_200, amp: 40_000, periodDays: 13, noise: 150, sawDays: 0, floor: 1_000 } },
  { chain: "evm", address: "0xd9145cce52d386f254917e481eb44e9943f39138", asset: BENCH_TOKENS[0].address, symbol: "USDT", decimals: 6, label: "Escrow holdings (USDT)", purpose: "escrow", balance: 6_400_000, warnBelow: null, critBelow: null, shape: { drift: -4_000, amp: 600_000, periodDays: 3.5, noise: 25_000, sawDays: 0, floor: 100_000 } },
  { chain: "evm", address: "0x78731d3ca6b7e34ac0f824c42a7cc18a495cabab", asset: BENCH_TOKENS[1].address, symbol: "USDC", decimals: 6, label: "Cold multisig (USDC)", purpose: "multisig", balance: 12_000_000, warnBelow: 5_000_000, critBelow: 2_000_000, shape: { drift: -8_000, amp: 0, periodDays: 30, noise: 0, sawDays: 60, floor: 1_000_000 } },
] as const;

/** Shapes of the demo's XRPL wallets (lib/seed/treasury.ts), extended back in time. */
const XRPL_SHAPES: Record<string, TShape> = {
  platform: { drift: 96, amp: 150, periodDays: 0.375, noise: 3, sawDays: 0, floor: 20 },
  faucet: { drift: 0, amp: 0, periodDays: 1, noise: 2, sawDays: 5, floor: 20 },
  treasury: { drift: 216, amp: 0, periodDays: 1, noise: 5, sawDays: 0, floor: 20 },
  other: { drift: 10, amp: 50, periodDays: 3, noise: 1, sawDays: 0, floor: 20 },
};

export type TTreasuryGenerated = { accounts: number; snapshots: number; longestAccountId: string };

export async function generateTreasury(pool: pg.PoolClient, opts: { now: Date; log: TLog }): Promise<TTreasuryGenerated> {
  const { now } = opts;
  for (const a of EXTRA_ACCOUNTS) {
    await pool.query(
      `INSERT INTO "TreasuryAccount" (id, chain, address, asset, symbol, decimals, label, purpose, "warnBelow", "critBelow", source)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7::"TreasuryPurpose", $8, $9, 'treasury@opsdeck.local') ON CONFLICT DO NOTHING`,
      [a.chain, a.address, a.asset, a.symbol, a.decimals, a.label, a.purpose, a.warnBelow, a.critBelow],
    );
  }
  const accounts = await pool.query<{ id: string; address: string; asset: string; purpose: string; decimals: number; first_at: Date | null; first_total: string | null }>(
    `SELECT a.id::text, a.address, a.asset, a.purpose::text AS purpose, a.decimals, f.at AS first_at, f.total::text AS first_total
     FROM "TreasuryAccount" a LEFT JOIN LATERAL (SELECT at, total FROM "BalanceSnapshot" WHERE "accountId" = a.id ORDER BY at ASC LIMIT 1) f ON true
     WHERE a."removedAt" IS NULL`,
  );
  await pool.query("SELECT setseed(0.2222)");
  for (const a of accounts.rows) {
    const extra = EXTRA_ACCOUNTS.find((e) => e.address === a.address);
    const shape = extra?.shape ?? XRPL_SHAPES[a.purpose] ?? XRPL_SHAPES.other!;
    // Anchor: the first seeded reading (the shape runs back from it), or today's balance.
    const anchorAt = a.first_at ?? now;
    const anchor = a.first_total !== null ? Number(a.first_total) / 10 ** a.decimals : (extra?.balance ?? 1_000);
    const reserve = a.asset === "XRP" ? 10_000_000 : 0; // the 10 XRP base reserve, as the seed has it
    await pool.query(
      `INSERT INTO "BalanceSnapshot" ("accountId", at, total, spendable, reserve)
       SELECT $1::uuid, t, tot, tot - $11::numeric, $11::numeric FROM (
         SELECT t, greatest(CASE WHEN prev.total IS NOT NULL THEN prev.total + round((random() - 0.5) * 2 * $9 * power(10::numeric, $4))
                           ELSE round((greatest($10, $3 + $5 * d + $6 * sin(d / $7) + CASE WHEN $8 > 0 THEN ($3 * 0.15 / $8) * mod(d::numeric, $8::numeric) ELSE 0 END + (random() - 0.5) * 2 * $9)
                                       * power(10::numeric, $4)::float8)::numeric) END, $11::numeric) AS tot
         FROM (SELECT t, greatest(0, extract(epoch FROM $2::timestamptz - t) / 86400) AS d FROM generate_series($12::timestamptz - interval '365 days', $12::timestamptz, interval '15 minutes') t) g
         LEFT JOIN LATERAL (SELECT total FROM "BalanceSnapshot" s WHERE s."accountId" = $1::uuid AND s.at <= g.t AND s.at > g.t - interval '1 hour' ORDER BY s.at DESC LIMIT 1) prev ON g.t > $2::timestamptz
         WHERE NOT EXISTS (SELECT 1 FROM "BalanceSnapshot" s WHERE s."accountId" = $1::uuid AND s.at > g.t - interval '450 seconds' AND s.at <= g.t + interval '450 seconds')
       ) x`,
      [a.id, anchorAt.toISOString(), anchor, a.decimals, shape.drift, shape.amp, shape.periodDays, shape.sawDays, shape.noise, shape.floor, reserve, now.toISOString()],
    );
  }
  const counts = await pool.query<{ id: string; n: string }>(`SELECT "accountId"::text AS id, count(*) AS n FROM "BalanceSnapshot" GROUP BY 1 ORDER BY 2 DESC`);
  const snapshots = counts.rows.reduce((n, r) => n + Number(r.n), 0);
  opts.log(`treasury: ${accounts.rows.length} accounts, ${snapshots.toLocaleString("en-US")} snapshots`);
  // The bench opens the platform wallet: XRP with a reserve, the demo's seeded month inside a year.
  const platform = accounts.rows.find((a) => a.purpose === "platform" && !EXTRA_ACCOUNTS.some((e) => e.address === a.address));
  return { accounts: accounts.rows.length, snapshots, longestAccountId: platform?.id ?? counts.rows[0]!.id };
}
