import "server-only";
import { Counter, Histogram, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import { registerHttpMetrics } from "@/lib/metrics/http-collector";

// One Prometheus registry per process, kept on globalThis so Next's module reloading in dev does
// not register the same metric twice. Areas add their metrics here; /api/metrics serves it.
// The gauges below marked "at scrape" are set by lib/metrics/scrape.ts from PostgreSQL and the
// chains on every scrape, so any instance reports them, freshly started or not.
type TMetrics = ReturnType<typeof createMetrics>;

function createMetrics() {
  const registry = new Registry();
  // Process and Node.js runtime metrics (process_*, nodejs_*), unprefixed so the standard
  // dashboards find them. Created with the registry, so once per process.
  collectDefaultMetrics({ register: registry });
  // prom-client names three of its gauges *_total, which `promtool check metrics` rejects (that
  // suffix means a counter); nodejs_active_{handles,requests,resources}{type} carry the same counts.
  for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"]) registry.removeSingleMetric(name);
  registerHttpMetrics(registry);
  const scrapeErrors = new Counter({
    name: "opsdeck_scrape_errors_total",
    help: "Scrapes that could not read a source (database, xrpl); its series are left out of that scrape",
    labelNames: ["source"] as const,
    registers: [registry],
  });
  // Present at 0 from the start, so rate() and alerts see the first error.
  for (const source of ["database", "xrpl"]) scrapeErrors.inc({ source }, 0);
  return {
    registry,
    scrapeErrors,
    chainCalls: new Counter({
      name: "opsdeck_chain_rpc_calls_total",
      help: "Chain RPC calls by chain, endpoint role and outcome",
      labelNames: ["chain", "endpoint", "outcome"] as const,
      registers: [registry],
    }),
    chainLatency: new Histogram({
      name: "opsdeck_chain_rpc_latency_seconds",
      help: "Chain RPC call latency",
      labelNames: ["chain", "endpoint"] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    syncLagBlocks: new Gauge({
      name: "opsdeck_blockchain_sync_lag_blocks",
      help: "Blocks between the chain head and the event sync cursor (RB-03 alerts above 100)",
      labelNames: ["chain"] as const,
      registers: [registry],
    }),
    syncCursorAgeSeconds: new Gauge({
      name: "opsdeck_blockchain_sync_cursor_age_seconds",
      help: "Seconds since the event sync cursor last moved while the chain advanced",
      labelNames: ["chain"] as const,
      registers: [registry],
    }),
    operations: new Counter({
      name: "opsdeck_operations_total",
      help: "Operation pipeline outcomes by operation id: executed, failed, denied, invalid, approval_requested, and approval votes approved or rejected",
      labelNames: ["operation", "outcome"] as const,
      registers: [registry],
    }),
    // ── at scrape ─────────────────────────────────────────────────────────────────────────────
    approvalsPending: new Gauge({
      name: "opsdeck_approval_requests_pending",
      help: "Approval requests waiting for votes",
      registers: [registry],
    }),
    executionsRunning: new Gauge({
      name: "opsdeck_executions_running",
      help: "Operation executions started and not yet finished (the reconciler's queue)",
      registers: [registry],
    }),
    serviceStatus: new Gauge({
      name: "opsdeck_service_status",
      help: "Service status after the probe flap guard: 1 for the current status, 0 for the others",
      labelNames: ["service", "status"] as const,
      registers: [registry],
    }),
    serviceProbeLatency: new Gauge({
      name: "opsdeck_service_probe_latency_seconds",
      help: "Latency of the last probe of each service",
      labelNames: ["service"] as const,
      registers: [registry],
    }),
    disputesOpen: new Gauge({
      name: "opsdeck_escrow_disputes_open",
      help: "Escrow orders in dispute and not yet resolved",
      registers: [registry],
    }),
    incidentsOpen: new Gauge({
      name: "opsdeck_incidents_open",
      help: "Open incidents (detected, triaged or mitigating), by severity",
      labelNames: ["severity"] as const,
      registers: [registry],
    }),
    incidentSlaBreached: new Gauge({
      name: "opsdeck_incident_sla_breached",
      help: "Open incidents past their response target, by severity and clock (triage, mitigate)",
      labelNames: ["severity", "clock"] as const,
      registers: [registry],
    }),
    incidentSlaElapsed: new Gauge({
      name: "opsdeck_incident_sla_elapsed_seconds",
      help: "Longest running response clock among open incidents, by severity and clock (0 when none runs)",
      labelNames: ["severity", "clock"] as const,
      registers: [registry],
    }),
    alertsFiring: new Gauge({
      name: "opsdeck_alerts_firing",
      help: "Alerts firing, by severity",
      labelNames: ["severity"] as const,
      registers: [registry],
    }),
    jobLastRun: new Gauge({
      name: "opsdeck_background_job_last_run_timestamp_seconds",
      help: "When a background job last ran on any instance (Unix time)",
      labelNames: ["job"] as const,
      registers: [registry],
    }),
    walletBalanceXrp: new Gauge({
      name: "opsdeck_wallet_balance_xrp",
      help: "XRP held by a platform wallet: total, and spendable above the reserve",
      labelNames: ["wallet", "kind"] as const,
      registers: [registry],
    }),
    walletBalanceUp: new Gauge({
      name: "opsdeck_wallet_balance_up",
      help: "1 when the wallet's balance was read in this scrape, 0 when the chain did not answer in time",
      labelNames: ["wallet"] as const,
      registers: [registry],
    }),
  };
}

const holder = globalThis as unknown as { opsdeckMetrics?: TMetrics };

export function metrics(): TMetrics {
  holder.opsdeckMetrics ??= createMetrics();
  return holder.opsdeckMetrics;
}
