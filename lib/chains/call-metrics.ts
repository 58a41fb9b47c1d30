import "server-only";
import { metrics } from "@/lib/metrics/registry";
import type { TEndpointRole } from "@/lib/chains/failover";

/** Counts every chain call and its latency per chain and endpoint (opsdeck_chain_rpc_*). */
export function observeChainCall(chain: string) {
  const m = metrics();
  return ({ role, ok, latencyMs }: { role: TEndpointRole; ok: boolean; latencyMs: number }) => {
    m.chainCalls.inc({ chain, endpoint: role, outcome: ok ? "ok" : "error" });
    m.chainLatency.observe({ chain, endpoint: role }, latencyMs / 1000);
  };
}
