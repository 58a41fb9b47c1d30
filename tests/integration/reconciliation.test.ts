import { describe, expect, it, beforeAll } from "vitest";
import { Contract, Wallet } from "ethers";
import { chainKey } from "@/lib/chains/evm";
import { ERC20_ABI } from "@/lib/chains/evm-abi";
import { syncEscrowEvents } from "@/lib/chains/escrow-sync";
import { listReconciliation, readContractTreasury, readFeeMismatches, readReconciliationView, reconcileFees } from "@/lib/treasury/reconciliation";
import { reconciliationCsv } from "@/lib/treasury/reconciliation-math";
import { DEV_ROLES } from "@/devchains/evm/accounts";
import { DEV_TX_OVERRIDES, devSigner, platformContract, usdt } from "@/devchains/evm/deploy";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";
import { createOrder, ensureUnpaused, escrowRead, withTestChains } from "../support/chains";

// The escrow guide §8's monthly reconciliation against a real Hardhat node: fees the synced
// OrderCompleted events promise vs what reached the treasury. The dev escrow charges 1 %.

const db = testDb();
const chains = withTestChains(db);
const TOLERANCE = 0.01;
const DAY = 86_400_000;

const key = () => chainKey(chains().evmChain);
const treasury = DEV_ROLES.treasury.address.toLowerCase();
const sync = () => syncEscrowEvents(db, chains().evmChain);
const chainNow = async () => new Date((await chains().provider.getBlock("latest"))!.timestamp * 1000);
const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const rowsAt = async (now: Date) => listReconciliation(db, { chain: key(), now, tolerance: TOLERANCE });
const rowOn = async (day: string, now: Date) => (await rowsAt(now)).find((r) => r.day === day);

/** A paid order its buyer confirms: the seller gets amount − fee, the contract's treasury the fee. */
async function completeOrder(amount: number) {
  await ensureUnpaused(chains());
  const orderId = await createOrder(chains(), { amount, paid: true });
  const order = await escrowRead(chains()).getFunction("orders")(orderId);
  const buyer = DEV_ROLES.users.find((u) => u.address.toLowerCase() === String(order.buyer).toLowerCase())!;
  const escrow = platformContract("P2PEscrow", chains().evm.escrow, devSigner(chains().provider, buyer.privateKey));
  await (await escrow.getFunction("completeOrder")(orderId, DEV_TX_OVERRIDES)).wait();
}

async function setContractTreasury(address: string) {
  const owner = platformContract("P2PEscrow", chains().evm.escrow, devSigner(chains().provider, DEV_ROLES.owner.privateKey));
  await (await owner.getFunction("setTreasury")(address, DEV_TX_OVERRIDES)).wait();
}

/** Moves the chain's clock to just after the next UTC midnight and mines a block there. */
async function nextChainDay() {
  const ts = (await chains().provider.getBlock("latest"))!.timestamp * 1000;
  const midnight = Math.floor(ts / DAY) * DAY + DAY;
  await chains().provider.send("evm_increaseTime", [Math.ceil((midnight - ts) / 1000) + 5]);
  await chains().provider.send("evm_mine", []);
}

beforeAll(async () => {
  // The chain keeps wall-clock time: a run that starts just before UTC midnight would see its
  // "today" end between two tests. Start on a fresh chain day (nothing has happened on this chain yet).
  await nextChainDay();
  // The treasury account the configuration sync would create from TREASURY_EVM_KEY.
  const asset = chains().evm.token.toLowerCase();
  await db.treasuryAccount.upsert({
    where: { chain_address_asset: { chain: "evm", address: treasury, asset } },
    create: { chain: "evm", address: treasury, asset, symbol: "USDT", decimals: 6, label: "Treasury", purpose: "treasury", source: "configuration" },
    update: { purpose: "treasury", removedAt: null },
  });
});

describe("[TREASURY][RECONCILIATION]: expected fees against the treasury's balance", () => {
  const elsewhere = Wallet.createRandom().address.toLowerCase();
  let day0 = "";

  it("matches the fees of completed orders with what reached the treasury, and shows a treasury outflow without a mismatch", async () => {
    await completeOrder(250);
    await completeOrder(250);
    // A plain payment out of the treasury: a balance change, not a fee problem.
    const treasurySigner = devSigner(chains().provider, DEV_ROLES.treasury.privateKey);
    await (await new Contract(chains().evm.token, ERC20_ABI, treasurySigner).getFunction("transfer")(Wallet.createRandom().address, usdt(1), DEV_TX_OVERRIDES)).wait();
    await sync();
    const now = await chainNow();
    day0 = dayOf(now);
    // Two days: the (now finished, final) day the contracts were deployed on, and today.
    expect(await reconcileFees(db, chains().evmChain, { now })).toMatchObject({ chain: key(), skipped: null, computed: 2, final: 1, failed: [] });

    const row = await rowOn(day0, now);
    expect(row).toMatchObject({ completedOrders: 2, expected: "5.0", received: "5.0", difference: "0.0", otherIn: "0.0", otherOut: "1.0", opening: "0.0", closing: "4.0", unexplained: "0.0", status: "open", elsewhere: [] });
    expect((await readFeeMismatches(db, TOLERANCE, now)).filter((m) => m.chain === key())).toEqual([]);
    expect(await readContractTreasury(db, chains().evmChain)).toEqual({ address: treasury, isTreasuryAccount: true });
  });

  it("does not count a completion the event sync has not read yet, so an unsynced fee is no mismatch", async () => {
    await completeOrder(100);
    const now = await chainNow();
    await reconcileFees(db, chains().evmChain, { now });
    const before = await rowOn(day0, now);
    expect(before).toMatchObject({ completedOrders: 2, expected: "5.0", received: "5.0", status: "open" });
    expect(Number(before!.toBlock)).toBe(Number((await db.chainCursor.findUniqueOrThrow({ where: { chain: key() } })).lastBlock));

    await sync();
    await reconcileFees(db, chains().evmChain, { now });
    expect(await rowOn(day0, now)).toMatchObject({ completedOrders: 3, expected: "6.0", received: "6.0", closing: "5.0", status: "open" });
  });

  it("flags a fee that went elsewhere: the day is off by exactly that fee and names the recipient", async () => {
    await setContractTreasury(elsewhere);
    await completeOrder(300);
    await sync();
    const now = await chainNow();
    await reconcileFees(db, chains().evmChain, { now });

    const row = await rowOn(day0, now);
    expect(row).toMatchObject({ completedOrders: 4, expected: "9.0", received: "6.0", difference: "3.0", closing: "5.0", otherOut: "1.0", status: "mismatch", elsewhere: [{ address: elsewhere, amount: "3.0" }] });
    const mismatches = (await readFeeMismatches(db, TOLERANCE, now)).filter((m) => m.chain === key());
    expect(mismatches).toEqual([{ chain: key(), token: chains().evm.token.toLowerCase(), symbol: "USDT", day: day0, expected: "9.0", received: "6.0", difference: "3.0", elsewhere: [{ address: elsewhere, amount: "3.0" }] }]);
    // A tolerance above the gap keeps it quiet.
    expect((await readFeeMismatches(db, 3, now)).filter((m) => m.chain === key())).toEqual([]);
    expect(await readContractTreasury(db, chains().evmChain)).toEqual({ address: elsewhere, isTreasuryAccount: false });

    const csv = reconciliationCsv(await rowsAt(now)).trimEnd().split("\n");
    expect(csv[0]).toContain("day,token,symbol,from_block,to_block,completed_orders,expected_fees,fees_received,difference");
    expect(csv.find((l) => l.startsWith(day0))).toMatch(new RegExp(`^${day0},0x[0-9a-f]{40},USDT,\\d+,\\d+,4,9\\.0,6\\.0,3\\.0,0\\.0,1\\.0,0\\.0,5\\.0,mismatch,${elsewhere}:3\\.0$`));
  });

  it("makes finished, synced days final: the mismatch stays, an in-line day reads ok, and final days are not computed again", async () => {
    await setContractTreasury(treasury);
    await nextChainDay();
    await completeOrder(200);
    const day1 = dayOf(await chainNow());
    await nextChainDay();
    await sync();
    const now = await chainNow();
    expect(await reconcileFees(db, chains().evmChain, { now })).toMatchObject({ computed: 3, final: 2 });

    const rows = await rowsAt(now);
    expect(rows.find((r) => r.day === day0)).toMatchObject({ status: "mismatch", isFinal: true, difference: "3.0" });
    expect(rows.find((r) => r.day === day1)).toMatchObject({ status: "ok", isFinal: true, completedOrders: 1, expected: "2.0", received: "2.0", opening: "5.0", closing: "7.0" });
    expect(rows.find((r) => r.day === dayOf(now))).toMatchObject({ status: "open", completedOrders: 0 });
    expect(await reconcileFees(db, chains().evmChain, { now })).toMatchObject({ computed: 1, final: 0 });
    expect((await readFeeMismatches(db, TOLERANCE, now)).filter((m) => m.chain === key()).map((m) => m.day)).toEqual([day0]);
  });
});

describe("[TREASURY][RECONCILIATION][READ]: who reads the reconciliation", () => {
  it("lets treasury and auditors read it and refuses support and viewers", async () => {
    for (const role of ["treasury", "auditor"] as const) {
      const view = await readReconciliationView(db, await seedActor(db, [role]), { tolerance: TOLERANCE, now: await chainNow() });
      expect(view.chain).toBe(key());
    }
    for (const role of ["support", "viewer"] as const) {
      await expect(readReconciliationView(db, await seedActor(db, [role]), { tolerance: TOLERANCE })).rejects.toThrow(/treasury, approvers, auditors and admins/);
    }
  });
});
