import crypto from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// lib/env.ts reads the environment once, on first use: set what this file needs before any
// module under test can ask (vi.hoisted runs ahead of the imports below).
const { TOKEN } = vi.hoisted(() => {
  const values = {
    TOKEN: "metrics-test-token-0123456789abcdef",
    // The XRPL dev ledger's genesis account (funded) and the zero account (never funded).
    PLATFORM: "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
    FAUCET: "rrrrrrrrrrrrrrrrrrrrrhoLvTp",
  };
  process.env.METRICS_TOKEN = values.TOKEN;
  process.env.XRPL_PLATFORM_ADDRESS = values.PLATFORM;
  process.env.XRPL_FAUCET_ADDRESS = values.FAUCET;
  return values;
});

import { GET } from "@/app/api/metrics/route";
import { requestOperation } from "@/lib/operations/pipeline";
import { chainKey, createEvmChain, setEvmChain } from "@/lib/chains/evm";
import { closeXrplClients, createXrplChain, setXrplChain, type TXrplChain } from "@/lib/chains/xrpl";
import { startXrplDevLedger, type TXrplDevLedger } from "@/devchains/xrpl/server";
import { FEES } from "@/devchains/xrpl/ledger";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";
import { parsePrometheusText, sampleValue, samplesOf, type TFamily } from "../support/prometheus-text";

const db = testDb();
const URL = "http://opsdeck.test/api/metrics";
const tag = crypto.randomBytes(4).toString("hex");

async function scrape(authorization: string | null = `Bearer ${TOKEN}`) {
  return GET(new Request(URL, { headers: authorization === null ? {} : { authorization } }));
}

async function scrapeFamilies(): Promise<Map<string, TFamily>> {
  const res = await scrape();
  expect(res.status).toBe(200);
  return parsePrometheusText(await res.text());
}

/**
 * Gauges that count rows of the whole database: other test files may write the same tables
 * meanwhile, so the gauge is compared with the count read just before and after the scrape, and
 * read again when those two differ.
 */
async function expectGaugeIsCount(count: () => Promise<number>, name: string, labels: Record<string, string> = {}) {
  for (let attempt = 1; ; attempt++) {
    const before = await count();
    const value = sampleValue(await scrapeFamilies(), name, labels);
    const after = await count();
    if (before === after) return expect(value).toBe(after);
    if (attempt === 5) return expect(value).toSatisfy((v: number) => v >= Math.min(before, after) && v <= Math.max(before, after));
  }
}

const operationCount = (families: Map<string, TFamily>, operation: string, outcome: string) => sampleValue(families, "opsdeck_operations_total", { operation, outcome }) ?? 0;

afterAll(async () => {
  await db.$disconnect();
  delete process.env.XRPL_PLATFORM_ADDRESS;
  delete process.env.XRPL_FAUCET_ADDRESS;
});

describe("[METRICS][AUTH]: GET /api/metrics", () => {
  it("answers 401 with the error shape and WWW-Authenticate without a token", async () => {
    const res = await scrape(null);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ ok: false, code: "UNAUTHENTICATED", error: expect.any(String) });
  });

  it.each([
    ["a wrong token", "Bearer metrics-test-token-0123456789abcdeX"],
    ["a token prefix", `Bearer ${TOKEN.slice(0, -1)}`],
    ["another scheme", `Basic ${TOKEN}`],
    ["the token alone", TOKEN],
    ["an empty bearer", "Bearer "],
  ])("answers 401 to %s", async (_, authorization) => {
    const res = await scrape(authorization);
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe("UNAUTHENTICATED");
  });

  it("answers 200 with the exposition format for the right token", async () => {
    const res = await scrape(`bearer  ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const families = parsePrometheusText(await res.text());
    // Default process metrics and this app's own families are there, every one with help and type.
    for (const name of ["process_cpu_seconds_total", "nodejs_heap_size_used_bytes", "opsdeck_approval_requests_pending", "opsdeck_executions_running", "opsdeck_escrow_disputes_open", "opsdeck_scrape_errors_total"]) {
      expect(families.get(name)?.help, name).toBeTruthy();
    }
    for (const family of families.values()) expect(family.help, family.name).not.toBeNull();
  });

  it("does not exist (404) when METRICS_TOKEN is not configured", async () => {
    vi.resetModules();
    delete process.env.METRICS_TOKEN;
    try {
      const fresh = await import("@/app/api/metrics/route");
      const res = await fresh.GET(new Request(URL, { headers: { authorization: `Bearer ${TOKEN}` } }));
      expect(res.status).toBe(404);
      expect((await res.json()).code).toBe("NOT_FOUND");
    } finally {
      process.env.METRICS_TOKEN = TOKEN;
      vi.resetModules();
    }
  });
});

describe("[METRICS][DATABASE]: gauges read at scrape", () => {
  const serviceId = `metrics-test-${tag}`;
  const disputedChain = `evm:metrics-test-${tag}`;
  let alertId: string | null = null;

  afterAll(async () => {
    await db.service.deleteMany({ where: { id: serviceId } });
    await db.escrowOrder.deleteMany({ where: { chain: disputedChain } });
    if (alertId) await db.alert.deleteMany({ where: { id: alertId } });
  });

  it("reports pending approval requests, including two just requested", async () => {
    const operator = await seedActor(db, ["operator"]);
    for (const value of [11, 12]) {
      const result = await requestOperation(db, { operationId: "settings.threshold.update", input: { key: "disputeRatePct", value }, reason: "metrics test: raise the bar", actor: operator });
      expect(result).toMatchObject({ ok: true, data: { status: "pending_approval" } });
    }
    expect(await db.approvalRequest.count({ where: { requestedById: operator.id, status: "PENDING" } })).toBe(2);
    await expectGaugeIsCount(() => db.approvalRequest.count({ where: { status: "PENDING" } }), "opsdeck_approval_requests_pending");
  });

  it("reports a service's status one-hot and its probe latency in seconds", async () => {
    await db.service.create({ data: { id: serviceId, name: "Metrics test", kind: "http", owner: "test", status: "degraded", lastLatencyMs: 250 } });
    const families = await scrapeFamilies();
    expect(sampleValue(families, "opsdeck_service_status", { service: serviceId, status: "degraded" })).toBe(1);
    for (const status of ["ok", "error", "unknown"]) expect(sampleValue(families, "opsdeck_service_status", { service: serviceId, status })).toBe(0);
    expect(sampleValue(families, "opsdeck_service_probe_latency_seconds", { service: serviceId })).toBe(0.25);

    // A removed service leaves the exposition at the next scrape.
    await db.service.delete({ where: { id: serviceId } });
    expect(samplesOf(await scrapeFamilies(), "opsdeck_service_status").some((s) => s.labels.service === serviceId)).toBe(false);
  });

  it("reports open disputes, firing alerts by severity and running executions", async () => {
    const now = new Date();
    await db.escrowOrder.create({
      data: { chain: disputedChain, orderId: 1n, buyer: "0xb", seller: "0xs", token: "0xt", amount: "1000", fee: "10", status: "disputed", createdAt: now, updatedAt: now, createdBlock: 1n },
    });
    const alert = await db.alert.create({
      data: { fingerprint: `metrics-test-${tag}`, source: "test", name: "MetricsTest", severity: "critical", status: "firing", summary: "metrics test", startsAt: now, lastSeenAt: now },
      select: { id: true },
    });
    alertId = alert.id;
    await expectGaugeIsCount(() => db.escrowOrder.count({ where: { status: "disputed" } }), "opsdeck_escrow_disputes_open");
    await expectGaugeIsCount(() => db.alert.count({ where: { status: "firing", severity: "critical" } }), "opsdeck_alerts_firing", { severity: "critical" });
    await expectGaugeIsCount(() => db.execution.count({ where: { status: "RUNNING" } }), "opsdeck_executions_running");
    // Quiet severities are reported as 0, not left out.
    expect(sampleValue(await scrapeFamilies(), "opsdeck_alerts_firing", { severity: "info" })).toBeTypeOf("number");
  });

  it("reports the sync lag and the sync job's last run from the cursor row, without the sync job", async () => {
    const chainId = 900_000 + Math.floor(Math.random() * 90_000);
    const chain = createEvmChain({ name: "Metrics EVM", chainId, primaryUrl: "http://127.0.0.1:9", escrow: "0x00000000000000000000000000000000000000e5", deployBlock: 0, confirmations: 2 });
    setEvmChain(chain);
    const checkedAt = new Date(Date.now() - 5_000);
    await db.chainCursor.create({ data: { chain: chainKey(chain), lastBlock: 900n, headBlock: 1_000n, checkedAt, movedAt: new Date(Date.now() - 60_000) } });
    try {
      const families = await scrapeFamilies();
      expect(sampleValue(families, "opsdeck_blockchain_sync_lag_blocks", { chain: "evm" })).toBe(98); // head − confirmations − cursor
      expect(sampleValue(families, "opsdeck_blockchain_sync_cursor_age_seconds", { chain: "evm" })).toBeGreaterThanOrEqual(60);
      expect(sampleValue(families, "opsdeck_background_job_last_run_timestamp_seconds", { job: "chain-sync" })).toBe(Math.floor(checkedAt.getTime() / 1000));
    } finally {
      setEvmChain(null);
      await db.chainCursor.delete({ where: { chain: chainKey(chain) } });
    }
  });
});

describe("[METRICS][OPERATIONS]: opsdeck_operations_total", () => {
  it("counts an executed and a denied operation", async () => {
    const before = await scrapeFamilies();
    const viewer = await seedActor(db, ["viewer"]);
    // Anyone may end their own session: runs at once.
    const executed = await requestOperation(db, { operationId: "session.revoke", input: { sessionId: viewer.sessionId }, actor: viewer });
    expect(executed).toMatchObject({ ok: true, data: { status: "executed" } });
    // A viewer may not change thresholds.
    const denied = await requestOperation(db, { operationId: "settings.threshold.update", input: { key: "disputeRatePct", value: 5 }, reason: "metrics test: not allowed", actor: viewer });
    expect(denied).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const after = await scrapeFamilies();
    expect(operationCount(after, "session.revoke", "executed") - operationCount(before, "session.revoke", "executed")).toBe(1);
    expect(operationCount(after, "settings.threshold.update", "denied") - operationCount(before, "settings.threshold.update", "denied")).toBe(1);
    expect(operationCount(after, "settings.threshold.update", "executed")).toBe(operationCount(before, "settings.threshold.update", "executed"));
  });
});

describe("[METRICS][WALLETS]: XRPL balances at scrape", () => {
  let ledger: TXrplDevLedger;
  let chain: TXrplChain | null = null;

  beforeAll(async () => {
    ledger = await startXrplDevLedger({ port: 0, closeIntervalMs: 300 });
  });
  afterAll(async () => {
    setXrplChain(null);
    if (chain) await closeXrplClients(chain);
    await ledger.close();
  });

  it("reports total and spendable XRP per wallet; an unfunded wallet holds 0", async () => {
    chain = createXrplChain({ name: "Metrics XRPL", primaryUrl: ledger.url, timeoutMs: 3_000 });
    setXrplChain(chain);
    const families = await scrapeFamilies();
    const total = sampleValue(families, "opsdeck_wallet_balance_xrp", { wallet: "platform", kind: "total" })!;
    expect(total).toBeGreaterThan(0);
    expect(sampleValue(families, "opsdeck_wallet_balance_xrp", { wallet: "platform", kind: "spendable" })).toBeCloseTo(total - Number(FEES.reserveBase) / 1e6, 6);
    expect(sampleValue(families, "opsdeck_wallet_balance_up", { wallet: "platform" })).toBe(1);
    expect(sampleValue(families, "opsdeck_wallet_balance_xrp", { wallet: "faucet", kind: "total" })).toBe(0);
    expect(sampleValue(families, "opsdeck_wallet_balance_up", { wallet: "faucet" })).toBe(1);
  });

  it("does not fail the scrape when the chain does not answer: no balances, up 0, an error counted", async () => {
    // Accepts connections and never answers, so only the scrape's own deadline ends the wait.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const dead = createXrplChain({ name: "Silent XRPL", primaryUrl: `ws://127.0.0.1:${port}`, timeoutMs: 20_000 });
    setXrplChain(dead);
    try {
      const before = sampleValue(await scrapeFamilies(), "opsdeck_scrape_errors_total", { source: "xrpl" })!;
      const started = Date.now();
      const families = await scrapeFamilies();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(samplesOf(families, "opsdeck_wallet_balance_xrp")).toEqual([]);
      expect(sampleValue(families, "opsdeck_wallet_balance_up", { wallet: "platform" })).toBe(0);
      expect(sampleValue(families, "opsdeck_wallet_balance_up", { wallet: "faucet" })).toBe(0);
      expect(sampleValue(families, "opsdeck_scrape_errors_total", { source: "xrpl" })).toBe(before + 2);
      // The database-backed series are still there.
      expect(sampleValue(families, "opsdeck_approval_requests_pending")).toBeTypeOf("number");
    } finally {
      setXrplChain(null);
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe("[METRICS][INCIDENTS]: open incidents and their response clocks", () => {
  it("counts open incidents by severity and reports an overdue triage clock", async () => {
    const operator = await seedActor(db, ["operator"]);
    // Detected 10 minutes ago and not triaged: past the 5-minute triage target.
    await db.incident.create({ data: { title: "Metrics test: stale P3", severity: "P3", declaredBy: operator.email, detectedAt: new Date(Date.now() - 10 * 60_000) } });
    const openP3 = () => db.incident.count({ where: { severity: "P3", status: { in: ["detected", "triaged", "mitigating"] } } });
    await expectGaugeIsCount(openP3, "opsdeck_incidents_open", { severity: "P3" });
    const families = await scrapeFamilies();
    expect(sampleValue(families, "opsdeck_incident_sla_breached", { severity: "P3", clock: "triage" })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(families, "opsdeck_incident_sla_elapsed_seconds", { severity: "P3", clock: "triage" })).toBeGreaterThanOrEqual(600);
    expect(sampleValue(families, "opsdeck_incidents_open", { severity: "P0" })).toBeGreaterThanOrEqual(0);
  });
});
