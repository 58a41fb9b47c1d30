import { Contract, JsonRpcProvider } from "ethers";
import { DEV_ROLES } from "@/devchains/evm/accounts";
import { DEV_TX_OVERRIDES, devSigner, platformContract, usdt } from "@/devchains/evm/deploy";

// The local chains scripts/test.ts started for this run (E2E_CHAINS), for specs that check the
// chain itself rather than trusting the page.
type TChainsInfo = { env: Record<string, string>; evm: { rpcUrl: string; contracts: { escrow: string; token: string } } };

export function chainsInfo(): TChainsInfo {
  const raw = process.env.E2E_CHAINS;
  if (!raw) throw new Error("E2E_CHAINS is not set: run the e2e tests through `npm test`");
  return JSON.parse(raw) as TChainsInfo;
}

export async function escrowIsPaused(): Promise<boolean> {
  const info = chainsInfo();
  const provider = new JsonRpcProvider(info.evm.rpcUrl, undefined, { staticNetwork: true });
  try {
    return (await new Contract(info.evm.contracts.escrow, ["function paused() view returns (bool)"], provider).getFunction("paused")()) as boolean;
  } finally {
    provider.destroy();
  }
}

/**
 * A fresh dispute made the way users make one: the buyer creates and pays an order, then one party
 * disputes it on chain. Each call uses its own pair of dev users (by `slot`), so parallel specs
 * never share a signer's nonce. Returns the order id; the page shows it once the sync reads it.
 */
export async function openDisputeOnChain({ amount, slot, by = "buyer" }: { amount: number; slot: number; by?: "buyer" | "seller" }): Promise<number> {
  const info = chainsInfo();
  const provider = new JsonRpcProvider(info.evm.rpcUrl, undefined, { staticNetwork: true });
  try {
    const buyer = DEV_ROLES.users[slot % 7]!;
    const seller = DEV_ROLES.users[7 + (slot % 7)]!;
    const buyerSigner = devSigner(provider, buyer.privateKey);
    const escrow = platformContract("P2PEscrow", info.evm.contracts.escrow, buyerSigner);
    const created = await (await escrow.getFunction("createOrder")(seller.address, info.evm.contracts.token, usdt(amount), DEV_TX_OVERRIDES)).wait();
    const orderId = Number(created.logs.map((l: { topics: string[]; data: string }) => escrow.interface.parseLog(l)).find((e: { name: string } | null) => e?.name === "OrderCreated").args.orderId);
    const token = new Contract(info.evm.contracts.token, ["function approve(address,uint256) returns (bool)"], buyerSigner);
    await (await token.getFunction("approve")(info.evm.contracts.escrow, usdt(amount), DEV_TX_OVERRIDES)).wait();
    await (await escrow.getFunction("markPaid")(orderId, DEV_TX_OVERRIDES)).wait();
    const disputer = by === "buyer" ? escrow : platformContract("P2PEscrow", info.evm.contracts.escrow, devSigner(provider, seller.privateKey));
    await (await disputer.getFunction("openDispute")(orderId, DEV_TX_OVERRIDES)).wait();
    return orderId;
  } finally {
    provider.destroy();
  }
}

/** An order's status number on chain (5 = resolved to the buyer, 6 = to the seller). */
export async function orderStatusOnChain(orderId: number): Promise<number> {
  const info = chainsInfo();
  const provider = new JsonRpcProvider(info.evm.rpcUrl, undefined, { staticNetwork: true });
  try {
    return Number((await new Contract(info.evm.contracts.escrow, ["function orders(uint256) view returns (address,address,address,uint256,uint256,uint8,uint64,uint64,uint64,address)"], provider).getFunction("orders")(orderId))[5]);
  } finally {
    provider.destroy();
  }
}
