// The benchmark's data set (issue #11): the demo seed plus a production-scale year of history —
// 1 M hash-chained audit events, 1 M escrow orders (100 k disputes), 200 k faucet requests, 50
// services with 30 days of per-minute probes, a year of 15-minute balance snapshots, an approvals
// inbox. Generated server-side or in large batches, so a run takes minutes, and kept: a marker
// table (bench_dataset) makes the next run return at once unless --force.
//
//   tsx --conditions=react-server bench/dataset.ts [--force] [--verify]
//
// DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/opsdeck_bench) must be local and its
// name must contain "bench": the database is dropped and recreated when (re)generating.
import { parseArgs } from "node:util";
import type pg from "pg";
import { createPrismaClient } from "@/lib/db/prisma";
import { verifyAuditChain } from "@/lib/audit/verify";
import { DEMO_USERS } from "@/lib/seed/demo";
import type { TRole } from "@/lib/auth/roles";
import { DATASET_VERSION, assertBenchDatabase, hasTables, migrateAndSeed, openPool, prepareDatabase, readMarker, writeMarker, type TLog } from "./lib/dataset-db";
import { DAY, countRows, loadUsers, timed, withClient } from "./lib/dataset-shared";
import { auditHash } from "@/lib/audit/hash";
import { generateAudit } from "./lib/dataset-audit";
import { BENCH_CHAIN, generateEscrow } from "./lib/dataset-escrow";
import { generateFaucet } from "./lib/dataset-faucet";
import { generateServices } from "./lib/dataset-services";
import { generateTreasury } from "./lib/dataset-treasury";
import { generateApprovals, refreshPendingApprovals } from "./lib/dataset-approvals";
import { generateExtras } from "./lib/dataset-extras";

export const DEFAULT_BENCH_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/opsdeck_bench";

const SIZES = { audit: 1_000_000, orders: 1_000_000, faucet: 200_000, probeDays: 30, approvals: 400, pendingForApprover: 50 };

/** Counts reported per table (keys as the runner's report shows them). */
const COUNTED = {
  users: "User",
  auditEvents: "AuditEvent",
  escrowOrders: "EscrowOrder",
  escrowWallets: "EscrowWallet",
  disputeCases: "DisputeCase",
  disputeNotes: "DisputeNote",
  blacklistEntries: "BlacklistEntry",
  faucetRequests: "FaucetRequest",
  services: "Service",
  probeResults: "ProbeResult",
  treasuryAccounts: "TreasuryAccount",
  balanceSnapshots: "BalanceSnapshot",
  approvalRequests: "ApprovalRequest",
  approvalVotes: "ApprovalVote",
  incidents: "Incident",
  alerts: "Alert",
} as const;

/** The demo account of each role, with a session row the SQL-only bench can look up as the layout does. */
export type TBenchIdentity = { email: string; userId: string; sessionId: string };

export type TBenchDataset = {
  version: number;
  /** When the data was generated: every "recent" window (24 h, 30 d) is relative to it. */
  generatedAt: string;
  /** Wall time of the generation, in seconds. */
  seconds: number;
  counts: Record<string, number>;
  users: Record<TRole, TBenchIdentity>;
  audit: {
    /** An actor with many events, a 90-day window of theirs, and the keyset cursor of page 200 inside it. */
    actor: string;
    from: string;
    to: string;
    eventsInRange: number;
    deepBefore: string;
    /** The generated part of the chain (ids), for a quick check of the last links. */
    firstId: string;
    lastId: string;
  };
  disputes: {
    chain: string;
    /** A triage view: open, nobody on it, 1,000 tokens or more, largest first. */
    filter: { status: "open"; assignee: "none"; min: string; sort: "amount" };
    /** The default view (open, oldest first) at page 200: the keyset cursor after row 10,000. */
    deepAfter: string;
    deepPage: number;
    open: number;
  };
  treasury: { accountId: string; range: "30d"; snapshots: number };
  incidentId: string;
  faucetReview: number;
  approvalsWaiting: number;
};

/**
 * Makes sure the bench database holds the current data set and returns what the pages need.
 * Returns at once when the marker matches DATASET_VERSION (after refreshing the sessions and the
 * pending approvals, which age); `force` drops the database and generates everything again.
 */
export async function ensureBenchDataset(databaseUrl: string, opts: { log?: (line: string) => void; force?: boolean } = {}): Promise<TBenchDataset> {
  const log: TLog = opts.log ?? (() => {});
  assertBenchDatabase(databaseUrl);
  const marker = await readMarker(databaseUrl);
  if (marker && marker.version === DATASET_VERSION && !opts.force) {
    const data = marker.info as TBenchDataset;
    const ageDays = (Date.now() - new Date(data.generatedAt).getTime()) / DAY;
    log(`data set v${data.version} is in place (generated ${ageDays.toFixed(1)} days ago in ${data.seconds} s)`);
    if (ageDays > 7) log("warning: the data set is more than a week old; its recent windows (24 h, 30 days of probes) are thinning. Run with --force to regenerate.");
    const pool = openPool(databaseUrl, 1);
    try {
      await refreshVolatile(pool, data);
    } finally {
      await pool.end();
    }
    return data;
  }
  const started = performance.now();
  await prepareDatabase(databaseUrl, { fresh: !!opts.force || (await hasTables(databaseUrl)), log });
  const now = new Date();
  await timed(log, "migrations and demo seed", () => migrateAndSeed(databaseUrl, { log, now }));

  const pool = openPool(databaseUrl, 4);
  try {
    const users = await loadUsers(pool);
    const extras = await timed(log, "incidents and alerts", () => withClient(pool, (c) => generateExtras(c, { now })));
    const treasury = await timed(log, "treasury", () => withClient(pool, (c) => generateTreasury(c, { now, log })));
    const refs = {
      chain: BENCH_CHAIN,
      maxOrderId: SIZES.orders,
      incidents: (await pool.query<{ id: string }>(`SELECT id::text FROM "Incident"`)).rows.map((r) => r.id),
      services: (await pool.query<{ id: string }>(`SELECT id FROM "Service"`)).rows.map((r) => r.id),
      accounts: (await pool.query<{ id: string }>(`SELECT id::text FROM "TreasuryAccount"`)).rows.map((r) => r.id),
      users: users.flatMap((u) => (u.id ? [u.id] : [])),
      wallets: Array.from({ length: 50 }, (_, i) => `0x${(i * 2654435761).toString(16).padStart(40, "a").slice(0, 40)}`),
    };
    // Three independent streams, each on its own connection(s): the audit chain (hashed here),
    // the escrow orders then the approvals that point at them then the faucet, and the probes.
    const auditPool = openPool(databaseUrl, 2);
    const [audit, escrow] = await Promise.all([
      timed(log, "audit events", () => generateAudit(auditPool, { users, count: SIZES.audit, now, log, refs })).finally(() => auditPool.end()),
      (async () => {
        const e = await timed(log, "escrow orders and disputes", () => generateEscrow(pool, { count: SIZES.orders, now, users, log }));
        const open = (await pool.query<{ id: string }>(`SELECT "orderId"::text AS id FROM "EscrowOrder" WHERE chain = $1 AND status = 'disputed' ORDER BY "disputedAt" DESC LIMIT 200`, [BENCH_CHAIN])).rows.map((r) => r.id);
        const approvals = await timed(log, "approvals", () => generateApprovals(pool, { total: SIZES.approvals, pendingForApprover: SIZES.pendingForApprover, now, users, openDisputes: open, log }));
        const faucet = await timed(log, "faucet requests", () => generateFaucet(pool, { count: SIZES.faucet, now, users, log }));
        return { ...e, approvals, faucet };
      })(),
      timed(log, "services and probe results", () => withClient(pool, (c) => generateServices(c, { now, days: SIZES.probeDays, log }))),
    ]);
    const sessions = await createSessions(pool, now);
    // Autovacuum would have visited every table of a production database: the visibility map
    // (index-only scans) and the planner statistics should look the same here.
    await timed(log, "vacuum analyze", () => pool.query("VACUUM (ANALYZE)"));

    const counts: Record<string, number> = {};
    for (const [key, table] of Object.entries(COUNTED)) counts[key] = await countRows(pool, table);
    counts.disputes = escrow.disputes;
    counts.openDisputes = escrow.open;
    counts.faucetReview = escrow.faucet.review;
    const data: TBenchDataset = {
      version: DATASET_VERSION,
      generatedAt: now.toISOString(),
      seconds: Math.round((performance.now() - started) / 1000),
      counts,
      users: sessions,
      audit: { ...(await auditWindow(pool, now)), firstId: audit.firstId, lastId: audit.lastId },
      disputes: { chain: BENCH_CHAIN, filter: { status: "open", assignee: "none", min: "1000", sort: "amount" }, ...(await disputeDeepPage(pool, 200)), open: escrow.open },
      treasury: { accountId: treasury.longestAccountId, range: "30d", snapshots: await countRows(pool, "BalanceSnapshot", `WHERE "accountId" = '${treasury.longestAccountId}'`) },
      incidentId: extras.openIncidentId,
      faucetReview: escrow.faucet.review,
      approvalsWaiting: escrow.approvals.pendingForApprover,
    };
    await writeMarker(pool, { version: DATASET_VERSION, seconds: data.seconds, counts, info: data });
    log(`data set ready in ${data.seconds} s`);
    return data;
  } finally {
    await pool.end();
  }
}

/** One live session per demo role (the first demo account holding it), as a sign-in creates it. */
async function createSessions(pool: pg.Pool, now: Date): Promise<Record<TRole, TBenchIdentity>> {
  const out = {} as Record<TRole, TBenchIdentity>;
  for (const u of DEMO_USERS) {
    const role = u.roles[0]!;
    if (out[role]) continue;
    const { rows } = await pool.query<{ uid: string; sid: string }>(
      `INSERT INTO "UserSession" (id, "userId", "createdAt", "lastSeenAt", ip, "userAgent")
       SELECT gen_random_uuid(), id, $2::timestamptz AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', '127.0.0.1', 'opsdeck-bench' FROM "User" WHERE email = $1
       RETURNING "userId"::text AS uid, id::text AS sid`,
      [u.email, now.toISOString()],
    );
    out[role] = { email: u.email, userId: rows[0]!.uid, sessionId: rows[0]!.sid };
  }
  return out;
}

/** Sessions go idle and pending approvals expire: both are renewed whenever the data set is reused. */
async function refreshVolatile(pool: pg.Pool, data: TBenchDataset) {
  await pool.query(`UPDATE "UserSession" SET "lastSeenAt" = now() AT TIME ZONE 'UTC', "revokedAt" = NULL WHERE id = ANY($1::uuid[])`, [Object.values(data.users).map((u) => u.sessionId)]);
  await refreshPendingApprovals(pool);
}

const localMinute = (d: Date) => d.toISOString().slice(0, 16); // what <input type="datetime-local"> sends (read as UTC)

async function auditWindow(pool: pg.Pool, now: Date) {
  const actor = "operator@opsdeck.local";
  const from = localMinute(new Date(now.getTime() - 150 * DAY));
  const to = localMinute(new Date(now.getTime() - 60 * DAY));
  const range = [actor, `${from}Z`, `${to}Z`];
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent" WHERE "actorEmail" = $1 AND at >= $2::timestamptz AND at <= $3::timestamptz`, range);
  const inRange = Number(rows[0]!.n);
  // Page 200 (rows 9,951–10,000), or the middle of a smaller window.
  const offset = Math.min(200 * 50, Math.floor(inRange / 2));
  const deep = await pool.query<{ id: string }>(`SELECT id::text FROM "AuditEvent" WHERE "actorEmail" = $1 AND at >= $2::timestamptz AND at <= $3::timestamptz ORDER BY id DESC OFFSET $4 LIMIT 1`, [...range, offset - 1]);
  return { actor, from, to, eventsInRange: inRange, deepBefore: deep.rows[0]!.id };
}

/** The cursor the disputes page puts in `after=` at the end of page `page - 1` (lib/disputes/queue.ts encodeCursor). */
async function disputeDeepPage(pool: pg.Pool, page: number) {
  const { rows: c } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "EscrowOrder" WHERE status = 'disputed'`);
  const open = Number(c[0]!.n);
  const deepPage = Math.max(2, Math.min(page, Math.floor(open / 50)));
  const { rows } = await pool.query<{ v: string; chain: string; orderId: string }>(
    `SELECT to_char("disputedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS v, chain, "orderId"::text AS "orderId"
     FROM "EscrowOrder" WHERE "disputedAt" IS NOT NULL AND status = 'disputed' ORDER BY "disputedAt", chain, "orderId" OFFSET $1 LIMIT 1`,
    [(deepPage - 1) * 50 - 1],
  );
  const last = rows[0]!;
  return { deepAfter: Buffer.from(JSON.stringify({ s: "age", v: last.v, c: last.chain, o: last.orderId })).toString("base64url"), deepPage };
}

/** Counts against the marker and the audit chain (whole, with --verify; else the generated tail's last 10,000 links). */
export async function checkBenchDataset(databaseUrl: string, data: TBenchDataset, { full, log }: { full: boolean; log: TLog }) {
  const prisma = createPrismaClient(databaseUrl, { max: 2 });
  try {
    const counts = {
      auditEvents: await prisma.auditEvent.count(),
      escrowOrders: await prisma.escrowOrder.count(),
      disputes: await prisma.escrowOrder.count({ where: { disputedAt: { not: null } } }),
      faucetRequests: await prisma.faucetRequest.count(),
      services: await prisma.service.count(),
      probeResults: await prisma.probeResult.count(),
      balanceSnapshots: await prisma.balanceSnapshot.count(),
    };
    for (const [k, v] of Object.entries(counts)) log(`${k}: ${v.toLocaleString("en-US")}${data.counts[k] !== undefined && data.counts[k] !== v ? ` (marker says ${data.counts[k]})` : ""}`);
    if (full) {
      const started = performance.now();
      const report = await verifyAuditChain(prisma);
      log(`verifyAuditChain: ${JSON.stringify(report)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return report.intact;
    }
    const tail = await prisma.auditEvent.findMany({ where: { id: { gt: BigInt(data.audit.lastId) - 10_001n, lte: BigInt(data.audit.lastId) } }, orderBy: { id: "asc" } });
    let bad = 0;
    for (let i = 1; i < tail.length; i++) {
      const row = tail[i]!;
      const { id: _id, prevHash, hash, ...content } = row;
      void _id;
      if (prevHash !== tail[i - 1]!.hash || auditHash(prevHash, content) !== hash) bad++;
    }
    log(`last ${tail.length - 1} audit links: ${bad === 0 ? "intact" : `${bad} broken`}`);
    return bad === 0;
  } finally {
    await prisma.$disconnect();
  }
}

async function main() {
  const { values } = parseArgs({ options: { force: { type: "boolean", default: false }, verify: { type: "boolean", default: false } } });
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_BENCH_DATABASE_URL;
  const log = (line: string) => console.log(`[bench:dataset] ${line}`);
  const data = await ensureBenchDataset(databaseUrl, { log, force: values.force });
  const ok = await checkBenchDataset(databaseUrl, data, { full: values.verify, log });
  console.log(JSON.stringify({ ...data, users: Object.fromEntries(Object.entries(data.users).map(([r, u]) => [r, u.email])) }, null, 2));
  process.exit(ok ? 0 : 1);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`[bench:dataset] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  });
}
