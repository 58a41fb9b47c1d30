import "server-only";
import { Counter, Histogram, Gauge, Registry } from "prom-client";

// One Prometheus registry per process, kept on globalThis so Next's module reloading in dev does
// not register the same metric twice. Areas add their metrics here; /api/metrics serves it.
type TMetrics = ReturnType<typeof createMetrics>;

function createMetrics() {
  const registry = new Registry();
  return {
    registry,
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
  };
}

const holder = globalThis as unknown as { opsdeckMetrics?: TMetrics };

export function metrics(): TMetrics {
  holder.opsdeckMetrics ??= createMetrics();
  return holder.opsdeckMetrics;
}
