import { beforeAll, describe, expect, it } from "vitest";
import { Contract, Wallet as EvmWallet, formatUnits } from "ethers";
import { Wallet as XrplWallet } from "xrpl";
import { devXrplWallet } from "@/devchains/start";
import { DEV_ROLES } from "@/devchains/evm/accounts";
import { DEV_TX_OVERRIDES, devSigner, usdt } from "@/devchains/evm/deploy";
import { completeExecution, requestOperation } from "@/lib/operations/pipeline";
import { voteOnRequest } from "@/lib/operations/approvals";
import { xrplCall } from "@/lib/chains/xrpl";
import { onXrplSendPhase } from "@/lib/chains/xrpl-send";
import { StillPendingError } from "@/lib/operations/result";
import { syncConfiguredAccounts } from "@/lib/treasury/accounts";
import { balanceHistory, pollTreasuryBalances } from "@/lib/treasury/balances";
import { readPlatformWallet, signerFor } from "@/lib/treasury/keys";
import { listAccounts, listTransfers } from "@/lib/treasury/queries";
import { readThresholdValues } from "@/lib/alerts/readings";
import { seedActor } from "../support/actors";
import { privateDb } from "../support/private-db";
import { testDb } from "../support/db";
import { usdtBalance, withTestChains } from "../support/chains";

// The treasury against the real dev ledger and Hardhat node, in a database of its own (the
// platform wallet, the address book and the followed accounts are global to OpsDeck).
process.env.FAUCET_XRPL_SEED = devXrplWallet("faucet").seed!;
// (On the embedded database the faucet tests may have rotated to the next key.)
process.env.FAUCET_XRPL_SEED_NEXT = devXrplWallet("faucet-next").seed!;
process.env.FAUCET_EVM_KEY = DEV_ROLES.faucet.privateKey;
process.env.TREASURY_XRPL_SEED = devXrplWallet("treasury").seed!;
process.env.TREASURY_EVM_KEY = DEV_ROLES.treasury.privateKey;
process.env.PLATFORM_XRPL_SEED = devXrplWallet("platform").seed!;
process.env.PLATFORM_XRPL_SEED_NEXT = devXrplWallet("platform-next").seed!;

const shared = testDb();
const chains = withTestChains(shared);
const db = privateDb("treasury");

const TREASURY_XRPL = devXrplWallet("treasury").address;

// Start from no followed account and no address book (on the embedded database the pipeline
// matrix, run in the same database, adds some of its own).
beforeAll(async () => {
  await db().treasuryAccount.deleteMany();
  await db().treasuryDestination.deleteMany();
  await db().setting.deleteMany({ where: { key: "platform.wallet" } });
});

async function dropsOf(address: string): Promise<bigint> {
  const info = await xrplCall(chains().xrplChain, "account_info", (c) => c.request({ command: "account_info", account: address, ledger_index: "validated" })).catch(() => null);
  return info ? BigInt(info.result.account_data.Balance) : 0n;
}

function idOf(result: unknown): string {
  const r = result as { ok: boolean; data?: { requestId?: string }; error?: string };
  if (!r.ok || !r.data?.requestId) throw new Error(`expected a pending request, got ${JSON.stringify(result)}`);
  return r.data.requestId;
}

async function approvers(n: number) {
  return Promise.all(Array.from({ length: n }, () => seedActor(db(), ["approver"], { reauthAt: new Date() })));
}

/** An approved address-book entry. */
async function addDestination(chain: "xrpl" | "evm", address: string, label: string, destinationTag?: number) {
  const treasury = await seedActor(db(), ["treasury"]);
  const [a1] = await approvers(1);
  const ask = await requestOperation(db(), { operationId: "treasury.destination.add", input: { chain, address, label, ...(destinationTag !== undefined ? { destinationTag: String(destinationTag) } : {}) }, reason: "the exchange's deposit address", actor: treasury });
  expect(await voteOnRequest(db(), { actor: a1!, input: { requestId: idOf(ask), decision: "approve" } })).toMatchObject({ ok: true, data: { status: "executed" } });
  return db().treasuryDestination.findFirstOrThrow({ where: { address: chain === "evm" ? address.toLowerCase() : address, removedAt: null } });
}

async function accountId(chain: string, address: string, asset: string) {
  return (await db().treasuryAccount.findUniqueOrThrow({ where: { chain_address_asset: { chain, address, asset } } })).id;
}

describe("[TREASURY] accounts and balances", () => {
  it("follows the configured wallets and its snapshots match what the chains say", async () => {
    expect(await syncConfiguredAccounts(db())).toBeGreaterThanOrEqual(7);
    // Idempotent: a second round adds nothing.
    expect(await syncConfiguredAccounts(db())).toBe(0);
    const result = await pollTreasuryBalances(db());
    expect(result.failed).toBe(0);

    const rows = await listAccounts(db(), await readThresholdValues());
    const labels = rows.map((r) => r.label);
    expect(labels).toEqual(expect.arrayContaining(["Platform wallet", "Faucet wallet", "Treasury wallet", "Treasury USDT", "Treasury (gas)", "Faucet USDT", "Escrow contract USDT"]));

    const token = new Contract(chains().evm.token, ["function balanceOf(address) view returns (uint256)"], chains().provider);
    for (const row of rows) {
      if (row.chain === "xrpl") {
        const drops = await dropsOf(row.address);
        expect(row.total, row.label).toBe(formatUnits(drops, 6));
        // Spendable is the total less the reserve.
        expect(Number(row.spendable) + Number(row.reserve)).toBeCloseTo(Number(row.total), 6);
      } else if (row.asset === "ETH") {
        expect(row.total, row.label).toBe(formatUnits(await chains().provider.getBalance(row.address), 18));
      } else {
        expect(row.total, row.label).toBe(formatUnits((await token.getFunction("balanceOf")(row.address)) as bigint, 6));
      }
      expect(row.state === "ok" || row.state === "warn" || row.state === "crit").toBe(true);
    }
    // The treasury can send from its own keys and the platform wallet; the escrow's holdings and gas are watched only.
    expect(rows.filter((r) => r.canSend).map((r) => r.label).sort()).toEqual(["Platform wallet", "Treasury USDT", "Treasury wallet"]);

    // A balance that did not move is not stored again; one that moved is, and the history shows both.
    const treasuryId = await accountId("xrpl", TREASURY_XRPL, "XRP");
    const before = await db().balanceSnapshot.count({ where: { accountId: treasuryId } });
    await pollTreasuryBalances(db());
    expect(await db().balanceSnapshot.count({ where: { accountId: treasuryId } })).toBe(before);
    const history = await balanceHistory(db(), treasuryId, 6, "24h");
    expect(history.at(-1)!.total).toBe(Number(rows.find((r) => r.id === treasuryId)!.total));
  });

  it("adds an account by operation, refuses a duplicate and a malformed address", async () => {
    const treasury = await seedActor(db(), ["treasury"]);
    const cold = XrplWallet.generate().address;
    const added = await requestOperation(db(), { operationId: "treasury.account.add", input: { chain: "xrpl", address: cold, asset: "XRP", label: "Cold wallet", purpose: "multisig", warnBelow: "1000", critBelow: "100" }, actor: treasury });
    expect(added).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await requestOperation(db(), { operationId: "treasury.account.add", input: { chain: "xrpl", address: cold, asset: "XRP", label: "Again", purpose: "other" }, actor: treasury })).toMatchObject({ ok: false, code: "FORBIDDEN", error: "This account is already followed" });
    const bad = await requestOperation(db(), { operationId: "treasury.account.add", input: { chain: "evm", address: "0x1234", asset: "ETH", label: "Broken", purpose: "other" }, actor: treasury });
    expect(bad).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { address: [expect.stringContaining("EVM address")] } });
    expect(await requestOperation(db(), { operationId: "treasury.account.add", input: { chain: "xrpl", address: XrplWallet.generate().address, asset: "XRP", label: "Lines", purpose: "other", warnBelow: "10", critBelow: "50" }, actor: treasury })).toMatchObject({
      ok: false,
      fieldErrors: { critBelow: [expect.stringContaining("at or below")] },
    });
    const support = await seedActor(db(), ["support"]);
    expect(await requestOperation(db(), { operationId: "treasury.account.add", input: { chain: "xrpl", address: XrplWallet.generate().address, asset: "XRP", label: "Sneaky", purpose: "other" }, actor: support })).toMatchObject({ ok: false, code: "FORBIDDEN" });

    // A treasury account is where fees belong (reconciliation): naming one waits for an approver.
    expect(await requestOperation(db(), { operationId: "treasury.account.add", input: { chain: "evm", address: EvmWallet.createRandom().address, asset: "ETH", label: "New fee wallet", purpose: "treasury" }, reason: "new multisig", actor: treasury })).toMatchObject({
      ok: true,
      data: { status: "pending_approval" },
    });

    // An account that does not exist on the ledger yet reads as empty, below its lines.
    await pollTreasuryBalances(db());
    const [row] = await listAccounts(db(), await readThresholdValues(), { id: await accountId("xrpl", cold, "XRP") });
    expect(row).toMatchObject({ total: "0.0", state: "crit", warn: 1000, crit: 100, canSend: false });

    // The history starts from the last reading before the range, not from any older one.
    const HOUR = 3_600_000;
    await db().balanceSnapshot.createMany({
      data: [
        { accountId: row!.id, at: new Date(Date.now() - 40 * HOUR), total: "5000000", spendable: "5000000", reserve: "0" },
        { accountId: row!.id, at: new Date(Date.now() - 30 * HOUR), total: "7000000", spendable: "7000000", reserve: "0" },
      ],
    });
    const history = await balanceHistory(db(), row!.id, 6, "24h");
    expect(history[0]!.total).toBe(7);
    expect(history.at(-1)!.total).toBe(0);
  });
});

describe("[TREASURY] transfers", () => {
  it("sends one transaction when the last two approvals arrive at the same moment", async () => {
    const exchange = XrplWallet.generate().address;
    const destination = await addDestination("xrpl", exchange, "Exchange deposit", 104857);
    const treasury = await seedActor(db(), ["treasury"]);
    const source = await accountId("xrpl", TREASURY_XRPL, "XRP");
    const ask = await requestOperation(db(), { operationId: "treasury.transfer", input: { source, destination: destination.id, amount: "150", memo: "monthly settlement" }, reason: "monthly settlement", actor: treasury });
    const requestId = idOf(ask);
    const request = await db().approvalRequest.findUniqueOrThrow({ where: { id: requestId } });
    // Two approvers below the limit; the title names both ends and the tag.
    expect(request.requiredCount).toBe(2);
    expect(request.title).toBe(`Send 150 XRP from Treasury wallet (${TREASURY_XRPL}) to Exchange deposit (${exchange} tag 104857)`);
    expect((await listTransfers(db(), ["treasury.transfer"]))[0]).toMatchObject({ requestId, state: "waiting", approvals: 0, requiredCount: 2, txHash: null });

    const [a1, a2] = await approvers(2);
    const votes = await Promise.all([a1, a2].map((a) => voteOnRequest(db(), { actor: a!, input: { requestId, decision: "approve" } })));
    expect(votes.some((v) => v.ok && (v.data as { status: string }).status === "executed")).toBe(true);

    const sent = await db().chainTransaction.findMany({ where: { purpose: "treasury.transfer" } });
    expect(sent).toHaveLength(1);
    expect(await dropsOf(exchange)).toBe(150_000_000n);
    const row = (await listTransfers(db(), ["treasury.transfer"]))[0]!;
    expect(row).toMatchObject({ state: "confirmed", txHash: sent[0]!.txHash });
    // The destination tag and memo went on chain with it.
    const tx = await xrplCall(chains().xrplChain, "tx", (c) => c.request({ command: "tx", transaction: sent[0]!.txHash }));
    expect((tx.result as unknown as { tx_json?: { DestinationTag?: number }; DestinationTag?: number }).tx_json?.DestinationTag ?? (tx.result as { DestinationTag?: number }).DestinationTag).toBe(104857);
  });

  it("signs an approved transfer again when its first payment expired unsent (the sender died), and pays once", async () => {
    const payee = XrplWallet.generate().address;
    const destination = await addDestination("xrpl", payee, "Settlement account");
    const treasury = await seedActor(db(), ["treasury"]);
    const source = await accountId("xrpl", TREASURY_XRPL, "XRP");
    const requestId = idOf(await requestOperation(db(), { operationId: "treasury.transfer", input: { source, destination: destination.id, amount: "40" }, reason: "settlement", actor: treasury }));
    const [a1, a2] = await approvers(2);
    await voteOnRequest(db(), { actor: a1!, input: { requestId, decision: "approve" } });
    // The process sending it "dies" right after recording the signed payment, before submitting it.
    const stop = onXrplSendPhase((phase, info) => {
      if (phase === "recorded" && info.intentKey.endsWith(":treasury.transfer")) throw new StillPendingError("the sender died");
    });
    try {
      await voteOnRequest(db(), { actor: a2!, input: { requestId, decision: "approve" } });
    } finally {
      stop();
    }
    const execution = await db().execution.findFirstOrThrow({ where: { requestId } });
    expect(execution.status).toBe("RUNNING");
    // The ledger moves past the payment's last ledger before anyone resumes it.
    for (let i = 0; i < 25; i++) await xrplCall(chains().xrplChain, "ledger_accept", (c) => c.request({ command: "ledger_accept" } as never));
    const resumed = await completeExecution(db(), execution.id, { requestId: "reconciler" });
    expect(resumed.ok, JSON.stringify(resumed)).toBe(true);
    const attempts = await db().chainTransaction.findMany({ where: { executionId: execution.id }, orderBy: { createdAt: "asc" } });
    expect(attempts.map((a) => [a.intentKey.split(":").slice(1).join(":"), a.status, a.blockNumber === null])).toEqual([
      ["treasury.transfer", "FAILED", true],
      ["treasury.transfer:2", "CONFIRMED", false],
    ]);
    expect(await dropsOf(payee)).toBe(40_000_000n);
    expect((await listTransfers(db(), ["treasury.transfer"])).find((t) => t.requestId === requestId)).toMatchObject({ state: "confirmed", txHash: attempts[1]!.txHash });
  });

  it("asks a third approver above the limit, and sends tokens on EVM", async () => {
    const payee = EvmWallet.createRandom().address;
    const destination = await addDestination("evm", payee, "Market maker");
    const treasury = await seedActor(db(), ["treasury"]);
    const source = await accountId("evm", DEV_ROLES.treasury.address.toLowerCase(), chains().evm.token.toLowerCase());
    const large = await requestOperation(db(), { operationId: "treasury.transfer", input: { source, destination: destination.id, amount: "10000.5" }, reason: "quarterly", actor: treasury });
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: idOf(large) } })).requiredCount).toBe(3);

    // The dev treasury starts with fees only: the token's owner mints it a float.
    const token = new Contract(chains().evm.token, ["function mint(address,uint256)"], devSigner(chains().provider, DEV_ROLES.owner.privateKey));
    await (await token.getFunction("mint")(DEV_ROLES.treasury.address, usdt(1_000), DEV_TX_OVERRIDES)).wait();
    const small = await requestOperation(db(), { operationId: "treasury.transfer", input: { source, destination: destination.id, amount: "250.25" }, reason: "market making float", actor: treasury });
    const [a1, a2] = await approvers(2);
    await voteOnRequest(db(), { actor: a1!, input: { requestId: idOf(small), decision: "approve" } });
    const done = await voteOnRequest(db(), { actor: a2!, input: { requestId: idOf(small), decision: "approve" } });
    expect(done, JSON.stringify(done)).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await usdtBalance(chains(), payee)).toBe(250.25);
  });

  it("asks for the third approver when the limit is lowered while the request waits", async () => {
    const destination = await addDestination("xrpl", XrplWallet.generate().address, "OTC desk");
    const treasury = await seedActor(db(), ["treasury"]);
    const source = await accountId("xrpl", TREASURY_XRPL, "XRP");
    const ask = await requestOperation(db(), { operationId: "treasury.transfer", input: { source, destination: destination.id, amount: "9000" }, reason: "OTC settlement", actor: treasury });
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: idOf(ask) } })).requiredCount).toBe(2);
    await db().setting.upsert({ where: { key: "threshold.treasuryTransferLimitXrp" }, create: { key: "threshold.treasuryTransferLimitXrp", value: 5000 }, update: { value: 5000 } });
    try {
      const [a1, a2, a3] = await approvers(3);
      await voteOnRequest(db(), { actor: a1!, input: { requestId: idOf(ask), decision: "approve" } });
      expect(await voteOnRequest(db(), { actor: a2!, input: { requestId: idOf(ask), decision: "approve" } })).toMatchObject({ ok: true, data: { status: "recorded", approvals: 2, requiredCount: 3 } });
      expect(await dropsOf(destination.address)).toBe(0n);
      expect(await voteOnRequest(db(), { actor: a3!, input: { requestId: idOf(ask), decision: "approve" } })).toMatchObject({ ok: true, data: { status: "executed" } });
      expect(await dropsOf(destination.address)).toBe(9_000_000_000n);
    } finally {
      await db().setting.delete({ where: { key: "threshold.treasuryTransferLimitXrp" } });
    }
  });

  it("refuses blacklisted destinations: in the address book, at request, and when an approved transfer runs", async () => {
    const treasury = await seedActor(db(), ["treasury"]);
    const scam = XrplWallet.generate().address;
    await db().blacklistEntry.create({ data: { wallet: scam, reason: "confirmed scam", source: "manual", addedBy: "ops@example.com" } });
    const refused = await requestOperation(db(), { operationId: "treasury.destination.add", input: { chain: "xrpl", address: scam, label: "Looks fine" }, reason: "new partner", actor: treasury });
    expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN", error: expect.stringContaining("blacklisted") });
    expect(await db().approvalRequest.count({ where: { operationId: "treasury.destination.add", input: { path: ["address"], equals: scam } } })).toBe(0);

    // Added while clean, blacklisted between the request and the last approval: nothing is sent.
    const later = XrplWallet.generate().address;
    const destination = await addDestination("xrpl", later, "Partner");
    const source = await accountId("xrpl", TREASURY_XRPL, "XRP");
    const ask = await requestOperation(db(), { operationId: "treasury.transfer", input: { source, destination: destination.id, amount: "40" }, reason: "partner payout", actor: treasury });
    await db().blacklistEntry.create({ data: { wallet: later, reason: "reported after the request", source: "manual", addedBy: "ops@example.com" } });
    expect(await requestOperation(db(), { operationId: "treasury.transfer", input: { source, destination: destination.id, amount: "41" }, reason: "again", actor: treasury })).toMatchObject({ ok: false, code: "FORBIDDEN", error: expect.stringContaining("blacklisted") });
    const [a1, a2] = await approvers(2);
    await voteOnRequest(db(), { actor: a1!, input: { requestId: idOf(ask), decision: "approve" } });
    const last = await voteOnRequest(db(), { actor: a2!, input: { requestId: idOf(ask), decision: "approve" } });
    expect(last).toMatchObject({ ok: false, error: expect.stringContaining("blacklisted") });
    expect(await dropsOf(later)).toBe(0n);
    expect(await db().chainTransaction.count({ where: { toAddress: later } })).toBe(0);
  });

  it("refuses a transfer from a wallet OpsDeck holds no key for, and across chains", async () => {
    const treasury = await seedActor(db(), ["treasury"]);
    const destination = await addDestination("xrpl", XrplWallet.generate().address, "Somewhere");
    const escrow = await accountId("evm", chains().evm.escrow.toLowerCase(), chains().evm.token.toLowerCase());
    expect(await requestOperation(db(), { operationId: "treasury.transfer", input: { source: escrow, destination: destination.id, amount: "1" }, reason: "x", actor: treasury })).toMatchObject({ ok: false, error: expect.stringContaining("on XRPL") });
    const evmDest = await addDestination("evm", EvmWallet.createRandom().address, "Elsewhere");
    expect(await requestOperation(db(), { operationId: "treasury.transfer", input: { source: escrow, destination: evmDest.id, amount: "1" }, reason: "x", actor: treasury })).toMatchObject({ ok: false, error: expect.stringContaining("no key") });
  });
});

describe("[TREASURY] platform wallet rotation", () => {
  it("moves the funds once, switches, and records the rotation in the schedule", async () => {
    const operator = await seedActor(db(), ["operator"]);
    const before = await readPlatformWallet(db());
    const from = devXrplWallet("platform").address;
    const to = devXrplWallet("platform-next").address;
    expect(before).toMatchObject({ active: from, next: to });

    // Switching first is refused: the old wallet would never sign again, its funds stuck.
    expect(await requestOperation(db(), { operationId: "wallet.rotation.switch", input: { from, to }, reason: "too early", actor: operator })).toMatchObject({ ok: false, code: "FORBIDDEN", error: expect.stringContaining("Move the funds") });

    const fromDrops = await dropsOf(from);
    const move = await requestOperation(db(), { operationId: "wallet.rotation.transfer", input: { from, to }, reason: "scheduled rotation", actor: operator });
    const [a1, a2] = await approvers(2);
    await voteOnRequest(db(), { actor: a1!, input: { requestId: idOf(move), decision: "approve" } });
    expect(await voteOnRequest(db(), { actor: a2!, input: { requestId: idOf(move), decision: "approve" } })).toMatchObject({ ok: true, data: { status: "executed" } });
    const moved = await dropsOf(to);
    // Everything above the reserve, less the 1 XRP fee margin (and the fee itself).
    const left = await dropsOf(from);
    expect(moved).toBeGreaterThan(0n);
    expect(left + moved).toBeLessThan(fromDrops);
    expect(fromDrops - moved - left).toBeLessThan(1_000n); // only the fee was burnt
    expect(await db().chainTransaction.count({ where: { purpose: "wallet.rotation.transfer" } })).toBe(1);
    // Run again after the fact (what the reconciler does after a crash): the recorded payment is
    // found and reported, nothing is sent again.
    const execution = await db().execution.findFirstOrThrow({ where: { requestId: idOf(move) } });
    await db().execution.update({ where: { id: execution.id }, data: { status: "RUNNING" } });
    const again = await completeExecution(db(), execution.id);
    expect(again).toMatchObject({ ok: true, data: { status: "executed", result: { txHash: (execution.result as { txHash: string }).txHash } } });
    expect(await dropsOf(to)).toBe(moved);

    const flip = await requestOperation(db(), { operationId: "wallet.rotation.switch", input: { from, to }, reason: "funds moved", actor: operator });
    const [b1] = await approvers(1);
    expect(await voteOnRequest(db(), { actor: b1!, input: { requestId: idOf(flip), decision: "approve" } })).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await readPlatformWallet(db())).toMatchObject({ active: to, next: from });
    // The replaced wallet never signs again; the new one does.
    expect(await signerFor(db(), "xrpl", from)).toBeNull();
    expect(await signerFor(db(), "xrpl", to)).not.toBeNull();
    const secret = await db().managedSecret.findUniqueOrThrow({ where: { id: "platform-xrpl-seed" }, include: { rotations: { orderBy: { rotatedAt: "desc" } } } });
    expect(secret.lastRotatedBy).toBe(operator.email);
    expect(secret.rotations[0]).toMatchObject({ source: "wallet.rotation.switch", note: expect.stringContaining(`${from} → ${to}`) });
    // A second switch request made from the old state cannot flip it back.
    expect(await requestOperation(db(), { operationId: "wallet.rotation.switch", input: { from, to }, reason: "again", actor: operator })).toMatchObject({ ok: false, error: expect.stringContaining("no longer") });
    // The replaced key is still configured (until the next deploy), but the funds never go back to it.
    expect(await requestOperation(db(), { operationId: "wallet.rotation.transfer", input: { from: to, to: from }, reason: "back", actor: operator })).toMatchObject({ ok: false, error: expect.stringContaining("retired") });
    // The accounts follow: the new wallet is the platform wallet, the old one is marked replaced.
    await syncConfiguredAccounts(db());
    const platform = await db().treasuryAccount.findMany({ where: { chain: "xrpl", address: { in: [from, to] } }, select: { address: true, label: true } });
    expect(platform).toEqual(expect.arrayContaining([{ address: to, label: "Platform wallet" }, { address: from, label: "Platform wallet (replaced)" }]));

    // Leave the platform wallet as configured (on the embedded database other files share these tables).
    await db().setting.deleteMany({ where: { key: "platform.wallet" } });
    await db().execution.deleteMany({ where: { operationId: { in: ["wallet.rotation.transfer", "wallet.rotation.switch"] } } });
  });
});
