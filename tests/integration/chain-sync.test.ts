import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Interface } from "ethers";
import { syncEscrowEvents, recordSyncError } from "@/lib/chains/escrow-sync";
import { chainKey, createEvmChain, type TEvmChain } from "@/lib/chains/evm";
import { ESCROW_ABI, ESCROW_STATUSES } from "@/lib/chains/evm-abi";
import { startDevChains } from "@/devchains/start";
import { platformContract } from "@/devchains/evm/deploy";
import { testDb } from "../support/db";
import { createOrder, escrowRead, startTestChains, type TTestChains } from "../support/chains";

// RB-03's event sync against a real local chain with a generated history: what is stored matches
// the chain, nothing twice, nothing missed — through an unreachable node and through a reorg.

const db = testDb();
let chains: TTestChains;
let chain: TEvmChain;
let key: string;

beforeAll(async () => {
  chains = await startTestChains({ orders: 24 });
  chain = chains.evmChain;
  key = chainKey(chain);
}, 120_000);
afterAll(async () => {
  await chains?.stopAll();
  await db.$disconnect();
});

async function syncUntilCaughtUp(c: TEvmChain = chain, maxBlocks?: number) {
  for (let i = 0; i < 200; i++) {
    const r = await syncEscrowEvents(db, c, { maxBlocks });
    if (r.lagBlocks === 0) return r;
  }
  throw new Error("sync did not catch up");
}

/** Every escrow log on chain, as the sync should have stored them. */
async function chainLogCount() {
  const iface = new Interface(ESCROW_ABI);
  const logs = await chains.provider.getLogs({ address: chains.evm.escrow, fromBlock: chains.evm.deployBlock, toBlock: "latest" });
  return logs.filter((l) => iface.parseLog(l) !== null).length;
}

async function expectDatabaseMatchesChain() {
  const escrow = escrowRead(chains);
  const next = Number(await escrow.getFunction("nextOrderId")());
  const stored = await db.escrowOrder.findMany({ where: { chain: key }, orderBy: { orderId: "asc" } });
  expect(stored.map((o) => Number(o.orderId))).toEqual(Array.from({ length: next - 1 }, (_, i) => i + 1));
  for (const order of stored) {
    const onChain = await escrow.getFunction("orders")(order.orderId);
    expect({ id: Number(order.orderId), status: order.status, amount: order.amount.toFixed(), buyer: order.buyer }).toEqual({
      id: Number(order.orderId),
      status: ESCROW_STATUSES[Number(onChain.status)],
      amount: String(onChain.amount),
      buyer: String(onChain.buyer).toLowerCase(),
    });
  }
  expect(await db.escrowEvent.count({ where: { chain: key } })).toBe(await chainLogCount());
}

describe("[CHAINS][SYNC]: escrow events into PostgreSQL", () => {
  it("stores the generated history exactly as the chain has it, and a second pass changes nothing", async () => {
    const result = await syncUntilCaughtUp(chain, 40);
    expect(result.lagBlocks).toBe(0);
    await expectDatabaseMatchesChain();
    const statuses = new Set((await db.escrowOrder.findMany({ where: { chain: key }, select: { status: true } })).map((o) => o.status));
    expect(statuses.has("completed")).toBe(true);
    expect(statuses.has("disputed") || statuses.has("resolved_buyer") || statuses.has("resolved_seller")).toBe(true);

    const events = await db.escrowEvent.count({ where: { chain: key } });
    await syncEscrowEvents(db, chain);
    expect(await db.escrowEvent.count({ where: { chain: key } })).toBe(events);
    const cursor = await db.chainCursor.findUniqueOrThrow({ where: { chain: key } });
    expect(Number(cursor.lastBlock)).toBe(await chains.provider.getBlockNumber());
  }, 120_000);

  it("survives the node becoming unreachable mid-sync: errors are recorded, the cursor resumes, nothing is stored twice or missed", async () => {
    // New activity to sync, then the node freezes (SIGSTOP) part-way through catching up.
    for (let i = 0; i < 4; i++) await createOrder(chains, { paid: i % 2 === 0 });
    const impatient = createEvmChain({ name: "Impatient EVM", chainId: chain.chainId, primaryUrl: chains.evm.rpcUrl, escrow: chain.escrow, deployBlock: chain.deployBlock, confirmations: 0, timeoutMs: 400 });
    await syncEscrowEvents(db, impatient, { maxBlocks: 2 });
    process.kill(chains.evmNode.pid, "SIGSTOP");
    try {
      const failed = await syncEscrowEvents(db, impatient, { maxBlocks: 2 }).catch((err: Error) => err);
      expect(failed).toBeInstanceOf(Error);
      expect(String(failed)).toMatch(/unreachable/);
      expect(await recordSyncError(db, impatient, failed)).toBeGreaterThanOrEqual(1);
      expect((await db.chainCursor.findUniqueOrThrow({ where: { chain: key } })).lastError).toMatch(/unreachable/);
    } finally {
      process.kill(chains.evmNode.pid, "SIGCONT");
    }
    await syncUntilCaughtUp(impatient, 2);
    const cursor = await db.chainCursor.findUniqueOrThrow({ where: { chain: key } });
    expect(cursor).toMatchObject({ lastError: null, errorCount: 0 });
    await expectDatabaseMatchesChain();
    for (const p of impatient.providers.values()) p.destroy();
  }, 60_000);

  it("follows a reorg: blocks replaced by different ones leave the stored orders matching the new chain", async () => {
    await syncUntilCaughtUp();
    const snapshot = await chains.provider.send("evm_snapshot", []);
    const doomed = [await createOrder(chains, { amount: 111 }), await createOrder(chains, { amount: 222, paid: true })];
    await syncUntilCaughtUp();
    expect(await db.escrowOrder.count({ where: { chain: key, orderId: { in: doomed.map(BigInt) } } })).toBe(2);

    // The fork: the same heights get different blocks (one order, another amount), then the chain grows past them.
    await chains.provider.send("evm_revert", [snapshot]);
    const replacement = await createOrder(chains, { amount: 333, paid: true });
    expect(replacement).toBe(doomed[0]);
    for (let i = 0; i < 3; i++) await chains.provider.send("evm_mine", []);
    await syncUntilCaughtUp();

    await expectDatabaseMatchesChain();
    const order = await db.escrowOrder.findUniqueOrThrow({ where: { chain_orderId: { chain: key, orderId: BigInt(replacement) } } });
    expect(order.amount.toFixed()).toBe("333000000");
    expect(order.status).toBe("paid");
    expect(await db.escrowOrder.count({ where: { chain: key, orderId: BigInt(doomed[1]!) } })).toBe(0);
  }, 60_000);

  it("follows a reorg to a shorter chain", async () => {
    await syncUntilCaughtUp();
    const snapshot = await chains.provider.send("evm_snapshot", []);
    const gone = await createOrder(chains, { amount: 444 });
    for (let i = 0; i < 3; i++) await chains.provider.send("evm_mine", []);
    await syncUntilCaughtUp();
    expect(await db.escrowOrder.count({ where: { chain: key, orderId: BigInt(gone) } })).toBe(1);
    await chains.provider.send("evm_revert", [snapshot]);
    await syncUntilCaughtUp();
    expect(await db.escrowOrder.count({ where: { chain: key, orderId: BigInt(gone) } })).toBe(0);
    await expectDatabaseMatchesChain();
  }, 60_000);

  it("starts over when a different chain answers at the same address (a restarted in-memory node): the stored orders match it, unsent transactions are abandoned", async () => {
    await syncUntilCaughtUp();
    const stale = await db.chainTransaction.create({
      data: { intentKey: `stale-${crypto.randomUUID()}`, chain: key, purpose: "escrow.pause", fromAddress: "0xowner", nonce: 999n, txHash: `0x${"ab".repeat(32)}`, signedTx: "0x02", status: "SIGNED" },
    });
    const restarted = await startDevChains({ orders: 5, evmChainId: chains.evm.chainId });
    const other = createEvmChain({ name: "Restarted EVM", chainId: restarted.evm.chainId, primaryUrl: restarted.evm.rpcUrl, escrow: restarted.evm.escrow, deployBlock: restarted.evm.deployBlock, confirmations: 0 });
    try {
      // Same deployer, same nonces: the contracts land at the same addresses, as after a dev-chain restart.
      expect(restarted.evm.escrow).toBe(chains.evm.escrow);
      const first = await syncEscrowEvents(db, other);
      expect(first.reset).toBe(true);
      await syncUntilCaughtUp(other);
      const next = Number(await platformContract("P2PEscrow", restarted.evm.escrow, other.providers.get(restarted.evm.rpcUrl)!).getFunction("nextOrderId")());
      expect(await db.escrowOrder.count({ where: { chain: key } })).toBe(next - 1);
      expect(await db.chainTransaction.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ status: "FAILED", error: expect.stringContaining("chain was replaced") });
    } finally {
      for (const p of other.providers.values()) p.destroy();
      await restarted.stop();
    }
  }, 90_000);
});
