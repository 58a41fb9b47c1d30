import { describe, expect, it } from "vitest";
import { formatUnits } from "ethers";
import { readArbitrators, readEscrowState, readHead, readNativeBalance, readOrder, readTokenBalance } from "@/lib/chains/evm";
import { readXrpBalance, readXrplServer } from "@/lib/chains/xrpl";
import { devXrplWallet } from "@/devchains/start";
import { DEV_ROLES } from "@/devchains/evm/accounts";
import { testDb } from "../support/db";
import { createOrder, escrowRead, withTestChains } from "../support/chains";

// The typed reads the pages and runbook checks use, against the local chains().
const db = testDb();

const chains = withTestChains(db, { orders: 12 });

describe("[CHAINS][READS]: EVM", () => {
  it("reads the head with its age", async () => {
    const head = await readHead(chains().evmChain);
    expect(head.number).toBe(await chains().provider.getBlockNumber());
    expect(head.hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(head.ageSeconds).toBeGreaterThanOrEqual(0);
  });

  it("reads native and token balances", async () => {
    expect(await readNativeBalance(chains().evmChain, DEV_ROLES.treasury.address)).toBe(await chains().provider.getBalance(DEV_ROLES.treasury.address));
    const faucet = await readTokenBalance(chains().evmChain, chains().evm.token, DEV_ROLES.faucet.address);
    expect(faucet).toMatchObject({ symbol: "USDT", decimals: 6, formatted: "10000000.0" });
  });

  it("reads the escrow's state the way §8's cast calls do", async () => {
    const state = await readEscrowState(chains().evmChain);
    const escrow = escrowRead(chains());
    expect(state).toMatchObject({
      address: chains().evm.escrow,
      owner: DEV_ROLES.owner.address,
      paused: false,
      treasury: DEV_ROLES.treasury.address,
      arbitratorPool: chains().evm.arbitratorPool,
      nextOrderId: Number(await escrow.getFunction("nextOrderId")()),
      feeBps: 100,
      token: { address: chains().evm.token, symbol: "USDT", isSupported: true },
    });
    const held = await readTokenBalance(chains().evmChain, chains().evm.token, chains().evm.escrow);
    expect(state.token?.heldByEscrow).toBe(held.formatted);
  });

  it("reads an order, and nothing for an id never used", async () => {
    const id = await createOrder(chains(), { amount: 1234.5, paid: true });
    const order = await readOrder(chains().evmChain, id);
    expect(order).toMatchObject({ id, status: "paid", token: chains().evm.token, arbitrator: null });
    expect(formatUnits(order!.amount, 6)).toBe("1234.5");
    expect(formatUnits(order!.fee, 6)).toBe("12.345");
    expect(order!.releaseDeadline!.getTime()).toBeGreaterThan(order!.paymentDeadline.getTime() - 31 * 60_000);
    expect(await readOrder(chains().evmChain, 999_999)).toBeNull();
  });

  it("reads the arbitrator pool with the guide's at-risk rule (reputation < 20)", async () => {
    const arbitrators = await readArbitrators(chains().evmChain, chains().evm.arbitratorPool);
    expect(arbitrators.map((a) => a.address).sort()).toEqual(DEV_ROLES.arbitrators.map((a) => a.address).sort());
    for (const a of arbitrators) {
      expect(a.isAtRisk).toBe(a.isActive && a.reputation < 20);
      expect(Number(a.stake)).toBeGreaterThanOrEqual(100);
    }
  });
});

describe("[CHAINS][READS]: XRPL", () => {
  it("reads the server: validated ledger, its age, reserves", async () => {
    const server = await readXrplServer(chains().xrplChain);
    expect(server).toMatchObject({ serverState: "full", reserveBaseXrp: 10, reserveIncXrp: 2, peers: 0 });
    expect(server.validatedLedger).toBeGreaterThan(1);
  });

  it("splits an XRP balance into spendable and reserve, and says when an account does not exist", async () => {
    expect(await readXrpBalance(chains().xrplChain, devXrplWallet("treasury").address)).toMatchObject({ total: "250000", reserve: "10", spendable: "249990" });
    expect(await readXrpBalance(chains().xrplChain, "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY")).toBeNull();
  });
});
