import { afterAll, describe, expect, it } from "vitest";
import { Wallet } from "xrpl";
import { devXrplWallet } from "@/devchains/start";
import { db as appDb } from "@/lib/db/client";
import { chainKey, createEvmChain, setEvmChain } from "@/lib/chains/evm";
import { createXrplChain, setXrplChain, closeXrplClients } from "@/lib/chains/xrpl";
import { evaluateAlertRules, recordRuleOutcome } from "@/lib/alerts/engine";
import { listAlerts } from "@/lib/alerts/queries";
import { requestOperation } from "@/lib/operations/pipeline";
import type { TAlertInstance } from "@/lib/alerts/rules";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";
import { ensureUnpaused, isPaused, withTestChains } from "../support/chains";

const db = testDb();
const chains = withTestChains(db);

afterAll(() => appDb.$disconnect());

// The dev ledger funds these at start (100 000 and 50 000 XRP): nothing to say about them.
const healthyWallets = () => ({ platform: devXrplWallet("platform").classicAddress, faucet: devXrplWallet("faucet").classicAddress });

const rowsOf = (fingerprint: string) => db.alert.findMany({ where: { fingerprint, source: "rules" }, orderBy: { startsAt: "asc" } });
const activeOf = async (fingerprint: string) => (await rowsOf(fingerprint)).filter((a) => a.status !== "resolved");
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

describe("[ALERTS][ENGINE]: against the local chains", () => {
  it("raises nothing about a healthy platform", async () => {
    await ensureUnpaused(chains());
    await evaluateAlertRules(db, { wallets: healthyWallets() });
    for (const fp of ["escrow-paused:evm", "rpc-primary-down:evm", "rpc-both-down:evm", "rpc-primary-down:xrpl", "rpc-both-down:xrpl", "wallet-balance-low:platform", "faucet-balance-low:faucet"]) {
      expect(await activeOf(fp), fp).toEqual([]);
    }
  });

  it("[RB-05] fires escrow-paused at once when an operator pulls the brake, and resolves it after the unpause", async () => {
    await ensureUnpaused(chains());
    const operator = await seedActor(db, ["operator"]);
    expect(await requestOperation(db, { operationId: "escrow.pause", input: { note: "alert rules test: brake" }, actor: operator })).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await isPaused(chains())).toBe(true);

    const paused = new Date();
    await evaluateAlertRules(db, { now: paused, wallets: healthyWallets() });
    const [alert] = await activeOf("escrow-paused:evm");
    expect(alert).toMatchObject({ status: "firing", severity: "critical", runbook: "RB-05", serviceId: "escrow", source: "rules", startsAt: paused, endsAt: null });
    // A critical alert opens an incident (or joins the open one) with its runbook suggested.
    const incident = await db.incident.findUniqueOrThrow({ where: { id: alert!.incidentId! } });
    expect(incident).toMatchObject({ suggestedRunbook: "RB-05", status: "detected" });
    expect(alert!.summary).toContain(chains().evm.escrow);

    await ensureUnpaused(chains());
    const unpaused = at(paused, 45);
    await evaluateAlertRules(db, { now: unpaused, wallets: healthyWallets() });
    expect(await activeOf("escrow-paused:evm")).toEqual([]);
    expect((await rowsOf("escrow-paused:evm")).at(-1)).toMatchObject({ id: alert!.id, status: "resolved", endsAt: unpaused });
  });

  it("[WALLET] raises critical and low for an unfunded platform wallet, read from the ledger", async () => {
    const empty = Wallet.generate().classicAddress;
    const now = new Date();
    await evaluateAlertRules(db, { now, wallets: { platform: empty, faucet: null } });
    expect(await activeOf("wallet-balance-critical:platform")).toEqual([expect.objectContaining({ status: "firing", severity: "critical", runbook: "wallet-balance-check" })]);
    expect(await activeOf("wallet-balance-low:platform")).toEqual([expect.objectContaining({ status: "firing", severity: "warning" })]);

    // The ledger stops answering: the balance is unknown, so the alerts stay as they are (not "resolved").
    const good = chains().xrplChain;
    const dead = createXrplChain({ name: "Dead XRPL", primaryUrl: "ws://127.0.0.1:9", fallbackUrl: "ws://127.0.0.1:10", timeoutMs: 500 });
    setXrplChain(dead);
    try {
      await expect(evaluateAlertRules(db, { now: at(now, 30), wallets: { platform: empty, faucet: null } })).resolves.toBeDefined();
      expect(await activeOf("rpc-both-down:xrpl")).toEqual([expect.objectContaining({ status: "firing", severity: "critical", runbook: "RB-07" })]);
      expect(await activeOf("wallet-balance-critical:platform")).toHaveLength(1);
    } finally {
      setXrplChain(good);
      await closeXrplClients(dead);
    }

    // Back, and the wallet is funded in the operator's mind: a healthy address resolves everything.
    await evaluateAlertRules(db, { now: at(now, 60), wallets: healthyWallets() });
    expect(await activeOf("rpc-both-down:xrpl")).toEqual([]);
    expect(await activeOf("wallet-balance-critical:platform")).toEqual([]);
    expect(await activeOf("wallet-balance-low:platform")).toEqual([]);
  });

  it("[RB-07] raises rpc-primary-down once the primary is set aside and the fallback answers", async () => {
    const c = chains();
    const broken = createEvmChain({ name: "Test EVM", chainId: c.evm.chainId, primaryUrl: "http://127.0.0.1:9", fallbackUrl: c.evm.rpcUrl, escrow: c.evm.escrow, token: c.evm.token, deployBlock: c.evm.deployBlock, confirmations: 0, timeoutMs: 1_000 });
    setEvmChain(broken);
    try {
      // Three failures in a row set the primary aside (lib/chains/failover.ts); each evaluation reads the head once.
      for (let i = 0; i < 6 && (await activeOf("rpc-primary-down:evm")).length === 0; i++) await evaluateAlertRules(db, { wallets: healthyWallets() });
      expect(await activeOf("rpc-primary-down:evm")).toEqual([expect.objectContaining({ status: "firing", severity: "warning", runbook: "RB-07" })]);
      expect(await activeOf("rpc-both-down:evm")).toEqual([]);
    } finally {
      setEvmChain(c.evmChain);
      for (const p of broken.providers.values()) p.destroy();
    }
    await evaluateAlertRules(db, { wallets: healthyWallets() });
    expect(await activeOf("rpc-primary-down:evm")).toEqual([]);
  });

  it("[RB-03] keeps sync lag pending for 5 min, then fires it; resolves when the sync catches up", async () => {
    const key = chainKey(chains().evmChain);
    const t0 = new Date();
    await db.chainCursor.upsert({ where: { chain: key }, create: { chain: key, lastBlock: 0n, headBlock: 10_000n, movedAt: t0 }, update: { lastBlock: 0n, headBlock: 10_000n, movedAt: t0 } });
    try {
      await evaluateAlertRules(db, { now: t0, wallets: healthyWallets() });
      const [first] = await activeOf("sync-lag:evm");
      expect(first).toMatchObject({ status: "pending", startsAt: t0, runbook: "RB-03" });

      await evaluateAlertRules(db, { now: at(t0, 299), wallets: healthyWallets() });
      expect(await activeOf("sync-lag:evm")).toEqual([expect.objectContaining({ id: first!.id, status: "pending", lastSeenAt: at(t0, 299) })]);

      await evaluateAlertRules(db, { now: at(t0, 300), wallets: healthyWallets() });
      expect(await activeOf("sync-lag:evm")).toEqual([expect.objectContaining({ id: first!.id, status: "firing" })]);
      // Not yet 10 minutes without the cursor moving.
      expect(await activeOf("sync-stuck:evm")).toEqual([]);

      await db.chainCursor.update({ where: { chain: key }, data: { lastBlock: 10_000n, movedAt: at(t0, 320) } });
      await evaluateAlertRules(db, { now: at(t0, 330), wallets: healthyWallets() });
      expect(await activeOf("sync-lag:evm")).toEqual([]);
      expect((await rowsOf("sync-lag:evm")).at(-1)).toMatchObject({ id: first!.id, status: "resolved", endsAt: at(t0, 330) });
    } finally {
      await db.chainCursor.delete({ where: { chain: key } });
    }
  });

  it("[RB-03] fires sync-stuck when the cursor has not moved for 10 min while the chain went on", async () => {
    const key = chainKey(chains().evmChain);
    const now = new Date();
    const head = await chains().provider.getBlockNumber();
    await db.chainCursor.upsert({ where: { chain: key }, create: { chain: key, lastBlock: 0n, headBlock: BigInt(head), movedAt: at(now, -601) }, update: { lastBlock: 0n, headBlock: BigInt(head), movedAt: at(now, -601) } });
    try {
      await evaluateAlertRules(db, { now, wallets: healthyWallets() });
      expect(await activeOf("sync-stuck:evm")).toEqual([expect.objectContaining({ status: "firing", severity: "critical" })]);
    } finally {
      await db.chainCursor.delete({ where: { chain: key } });
    }
    await evaluateAlertRules(db, { wallets: healthyWallets() });
    expect(await activeOf("sync-stuck:evm")).toEqual([]);
  });

  it("[RB-04] counts disputes among this chain's orders of the last 24 h, from 10 orders on", async () => {
    const key = chainKey(chains().evmChain);
    const now = new Date();
    const order = (orderId: number, status: "completed" | "disputed" | "resolved_buyer" | "paid", hoursAgo: number) => {
      const createdAt = at(now, -hoursAgo * 3600);
      return { chain: key, orderId: BigInt(orderId), buyer: "0xb", seller: "0xs", token: "0xt", amount: "1", fee: "0", status, createdAt, updatedAt: createdAt, createdBlock: 1n };
    };
    // 9 recent orders, 3 disputed: too few to mean anything. Old disputes do not count.
    await db.escrowOrder.createMany({ data: [...Array.from({ length: 6 }, (_, i) => order(900_000 + i, "completed", 2)), order(900_006, "disputed", 1), order(900_007, "resolved_buyer", 3), order(900_008, "disputed", 23), order(900_009, "disputed", 25), order(900_010, "disputed", 30)] });
    try {
      await evaluateAlertRules(db, { now, wallets: healthyWallets() });
      expect(await activeOf("dispute-rate:evm")).toEqual([]);

      await db.escrowOrder.create({ data: order(900_011, "paid", 1) });
      await evaluateAlertRules(db, { now: at(now, 1), wallets: healthyWallets() });
      const [alert] = await activeOf("dispute-rate:evm");
      expect(alert).toMatchObject({ status: "firing", severity: "warning", runbook: "RB-04" });
      expect(alert!.summary).toContain("3 of 10");
    } finally {
      await db.escrowOrder.deleteMany({ where: { chain: key, orderId: { gte: 900_000n, lte: 900_011n } } });
    }
    await evaluateAlertRules(db, { wallets: healthyWallets() });
    expect(await activeOf("dispute-rate:evm")).toEqual([]);
  });

  it("[SERVICES] raises a failing health check and an expiring TLS certificate from the catalog", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const down = `it-down-${tag}`;
    const tls = `it-tls-${tag}`;
    await db.service.createMany({
      data: [
        { id: down, name: "Test API", kind: "http", owner: "test", status: "error", isCritical: true, runbooks: ["RB-01"] },
        { id: tls, name: "Test web", kind: "http", owner: "test", status: "ok", lastDetail: { tlsDaysLeft: 3 } },
      ],
    });
    try {
      await evaluateAlertRules(db, { wallets: healthyWallets() });
      expect(await activeOf(`service-down:${down}`)).toEqual([expect.objectContaining({ status: "firing", severity: "critical", serviceId: down, runbook: "RB-01" })]);
      expect(await activeOf(`tls-expiry:${tls}`)).toEqual([expect.objectContaining({ status: "firing", severity: "warning", serviceId: tls })]);
      expect(await activeOf(`service-down:${tls}`)).toEqual([]);
    } finally {
      await db.service.deleteMany({ where: { id: { in: [down, tls] } } });
    }
    await evaluateAlertRules(db, { wallets: healthyWallets() });
    expect(await activeOf(`service-down:${down}`)).toEqual([]);
    expect(await activeOf(`tls-expiry:${tls}`)).toEqual([]);
  });
});

describe("[ALERTS][ENGINE][RECORD]: idempotent, safe on two instances", () => {
  const instance = (fingerprint: string, forSeconds = 0): TAlertInstance => ({ fingerprint, ruleId: "test", name: "Test rule", severity: "warning", summary: "s", serviceId: null, runbook: null, forSeconds, labels: {} });

  it("records one row for two evaluations of the same state", async () => {
    const fp = `test-idem:${crypto.randomUUID()}`;
    const now = new Date();
    await recordRuleOutcome(db, { holding: [instance(fp)], unknown: [] }, now);
    await recordRuleOutcome(db, { holding: [instance(fp)], unknown: [] }, now);
    await recordRuleOutcome(db, { holding: [instance(fp)], unknown: [] }, at(now, 30));
    expect(await rowsOf(fp)).toEqual([expect.objectContaining({ status: "firing", startsAt: now, lastSeenAt: at(now, 30) })]);
  });

  it("records one row when two instances evaluate at the same moment", async () => {
    const fp = `test-race:${crypto.randomUUID()}`;
    const now = new Date();
    const other = testDb();
    try {
      await Promise.all([recordRuleOutcome(db, { holding: [instance(fp, 60)], unknown: [] }, now), recordRuleOutcome(other, { holding: [instance(fp, 60)], unknown: [] }, at(now, 1))]);
    } finally {
      await other.$disconnect();
    }
    expect(await rowsOf(fp)).toHaveLength(1);
  });

  it("opens a new episode when a resolved alert comes back", async () => {
    const fp = `test-again:${crypto.randomUUID()}`;
    const now = new Date();
    await recordRuleOutcome(db, { holding: [instance(fp)], unknown: [] }, now);
    await recordRuleOutcome(db, { holding: [], unknown: [] }, at(now, 30));
    await recordRuleOutcome(db, { holding: [instance(fp)], unknown: [] }, at(now, 60));
    expect((await rowsOf(fp)).map((a) => [a.status, a.startsAt.getTime()])).toEqual([
      ["resolved", now.getTime()],
      ["firing", at(now, 60).getTime()],
    ]);
  });

  it("leaves Alertmanager's alerts alone", async () => {
    const fp = `am-untouched-${crypto.randomUUID()}`;
    const now = new Date();
    await db.alert.create({ data: { fingerprint: fp, source: "alertmanager", name: "FromPrometheus", severity: "warning", status: "firing", summary: "s", startsAt: now, lastSeenAt: now } });
    await recordRuleOutcome(db, { holding: [], unknown: [] }, at(now, 30));
    expect(await db.alert.findFirst({ where: { fingerprint: fp } })).toMatchObject({ status: "firing", endsAt: null });
  });
});

describe("[ALERTS][SILENCE]: silenced alerts keep being recorded and are marked", () => {
  it("an operator silences an alert for an hour, a viewer sees it marked, the operator ends it", async () => {
    const fp = `test-silence:${crypto.randomUUID()}`;
    const now = new Date();
    const holding = { holding: [{ fingerprint: fp, ruleId: "test", name: "Silence test", severity: "critical" as const, summary: "s", serviceId: null, runbook: null, forSeconds: 0, labels: {} }], unknown: [] };
    await recordRuleOutcome(db, holding, now);
    const operator = await seedActor(db, ["operator"]);
    const silenced = await requestOperation(db, { operationId: "alert.silence", input: { fingerprint: fp, minutes: "60", reason: "known: RPC provider maintenance" }, actor: operator });
    expect(silenced).toMatchObject({ ok: true, data: { status: "executed" } });
    if (!silenced.ok || silenced.data.status !== "executed") return;
    const { silenceId } = silenced.data.result as { silenceId: string };
    expect(await db.auditEvent.count({ where: { action: "alert.silence.executed", actorId: operator.id } })).toBe(1);

    // Recording goes on while silenced.
    await recordRuleOutcome(db, holding, at(now, 30));
    const viewer = { roles: ["viewer" as const] };
    const lists = await listAlerts(viewer, { range: "24h" });
    const row = lists.firing.find((a) => a.fingerprint === fp);
    expect(row).toMatchObject({ lastSeenAt: at(now, 30), silence: { id: silenceId, reason: "known: RPC provider maintenance", createdBy: operator.email } });
    expect(row!.silence!.until.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);

    expect(await requestOperation(db, { operationId: "alert.unsilence", input: { silenceId }, actor: operator })).toMatchObject({ ok: true, data: { status: "executed" } });
    expect((await listAlerts(viewer, { range: "24h" })).firing.find((a) => a.fingerprint === fp)?.silence).toBeNull();
  });

  it("silences every alert of a name", async () => {
    const name = `Named ${crypto.randomUUID()}`;
    const operator = await seedActor(db, ["admin"]);
    const now = new Date();
    await recordRuleOutcome(db, { holding: ["a", "b"].map((s) => ({ fingerprint: `test-named:${name}:${s}`, ruleId: "test", name, severity: "info" as const, summary: "s", serviceId: null, runbook: null, forSeconds: 0, labels: {} })), unknown: [] }, now);
    expect(await requestOperation(db, { operationId: "alert.silence", input: { alertName: name, minutes: 15, reason: "noisy during the migration" }, actor: operator })).toMatchObject({ ok: true });
    const rows = (await listAlerts({ roles: ["support"] }, { range: "24h", severity: "info" })).firing.filter((a) => a.name === name);
    expect(rows).toHaveLength(2);
    expect(rows.every((a) => a.silence?.alertName === name)).toBe(true);
  });

  it("refuses a viewer and support, and bad input, writing no silence", async () => {
    const before = await db.alertSilence.count();
    for (const role of ["viewer", "support"] as const) {
      const actor = await seedActor(db, [role]);
      expect(await requestOperation(db, { operationId: "alert.silence", input: { fingerprint: "x:y", minutes: 60, reason: "should not work" }, actor })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    const operator = await seedActor(db, ["operator"]);
    const bad = await requestOperation(db, { operationId: "alert.silence", input: { fingerprint: "x:y", alertName: "both", minutes: 7, reason: "" }, actor: operator });
    expect(bad).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    if (!bad.ok) expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["fingerprint", "minutes", "reason"]);
    expect(await requestOperation(db, { operationId: "alert.unsilence", input: { silenceId: crypto.randomUUID() }, actor: operator })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.alertSilence.count()).toBe(before);
  });
});
