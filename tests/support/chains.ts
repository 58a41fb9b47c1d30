import { afterAll, beforeAll } from "vitest";
import { Contract, type JsonRpcProvider } from "ethers";
import { startDevChains, type TDevChains } from "@/devchains/start";
import { DEV_ROLES } from "@/devchains/evm/accounts";
import { DEV_TX_OVERRIDES, createDevProvider, devSigner, platformContract, usdt } from "@/devchains/evm/deploy";
import { createEvmChain, setEvmChain, type TEvmChain } from "@/lib/chains/evm";
import { createXrplChain, setXrplChain, closeXrplClients, type TXrplChain } from "@/lib/chains/xrpl";

// Real local chains for an integration test file: its own Hardhat node (with the escrow
// deployed) and XRPL dev ledger, and OpsDeck's chain clients pointed at them.

export type TTestChains = TDevChains & { evmChain: TEvmChain; xrplChain: TXrplChain; provider: JsonRpcProvider; stopAll(): Promise<void> };

/** A chain id of this file's own (see devchains/evm/hardhat.config.cjs). */
export function uniqueChainId() {
  return 40_000 + Math.floor(Math.random() * 1_000_000);
}

export async function startTestChains(opts: { orders?: number; confirmations?: number } = {}): Promise<TTestChains> {
  const chains = await startDevChains({ orders: opts.orders ?? 0, xrplCloseMs: 300, evmChainId: uniqueChainId() });
  const evmChain = createEvmChain({
    name: "Test EVM",
    chainId: chains.evm.chainId,
    primaryUrl: chains.evm.rpcUrl,
    fallbackUrl: chains.evm.fallbackUrl,
    escrow: chains.evm.escrow,
    token: chains.evm.token,
    deployBlock: chains.evm.deployBlock,
    confirmations: opts.confirmations ?? 0,
    timeoutMs: 3_000,
    ownerKey: DEV_ROLES.owner.privateKey,
  });
  const xrplChain = createXrplChain({ name: "Test XRPL", primaryUrl: chains.xrpl.url, fallbackUrl: chains.xrpl.fallbackUrl, timeoutMs: 3_000 });
  setEvmChain(evmChain);
  setXrplChain(xrplChain);
  const provider = createDevProvider(chains.evm.rpcUrl);
  return {
    ...chains,
    evmChain,
    xrplChain,
    provider,
    async stopAll() {
      setEvmChain(null);
      setXrplChain(null);
      provider.destroy();
      for (const p of evmChain.providers.values()) p.destroy();
      await closeXrplClients(xrplChain);
      await chains.stop();
    },
  };
}

/**
 * Starts this file's chains before its tests and stops them after; the getter returns them.
 * `db` is disconnected after the chains stop.
 */
export function withTestChains(db: { $disconnect(): Promise<void> }, opts: { orders?: number } = {}): () => TTestChains {
  let chains: TTestChains | undefined;
  beforeAll(async () => {
    chains = await startTestChains(opts);
  }, 120_000);
  afterAll(async () => {
    await chains?.stopAll();
    await db.$disconnect();
  });
  return () => {
    if (!chains) throw new Error("the test chains are not started yet");
    return chains;
  };
}

export function escrowRead(chains: TTestChains): Contract {
  return platformContract("P2PEscrow", chains.evm.escrow, chains.provider);
}

export async function isPaused(chains: TTestChains): Promise<boolean> {
  return (await escrowRead(chains).getFunction("paused")()) as boolean;
}

/** Unpauses with the owner key directly (test set-up, not the operation under test). */
export async function ensureUnpaused(chains: TTestChains) {
  if (!(await isPaused(chains))) return;
  const owner = devSigner(chains.provider, DEV_ROLES.owner.privateKey);
  await (await platformContract("P2PEscrow", chains.evm.escrow, owner).getFunction("unpause")(DEV_TX_OVERRIDES)).wait();
}

export async function advanceChainTime(chains: TTestChains, seconds: number) {
  await chains.provider.send("evm_increaseTime", [seconds]);
  await chains.provider.send("evm_mine", []);
}

let buyerIndex = 0;

/** A new order from one of the dev users; `paid` also pays it into escrow. Returns its id. */
export async function createOrder(chains: TTestChains, opts: { amount?: number; paid?: boolean } = {}): Promise<number> {
  const buyer = DEV_ROLES.users[buyerIndex++ % 6]!;
  const seller = DEV_ROLES.users[6 + (buyerIndex % 6)]!;
  const signer = devSigner(chains.provider, buyer.privateKey);
  const escrow = platformContract("P2PEscrow", chains.evm.escrow, signer);
  const amount = usdt(opts.amount ?? 250);
  const tx = await escrow.getFunction("createOrder")(seller.address, chains.evm.token, amount, DEV_TX_OVERRIDES);
  const receipt = await tx.wait();
  const created = receipt.logs.map((l: { topics: string[]; data: string }) => escrow.interface.parseLog(l)).find((e: { name: string } | null) => e?.name === "OrderCreated");
  const orderId = Number(created.args.orderId);
  if (opts.paid) {
    const token = new Contract(chains.evm.token, ["function approve(address,uint256) returns (bool)"], signer);
    await (await token.getFunction("approve")(chains.evm.escrow, amount, DEV_TX_OVERRIDES)).wait();
    await (await escrow.getFunction("markPaid")(orderId, DEV_TX_OVERRIDES)).wait();
  }
  return orderId;
}

export async function orderStatus(chains: TTestChains, orderId: number): Promise<number> {
  const order = await escrowRead(chains).getFunction("orders")(orderId);
  return Number(order.status);
}

/** A paid order that one of its parties disputes on chain (the buyer by default). Returns its id and parties. */
export async function createDispute(chains: TTestChains, opts: { amount?: number; by?: "buyer" | "seller" } = {}): Promise<{ orderId: number; buyer: string; seller: string }> {
  const orderId = await createOrder(chains, { amount: opts.amount, paid: true });
  const order = await escrowRead(chains).getFunction("orders")(orderId);
  const party = (opts.by ?? "buyer") === "buyer" ? String(order.buyer) : String(order.seller);
  const key = DEV_ROLES.users.find((u) => u.address.toLowerCase() === party.toLowerCase())!.privateKey;
  const escrow = platformContract("P2PEscrow", chains.evm.escrow, devSigner(chains.provider, key));
  await (await escrow.getFunction("openDispute")(orderId, DEV_TX_OVERRIDES)).wait();
  return { orderId, buyer: String(order.buyer).toLowerCase(), seller: String(order.seller).toLowerCase() };
}

/** A dev user's USDT balance in whole tokens. */
export async function usdtBalance(chains: TTestChains, address: string): Promise<number> {
  const token = new Contract(chains.evm.token, ["function balanceOf(address) view returns (uint256)"], chains.provider);
  return Number(await token.getFunction("balanceOf")(address)) / 1e6;
}
