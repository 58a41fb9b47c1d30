import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvmChain, readHead, setEvmChain, type TEvmChain } from "@/lib/chains/evm";
import { createXrplChain, readXrpBalance, setXrplChain, closeXrplClients, type TXrplChain } from "@/lib/chains/xrpl";
import { readEvmView, readXrplView } from "@/lib/chains/status";
import { runHealthChecks } from "@/lib/health/checks";
import { syncEscrowEvents } from "@/lib/chains/escrow-sync";
import { requestOperation } from "@/lib/operations/pipeline";
import { ChainCallError } from "@/lib/chains/failover";
import { startTcpProxy, type TTcpProxy } from "@/devchains/tcp-proxy";
import { devXrplWallet } from "@/devchains/start";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";
import { startTestChains, type TTestChains } from "../support/chains";

// Primary RPC down → the fallback answers and health says "degraded"; both down → a clear error,
// no crash. The primary here is a loopback forwarder we can take down; the fallback is the node.

const db = testDb();
let chains: TTestChains;
let evmPrimary: TTcpProxy;
let xrplPrimary: TTcpProxy;
let evm: TEvmChain;
let xrpl: TXrplChain;

beforeAll(async () => {
  chains = await startTestChains();
  evmPrimary = await startTcpProxy({ target: { host: "127.0.0.1", port: chains.evmNode.port } });
  xrplPrimary = await startTcpProxy({ target: { host: "127.0.0.1", port: Number(new URL(chains.xrpl.url).port) } });
  evm = createEvmChain({ name: "Failover EVM", chainId: chains.evm.chainId, primaryUrl: evmPrimary.url("http"), fallbackUrl: chains.evm.rpcUrl, escrow: chains.evm.escrow, deployBlock: chains.evm.deployBlock, confirmations: 0, timeoutMs: 1_000 });
  xrpl = createXrplChain({ name: "Failover XRPL", primaryUrl: xrplPrimary.url("ws"), fallbackUrl: chains.xrpl.fallbackUrl, timeoutMs: 1_000 });
  setEvmChain(evm);
  setXrplChain(xrpl);
  await db.chainEndpointOverride.deleteMany();
}, 90_000);
afterAll(async () => {
  for (const p of evm?.providers.values() ?? []) p.destroy();
  if (xrpl) await closeXrplClients(xrpl);
  await evmPrimary?.close();
  await xrplPrimary?.close();
  await chains?.stopAll();
  await db.$disconnect();
});

describe("[CHAINS][FAILOVER]: primary down, fallback up", () => {
  it("answers from the primary while it is up: health ok", async () => {
    expect(await readEvmView(db)).toMatchObject({ status: "ok", endpoints: [{ role: "primary", isActive: true }, { role: "fallback", isActive: false }] });
    expect(await readXrplView(db)).toMatchObject({ status: "ok" });
  });

  it("keeps answering from the fallback when the primary dies, reports degraded, and sets the primary aside after 3 failures", async () => {
    await evmPrimary.close();
    await xrplPrimary.close();
    for (let i = 0; i < 3; i++) await readHead(evm);
    const view = await readEvmView(db);
    expect(view).toMatchObject({ status: "degraded", detail: "Primary endpoint down: using the fallback" });
    expect(view?.endpoints.find((e) => e.role === "primary")).toMatchObject({ isSetAside: true, isActive: false });
    expect(view?.escrow?.paused).toBe(false);

    // XRPL: balances keep coming (with the reserve split) through the fallback listener.
    const platform = await readXrpBalance(xrpl, devXrplWallet("platform").address);
    expect(platform).toMatchObject({ total: "100000", reserve: "10", spendable: "99990", ownerCount: 0 });
    expect((await readXrplView(db))?.status).toBe("degraded");

    const health = await runHealthChecks();
    expect(health.status).toBe("degraded");
    expect(health.checks.find((c) => c.name === "evm")).toMatchObject({ status: "degraded" });
  });

  it("an operator pins a chain to an endpoint (RB-07) and gives it back to automatic failover", async () => {
    const operator = await seedActor(db, ["operator"]);
    expect(await requestOperation(db, { operationId: "chain.rpc.override", input: { chain: "evm", endpoint: "fallback" }, actor: operator })).toMatchObject({ ok: true });
    const pinned = await readEvmView(db);
    expect(pinned).toMatchObject({ override: "fallback", status: "degraded", detail: "Pinned to the fallback endpoint (RB-07)" });
    expect(await requestOperation(db, { operationId: "chain.rpc.override", input: { chain: "evm", endpoint: "auto" }, actor: operator })).toMatchObject({ ok: true });
    expect((await readEvmView(db))?.override).toBeNull();
    const viewer = await seedActor(db, ["viewer"]);
    expect(await requestOperation(db, { operationId: "chain.rpc.override", input: { chain: "evm", endpoint: "primary" }, actor: viewer })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});

describe("[CHAINS][FAILOVER]: both endpoints down", () => {
  it("gives a clear error everywhere and does not crash; the sync records it", async () => {
    process.kill(chains.evmNode.pid, "SIGSTOP");
    try {
      const err = await readHead(evm).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChainCallError);
      // The primary is still set aside, so only the fallback is asked, and it times out.
      expect(String(err)).toMatch(/Failover EVM unreachable \(fallback: Failover EVM getBlock timed out after 1000 ms\)/);
      const view = await readEvmView(db);
      expect(view).toMatchObject({ status: "error" });
      expect(view?.detail).toMatch(/unreachable/);
      await expect(syncEscrowEvents(db, evm)).rejects.toThrow(/unreachable/);
      const health = await runHealthChecks();
      expect(health.status).toBe("error");
    } finally {
      process.kill(chains.evmNode.pid, "SIGCONT");
    }
    // Back: the fallback answers again.
    expect((await readHead(evm)).number).toBeGreaterThan(0);
  }, 30_000);
});
