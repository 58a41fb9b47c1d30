import type pg from "pg";
import type { TLog } from "./dataset-db";
import { DAY, type TBenchUser } from "./dataset-shared";

// A year of escrow orders as the event sync leaves them (lib/chains/escrow-sync.ts folds events
// into EscrowOrder with lib/chains/escrow-orders.ts): lower-case addresses, amounts in base
// units with amountValue in whole tokens, the timestamps of each step, the createdBlock of a
// 2-second chain. Generated server-side in one session (setseed makes it repeatable).
//
// No EscrowEvent rows: none of the benchmarked pages reads them, and three million of them would
// triple the generation time. No ChainCursor either: a cursor with a made-up genesis hash would
// make a running event sync "reset" the chain, which deletes every order of it.

export const BENCH_CHAIN = "evm:31337";
const BLOCK_SECONDS = 2;
const WALLETS = 50_000;
const ARBITRATORS = 30;

// Well-known stablecoin addresses (lower-case, as the sync stores them): realistic text, no chain needed.
export const BENCH_TOKENS = [
  { address: "0xdac17f958d2ee523a2206206994597c13d831ec7", symbol: "USDT", decimals: 6, share: 0.8 },
  { address: "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", symbol: "USDC", decimals: 6, share: 0.15 },
  { address: "0x6b175474e89094c44da98b954eedeac495271d0f", symbol: "DAI", decimals: 18, share: 0.05 },
] as const;

export type TEscrowGenerated = { orders: number; disputes: number; open: number; cases: number; notes: number; wallets: number; blacklisted: number };

export async function generateEscrow(pool: pg.Pool, opts: { count: number; now: Date; users: TBenchUser[]; log: TLog }): Promise<TEscrowGenerated> {
  const { count, now } = opts;
  const start = new Date(now.getTime() - 365 * DAY);
  const stepMs = (now.getTime() - 5 * 60_000 - start.getTime()) / count;
  const client = await pool.connect();
  try {
    await client.query("SELECT setseed(0.4242)");
    await client.query(`CREATE TEMP TABLE bw AS SELECT n, '0x' || substr(md5('bench-wallet-' || n) || md5('bench-wallet+' || n), 1, 40) AS addr FROM generate_series(0, ${WALLETS - 1}) n`);
    await client.query(`CREATE TEMP TABLE barb AS SELECT n, '0x' || substr(md5('bench-arbitrator-' || n) || md5('bench-arbitrator+' || n), 1, 40) AS addr FROM generate_series(0, ${ARBITRATORS - 1}) n`);
    await client.query("ALTER TABLE bw ADD PRIMARY KEY (n)");
    await client.query("ALTER TABLE barb ADD PRIMARY KEY (n)");
    await client.query(
      `INSERT INTO "ChainToken" (chain, address, symbol, decimals) SELECT $1, a, s, d FROM unnest($2::text[], $3::text[], $4::int[]) AS t(a, s, d) ON CONFLICT DO NOTHING`,
      [BENCH_CHAIN, BENCH_TOKENS.map((t) => t.address), BENCH_TOKENS.map((t) => t.symbol), BENCH_TOKENS.map((t) => t.decimals)],
    );

    // One row of random draws per order. Exactly one order in each block of ten goes to a
    // dispute (which one is a hash of the block), so the set holds exactly count/10 disputes.
    // Wallet indexes are skewed (power users trade a lot); buyer and seller always differ.
    await client.query(
      `CREATE TEMP TABLE bo AS
       SELECT n, $1::timestamptz + ((n - 1 + random()) * $2) * interval '1 millisecond' AS created,
              floor(${WALLETS} * power(random(), 1.7))::int AS b, floor(${WALLETS} * power(random(), 1.7))::int AS s,
              ((n - 1) % 10) = (abs(hashtext('dispute-' || ((n - 1) / 10))) % 10) AS is_dispute,
              random() AS r_tok, random() AS r_amt, random() AS r_open, random() AS r_out, random() AS r1, random() AS r2, random() AS r3, random() AS r4
       FROM generate_series(1, $3::int) n`,
      [start.toISOString(), stepMs, count],
    );
    const [usdt, usdc, dai] = BENCH_TOKENS;
    // Times of each step: paid 5–60 min after creation; a dispute up to 2 days after payment;
    // open disputes are mostly recent (a backlog that decays over ~45 days, plus a 1 % tail of
    // forgotten ones); a resolution 2 h–10 days after the dispute; completions within 2 days.
    await client.query(
      `INSERT INTO "EscrowOrder" (chain, "orderId", buyer, seller, token, amount, fee, status, arbitrator, "disputedBy", "createdAt", "paidAt", "disputedAt", "closedAt", "updatedAt", "createdBlock", "amountValue")
       SELECT $1, n, buyer, seller, token, amount, floor(amount * 100 / 10000), status::"EscrowOrderStatus",
              CASE WHEN disputed_at IS NOT NULL THEN arb END,
              CASE WHEN disputed_at IS NOT NULL THEN CASE WHEN r3 < 0.62 THEN buyer ELSE seller END END,
              created, paid_at, disputed_at, closed_at, coalesce(closed_at, disputed_at, paid_at, created),
              $3::bigint + floor(extract(epoch FROM created - $2::timestamptz) / ${BLOCK_SECONDS})::bigint, value
       FROM (
         SELECT *, CASE
                     WHEN disputed_at IS NOT NULL THEN CASE WHEN closed_at IS NULL THEN 'disputed' WHEN r_out < 0.55 THEN 'resolved_buyer' ELSE 'resolved_seller' END
                     WHEN paid_at IS NULL THEN CASE WHEN closed_at IS NULL THEN 'created' ELSE 'expired' END
                     WHEN closed_at IS NULL THEN 'paid' ELSE 'completed' END AS status
         FROM (
           SELECT *,
                  CASE
                    WHEN disputed_at IS NOT NULL THEN CASE WHEN r_open < exp(-age_days / 45) + 0.01 THEN NULL
                      ELSE least(disputed_at + (interval '2 hours' + r4 * interval '10 days'), $4::timestamptz - interval '1 minute') END
                    WHEN paid_at IS NULL THEN CASE WHEN age_days * 24 < 1 + r2 * 23 THEN NULL ELSE created + interval '1 hour' + r2 * interval '23 hours' END
                    WHEN age_days * 24 < 0.5 + r4 * 47.5 THEN NULL
                    ELSE least(paid_at + interval '10 minutes' + r4 * interval '47 hours 50 minutes', $4::timestamptz - interval '1 minute') END AS closed_at
           FROM (
             SELECT *, CASE WHEN is_dispute AND paid_at IS NOT NULL THEN paid_at + least(r2 * interval '48 hours', ($4::timestamptz - paid_at) * 0.9) END AS disputed_at
             FROM (
               SELECT bo.*, wb.addr AS buyer, ws.addr AS seller, barb.addr AS arb,
                      extract(epoch FROM $4::timestamptz - created) / 86400 AS age_days,
                      CASE WHEN r1 < 0.06 AND NOT is_dispute THEN NULL
                           -- the last minutes' disputes were paid (and disputed) quickly: exactly count/10 disputes
                           WHEN is_dispute THEN least(created + interval '5 minutes' + r1 * interval '55 minutes', $4::timestamptz - interval '30 seconds')
                           WHEN created + interval '5 minutes' + r1 * interval '55 minutes' > $4::timestamptz - interval '1 minute' THEN NULL
                           ELSE created + interval '5 minutes' + r1 * interval '55 minutes' END AS paid_at,
                      CASE WHEN r_tok < ${usdt.share} THEN '${usdt.address}' WHEN r_tok < ${usdt.share + usdc.share} THEN '${usdc.address}' ELSE '${dai.address}' END AS token,
                      round((10 * power(1000, power(r_amt, 1.8)))::numeric, 2) AS value,
                      round((10 * power(1000, power(r_amt, 1.8)))::numeric, 2) * power(10::numeric, CASE WHEN r_tok < ${usdt.share + usdc.share} THEN 6 ELSE ${dai.decimals} END) AS amount
               FROM bo
               JOIN bw wb ON wb.n = bo.b
               JOIN bw ws ON ws.n = CASE WHEN bo.s = bo.b THEN (bo.s + 1) % ${WALLETS} ELSE bo.s END
               JOIN barb ON barb.n = (bo.n % ${ARBITRATORS})
             ) a
           ) b
         ) c
       ) d`,
      [BENCH_CHAIN, start.toISOString(), 1_000, now.toISOString()],
    );
    opts.log("escrow: orders written");

    // Both parties' first order (the sync keeps this table as it folds).
    await client.query(
      `INSERT INTO "EscrowWallet" (chain, wallet, "firstOrderAt")
       SELECT $1, w, min(at) FROM (SELECT buyer AS w, "createdAt" AS at FROM "EscrowOrder" WHERE chain = $1 UNION ALL SELECT seller, "createdAt" FROM "EscrowOrder" WHERE chain = $1) x
       GROUP BY w ON CONFLICT (chain, wallet) DO UPDATE SET "firstOrderAt" = LEAST("EscrowWallet"."firstOrderAt", EXCLUDED."firstOrderAt")`,
      [BENCH_CHAIN],
    );

    // The desk: who works each dispute (55 % of open ones, 85 % of resolved ones have someone).
    // Support agents and admins; the demo support account takes a bigger share so "assigned to
    // me" has a real list.
    const desk = opts.users.filter((u) => u.id && (u.roles.includes("support") || u.roles.includes("admin")));
    const supportDemo = desk.find((u) => u.email === "support@opsdeck.local");
    const pool8 = [...desk, ...(supportDemo ? [supportDemo] : [])];
    await client.query(
      `INSERT INTO "DisputeCase" (chain, "orderId", "assigneeId", "assignedAt", "assignedBy", "updatedAt")
       SELECT chain, "orderId", assignee, CASE WHEN assignee IS NOT NULL THEN at END, CASE WHEN assignee IS NOT NULL THEN by END, coalesce(at, "disputedAt")
       FROM (
         SELECT o.chain, o."orderId", o."disputedAt", r,
                CASE WHEN (o.status = 'disputed' AND r < 0.55) OR (o.status <> 'disputed' AND r < 0.85) THEN ($2::uuid[])[1 + floor(random() * $4)::int] END AS assignee,
                least(o."disputedAt" + random() * interval '6 hours', coalesce(o."closedAt", $5::timestamptz)) AS at,
                ($3::text[])[1 + floor(random() * $4)::int] AS by
         FROM (SELECT *, random() AS r FROM "EscrowOrder" WHERE chain = $1 AND "disputedAt" IS NOT NULL) o
       ) x
       WHERE assignee IS NOT NULL`,
      [BENCH_CHAIN, pool8.map((u) => u.id), pool8.map((u) => u.email), pool8.length, now.toISOString()],
    );
    // Open disputes not picked above still get a case row without an assignee sometimes (unclaimed after an unassign).
    await client.query(
      `INSERT INTO "DisputeCase" (chain, "orderId", "assigneeId", "assignedAt", "assignedBy", "updatedAt")
       SELECT o.chain, o."orderId", NULL, NULL, NULL, o."disputedAt" + interval '3 hours'
       FROM "EscrowOrder" o WHERE o.chain = $1 AND o.status = 'disputed' AND random() < 0.25
       ON CONFLICT DO NOTHING`,
      [BENCH_CHAIN],
    );

    // Evidence and notes on about one dispute in eight (one to three each).
    await client.query(
      `INSERT INTO "DisputeNote" (id, chain, "orderId", "authorEmail", body, cids, "createdAt")
       SELECT gen_random_uuid(), o.chain, o."orderId", ($2::text[])[1 + (o."orderId" % $3)::int],
              ($4::text[])[1 + ((o."orderId" * 31 + k) % $5)::int],
              CASE WHEN (o."orderId" + k) % 3 = 0 THEN ARRAY['bafybei' || substr(md5(o."orderId"::text || k), 1, 52)] ELSE ARRAY[]::text[] END,
              least(o."disputedAt" + k * interval '2 hours' + interval '20 minutes', $6::timestamptz)
       FROM "EscrowOrder" o CROSS JOIN LATERAL generate_series(1, 1 + ((o."orderId" * 7919) % 3)::int) k
       WHERE o.chain = $1 AND o."disputedAt" IS NOT NULL AND (o."orderId" * 2654435761) % 8 = 0`,
      [BENCH_CHAIN, desk.map((u) => u.email), desk.length, NOTE_BODIES, NOTE_BODIES.length, now.toISOString()],
    );

    // RB-04's blacklist: some of the most active wallets (they show as flagged in the queue).
    const blacklisted = await client.query(
      `INSERT INTO "BlacklistEntry" (id, wallet, reason, source, "addedBy", "createdAt")
       SELECT gen_random_uuid(), addr, 'Lost repeated disputes: edited payment receipts', 'dispute', 'support@opsdeck.local', $1::timestamptz - (n % 300) * interval '1 day'
       FROM bw WHERE n % 97 = 5 AND n < 20000
       ON CONFLICT DO NOTHING`,
      [now.toISOString()],
    );
    const counts = await client.query<{ orders: string; disputes: string; open: string; cases: string; notes: string; wallets: string }>(
      `SELECT (SELECT count(*) FROM "EscrowOrder" WHERE chain = $1) AS orders, (SELECT count(*) FROM "EscrowOrder" WHERE chain = $1 AND "disputedAt" IS NOT NULL) AS disputes,
              (SELECT count(*) FROM "EscrowOrder" WHERE chain = $1 AND status = 'disputed') AS open, (SELECT count(*) FROM "DisputeCase" WHERE chain = $1) AS cases,
              (SELECT count(*) FROM "DisputeNote" WHERE chain = $1) AS notes, (SELECT count(*) FROM "EscrowWallet" WHERE chain = $1) AS wallets`,
      [BENCH_CHAIN],
    );
    await client.query("DROP TABLE bo; DROP TABLE bw; DROP TABLE barb");
    const c = counts.rows[0]!;
    return { orders: Number(c.orders), disputes: Number(c.disputes), open: Number(c.open), cases: Number(c.cases), notes: Number(c.notes), wallets: Number(c.wallets), blacklisted: blacklisted.rowCount ?? 0 };
  } finally {
    client.release();
  }
}

const NOTE_BODIES = [
  "Buyer uploaded the bank statement; the reference matches the order.",
  "Seller says the payment never arrived. Asked for a screenshot of the account history.",
  "Receipt looks edited (font differs in the amount). Escalating to a lead.",
  "Both parties answered; waiting for the bank's confirmation.",
  "Called the buyer: payment was sent from a third-party account. Against the terms.",
  "Seller confirmed receipt after all. Resolving to the seller.",
  "Duplicate of an earlier dispute between the same wallets.",
  "Evidence pinned to IPFS; see the CID.",
];
