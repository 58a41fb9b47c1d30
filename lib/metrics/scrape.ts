import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import { chainKey, evmChain } from "@/lib/chains/evm";
import { readXrpBalance, xrplChain } from "@/lib/chains/xrpl";
import { HealthStatus } from "@/generated/prisma/enums";
import { OPEN_STATUSES, SEVERITIES, slaClocks, slaTargets } from "@/lib/incidents/model";
import { readThresholdValues, watchedWallets } from "@/lib/alerts/readings";

// What /api/metrics serves: the registry, after the gauges that describe shared state are set
// from PostgreSQL and the XRPL. Every query is a count or a small bounded read on an index, and
// each source has a deadline, so a slow database or a silent chain costs one source's series
// (and a tick of opsdeck_scrape_errors_total), never the scrape.

const DATABASE_DEADLINE_MS = 4_000;
const WALLET_DEADLINE_MS = 2_000;
/** The catalog is tens of services; the cap only keeps a runaway table from bloating every scrape. */
const MAX_SERVICES = 500;
/** Severities always reported (at 0 when quiet) so "no critical alert" is a value, not a missing series. */
const KNOWN_SEVERITIES = ["critical", "warning", "info"];
const SERVICE_STATUSES = Object.values(HealthStatus);

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function readDatabase() {
  const [pendingApprovals, runningExecutions, disputes, services, firing, cursors, incidents, thresholds] = await Promise.all([
    db.approvalRequest.count({ where: { status: "PENDING" } }),
    db.execution.count({ where: { status: "RUNNING" } }),
    db.escrowOrder.count({ where: { status: "disputed" } }),
    db.service.findMany({ select: { id: true, status: true, lastLatencyMs: true }, orderBy: { id: "asc" }, take: MAX_SERVICES }),
    db.alert.groupBy({ by: ["severity"], where: { status: "firing" }, _count: { _all: true } }),
    db.chainCursor.findMany({ select: { chain: true, lastBlock: true, headBlock: true, movedAt: true, checkedAt: true }, take: 50 }),
    db.incident.findMany({ where: { status: { in: [...OPEN_STATUSES] } }, select: { severity: true, detectedAt: true, triagedAt: true, mitigatingAt: true }, take: 1_000 }),
    readThresholdValues(),
  ]);
  return { pendingApprovals, runningExecutions, disputes, services, firing, cursors, incidents, thresholds };
}

type TDatabaseSnapshot = Awaited<ReturnType<typeof readDatabase>>;

function clearDatabaseGauges() {
  const m = metrics();
  for (const gauge of [m.approvalsPending, m.executionsRunning, m.disputesOpen, m.serviceStatus, m.serviceProbeLatency, m.alertsFiring, m.jobLastRun, m.incidentsOpen, m.incidentSlaBreached, m.incidentSlaElapsed]) gauge.reset();
}

/** Sets every database-backed gauge in one synchronous step, so a concurrent scrape never sees half of them. */
function applyDatabase(snapshot: TDatabaseSnapshot, now: number) {
  const m = metrics();
  clearDatabaseGauges();
  m.approvalsPending.set(snapshot.pendingApprovals);
  m.executionsRunning.set(snapshot.runningExecutions);
  m.disputesOpen.set(snapshot.disputes);
  for (const service of snapshot.services) {
    for (const status of SERVICE_STATUSES) m.serviceStatus.set({ service: service.id, status }, service.status === status ? 1 : 0);
    if (service.lastLatencyMs !== null) m.serviceProbeLatency.set({ service: service.id }, service.lastLatencyMs / 1000);
  }
  for (const severity of KNOWN_SEVERITIES) m.alertsFiring.set({ severity }, 0);
  for (const row of snapshot.firing) m.alertsFiring.set({ severity: row.severity }, row._count._all);

  // Incident response clocks (time to triage, time to mitigate) against the configured targets.
  const targets = slaTargets(snapshot.thresholds);
  for (const severity of SEVERITIES) {
    const open = snapshot.incidents.filter((i) => i.severity === severity);
    m.incidentsOpen.set({ severity }, open.length);
    for (const clock of ["triage", "mitigate"] as const) {
      const running = open.map((i) => slaClocks(i, targets, new Date(now)).find((c) => c.clock === clock)!).filter((c) => c.state === "running" || c.state === "overdue");
      m.incidentSlaBreached.set({ severity, clock }, running.filter((c) => c.state === "overdue").length);
      m.incidentSlaElapsed.set({ severity, clock }, running.reduce((max, c) => Math.max(max, c.elapsedSeconds), 0));
    }
  }

  // The sync gauges are also set by the sync job, labelled with the chain's key ("evm") and
  // measured the same way (below head − confirmations), so the two never disagree; an instance
  // that runs no sync job (or has just started) reports them from the shared cursor row.
  const chain = evmChain();
  const cursor = chain?.escrow ? snapshot.cursors.find((c) => c.chain === chainKey(chain)) : undefined;
  if (chain && cursor) {
    m.jobLastRun.set({ job: "chain-sync" }, Math.floor(cursor.checkedAt.getTime() / 1000));
    if (cursor.headBlock !== null) {
      const lag = Math.max(0, Number(cursor.headBlock) - chain.confirmations - Number(cursor.lastBlock));
      m.syncLagBlocks.set({ chain: chain.key }, lag);
      m.syncCursorAgeSeconds.set({ chain: chain.key }, lag > 0 ? (now - cursor.movedAt.getTime()) / 1000 : 0);
    }
  }
}

async function refreshDatabaseGauges() {
  try {
    applyDatabase(await withDeadline(readDatabase(), DATABASE_DEADLINE_MS, "PostgreSQL"), Date.now());
  } catch (err) {
    // Stale numbers would look healthy; missing ones make absent() alerts fire.
    clearDatabaseGauges();
    metrics().scrapeErrors.inc({ source: "database" });
    log.warn({ job: "metrics", err: err instanceof Error ? err.message : String(err) }, "metrics scrape could not read the database");
  }
}

async function refreshWalletGauges() {
  const m = metrics();
  const chain = xrplChain();
  const e = env();
  // The active wallets (a rotation moves them); the configured addresses if the database does not answer.
  const watched = await watchedWallets(db).catch(() => ({ platform: e.XRPL_PLATFORM_ADDRESS ?? null, faucet: e.XRPL_FAUCET_ADDRESS ?? null }));
  const wallets = [
    { wallet: "platform", address: watched.platform },
    { wallet: "faucet", address: watched.faucet },
  ].filter((w): w is { wallet: string; address: string } => Boolean(w.address));
  const reads = chain ? await Promise.allSettled(wallets.map((w) => withDeadline(readXrpBalance(chain, w.address), WALLET_DEADLINE_MS, "XRPL"))) : [];
  m.walletBalanceXrp.reset();
  m.walletBalanceUp.reset();
  reads.forEach((read, i) => {
    const { wallet } = wallets[i]!;
    if (read.status === "rejected") {
      m.walletBalanceUp.set({ wallet }, 0);
      m.scrapeErrors.inc({ source: "xrpl" });
      log.warn({ job: "metrics", wallet, err: read.reason instanceof Error ? read.reason.message : String(read.reason) }, "metrics scrape could not read a wallet balance");
      return;
    }
    // null: the ledger has no such account (never funded), which holds nothing.
    m.walletBalanceUp.set({ wallet }, 1);
    m.walletBalanceXrp.set({ wallet, kind: "total" }, Number(read.value?.total ?? 0));
    m.walletBalanceXrp.set({ wallet, kind: "spendable" }, Number(read.value?.spendable ?? 0));
  });
}

/** The exposition text and its content type, with every at-scrape gauge fresh. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  await Promise.all([refreshDatabaseGauges(), refreshWalletGauges()]);
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
