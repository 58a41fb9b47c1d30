import { describe, expect, it } from "vitest";
import { Wallet as EthersWallet } from "ethers";
import { requestOperation } from "@/lib/operations/pipeline";
import { voteOnRequest } from "@/lib/operations/approvals";
import { chainKey } from "@/lib/chains/evm";
import { syncEscrowEvents } from "@/lib/chains/escrow-sync";
import { ZDisputeFilters, listDisputes, countMyOpenDisputes } from "@/lib/disputes/queue";
import { readDispute, resolutionState } from "@/lib/disputes/detail";
import { readArbitratorPool, readDisputeInsights } from "@/lib/disputes/insights";
import { disputeRef } from "@/lib/disputes/ref";
import { blacklistEntryFor, blacklistedAmong } from "@/lib/blacklist/queries";
import { DEV_ROLES } from "@/devchains/evm/accounts";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";
import { createDispute, ensureUnpaused, escrowRead, usdtBalance, withTestChains } from "../support/chains";
import { DEV_TX_OVERRIDES, devSigner, platformContract } from "@/devchains/evm/deploy";

const db = testDb();
const chains = withTestChains(db);

const key = () => chainKey(chains().evmChain);
const sync = () => syncEscrowEvents(db, chains().evmChain);
const filters = (f: Record<string, string> = {}) => ZDisputeFilters.parse(f);
const SLA = { slaHours: 24 };
const ownerNonce = () => chains().provider.getTransactionCount(DEV_ROLES.owner.address, "latest");

async function openDisputeInDb(opts: { amount?: number; by?: "buyer" | "seller" } = {}) {
  await ensureUnpaused(chains());
  const d = await createDispute(chains(), opts);
  await sync();
  return { ...d, chain: key(), ref: disputeRef(key(), d.orderId) };
}

describe("[DISPUTES][QUEUE]: disputes opened on chain reach the queue", () => {
  it("lists a dispute opened on chain with its amount, parties and age, and counts it as open", async () => {
    const support = await seedActor(db, ["support"]);
    const d = await openDisputeInDb({ amount: 321 });
    const queue = await listDisputes(db, support, filters({ chain: key() }), SLA);
    const row = queue.rows.find((r) => r.orderId === String(d.orderId));
    expect(row).toMatchObject({ status: "disputed", amount: "321.000000", symbol: "USDT", buyer: d.buyer, seller: d.seller, disputedBy: d.buyer, assigneeId: null });
    expect(queue.counts.open).toBeGreaterThanOrEqual(1);

    const detail = await readDispute(db, support, { chain: d.chain, orderId: BigInt(d.orderId) });
    expect(detail?.order).toMatchObject({ amount: "321.0", symbol: "USDT", status: "disputed" });
    expect(detail?.onChain.order?.status).toBe("disputed");
    expect(detail?.events.map((e) => e.name)).toEqual(["OrderCreated", "OrderPaid", "OrderDisputed"]);
    expect(detail?.buyer).toMatchObject({ wallet: d.buyer, disputes: expect.any(Number), disputesOpened: expect.any(Number) });
    expect(detail?.buyer.ordersAsBuyer).toBeGreaterThanOrEqual(1);
  });

  it("refuses the queue to roles without the disputes page", async () => {
    const viewer = await seedActor(db, ["viewer"]);
    await expect(listDisputes(db, viewer, filters(), SLA)).rejects.toThrow(/support/);
  });
});

describe("[DISPUTES][RESOLVE]: resolution on chain", () => {
  it("refunds the buyer in full on chain, exactly once, and the queue shows it resolved after the sync", async () => {
    const support = await seedActor(db, ["support"]);
    const d = await openDisputeInDb({ amount: 400 });
    const before = await usdtBalance(chains(), d.buyer);
    expect(await requestOperation(db, { operationId: "dispute.claim", input: { chain: d.chain, orderId: d.orderId }, actor: support })).toMatchObject({ ok: true, data: { status: "executed" } });
    const result = await requestOperation(db, { operationId: "dispute.resolve", input: { chain: d.chain, orderId: d.orderId, favour: "buyer", note: "seller sent no goods: tracking number is fake" }, actor: support });
    expect(result).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await usdtBalance(chains(), d.buyer)).toBe(before + 400);
    expect(Number((await escrowRead(chains()).getFunction("orders")(d.orderId)).status)).toBe(5); // ResolvedBuyer

    const executionId = result.ok && result.data.status === "executed" ? result.data.executionId : "";
    expect(await db.chainTransaction.count({ where: { executionId, status: "CONFIRMED" } })).toBe(1);
    const state = await resolutionState(db, d.chain, BigInt(d.orderId));
    expect(state).toMatchObject({ kind: "sent", favour: "buyer", txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) });

    await sync();
    const resolved = await listDisputes(db, support, filters({ chain: key(), status: "resolved_buyer" }), SLA);
    expect(resolved.rows.map((r) => r.orderId)).toContain(String(d.orderId));
    const open = await listDisputes(db, support, filters({ chain: key() }), SLA);
    expect(open.rows.map((r) => r.orderId)).not.toContain(String(d.orderId));
    const detail = await readDispute(db, support, { chain: d.chain, orderId: BigInt(d.orderId) });
    expect(detail?.notes.at(-1)?.body).toContain("Resolved in favour of the buyer");
    expect(await db.auditEvent.count({ where: { action: "dispute.resolve.executed", actorId: support.id } })).toBe(1);

    // The same resolution again: the contract has moved on, nothing is sent.
    const nonce = await ownerNonce();
    const again = await requestOperation(db, { operationId: "dispute.resolve", input: { chain: d.chain, orderId: d.orderId, favour: "seller", note: "second thoughts on the evidence" }, actor: support });
    expect(again).toMatchObject({ ok: false, code: "FORBIDDEN", error: expect.stringContaining("already resolved") });
    expect(await ownerNonce()).toBe(nonce);
  });

  it("pays the seller minus the fee, and the fee to the treasury", async () => {
    const admin = await seedActor(db, ["admin"]);
    const d = await openDisputeInDb({ amount: 1000, by: "seller" });
    const [seller, treasury] = await Promise.all([usdtBalance(chains(), d.seller), usdtBalance(chains(), chains().evm.treasury)]);
    const result = await requestOperation(db, { operationId: "dispute.resolve", input: { chain: d.chain, orderId: d.orderId, favour: "seller", note: "delivery confirmed by the courier" }, actor: admin });
    expect(result).toMatchObject({ ok: true, data: { status: "executed" } });
    const fee = Number((await escrowRead(chains()).getFunction("feeBps")()) as bigint) / 10_000 * 1000;
    expect(await usdtBalance(chains(), d.seller)).toBeCloseTo(seller + 1000 - fee, 6);
    expect(await usdtBalance(chains(), chains().evm.treasury)).toBeCloseTo(treasury + fee, 6);
  });

  it("waits for an approver above the large-resolution threshold, sends nothing until then, then sends once", async () => {
    const support = await seedActor(db, ["support"]);
    const d = await openDisputeInDb({ amount: 6000 });
    const nonce = await ownerNonce();
    const asked = await requestOperation(db, { operationId: "dispute.resolve", input: { chain: d.chain, orderId: d.orderId, favour: "seller", note: "buyer confirmed receipt in chat" }, reason: "buyer confirmed receipt in chat", actor: support });
    expect(asked).toMatchObject({ ok: true, data: { status: "pending_approval", requiredCount: 1 } });
    expect(await ownerNonce()).toBe(nonce);
    expect(await resolutionState(db, d.chain, BigInt(d.orderId))).toMatchObject({ kind: "waiting_approval", favour: "seller", requestedBy: support.email });

    // A second agent cannot slip a different resolution in while the first waits.
    const other = await seedActor(db, ["admin"]);
    const second = await requestOperation(db, { operationId: "dispute.resolve", input: { chain: d.chain, orderId: d.orderId, favour: "buyer", note: "I think the buyer is right" }, reason: "I think the buyer is right", actor: other });
    expect(second).toMatchObject({ ok: false, code: "FORBIDDEN", error: expect.stringContaining("waiting for an approver") });

    const approver = await seedActor(db, ["approver"]);
    const requestId = asked.ok && asked.data.status === "pending_approval" ? asked.data.requestId : "";
    const done = await voteOnRequest(db, { actor: approver, input: { requestId, decision: "approve" } });
    expect(done).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await ownerNonce()).toBe(nonce + 1);
    expect(Number((await escrowRead(chains()).getFunction("orders")(d.orderId)).status)).toBe(6); // ResolvedSeller
    await sync();
    const detail = await readDispute(db, support, { chain: d.chain, orderId: BigInt(d.orderId) });
    expect(detail?.order.status).toBe("resolved_seller");
    expect(detail?.notes.at(-1)?.body).toContain(`Approved by ${approver.email}`);
  });

  it("keeps resolution to the support desk and admins, and to the agent who works the dispute", async () => {
    const d = await openDisputeInDb({ amount: 50 });
    for (const role of ["viewer", "operator", "treasury", "approver", "auditor"] as const) {
      const actor = await seedActor(db, [role]);
      const result = await requestOperation(db, { operationId: "dispute.resolve", input: { chain: d.chain, orderId: d.orderId, favour: "buyer", note: "I should not be able to do this" }, actor });
      expect(result, role).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    const owner = await seedActor(db, ["support"]);
    const other = await seedActor(db, ["support"]);
    expect(await requestOperation(db, { operationId: "dispute.claim", input: { chain: d.chain, orderId: d.orderId }, actor: owner })).toMatchObject({ ok: true });
    const nonce = await ownerNonce();
    const result = await requestOperation(db, { operationId: "dispute.resolve", input: { chain: d.chain, orderId: d.orderId, favour: "buyer", note: "taking over without asking" }, actor: other });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", error: expect.stringContaining(owner.email) });
    expect(await ownerNonce()).toBe(nonce);
  });
});

describe("[DISPUTES][DESK]: claim, give back, assign in bulk, evidence", () => {
  it("gives a dispute to exactly one of two agents claiming at once", async () => {
    const d = await openDisputeInDb({ amount: 75 });
    const [a, b] = await Promise.all([seedActor(db, ["support"]), seedActor(db, ["support"])]);
    const results = await Promise.all([a, b].map((actor) => requestOperation(db, { operationId: "dispute.claim", input: { chain: d.chain, orderId: d.orderId }, actor })));
    const executed = results.filter((r) => r.ok && r.data.status === "executed");
    expect(executed).toHaveLength(1);
    const desk = await db.disputeCase.findUniqueOrThrow({ where: { chain_orderId: { chain: d.chain, orderId: BigInt(d.orderId) } } });
    expect([a.id, b.id]).toContain(desk.assigneeId);
    const winner = desk.assigneeId === a.id ? a : b;
    expect(await countMyOpenDisputes(db, winner)).toBeGreaterThanOrEqual(1);
    const mine = await listDisputes(db, winner, filters({ chain: key(), assignee: "mine" }), SLA);
    expect(mine.rows.map((r) => r.orderId)).toContain(String(d.orderId));

    // The other agent cannot give it back; a lead (operator) can.
    const loser = winner === a ? b : a;
    expect(await requestOperation(db, { operationId: "dispute.unclaim", input: { chain: d.chain, orderId: d.orderId }, actor: loser })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const lead = await seedActor(db, ["operator"]);
    expect(await requestOperation(db, { operationId: "dispute.unclaim", input: { chain: d.chain, orderId: d.orderId }, actor: lead })).toMatchObject({ ok: true, data: { status: "executed" } });
    const unassigned = await listDisputes(db, lead, filters({ chain: key(), assignee: "none" }), SLA);
    expect(unassigned.rows.map((r) => r.orderId)).toContain(String(d.orderId));
  });

  it("assigns many open disputes at once, and changes nothing when one of them is closed", async () => {
    const [d1, d2] = [await openDisputeInDb({ amount: 10 }), await openDisputeInDb({ amount: 20 })];
    const lead = await seedActor(db, ["operator"]);
    const agent = await seedActor(db, ["support"]);
    const ok = await requestOperation(db, { operationId: "dispute.assign", input: { disputes: [d1.ref, d2.ref], assigneeId: agent.id }, actor: lead });
    expect(ok).toMatchObject({ ok: true, data: { status: "executed", result: { assigned: 2, assignee: agent.email } } });
    const theirs = await listDisputes(db, lead, filters({ chain: key(), assignee: agent.id }), SLA);
    expect(theirs.rows.map((r) => r.orderId).sort()).toEqual([String(d1.orderId), String(d2.orderId)].sort());

    // Close d2, then try to hand both back: refused as a whole.
    const admin = await seedActor(db, ["admin"]);
    await requestOperation(db, { operationId: "dispute.resolve", input: { chain: d2.chain, orderId: d2.orderId, favour: "buyer", note: "refund agreed by both parties" }, actor: admin });
    await sync();
    const refused = await requestOperation(db, { operationId: "dispute.assign", input: { disputes: [d1.ref, d2.ref], assigneeId: "none" }, actor: lead });
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT", error: expect.stringContaining(`#${d2.orderId}`) });
    const desk = await db.disputeCase.findUniqueOrThrow({ where: { chain_orderId: { chain: d1.chain, orderId: BigInt(d1.orderId) } } });
    expect(desk.assigneeId).toBe(agent.id);

    // Only agents and admins can be given disputes.
    const viewer = await seedActor(db, ["viewer"]);
    const wrong = await requestOperation(db, { operationId: "dispute.assign", input: { disputes: [d1.ref], assigneeId: viewer.id }, actor: lead });
    expect(wrong).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { assigneeId: [expect.stringContaining("support")] } });
  });

  it("keeps evidence notes with their CIDs, author and time; a malformed CID is refused with nothing written", async () => {
    const d = await openDisputeInDb({ amount: 30 });
    const support = await seedActor(db, ["support"]);
    const cid = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG";
    const bad = await requestOperation(db, { operationId: "dispute.note", input: { chain: d.chain, orderId: d.orderId, body: "receipt", cids: "not-a-cid" }, actor: support });
    expect(bad).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { cids: [expect.stringContaining("CID")] } });
    expect(await db.disputeNote.count({ where: { chain: d.chain, orderId: BigInt(d.orderId) } })).toBe(0);
    const good = await requestOperation(db, { operationId: "dispute.note", input: { chain: d.chain, orderId: d.orderId, body: "Bank receipt from the buyer", cids: `${cid}, bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi` }, actor: support });
    expect(good).toMatchObject({ ok: true, data: { status: "executed" } });
    const detail = await readDispute(db, support, { chain: d.chain, orderId: BigInt(d.orderId) });
    expect(detail?.notes).toEqual([expect.objectContaining({ authorEmail: support.email, body: "Bank receipt from the buyer", cids: [cid, "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"] })]);
  });
});

describe("[DISPUTES][BLACKLIST]: RB-04 step 4 with one approver", () => {
  it("blacklists a wallet after approval, flags it in the queue, refuses a second entry, and lifts it with history kept", async () => {
    const d = await openDisputeInDb({ amount: 15 });
    const support = await seedActor(db, ["support"]);
    const approver = await seedActor(db, ["approver"]);
    const asked = await requestOperation(db, { operationId: "wallet.blacklist", input: { wallet: d.seller.toUpperCase().replace("0X", "0x"), why: "four lost disputes in a week with fake receipts", source: "dispute" }, reason: "four lost disputes in a week with fake receipts", actor: support });
    expect(asked).toMatchObject({ ok: true, data: { status: "pending_approval" } });
    expect(await blacklistEntryFor(db, d.seller)).toBeNull();
    const requestId = asked.ok && asked.data.status === "pending_approval" ? asked.data.requestId : "";
    expect(await voteOnRequest(db, { actor: approver, input: { requestId, decision: "approve" } })).toMatchObject({ ok: true, data: { status: "executed" } });

    const entry = await blacklistEntryFor(db, d.seller);
    expect(entry).toMatchObject({ wallet: d.seller, source: "dispute", addedBy: support.email, reason: "four lost disputes in a week with fake receipts" });
    const queue = await listDisputes(db, support, filters({ chain: key() }), SLA);
    expect(queue.rows.find((r) => r.orderId === String(d.orderId))?.flagged).toEqual({ [d.seller]: "four lost disputes in a week with fake receipts" });

    const twice = await requestOperation(db, { operationId: "wallet.blacklist", input: { wallet: d.seller, why: "asking again by mistake today", source: "manual" }, reason: "asking again by mistake today", actor: support });
    expect(twice).toMatchObject({ ok: false, code: "FORBIDDEN", error: expect.stringContaining("already blacklisted") });

    const lift = await requestOperation(db, { operationId: "wallet.unblacklist", input: { wallet: d.seller, why: "appeal upheld: receipts were genuine" }, reason: "appeal upheld: receipts were genuine", actor: support });
    const liftId = lift.ok && lift.data.status === "pending_approval" ? lift.data.requestId : "";
    expect(await voteOnRequest(db, { actor: approver, input: { requestId: liftId, decision: "approve" } })).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await blacklistEntryFor(db, d.seller)).toBeNull();
    expect((await blacklistedAmong(db, [d.seller])).size).toBe(0);
    const history = await db.blacklistEntry.findMany({ where: { wallet: d.seller, addedBy: support.email } });
    expect(history).toEqual([expect.objectContaining({ removedBy: support.email, removeReason: "appeal upheld: receipts were genuine" })]);
  });

  it("accepts XRPL addresses as they are and refuses what is neither chain's address", async () => {
    const support = await seedActor(db, ["support"]);
    const xrpl = await requestOperation(db, { operationId: "wallet.blacklist", input: { wallet: "rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe", why: "faucet abuse from a rented botnet", source: "faucet-abuse" }, reason: "faucet abuse from a rented botnet", actor: support });
    expect(xrpl).toMatchObject({ ok: true, data: { status: "pending_approval" } });
    const evm = EthersWallet.createRandom().address;
    for (const wallet of ["0x123", "rNotAnAddress", evm.slice(0, -1) + "Z", ""]) {
      const result = await requestOperation(db, { operationId: "wallet.blacklist", input: { wallet, why: "testing a bad address here", source: "manual" }, reason: "testing a bad address here", actor: support });
      expect(result, wallet).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { wallet: [expect.any(String)] } });
    }
  });
});

describe("[DISPUTES][RB-04]: rate, trend, offenders and the arbitrator pool", () => {
  it("counts the 24 h rate and the trend from the synced orders and names a seller with repeat disputes", async () => {
    const support = await seedActor(db, ["support"]);
    // Two more disputes against the same seller (the dev users pair up by index).
    const first = await openDisputeInDb({ amount: 5 });
    let second = await openDisputeInDb({ amount: 6 });
    while (second.seller !== first.seller) second = await openDisputeInDb({ amount: 6 });
    const insights = await readDisputeInsights(db, support, { ratePct: 20 });
    expect(insights.chain).toBe(key());
    const orders = await db.escrowOrder.count({ where: { chain: key() } });
    const disputed = await db.escrowOrder.count({ where: { chain: key(), disputedAt: { not: null } } });
    expect(insights.rate24h).toMatchObject({ orders, disputed });
    expect(insights.trend).toHaveLength(30);
    expect(insights.trend.at(-1)).toMatchObject({ orders, disputes: disputed });
    expect(insights.sellers.find((s) => s.wallet === first.seller)?.disputes).toBeGreaterThanOrEqual(2);
    // This file's chain started empty: every wallet on it is new, and this seller's orders are nearly all disputed.
    const firstOrder = await db.escrowOrder.aggregate({ where: { chain: key(), OR: [{ buyer: first.seller }, { seller: first.seller }] }, _min: { createdAt: true } });
    expect((await db.escrowWallet.findUniqueOrThrow({ where: { chain_wallet: { chain: key(), wallet: first.seller } } })).firstOrderAt).toEqual(firstOrder._min.createdAt);
    expect(insights.newAccounts.find((a) => a.wallet === first.seller)).toMatchObject({ disputes: expect.any(Number), orders: expect.any(Number) });
    expect(insights.newAccounts.every((a) => a.orders >= 2 && a.pct > 20)).toBe(true);
  });

  it("reads the arbitrator pool from the chain with each one's 30-day outcomes", async () => {
    const support = await seedActor(db, ["support"]);
    const pool = await readArbitratorPool(db, support);
    expect(pool.error).toBeNull();
    expect(pool.rows.length).toBeGreaterThan(0);
    const resolved = await db.escrowOrder.count({ where: { chain: key(), status: { in: ["resolved_buyer", "resolved_seller"] }, arbitrator: { not: null } } });
    expect(pool.rows.reduce((n, a) => n + a.favourBuyer30d + a.favourSeller30d, 0)).toBe(resolved);
    for (const a of pool.rows) expect(a.isAtRisk).toBe(a.isActive && a.reputation < 20);
  });
});

describe("[DISPUTES][PAGES]: keyset pages visit every dispute once, in order, in both sorts", () => {
  it("walks 130 disputes with tied ages and amounts (and some not yet valued) without losing or repeating one", async () => {
    const support = await seedActor(db, ["support"]);
    const chain = `evm:${800_000_000 + Math.floor(Math.random() * 99_999_999)}`;
    const base = Date.now() - 10 * 86_400_000;
    const party = () => EthersWallet.createRandom().address.toLowerCase();
    const statuses = ["disputed", "disputed", "resolved_buyer", "resolved_seller"] as const;
    await db.escrowOrder.createMany({
      data: Array.from({ length: 130 }, (_, i) => {
        const at = new Date(base + Math.floor(i / 3) * 3_600_000); // three disputes share each hour
        return {
          chain,
          orderId: BigInt(i + 1),
          buyer: party(),
          seller: party(),
          token: "0x00000000000000000000000000000000000000aa",
          amount: "1",
          fee: "0",
          amountValue: i % 17 === 0 ? null : String(100 * (i % 7)), // ties, and a few unknown amounts
          status: statuses[i % 4]!,
          createdAt: at,
          paidAt: at,
          disputedAt: at,
          closedAt: statuses[i % 4] === "disputed" ? null : at,
          updatedAt: at,
          createdBlock: BigInt(i),
        };
      }),
    });
    const walk = async (f: Record<string, string>) => {
      const ids: number[] = [];
      let after: string | null = null;
      do {
        const page = await listDisputes(db, support, filters({ chain, ...f, ...(after ? { after } : {}) }), SLA);
        ids.push(...page.rows.map((r) => Number(r.orderId)));
        after = page.next;
      } while (after);
      return ids;
    };
    const rows = await db.escrowOrder.findMany({ where: { chain } });
    const byId = new Map(rows.map((r) => [Number(r.orderId), r]));

    const byAge = await walk({ status: "all" });
    expect(byAge).toHaveLength(130);
    expect(new Set(byAge).size).toBe(130);
    expect(byAge).toEqual([...byAge].sort((a, b) => byId.get(a)!.disputedAt!.getTime() - byId.get(b)!.disputedAt!.getTime() || a - b));

    const byAmount = await walk({ status: "all", sort: "amount" });
    expect(new Set(byAmount).size).toBe(130);
    const amount = (id: number) => (byId.get(id)!.amountValue === null ? Infinity : Number(byId.get(id)!.amountValue));
    expect(byAmount).toEqual([...byAmount].sort((a, b) => amount(b) - amount(a) || b - a));

    const open = await walk({});
    expect(open.every((id) => byId.get(id)!.status === "disputed")).toBe(true);
    const page = await listDisputes(db, support, filters({ chain }), SLA);
    expect(page.counts).toEqual({ open: open.length, resolved_buyer: 32, resolved_seller: 32 });

    const mid = await walk({ status: "all", min: "200", max: "400" });
    expect(mid.length).toBeGreaterThan(0);
    expect(mid.every((id) => amount(id) >= 200 && amount(id) <= 400)).toBe(true);
  });
});

describe("[DISPUTES][REVIEW]: edges found in review", () => {
  it("lets an agent take only unassigned disputes, for themselves; a lead hands out anything", async () => {
    const d = await openDisputeInDb({ amount: 11 });
    const [owner, other] = [await seedActor(db, ["support"]), await seedActor(db, ["support"])];
    expect(await requestOperation(db, { operationId: "dispute.claim", input: { chain: d.chain, orderId: d.orderId }, actor: owner })).toMatchObject({ ok: true });
    const takeover = await requestOperation(db, { operationId: "dispute.assign", input: { disputes: [d.ref], assigneeId: other.id }, actor: other });
    expect(takeover).toMatchObject({ ok: false, code: "FORBIDDEN", error: expect.stringContaining(owner.email) });
    const handOff = await requestOperation(db, { operationId: "dispute.assign", input: { disputes: [d.ref], assigneeId: "none" }, actor: other });
    expect(handOff).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const lead = await seedActor(db, ["operator"]);
    expect(await requestOperation(db, { operationId: "dispute.assign", input: { disputes: [d.ref], assigneeId: other.id }, actor: lead })).toMatchObject({ ok: true, data: { status: "executed" } });
  });

  it("asks an approver for any amount in a token other than the configured stablecoin", async () => {
    const { resolutionNeedsApproval } = await import("@/lib/operations/disputes");
    const d = await openDisputeInDb({ amount: 12 });
    expect(await resolutionNeedsApproval(db, d.chain, d.orderId)).toBe(false);
    await db.escrowOrder.update({ where: { chain_orderId: { chain: d.chain, orderId: BigInt(d.orderId) } }, data: { token: EthersWallet.createRandom().address.toLowerCase() } });
    expect(await resolutionNeedsApproval(db, d.chain, d.orderId)).toBe(true);
    await sync(); // the chain's events put the real token back
  });

  it("keeps syncing past an order too large to value, which stays unvalued (and so needs an approver)", async () => {
    await ensureUnpaused(chains());
    const buyer = DEV_ROLES.users[1]!;
    const escrow = platformContract("P2PEscrow", chains().evm.escrow, devSigner(chains().provider, buyer.privateKey));
    await (await escrow.getFunction("createOrder")(DEV_ROLES.users[8]!.address, chains().evm.token, 10n ** 40n, DEV_TX_OVERRIDES)).wait();
    const orderId = Number(await escrowRead(chains()).getFunction("nextOrderId")()) - 1;
    await expect(sync()).resolves.toMatchObject({ chain: key() });
    const row = await db.escrowOrder.findUniqueOrThrow({ where: { chain_orderId: { chain: key(), orderId: BigInt(orderId) } } });
    expect(row.amount.toFixed(0)).toBe((10n ** 40n).toString());
    expect(row.amountValue).toBeNull();
    const later = await openDisputeInDb({ amount: 13 });
    expect((await listDisputes(db, await seedActor(db, ["support"]), filters({ chain: key() }), SLA)).rows.map((r) => r.orderId)).toContain(String(later.orderId));
  });

  it("shows a resolution that went through even after a second attempt fails", async () => {
    const admin = await seedActor(db, ["admin"]);
    const d = await openDisputeInDb({ amount: 14 });
    const input = { chain: d.chain, orderId: d.orderId, favour: "buyer", note: "refund agreed by both parties" };
    expect(await requestOperation(db, { operationId: "dispute.resolve", input, actor: admin })).toMatchObject({ ok: true, data: { status: "executed" } });
    // Before the sync reads the event the database still says "disputed": the contract refuses the second one.
    const again = await requestOperation(db, { operationId: "dispute.resolve", input: { ...input, favour: "seller" }, actor: admin });
    expect(again.ok && again.data.status === "executed").toBe(false);
    expect(await resolutionState(db, d.chain, BigInt(d.orderId))).toMatchObject({ kind: "sent", favour: "buyer" });
  });

  it("sends one resolution when two are pressed at the same instant", async () => {
    const d = await openDisputeInDb({ amount: 16 });
    const [a, b] = [await seedActor(db, ["admin"]), await seedActor(db, ["admin"])];
    const nonce = await ownerNonce();
    const results = await Promise.all(
      [a, b].map((actor, i) => requestOperation(db, { operationId: "dispute.resolve", input: { chain: d.chain, orderId: d.orderId, favour: i ? "seller" : "buyer", note: "both pressed at once" }, actor })),
    );
    expect(results.filter((r) => r.ok && r.data.status === "executed")).toHaveLength(1);
    expect(await ownerNonce()).toBe(nonce + 1);
  });

  it("refuses an approved resolution when someone else has taken the dispute meanwhile, sending nothing", async () => {
    const d = await openDisputeInDb({ amount: 7_000 });
    const [asker, taker] = [await seedActor(db, ["support"]), await seedActor(db, ["support"])];
    const asked = await requestOperation(db, { operationId: "dispute.resolve", input: { chain: d.chain, orderId: d.orderId, favour: "buyer", note: "refund: no delivery proof" }, reason: "refund: no delivery proof", actor: asker });
    expect(await requestOperation(db, { operationId: "dispute.claim", input: { chain: d.chain, orderId: d.orderId }, actor: taker })).toMatchObject({ ok: true });
    const nonce = await ownerNonce();
    const approver = await seedActor(db, ["approver"]);
    const requestId = asked.ok && asked.data.status === "pending_approval" ? asked.data.requestId : "";
    const vote = await voteOnRequest(db, { actor: approver, input: { requestId, decision: "approve" } });
    expect(JSON.stringify(vote)).toContain(`${taker.email} has taken this dispute since`);
    expect(await ownerNonce()).toBe(nonce);
    expect(Number((await escrowRead(chains()).getFunction("orders")(d.orderId)).status)).toBe(4);
  });

  it("starts again from the first page for a cursor from the other sort or a garbled one", async () => {
    const support = await seedActor(db, ["support"]);
    const first = await listDisputes(db, support, filters({ chain: key(), status: "all" }), SLA);
    const ageCursor = Buffer.from(JSON.stringify({ s: "age", v: "2026-11-24T10:00:00.000Z", c: key(), o: "1" })).toString("base64url");
    const bad = Buffer.from(JSON.stringify({ s: "amount", v: "'; drop table", c: key(), o: "1" })).toString("base64url");
    for (const after of [ageCursor, bad, "not-base64-json"]) {
      const page = await listDisputes(db, support, filters({ chain: key(), status: "all", sort: "amount", after }), SLA);
      expect(page.rows.length).toBe(first.rows.length);
    }
  });

  it("reads the RB-04 watch with a threshold that is not a whole number", async () => {
    const support = await seedActor(db, ["support"]);
    await expect(readDisputeInsights(db, support, { ratePct: 12.5 })).resolves.toMatchObject({ chain: key() });
  });

  it("finds blacklisted wallets by any part of the address, in any case", async () => {
    const { listBlacklist } = await import("@/lib/blacklist/queries");
    const wallet = EthersWallet.createRandom().address;
    await db.blacklistEntry.create({ data: { wallet: wallet.toLowerCase(), reason: "search test", source: "manual", addedBy: "test" } });
    const part = wallet.slice(10, 22).toUpperCase();
    expect((await listBlacklist(db, { q: part })).rows.map((r) => r.wallet)).toContain(wallet.toLowerCase());
  });
});
