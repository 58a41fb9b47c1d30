import "server-only";
import { platformWalletAddress } from "@/lib/treasury/keys";
import { readDisputeRate } from "@/lib/disputes/rate";
import { readFaucetSettings } from "@/lib/faucet/config";
import type { TPrisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { chainKey, evmChain, readEscrowState } from "@/lib/chains/evm";
import { readXrpBalance, xrplChain } from "@/lib/chains/xrpl";
import { applyEndpointOverrides } from "@/lib/chains/overrides";
import { readSyncView } from "@/lib/chains/status";
import { runProbe } from "@/lib/probes";
import { numericThresholds, resolveEndpoint } from "@/lib/services/probe-runner";
import { readThresholdValues, DISPUTE_WINDOW_HOURS } from "@/lib/alerts/readings";
import { runHealthChecks } from "@/lib/health/checks";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { TCheckId } from "@/lib/runbooks/check-catalog";

// The implementations behind check steps (check-catalog.ts names them). Each reads, never writes,
// and answers within its timeout with pass or fail and the value it saw: "could not read" is a
// fail with the reason, so a runbook never waits on a dead endpoint.

export type TCheckResult = { outcome: "pass" | "fail"; value: string };
type TParams = Record<string, string | number | boolean>;
type TCheckFn = (db: TPrisma, params: TParams) => Promise<TCheckResult>;

const CHECK_TIMEOUT_MS = 10_000;

/** A read under a statement timeout: past the check's deadline the database stops the query too. */
function boundedRead<T>(db: TPrisma, read: (tx: Parameters<Parameters<TPrisma["$transaction"]>[0]>[0]) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${CHECK_TIMEOUT_MS - 1_000}`);
    return read(tx);
  });
}

const pass = (value: string): TCheckResult => ({ outcome: "pass", value });
const failed = (value: string): TCheckResult => ({ outcome: "fail", value });
const num = (v: unknown, fallback: number) => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : fallback);

const IMPLEMENTATIONS: Record<TCheckId, TCheckFn> = {
  async "escrow.paused"(db, params) {
    const chain = evmChain();
    if (!chain?.escrow) return failed("No escrow contract is configured (EVM_RPC_URL and ESCROW_ADDRESS)");
    await applyEndpointOverrides(db);
    const { paused } = await readEscrowState(chain);
    const expected = params.expect === true || params.expect === "true";
    return { outcome: paused === expected ? "pass" : "fail", value: `paused() = ${paused}` };
  },

  async "sync.lag"(db) {
    const view = await readSyncView(db);
    if (!view) return failed("Event sync has not run yet (no cursor)");
    const t = await readThresholdValues();
    const lag = view.lagBlocks ?? 0;
    const stale = lag > 0 && view.secondsSinceMoved > t.syncCursorStaleMinutes * 60;
    const value = `${lag} block${lag === 1 ? "" : "s"} behind at block ${view.lastBlock}; cursor moved ${view.secondsSinceMoved} s ago${view.lastError ? `; last error: ${view.lastError}` : ""}`;
    return lag > t.syncLagBlocks || stale ? failed(value) : pass(value);
  },

  async "rpc.endpoint"(db, params) {
    const kind = params.chain === "xrpl" ? "xrpl" : "evm";
    const role = params.endpoint === "fallback" ? "fallback" : "primary";
    const chain = kind === "evm" ? evmChain() : xrplChain();
    if (!chain) return failed(`No ${kind.toUpperCase()} chain is configured`);
    const endpoint = chain.pool.snapshot().endpoints.find((e) => e.role === role);
    if (!endpoint) return failed(`${chain.name} has no ${role} endpoint configured`);
    const outcome = await runProbe({ kind, endpoint: endpoint.url, timeoutMs: 5_000 });
    const origin = new URL(endpoint.url).host;
    const height = outcome.detail.blockNumber ?? outcome.detail.validatedLedger ?? null;
    if (outcome.status === "error") return failed(`${role} (${origin}) does not answer: ${outcome.error}`);
    return pass(`${role} (${origin}) answers${height !== null ? ` at ${kind === "evm" ? "block" : "ledger"} ${height}` : ""} in ${outcome.latencyMs} ms`);
  },

  async "service.status"(db, params) {
    const service = await db.service.findUnique({ where: { id: String(params.service ?? "") } });
    if (!service) return failed(`No service “${params.service}” in the catalog`);
    if (!service.endpoint) return failed(`${service.name} has no endpoint to probe`);
    const outcome = await runProbe({ kind: service.kind, endpoint: resolveEndpoint(service.endpoint), timeoutMs: service.timeoutMs, thresholds: numericThresholds(service.thresholds) });
    const facts = Object.entries(outcome.detail)
      .filter(([, v]) => v !== null && typeof v !== "object")
      .slice(0, 4)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    const value = `${service.name}: ${outcome.status}${outcome.latencyMs !== null ? ` in ${outcome.latencyMs} ms` : ""}${outcome.error ? ` — ${outcome.error}` : ""}${facts ? ` (${facts})` : ""}`;
    return outcome.status === "ok" ? pass(value) : failed(value);
  },

  async "db.connections"(db, params) {
    const rows = await boundedRead(db, (tx) => tx.$queryRaw<{ used: number; max: number }[]>`
      SELECT (SELECT count(*)::int FROM pg_stat_activity) AS used, current_setting('max_connections')::int AS max`);
    const { used, max } = rows[0]!;
    const pct = Math.round((100 * used) / Math.max(1, max));
    const value = `${used} of ${max} connections in use (${pct} %)`;
    return pct < num(params.maxPct, 95) ? pass(value) : failed(value);
  },

  async "db.long-queries"(db, params) {
    const seconds = num(params.seconds, 60);
    // Who and how long, never the SQL text: it may hold literals (even passwords) and this lands
    // in an append-only record every role can read.
    const rows = await boundedRead(db, (tx) => tx.$queryRaw<{ pid: number; seconds: number; query: string }[]>`
      SELECT pid, extract(epoch FROM now() - query_start)::int AS seconds, coalesce(nullif(usename, ''), '?') || ' · ' || coalesce(nullif(application_name, ''), 'no application name') AS query
      FROM pg_stat_activity
      WHERE state <> 'idle' AND pid <> pg_backend_pid() AND query_start < now() - make_interval(secs => ${seconds})
      ORDER BY query_start LIMIT 5`);
    if (rows.length === 0) return pass(`No query has run longer than ${seconds} s`);
    return failed(rows.map((r) => `pid ${r.pid} · ${r.seconds} s · ${r.query}`).join("\n"));
  },

  async "db.idle-connections"(db, params) {
    const minutes = num(params.minutes, 10);
    const rows = await boundedRead(db, (tx) => tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'idle' AND state_change < now() - make_interval(mins => ${minutes})`);
    const n = rows[0]?.n ?? 0;
    const value = `${n} connection${n === 1 ? "" : "s"} idle for more than ${minutes} min`;
    return n === 0 ? pass(value) : failed(value);
  },

  async "alerts.firing"(db, params) {
    const name = typeof params.name === "string" && params.name ? params.name : null;
    const firing = await db.alert.findMany({ where: { status: "firing", ...(name ? { name } : {}) }, select: { name: true, summary: true }, orderBy: { startsAt: "desc" }, take: 5 });
    if (firing.length === 0) return pass(name ? `“${name}” is not firing` : "No alert is firing");
    return failed(firing.map((a) => `${a.name}: ${a.summary}`).join("\n"));
  },

  async "xrpl.balance"(db, params) {
    const chain = xrplChain();
    if (!chain) return failed("No XRPL chain is configured");
    const wallet = params.wallet === "faucet" ? "faucet" : "platform";
    // The faucet's wallet is the one grants go out from (after a key rotation, the new one).
    const address = wallet === "faucet" ? ((await readFaucetSettings(db)).active.xrpl ?? env().XRPL_FAUCET_ADDRESS) : ((await platformWalletAddress(db)) ?? env().XRPL_PLATFORM_ADDRESS);
    if (!address) return failed(`No ${wallet} wallet is configured (XRPL_${wallet.toUpperCase()}_ADDRESS)`);
    const t = await readThresholdValues();
    const warn = wallet === "faucet" ? t.faucetBalanceWarn : t.platformWalletWarnXrp;
    const balance = await readXrpBalance(chain, address);
    const xrp = balance ? Number(balance.total) : 0;
    const value = `${wallet} wallet ${address}: ${balance ? `${balance.total} XRP (${balance.spendable} spendable)` : "not funded (0 XRP)"}; warning below ${warn} XRP`;
    return xrp >= warn ? pass(value) : failed(value);
  },

  async "disputes.rate"(db) {
    const chain = evmChain();
    if (!chain?.escrow) return failed("No escrow contract is configured");
    const since = new Date(Date.now() - DISPUTE_WINDOW_HOURS * 3_600_000);
    const { orders, disputed, pct } = await readDisputeRate(db, chainKey(chain), since);
    const t = await readThresholdValues();
    const value = `${disputed} of ${orders} orders in the last ${DISPUTE_WINDOW_HOURS} h disputed (${pct} %); alert above ${t.disputeRatePct} %`;
    return pct <= t.disputeRatePct ? pass(value) : failed(value);
  },

  async "opsdeck.health"(_db, params) {
    const { checks } = await runHealthChecks();
    const wanted = typeof params.check === "string" && params.check ? checks.filter((c) => c.name === params.check) : checks.filter((c) => c.status !== "not_configured");
    if (wanted.length === 0) return failed(`No health check named “${params.check}”`);
    const value = wanted.map((c) => `${c.name}: ${c.status}${"error" in c && c.error ? ` — ${c.error}` : ""}`).join("\n");
    return wanted.every((c) => c.status === "ok") ? pass(value) : failed(value);
  },

  async "audit.chain"(db) {
    const report = await verifyAuditChain(db);
    if (report.intact) return pass(`${report.events} events, chain intact`);
    return failed(`Broken at event ${report.brokenAt.id} (${report.brokenAt.at.toISOString()}): ${report.brokenAt.problem}`);
  },
};

/** Runs one check with a deadline. Never throws: a failure to read is a failed check saying why. */
export async function runCheck(db: TPrisma, id: TCheckId, params: TParams = {}): Promise<TCheckResult & { ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      IMPLEMENTATIONS[id](db, params),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ...result, ms: Math.round(performance.now() - started) };
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0]! : String(err);
    return { outcome: "fail", value: `Could not check: ${message.slice(0, 300)}`, ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}
