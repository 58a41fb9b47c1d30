import { HDNodeWallet, MaxUint256, id, type Contract, type Log, type LogDescription, type NonceManager, type TransactionReceipt } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_MNEMONIC, DEV_ROLES, type TDevAccount } from "@/devchains/evm/accounts";
import { DEV_TX_OVERRIDES, MIN_ARBITRATOR_STAKE, createDevProvider, decodeRevert, deployPlatform, devSigner, platformContract, usdt, type TPlatformAddresses } from "@/devchains/evm/deploy";
import { generateHistory } from "@/devchains/evm/history";
import { startHardhatNode, type THardhatNode } from "@/devchains/evm/node";

// The escrow, the arbitrator pool and the dev-chain tooling against a real Hardhat node of this
// file's own. Tests share one deployment and run in order; each uses its own orders.

const { owner, treasury, arbitrators: arbs, users } = DEV_ROLES;
const [alice, bob, carol, dave, erin] = users as [TDevAccount, TDevAccount, TDevAccount, TDevAccount, TDevAccount];
const S = { None: 0, Created: 1, Paid: 2, Completed: 3, Disputed: 4, ResolvedBuyer: 5, ResolvedSeller: 6, Expired: 7 } as const;

let node: THardhatNode;
let platform: TPlatformAddresses;
let provider: ReturnType<typeof createDevProvider>;
const signers = new Map<string, NonceManager>();

function signer(account: TDevAccount): NonceManager {
  let found = signers.get(account.address);
  if (!found) signers.set(account.address, (found = devSigner(provider, account.privateKey)));
  return found;
}
/** After deployPlatform/generateHistory sent from the same keys with their own nonce managers. */
function resyncNonces() {
  for (const nonceManager of signers.values()) nonceManager.reset();
}
const escrow = (who: TDevAccount, at = platform) => platformContract("P2PEscrow", at.escrow, signer(who));
const pool = (who: TDevAccount, at = platform) => platformContract("ArbitratorPool", at.arbitratorPool, signer(who));
const token = (who: TDevAccount, at = platform) => platformContract("TestUSDT", at.token, signer(who));
const read = (name: "P2PEscrow" | "ArbitratorPool" | "TestUSDT", at = platform) =>
  platformContract(name, name === "P2PEscrow" ? at.escrow : name === "TestUSDT" ? at.token : at.arbitratorPool, provider);

/** Sends and returns the receipt with its logs decoded by the contract's ABI. */
async function send(contract: Contract, fn: string, ...args: unknown[]): Promise<TransactionReceipt & { events: LogDescription[] }> {
  const receipt = (await (await contract.getFunction(fn)(...args, DEV_TX_OVERRIDES)).wait()) as TransactionReceipt;
  const events = receipt.logs.map((log: Log) => contract.interface.parseLog(log)).filter((e): e is LogDescription => e !== null);
  return Object.assign(receipt, { events });
}

function eventArgs(receipt: { events: LogDescription[] }, name: string): unknown[] {
  const found = receipt.events.find((e) => e.name === name);
  if (!found) throw new Error(`no ${name} event in ${receipt.events.map((e) => e.name).join(", ")}`);
  return [...found.args];
}

/** The transaction is sent for real and must revert with this custom error (and arguments). */
async function expectRevert(contract: Contract, fn: string, args: unknown[], error: string, errorArgs?: unknown[]) {
  const err = await contract.getFunction(fn)(...args, DEV_TX_OVERRIDES).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `${fn} should revert with ${error}`).not.toBeNull();
  // A send that failed before reaching the chain would leave the nonce manager one ahead.
  (contract.runner as NonceManager).reset();
  const revert = decodeRevert(err);
  expect(revert?.name, String(err)).toBe(error);
  if (errorArgs) expect(revert?.args).toEqual(errorArgs);
}

async function order(orderId: bigint, at = platform) {
  const o = await read("P2PEscrow", at).getFunction("orders")(orderId);
  return { buyer: o.buyer as string, seller: o.seller as string, amount: o.amount as bigint, fee: o.fee as bigint, status: Number(o.status), createdAt: Number(o.createdAt), paymentDeadline: Number(o.paymentDeadline), releaseDeadline: Number(o.releaseDeadline), arbitrator: o.arbitrator as string };
}

const balanceOf = async (address: string, at = platform) => (await read("TestUSDT", at).getFunction("balanceOf")(address)) as bigint;

async function balances(...addresses: string[]) {
  return Promise.all(addresses.map((a) => balanceOf(a)));
}

async function advance(seconds: number) {
  await provider.send("evm_increaseTime", [seconds]);
  await provider.send("evm_mine", []);
}

async function blockTime(blockNumber: number | "latest" = "latest") {
  return (await provider.getBlock(blockNumber))!.timestamp;
}

async function createOrder(buyer: TDevAccount, seller: TDevAccount, amount: bigint, at = platform): Promise<bigint> {
  const receipt = await send(escrow(buyer, at), "createOrder", seller.address, at.token, amount);
  return eventArgs(receipt, "OrderCreated")[0] as bigint;
}

async function paidOrder(buyer: TDevAccount, seller: TDevAccount, amount: bigint, at = platform): Promise<bigint> {
  const orderId = await createOrder(buyer, seller, amount, at);
  await send(escrow(buyer, at), "markPaid", orderId);
  return orderId;
}

async function disputedOrder(buyer: TDevAccount, seller: TDevAccount, amount: bigint, at = platform) {
  const orderId = await paidOrder(buyer, seller, amount, at);
  const receipt = await send(escrow(buyer, at), "openDispute", orderId);
  return { orderId, arbitrator: eventArgs(receipt, "OrderDisputed")[2] as string };
}

const arbitratorByAddress = (address: string) => arbs.find((a) => a.address === address)!;

async function approveAll(at: TPlatformAddresses) {
  for (const user of users) await send(token(user, at), "approve", at.escrow, MaxUint256);
}

beforeAll(async () => {
  node = await startHardhatNode({ port: 0 });
  provider = createDevProvider(node.url);
  platform = await deployPlatform({ rpcUrl: node.url, feeBps: 100 });
  await approveAll(platform);
}, 60_000);

afterAll(async () => {
  provider?.destroy();
  await node?.stop();
});

describe("[CONTRACTS][DEPLOY]: deployPlatform", () => {
  it("wires the escrow, the pool and the token and funds the dev accounts", async () => {
    const e = read("P2PEscrow");
    expect(platform).toMatchObject({ chainId: 31337, owner: owner.address, treasury: treasury.address });
    expect(platform.deployBlock).toBeGreaterThan(0);
    expect(await e.getFunction("owner")()).toBe(owner.address);
    expect(await e.getFunction("treasury")()).toBe(treasury.address);
    expect(await e.getFunction("arbitratorPool")()).toBe(platform.arbitratorPool);
    expect(await e.getFunction("feeBps")()).toBe(100n);
    expect(await e.getFunction("supportedTokens")(platform.token)).toBe(true);
    expect(await e.getFunction("paused")()).toBe(false);
    expect(await e.getFunction("nextOrderId")()).toBe(1n);
    expect(await e.getFunction("paymentWindow")()).toBe(1800n);
    expect(await e.getFunction("releaseWindow")()).toBe(86_400n);

    const t = read("TestUSDT");
    expect([await t.getFunction("name")(), await t.getFunction("symbol")(), await t.getFunction("decimals")()]).toEqual(["Tether USD (local)", "USDT", 6n]);
    expect(await t.getFunction("owner")()).toBe(owner.address);
    expect(await balanceOf(users[13]!.address)).toBe(usdt(1_000_000));
    expect(await balanceOf(DEV_ROLES.faucet.address)).toBeGreaterThan(0n);

    const p = read("ArbitratorPool");
    expect(await p.getFunction("stakeToken")()).toBe(platform.token);
    expect(await p.getFunction("minStake")()).toBe(MIN_ARBITRATOR_STAKE);
    expect(await p.getFunction("escrow")()).toBe(platform.escrow);
    expect(await p.getFunction("activeCount")()).toBe(3n);
    expect(await p.getFunction("allArbitrators")()).toEqual(arbs.map((a) => a.address));
    const first = await p.getFunction("arbitrators")(arbs[0]!.address);
    expect([first.stakeAmount, first.reputation, first.totalResolved, first.totalEarned, first.isActive]).toEqual([usdt(2_500), 50n, 0n, 0n, true]);
    expect(await balanceOf(platform.arbitratorPool)).toBe(usdt(4_000));
  });

  it("lists the well-known Hardhat accounts for the dev mnemonic", () => {
    for (const account of [owner, treasury, ...arbs, users[13]!]) {
      const wallet = HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, `m/44'/60'/0'/0/${account.index}`);
      expect([wallet.address, wallet.privateKey]).toEqual([account.address, account.privateKey]);
    }
  });
});

describe("[CONTRACTS][ORDER]: create → pay → complete", () => {
  it("moves the amount through escrow and splits seller and treasury with a floored 1 % fee", async () => {
    const amount = 12_345_678_901n; // 12,345.678901 USDT: the fee rounds down
    const fee = (amount * 100n) / 10_000n;
    const [buyerBefore, sellerBefore, treasuryBefore] = await balances(alice.address, bob.address, treasury.address);

    const created = await send(escrow(alice), "createOrder", bob.address, platform.token, amount);
    const [orderId, buyer, seller, tokenAddress, createdAmount, createdFee] = eventArgs(created, "OrderCreated");
    expect([buyer, seller, tokenAddress, createdAmount, createdFee]).toEqual([alice.address, bob.address, platform.token, amount, fee]);
    const createdAt = await blockTime(created.blockNumber);
    expect(await order(orderId as bigint)).toMatchObject({ status: S.Created, amount, fee, createdAt, paymentDeadline: createdAt + 1800, releaseDeadline: 0 });

    const paid = await send(escrow(alice), "markPaid", orderId);
    expect(eventArgs(paid, "OrderPaid")).toEqual([orderId, amount]);
    expect(await order(orderId as bigint)).toMatchObject({ status: S.Paid, releaseDeadline: (await blockTime(paid.blockNumber)) + 86_400 });
    expect(await balanceOf(platform.escrow)).toBe(amount);

    const completed = await send(escrow(alice), "completeOrder", orderId);
    expect(eventArgs(completed, "OrderCompleted")).toEqual([orderId, amount, fee]);
    expect((await order(orderId as bigint)).status).toBe(S.Completed);
    const [buyerAfter, sellerAfter, treasuryAfter] = await balances(alice.address, bob.address, treasury.address);
    expect([buyerBefore! - buyerAfter!, sellerAfter! - sellerBefore!, treasuryAfter! - treasuryBefore!]).toEqual([amount, amount - fee, fee]);
    expect(await balanceOf(platform.escrow)).toBe(0n);

    // The guide's fee monitoring: `cast logs … "OrderCompleted(uint256,uint256,uint256)"`.
    const logs = await provider.getLogs({ address: platform.escrow, topics: [id("OrderCompleted(uint256,uint256,uint256)")], fromBlock: platform.deployBlock });
    expect(logs.map((l) => BigInt(l.topics[1]!))).toContain(orderId);
  });

  it("rejects bad orders", async () => {
    await expectRevert(escrow(alice), "createOrder", [bob.address, platform.arbitratorPool, usdt(10)], "UnsupportedToken", [platform.arbitratorPool]);
    await expectRevert(escrow(alice), "createOrder", [bob.address, platform.token, 0n], "InvalidAmount");
    await expectRevert(escrow(alice), "createOrder", [alice.address, platform.token, usdt(10)], "InvalidSeller");
    await expectRevert(escrow(alice), "createOrder", ["0x0000000000000000000000000000000000000000", platform.token, usdt(10)], "InvalidSeller");
  });

  it("lets only the buyer pay, once, before the payment deadline, and only in a listed token", async () => {
    const orderId = await createOrder(alice, bob, usdt(100));
    await expectRevert(escrow(alice), "markPaid", [999_999n], "OrderNotFound", [999_999n]);
    await expectRevert(escrow(bob), "markPaid", [orderId], "NotBuyer");
    await send(escrow(owner), "setSupportedToken", platform.token, false);
    await expectRevert(escrow(alice), "markPaid", [orderId], "UnsupportedToken", [platform.token]);
    await send(escrow(owner), "setSupportedToken", platform.token, true);
    await send(escrow(alice), "markPaid", orderId);
    await expectRevert(escrow(alice), "markPaid", [orderId], "InvalidStatus", [orderId, BigInt(S.Paid)]);

    const late = await createOrder(alice, bob, usdt(100));
    await advance(1801);
    await expectRevert(escrow(alice), "markPaid", [late], "DeadlinePassed", [late]);
  });

  it("lets only the buyer confirm, and only a paid order", async () => {
    const orderId = await createOrder(carol, dave, usdt(50));
    await expectRevert(escrow(carol), "completeOrder", [orderId], "InvalidStatus", [orderId, BigInt(S.Created)]);
    await send(escrow(carol), "markPaid", orderId);
    await expectRevert(escrow(dave), "completeOrder", [orderId], "NotBuyer");
    await expectRevert(escrow(owner), "completeOrder", [orderId], "NotBuyer");
  });
});

describe("[CONTRACTS][DEADLINES]: expiry and auto-release", () => {
  it("expires an unpaid order after the payment window, called by anyone", async () => {
    const orderId = await createOrder(alice, carol, usdt(75));
    await expectRevert(escrow(erin), "autoExpireOrder", [orderId], "DeadlineNotReached", [orderId]);
    await advance(1801);
    const receipt = await send(escrow(erin), "autoExpireOrder", orderId);
    expect(eventArgs(receipt, "OrderExpired")).toEqual([orderId]);
    expect((await order(orderId)).status).toBe(S.Expired);
    await expectRevert(escrow(alice), "markPaid", [orderId], "InvalidStatus", [orderId, BigInt(S.Expired)]);
    await expectRevert(escrow(erin), "autoExpireOrder", [orderId], "InvalidStatus", [orderId, BigInt(S.Expired)]);
  });

  it("releases a paid, undisputed order to the seller after the release window, with the fee", async () => {
    const amount = usdt(1_000);
    const orderId = await paidOrder(bob, carol, amount);
    const tooLate = await paidOrder(dave, carol, usdt(20));
    await expectRevert(escrow(erin), "autoExpireOrder", [orderId], "InvalidStatus", [orderId, BigInt(S.Paid)]);
    await expectRevert(escrow(erin), "autoReleaseToSeller", [orderId], "DeadlineNotReached", [orderId]);
    await advance(86_401);
    const [sellerBefore, treasuryBefore] = await balances(carol.address, treasury.address);
    const receipt = await send(escrow(erin), "autoReleaseToSeller", orderId);
    expect(eventArgs(receipt, "OrderAutoReleased")).toEqual([orderId]);
    expect(eventArgs(receipt, "OrderCompleted")).toEqual([orderId, amount, usdt(10)]);
    expect((await order(orderId)).status).toBe(S.Completed);
    const [sellerAfter, treasuryAfter] = await balances(carol.address, treasury.address);
    expect([sellerAfter! - sellerBefore!, treasuryAfter! - treasuryBefore!]).toEqual([usdt(990), usdt(10)]);
    // Past the release deadline the seller is owed the funds: no late dispute can block that.
    await expectRevert(escrow(dave), "openDispute", [tooLate], "DeadlinePassed", [tooLate]);
  });
});

describe("[CONTRACTS][DISPUTE]: opening, assignment and resolution", () => {
  it("lets buyer or seller open a dispute on a paid order, round-robin over active arbitrators", async () => {
    const created = await createOrder(alice, bob, usdt(10));
    await expectRevert(escrow(alice), "openDispute", [created], "InvalidStatus", [created, BigInt(S.Created)]);
    const orderId = await paidOrder(alice, bob, usdt(10));
    await expectRevert(escrow(erin), "openDispute", [orderId], "NotParty");

    const assigned: string[] = [];
    for (const [i, opener] of [alice, bob, alice].entries()) {
      const id = i === 0 ? orderId : await paidOrder(alice, bob, usdt(10));
      const receipt = await send(escrow(opener), "openDispute", id);
      const [disputedId, openedBy, arbitrator] = eventArgs(receipt, "OrderDisputed");
      expect([disputedId, openedBy]).toEqual([id, opener.address]);
      expect((await order(id)).arbitrator).toBe(arbitrator);
      expect((await order(id)).status).toBe(S.Disputed);
      assigned.push(arbitrator as string);
    }
    expect(new Set(assigned)).toEqual(new Set(arbs.map((a) => a.address)));

    // A disputed order is frozen: no confirmation, no auto-release even after the window.
    await expectRevert(escrow(alice), "completeOrder", [orderId], "InvalidStatus", [orderId, BigInt(S.Disputed)]);
    await advance(86_401);
    await expectRevert(escrow(erin), "autoReleaseToSeller", [orderId], "InvalidStatus", [orderId, BigInt(S.Disputed)]);
  });

  it("refunds the buyer in full when the assigned arbitrator rules for them, and counts it", async () => {
    const amount = usdt(3_333);
    const { orderId, arbitrator } = await disputedOrder(dave, erin, amount);
    const judge = arbitratorByAddress(arbitrator);
    const other = arbs.find((a) => a.address !== arbitrator)!;
    await expectRevert(escrow(other), "resolveToBuyer", [orderId], "NotArbitrator");
    await expectRevert(escrow(dave), "resolveToBuyer", [orderId], "NotArbitrator");
    await expectRevert(escrow(judge), "resolveToBuyer", [await paidOrder(dave, erin, usdt(10))], "InvalidStatus");

    const before = await read("ArbitratorPool").getFunction("arbitrators")(arbitrator);
    const [buyerBefore, treasuryBefore] = await balances(dave.address, treasury.address);
    const receipt = await send(escrow(judge), "resolveToBuyer", orderId);
    expect(eventArgs(receipt, "DisputeResolved")).toEqual([orderId, true, arbitrator]);
    expect(receipt.events.map((e) => e.name)).not.toContain("OrderCompleted");
    const recorded = receipt.logs.find((l) => l.address === platform.arbitratorPool)!;
    expect(read("ArbitratorPool").interface.parseLog(recorded)?.args.toArray()).toEqual([arbitrator, true]);
    const [buyerAfter, treasuryAfter] = await balances(dave.address, treasury.address);
    expect([buyerAfter! - buyerBefore!, treasuryAfter! - treasuryBefore!]).toEqual([amount, 0n]);
    expect((await order(orderId)).status).toBe(S.ResolvedBuyer);
    const after = await read("ArbitratorPool").getFunction("arbitrators")(arbitrator);
    expect(after.totalResolved - before.totalResolved).toBe(1n);
    await expectRevert(escrow(judge), "resolveToBuyer", [orderId], "InvalidStatus", [orderId, BigInt(S.ResolvedBuyer)]);
  });

  it("lets the owner rule for the seller: fee collected, OrderCompleted emitted, the assigned arbitrator credited", async () => {
    const amount = usdt(2_000);
    const { orderId, arbitrator } = await disputedOrder(erin, alice, amount);
    const before = await read("ArbitratorPool").getFunction("arbitrators")(arbitrator);
    const [sellerBefore, treasuryBefore] = await balances(alice.address, treasury.address);
    const receipt = await send(escrow(owner), "resolveToSeller", orderId);
    expect(eventArgs(receipt, "DisputeResolved")).toEqual([orderId, false, owner.address]);
    expect(eventArgs(receipt, "OrderCompleted")).toEqual([orderId, amount, usdt(20)]);
    const [sellerAfter, treasuryAfter] = await balances(alice.address, treasury.address);
    expect([sellerAfter! - sellerBefore!, treasuryAfter! - treasuryBefore!]).toEqual([usdt(1_980), usdt(20)]);
    expect((await order(orderId)).status).toBe(S.ResolvedSeller);
    const after = await read("ArbitratorPool").getFunction("arbitrators")(arbitrator);
    expect(after.totalResolved - before.totalResolved).toBe(1n);
    await expectRevert(escrow(owner), "resolveToSeller", [orderId], "InvalidStatus", [orderId, BigInt(S.ResolvedSeller)]);
  });
});

describe("[CONTRACTS][POOL]: staking, reputation and access", () => {
  it("guards escrow-only and owner-only functions", async () => {
    await expectRevert(pool(alice), "assign", [], "NotEscrow");
    await expectRevert(pool(alice), "recordResolution", [arbs[0]!.address, true], "NotEscrow");
    await expectRevert(pool(alice), "setEscrow", [alice.address], "OwnableUnauthorizedAccount", [alice.address]);
    await expectRevert(pool(alice), "setReputation", [arbs[0]!.address, 90n], "OwnableUnauthorizedAccount", [alice.address]);
    await expectRevert(pool(owner), "setReputation", [arbs[0]!.address, 101n], "InvalidReputation", [101n]);
    await expectRevert(pool(owner), "setReputation", [alice.address, 50n], "UnknownArbitrator", [alice.address]);
    await expectRevert(pool(alice), "stake", [0n], "InvalidAmount");
    await expectRevert(token(alice), "mint", [alice.address, 1n], "OwnableUnauthorizedAccount", [alice.address]);
  });

  it("activates a staker once the stake reaches the minimum, at reputation 50", async () => {
    const staker = users[12]!;
    await send(token(staker), "approve", platform.arbitratorPool, MaxUint256);
    const first = await send(pool(staker), "stake", usdt(60));
    expect(eventArgs(first, "ArbitratorStaked")).toEqual([staker.address, usdt(60), usdt(60)]);
    let state = await read("ArbitratorPool").getFunction("arbitrators")(staker.address);
    expect([state.reputation, state.isActive]).toEqual([50n, false]);
    expect(await read("ArbitratorPool").getFunction("allArbitrators")()).toContain(staker.address);

    const second = await send(pool(staker), "stake", usdt(40));
    expect(eventArgs(second, "ArbitratorStaked")).toEqual([staker.address, usdt(40), usdt(100)]);
    expect(eventArgs(second, "ArbitratorActivated")).toEqual([staker.address]);
    state = await read("ArbitratorPool").getFunction("arbitrators")(staker.address);
    expect(state.isActive).toBe(true);
    expect(await read("ArbitratorPool").getFunction("activeCount")()).toBe(4n);
    const active = await Promise.all([0, 1, 2, 3].map((i) => read("ArbitratorPool").getFunction("activeArbitrators")(i)));
    expect(active).toContain(staker.address);

    // Back out so later tests see the three dev arbitrators only.
    await send(pool(owner), "setReputation", staker.address, 0n);
  });

  it("deactivates below reputation 10, stops assigning, and reactivates when raised again", async () => {
    const target = arbs[1]!;
    const changed = await send(pool(owner), "setReputation", target.address, 15n);
    expect(eventArgs(changed, "ReputationChanged")).toEqual([target.address, 15n]);
    expect(changed.events.map((e) => e.name)).not.toContain("ArbitratorDeactivated");

    const dropped = await send(pool(owner), "setReputation", target.address, 9n);
    expect(eventArgs(dropped, "ArbitratorDeactivated")).toEqual([target.address]);
    expect((await read("ArbitratorPool").getFunction("arbitrators")(target.address)).isActive).toBe(false);
    expect(await read("ArbitratorPool").getFunction("activeCount")()).toBe(2n);
    for (let i = 0; i < 4; i++) expect((await disputedOrder(alice, bob, usdt(10))).arbitrator).not.toBe(target.address);

    const restored = await send(pool(owner), "setReputation", target.address, 50n);
    expect(eventArgs(restored, "ArbitratorActivated")).toEqual([target.address]);
    expect(await read("ArbitratorPool").getFunction("activeCount")()).toBe(3n);
  });

  it("leaves a dispute to the owner when no arbitrator is active, without crediting anyone", async () => {
    const fresh = await deployPlatform({ rpcUrl: node.url });
    resyncNonces();
    for (const a of arbs) await send(pool(owner, fresh), "setReputation", a.address, 0n);
    expect(await read("ArbitratorPool", fresh).getFunction("activeCount")()).toBe(0n);
    await send(token(alice, fresh), "approve", fresh.escrow, MaxUint256);
    const { orderId, arbitrator } = await disputedOrder(alice, bob, usdt(10), fresh);
    expect(arbitrator).toBe("0x0000000000000000000000000000000000000000");
    await expectRevert(escrow(arbs[0]!, fresh), "resolveToBuyer", [orderId], "NotArbitrator");
    const receipt = await send(escrow(owner, fresh), "resolveToBuyer", orderId);
    expect(receipt.logs.some((l) => l.address === fresh.arbitratorPool)).toBe(false);
  });
});

describe("[CONTRACTS][ADMIN]: owner settings", () => {
  it("refuses every admin call from a non-owner", async () => {
    for (const [fn, args] of [
      ["pause", []],
      ["unpause", []],
      ["setTreasury", [alice.address]],
      ["setSupportedToken", [platform.token, false]],
      ["setWindows", [60n, 60n]],
    ] as const) {
      await expectRevert(escrow(alice), fn, [...args], "OwnableUnauthorizedAccount", [alice.address]);
    }
  });

  it("moves the treasury (fees follow) and lists/delists tokens", async () => {
    await expectRevert(escrow(owner), "setTreasury", ["0x0000000000000000000000000000000000000000"], "ZeroAddress");
    const moved = await send(escrow(owner), "setTreasury", erin.address);
    expect(eventArgs(moved, "TreasuryUpdated")).toEqual([treasury.address, erin.address]);
    const orderId = await paidOrder(alice, bob, usdt(500));
    const before = await balanceOf(erin.address);
    await send(escrow(alice), "completeOrder", orderId);
    expect((await balanceOf(erin.address)) - before).toBe(usdt(5));
    await send(escrow(owner), "setTreasury", treasury.address);

    const listed = await send(escrow(owner), "setSupportedToken", platform.arbitratorPool, true);
    expect(eventArgs(listed, "SupportedTokenUpdated")).toEqual([platform.arbitratorPool, true]);
    expect(await read("P2PEscrow").getFunction("supportedTokens")(platform.arbitratorPool)).toBe(true);
    await send(escrow(owner), "setSupportedToken", platform.arbitratorPool, false);
    await expectRevert(escrow(owner), "setSupportedToken", ["0x0000000000000000000000000000000000000000", true], "ZeroAddress");
  });

  it("changes the payment and release windows for new orders", async () => {
    await expectRevert(escrow(owner), "setWindows", [0n, 3600n], "InvalidWindow");
    await send(escrow(owner), "setWindows", 600n, 3600n);
    const orderId = await createOrder(alice, bob, usdt(10));
    const o = await order(orderId);
    expect(o.paymentDeadline - o.createdAt).toBe(600);
    await send(escrow(owner), "setWindows", 1800n, 86_400n);
  });
});

describe("[CONTRACTS][PAUSE]: RB-05 emergency pause", () => {
  it("blocks every order function while paused and restores them on unpause", async () => {
    const created = await createOrder(alice, bob, usdt(10));
    const paid = await paidOrder(alice, bob, usdt(10));
    const { orderId: disputed } = await disputedOrder(alice, bob, usdt(10));
    await advance(86_401); // deadlines passed: only the pause stands in the way

    const paused = await send(escrow(owner), "pause");
    expect(eventArgs(paused, "Paused")).toEqual([owner.address]);
    expect(await read("P2PEscrow").getFunction("paused")()).toBe(true);
    await expectRevert(escrow(owner), "pause", [], "EnforcedPause");

    await expectRevert(escrow(alice), "createOrder", [bob.address, platform.token, usdt(10)], "EnforcedPause");
    await expectRevert(escrow(alice), "markPaid", [created], "EnforcedPause");
    await expectRevert(escrow(alice), "completeOrder", [paid], "EnforcedPause");
    await expectRevert(escrow(alice), "openDispute", [paid], "EnforcedPause");
    await expectRevert(escrow(owner), "resolveToBuyer", [disputed], "EnforcedPause");
    await expectRevert(escrow(owner), "resolveToSeller", [disputed], "EnforcedPause");
    await expectRevert(escrow(erin), "autoExpireOrder", [created], "EnforcedPause");
    await expectRevert(escrow(erin), "autoReleaseToSeller", [paid], "EnforcedPause");

    const unpaused = await send(escrow(owner), "unpause");
    expect(eventArgs(unpaused, "Unpaused")).toEqual([owner.address]);
    await expectRevert(escrow(owner), "unpause", [], "ExpectedPause");
    await send(escrow(erin), "autoExpireOrder", created);
    await send(escrow(erin), "autoReleaseToSeller", paid);
    await send(escrow(owner), "resolveToSeller", disputed);
    expect([(await order(created)).status, (await order(paid)).status, (await order(disputed)).status]).toEqual([S.Expired, S.Completed, S.ResolvedSeller]);
  });
});

describe("[CONTRACTS][HISTORY]: generateHistory", () => {
  it("produces the promised mix of outcomes, the same for the same seed", async () => {
    const snapshots: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const fresh = await deployPlatform({ rpcUrl: node.url });
      const result = await generateHistory({ rpcUrl: node.url, addresses: fresh, orders: 30, seed: 42 });
      resyncNonces();
      expect(result.orders).toBe(30);
      expect(result.completed / 30).toBeGreaterThanOrEqual(0.6);
      expect(result.completed / 30).toBeLessThanOrEqual(0.8);
      expect(result.disputed / 30).toBeGreaterThanOrEqual(0.08);
      expect(result.disputed / 30).toBeLessThanOrEqual(0.12);
      expect(result.resolved).toBeGreaterThanOrEqual(2);
      expect(result.resolved).toBeLessThan(result.disputed);
      expect(result.expired).toBeGreaterThanOrEqual(1);
      expect(result.autoReleased).toBeGreaterThanOrEqual(1);

      const orders = await Promise.all(Array.from({ length: 30 }, (_, i) => order(BigInt(i + 1), fresh)));
      const count = (status: number) => orders.filter((o) => o.status === status).length;
      expect(count(S.Completed)).toBe(result.completed + result.autoReleased);
      expect(count(S.Expired)).toBe(result.expired);
      expect(count(S.ResolvedBuyer) + count(S.ResolvedSeller)).toBe(result.resolved);
      for (const status of [S.ResolvedBuyer, S.ResolvedSeller, S.Disputed, S.Created, S.Paid]) expect(count(status), `status ${status}`).toBeGreaterThanOrEqual(1);
      for (const o of orders) {
        expect(o.amount).toBeGreaterThanOrEqual(usdt(10));
        expect(o.amount).toBeLessThanOrEqual(usdt(20_000));
        expect(o.buyer).not.toBe(o.seller);
      }
      expect(orders.some((o) => o.amount > usdt(5_000))).toBe(true);

      const reputations = await Promise.all(arbs.map(async (a) => await read("ArbitratorPool", fresh).getFunction("arbitrators")(a.address)));
      expect(reputations.filter((r) => r.reputation < 20n && r.isActive)).toHaveLength(1);
      expect(new Set(reputations.map((r) => r.reputation)).size).toBe(arbs.length);
      snapshots.push(orders.map((o) => `${o.status}:${o.amount}:${o.buyer}:${o.seller}`));
    }
    // The same orders and outcomes for the same seed. The steps are laid on a timeline that starts
    // at the chain's current time (later for the second run), so two orders created at nearly the
    // same moment can swap ids (seen under CI load): compare the set, not the id order.
    expect([...snapshots[1]!].sort()).toEqual([...snapshots[0]!].sort());
  });

  it("refuses spreadDays on a chain whose clock is not in the past", async () => {
    await expect(generateHistory({ rpcUrl: node.url, addresses: platform, orders: 5, spreadDays: 30 })).rejects.toThrow(/initialDate/);
  });
});

describe("[CONTRACTS][NODE]: startHardhatNode", () => {
  it("writes history over the past 30 days on a node started in the past, ending at real time", async () => {
    const past = await startHardhatNode({ port: 0, initialDate: new Date(Date.now() - 30 * 86_400_000) });
    const pastProvider = createDevProvider(past.url);
    try {
      const at = await deployPlatform({ rpcUrl: past.url });
      const progress: [number, number][] = [];
      const result = await generateHistory({ rpcUrl: past.url, addresses: at, orders: 40, spreadDays: 30, onProgress: (done, total) => progress.push([done, total]) });
      expect(result.orders).toBe(40);
      expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);

      const escrowAt = platformContract("P2PEscrow", at.escrow, pastProvider);
      const createdAt = await Promise.all([1, 40].map(async (i) => Number((await escrowAt.getFunction("orders")(i)).createdAt)));
      const now = Date.now() / 1000;
      expect(now - createdAt[0]!).toBeGreaterThan(20 * 86_400);
      expect(now - createdAt[1]!).toBeLessThan(86_400);
      const latest = (await pastProvider.getBlock("latest"))!.timestamp;
      expect(latest).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
      expect(latest).toBeGreaterThan(now - 120);
    } finally {
      pastProvider.destroy();
      // kill() is for crash tests: the node is gone at once, and stop() afterwards is harmless.
      past.kill();
      await new Promise((r) => setTimeout(r, 300));
      await expect(fetch(past.url, { method: "POST", body: "{}" })).rejects.toThrow();
      await past.stop();
    }
  });

  it("fails with the node's own output when the port is taken", async () => {
    await expect(startHardhatNode({ port: node.port })).rejects.toThrow(/exited before it was ready[\s\S]*EADDRINUSE/);
  });
});
