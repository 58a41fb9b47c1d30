// The service catalog OpsDeck starts with: the p2p-escrow guide's service map (§1) with its
// dependencies, failure impact and critical/degraded paths, plus an XRPL node and OpsDeck itself.
// Endpoints are filled per installation (the demo points them at what really runs locally).
// Pure data, shared by the seed, the tests and the benchmarks.

export type TServiceKind = "http" | "postgres" | "redis" | "evm" | "xrpl" | "tcp";

export type TCatalogEntry = {
  id: string;
  name: string;
  kind: TServiceKind;
  owner: string;
  description: string;
  dependsOn: string[];
  failureImpact: string;
  isCritical: boolean;
  isDegradedPath: boolean;
  runbooks: string[];
  intervalSeconds?: number;
  timeoutMs?: number;
  thresholds?: Record<string, number>;
  /** Recovery objectives in minutes (deployment guide, "Disaster Recovery Plan"): how long it may
   * be down, how much of its data may be lost. No RPO: it holds no data of its own. */
  rtoMinutes?: number;
  rpoMinutes?: number;
};

// RTO/RPO: the web tier (nginx, CDN, frontend) and the cache 5 min, the API and its workers 15,
// the database 30 with transaction data's 5-min RPO, the cache's data 1 h (rebuilt from the
// database), dispute evidence (file assets) 15 min. The guide gives none for the chain nodes: the
// primary RPC gets the cache's 5 min because failing over to the fallback is automatic (RB-07);
// the fallback RPC and the XRPL node 15 min, like the API that needs them — replacing a node is a
// provider switch, not a resync. Nodes hold no data of ours (the chain is the record): no RPO.
// OpsDeck is held to the API's 15 min; its data lives in PostgreSQL and shares that RPO.
export const GUIDE_CATALOG: readonly TCatalogEntry[] = [
  { id: "nginx", name: "Nginx", kind: "http", owner: "platform", description: "Edge proxy and TLS termination", dependsOn: [], failureImpact: "All traffic blocked", isCritical: true, isDegradedPath: false, runbooks: ["RB-01"], rtoMinutes: 5 },
  { id: "cdn", name: "CDN / DDoS protection", kind: "http", owner: "platform", description: "External CDN in front of Nginx", dependsOn: [], failureImpact: "CDN/DDoS protection lost", isCritical: false, isDegradedPath: true, runbooks: [], rtoMinutes: 5 },
  { id: "frontend", name: "Frontend", kind: "http", owner: "web", description: "The trading web app", dependsOn: ["nginx"], failureImpact: "UI inaccessible", isCritical: false, isDegradedPath: false, runbooks: ["RB-01"], rtoMinutes: 5 },
  { id: "api", name: "API", kind: "http", owner: "backend", description: "Orders, disputes, users", dependsOn: ["postgres", "redis", "nginx"], failureImpact: "All API calls fail", isCritical: true, isDegradedPath: false, runbooks: ["RB-01", "RB-02"], rtoMinutes: 15 },
  { id: "event-workers", name: "Event workers", kind: "http", owner: "backend", description: "Read escrow events from the chain into the database", dependsOn: ["redis", "postgres", "rpc-primary"], failureImpact: "Blockchain sync stops", isCritical: false, isDegradedPath: true, runbooks: ["RB-03"], rtoMinutes: 15 },
  { id: "timeout-workers", name: "Timeout workers", kind: "http", owner: "backend", description: "Auto-expire and auto-release orders", dependsOn: ["redis", "postgres", "rpc-primary"], failureImpact: "Auto-expire/release stops", isCritical: false, isDegradedPath: true, runbooks: ["RB-09"], rtoMinutes: 15 },
  { id: "scheduler", name: "Scheduler", kind: "http", owner: "backend", description: "Periodic tasks (beat)", dependsOn: ["redis"], failureImpact: "Scheduled tasks stop", isCritical: false, isDegradedPath: true, runbooks: ["RB-09"], rtoMinutes: 15 },
  { id: "postgres", name: "PostgreSQL", kind: "postgres", owner: "platform", description: "Primary database", dependsOn: [], failureImpact: "All writes fail, reads degrade", isCritical: true, isDegradedPath: false, runbooks: ["RB-02", "database-incident"], rtoMinutes: 30, rpoMinutes: 5 },
  { id: "redis", name: "Redis", kind: "redis", owner: "platform", description: "Cache, rate limits, queues, websockets", dependsOn: [], failureImpact: "Cache miss, rate limit fail, WS fail", isCritical: false, isDegradedPath: true, runbooks: ["RB-08"], rtoMinutes: 5, rpoMinutes: 60 },
  { id: "rpc-primary", name: "RPC node (primary)", kind: "evm", owner: "platform", description: "EVM JSON-RPC provider", dependsOn: [], failureImpact: "Blockchain reads/writes fail (fallback takes over)", isCritical: true, isDegradedPath: false, runbooks: ["RB-07"], thresholds: { blockAgeWarnSeconds: 120, lagWarnBlocks: 10 }, rtoMinutes: 5 },
  { id: "rpc-fallback", name: "RPC node (fallback)", kind: "evm", owner: "platform", description: "Second EVM JSON-RPC provider", dependsOn: [], failureImpact: "No failover if the primary fails", isCritical: false, isDegradedPath: true, runbooks: ["RB-07"], rtoMinutes: 15 },
  { id: "ipfs", name: "IPFS pinning", kind: "http", owner: "backend", description: "Dispute evidence storage", dependsOn: [], failureImpact: "Evidence upload fails (disputes delayed, core trading still works)", isCritical: false, isDegradedPath: true, runbooks: [], rtoMinutes: 15, rpoMinutes: 15 },
  { id: "xrpl-node", name: "XRPL node", kind: "xrpl", owner: "platform", description: "rippled WebSocket for payments and balances", dependsOn: [], failureImpact: "XRP payments, faucet and wallet checks fail", isCritical: false, isDegradedPath: true, runbooks: ["node-out-of-sync"], rtoMinutes: 15 },
  { id: "opsdeck", name: "OpsDeck", kind: "http", owner: "operations", description: "This console: health, approvals, audit", dependsOn: ["postgres"], failureImpact: "Operators lose the console; the platform itself keeps running", isCritical: false, isDegradedPath: false, runbooks: [], rtoMinutes: 15 },
];

/** What the demo can really probe on this machine. */
export type TDemoEndpoints = { appUrl: string; databaseIsEmbedded: boolean; redisUrl: string; evmRpcUrl?: string; evmFallbackUrl?: string; xrplWsUrl?: string };

/**
 * The demo's endpoints: what runs locally is probed for real; the platform's own API, workers and
 * web tier do not run here (unknown, not probed); IPFS and the CDN are pointed at closed local
 * ports, so the map shows services that are really down.
 */
export function demoEndpoints(e: TDemoEndpoints): Record<string, { endpoint: string | null; kind?: TServiceKind }> {
  return {
    opsdeck: { endpoint: `${e.appUrl}/api/health` },
    // The embedded database serves one connection at a time (lib/db/embedded.ts): check it through
    // OpsDeck's readiness endpoint instead of opening a second connection.
    postgres: e.databaseIsEmbedded ? { endpoint: `${e.appUrl}/api/health/ready`, kind: "http" } : { endpoint: "env:DATABASE_URL" },
    redis: { endpoint: e.redisUrl },
    "rpc-primary": { endpoint: e.evmRpcUrl ?? null },
    "rpc-fallback": { endpoint: e.evmFallbackUrl ?? null },
    "xrpl-node": { endpoint: e.xrplWsUrl ?? null },
    ipfs: { endpoint: "http://127.0.0.1:5001/api/v0/version" },
    cdn: { endpoint: "127.0.0.1:9443", kind: "tcp" },
    nginx: { endpoint: null },
    frontend: { endpoint: null },
    api: { endpoint: null },
    "event-workers": { endpoint: null },
    "timeout-workers": { endpoint: null },
    scheduler: { endpoint: null },
  };
}
