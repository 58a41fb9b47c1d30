// The read-only checks a runbook step may run (pure data: names and parameters, safe anywhere).
// Their implementations are in checks.ts. A check only reads — a probe, a chain view, a query —
// so running it twice, or from two phones at once, changes nothing.

export const CHECKS = {
  "escrow.paused": {
    label: "Escrow paused()",
    describe: "Reads paused() from the escrow contract. Passes when it equals `expect` (true or false).",
    params: ["expect"],
  },
  "sync.lag": {
    label: "Event sync lag",
    describe: "The sync cursor against the confirmed chain head. Passes when the lag is within the threshold and the cursor moved recently.",
    params: [],
  },
  "rpc.endpoint": {
    label: "RPC endpoint answers",
    describe: "Asks one endpoint of a chain directly (`chain`: evm | xrpl, `endpoint`: primary | fallback) for its latest block or validated ledger.",
    params: ["chain", "endpoint"],
  },
  "service.status": {
    label: "Service health",
    describe: "Probes a catalog service now (`service`: its id). Passes when it answers ok.",
    params: ["service"],
  },
  "db.connections": {
    label: "Database connections",
    describe: "Connections in use against max_connections (RB-02). Passes below `maxPct` (default 95).",
    params: ["maxPct"],
  },
  "db.long-queries": {
    label: "Long-running queries",
    describe: "Non-idle queries running longer than `seconds` (default 60). Passes when there are none.",
    params: ["seconds"],
  },
  "db.idle-connections": {
    label: "Idle connections",
    describe: "Connections idle for more than `minutes` (default 10). Passes when there are none.",
    params: ["minutes"],
  },
  "alerts.firing": {
    label: "Alerts firing",
    describe: "Firing alerts, optionally of one `name`. Passes when there are none.",
    params: ["name"],
  },
  "xrpl.balance": {
    label: "XRPL wallet balance",
    describe: "A watched wallet's XRP (`wallet`: platform | faucet) against its warning threshold. Passes at or above it.",
    params: ["wallet"],
  },
  "disputes.rate": {
    label: "Dispute rate (24 h)",
    describe: "Disputed share of the orders created in the last 24 hours (RB-04). Passes at or below the threshold.",
    params: [],
  },
  "opsdeck.health": {
    label: "OpsDeck health",
    describe: "OpsDeck's own health checks (database, jobs, evm, xrpl); `check` narrows it to one. Passes when ok.",
    params: ["check"],
  },
  "audit.chain": {
    label: "Audit chain intact",
    describe: "Verifies the hash chain of the audit log (suspected compromise). Passes when no event was altered.",
    params: [],
  },
} as const satisfies Record<string, { label: string; describe: string; params: readonly string[] }>;

export type TCheckId = keyof typeof CHECKS;
export const CHECK_IDS = Object.keys(CHECKS) as [TCheckId, ...TCheckId[]];

export function isCheckId(value: string): value is TCheckId {
  return Object.hasOwn(CHECKS, value);
}
