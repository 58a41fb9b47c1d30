import { describe, expect, it } from "vitest";
import { requestOperation } from "@/lib/operations/pipeline";
import { voteOnRequest } from "@/lib/operations/approvals";
import { readPauseNotice } from "@/lib/chains/status";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";
import { advanceChainTime, createOrder, ensureUnpaused, escrowRead, isPaused, orderStatus, withTestChains } from "../support/chains";
import { DEV_ROLES } from "@/devchains/evm/accounts";

const db = testDb();

const chains = withTestChains(db);

const ownerNonce = () => chains().provider.getTransactionCount(DEV_ROLES.owner.address, "latest");

describe("[CHAINS][ESCROW][PAUSE]: the RB-05 emergency brake", () => {
  it("pauses on chain at once for an operator, records the transaction, announces and audits it", async () => {
    await ensureUnpaused(chains());
    const operator = await seedActor(db, ["operator"]);
    const result = await requestOperation(db, { operationId: "escrow.pause", input: { note: "INC-7 suspected exploit in release" }, actor: operator });
    expect(result).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await isPaused(chains())).toBe(true);

    const sent = await db.chainTransaction.findFirstOrThrow({ where: { purpose: "escrow.pause" }, orderBy: { createdAt: "desc" } });
    expect(sent).toMatchObject({ status: "CONFIRMED", fromAddress: DEV_ROLES.owner.address.toLowerCase() });
    const receipt = await chains().provider.getTransactionReceipt(sent.txHash);
    expect(receipt?.status).toBe(1);

    expect(await readPauseNotice(db)).toMatchObject({ by: operator.email, note: "INC-7 suspected exploit in release", txHash: sent.txHash });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "escrow.pause.executed", actorId: operator.id } });
    expect(JSON.stringify(audit.payload)).toContain(sent.txHash);
    // The owner key never reaches the audit log or the recorded transaction row.
    expect(JSON.stringify(audit.payload)).not.toContain(DEV_ROLES.owner.privateKey.slice(2));
  });

  it("refuses to pause a paused escrow with the contract's reason, sending nothing", async () => {
    const operator = await seedActor(db, ["operator"]);
    const nonceBefore = await ownerNonce();
    const rowsBefore = await db.chainTransaction.count();
    const result = await requestOperation(db, { operationId: "escrow.pause", input: { note: "second click on the brake" }, actor: operator });
    expect(result).toMatchObject({ ok: false, code: "FAILED", error: expect.stringContaining("EnforcedPause") });
    expect(await ownerNonce()).toBe(nonceBefore);
    expect(await db.chainTransaction.count()).toBe(rowsBefore);
  });

  it("blocks order functions while paused (what the brake is for)", async () => {
    await expect(createOrder(chains())).rejects.toThrow();
  });

  it("denies the pause to a viewer and to support", async () => {
    for (const role of ["viewer", "support"] as const) {
      const actor = await seedActor(db, [role]);
      const result = await requestOperation(db, { operationId: "escrow.pause", input: { note: "I should not be able to" }, actor });
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
  });
});

describe("[CHAINS][ESCROW][UNPAUSE]: two approvers before trading resumes", () => {
  it("waits for two approvers, then unpauses on chain exactly once and clears the announcement", async () => {
    expect(await isPaused(chains())).toBe(true);
    const operator = await seedActor(db, ["operator"]);
    const asked = await requestOperation(db, { operationId: "escrow.unpause", input: {}, reason: "fix verified on testnet", actor: operator });
    expect(asked).toMatchObject({ ok: true, data: { status: "pending_approval", requiredCount: 2 } });
    if (!asked.ok || asked.data.status !== "pending_approval") return;

    const first = await seedActor(db, ["approver"], { reauthAt: new Date() });
    const second = await seedActor(db, ["approver"], { reauthAt: new Date() });
    expect(await voteOnRequest(db, { actor: first, input: { requestId: asked.data.requestId, decision: "approve" } })).toMatchObject({ ok: true, data: { status: "recorded", approvals: 1 } });
    expect(await isPaused(chains())).toBe(true);

    const done = await voteOnRequest(db, { actor: second, input: { requestId: asked.data.requestId, decision: "approve" } });
    expect(done).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await isPaused(chains())).toBe(false);
    expect(await readPauseNotice(db)).toBeNull();
    // Exactly one transaction for this execution (other test files unpause their own chains).
    const executionId = done.ok && done.data.status === "executed" ? done.data.executionId : "";
    expect(await db.chainTransaction.count({ where: { executionId, purpose: "escrow.unpause", status: "CONFIRMED" } })).toBe(1);
  });
});

describe("[CHAINS][ESCROW][ADMIN]: treasury, tokens and the timeout worker's calls", () => {
  it("changes the treasury after two approvals", async () => {
    const admin = await seedActor(db, ["admin"]);
    const newTreasury = DEV_ROLES.users[10]!.address;
    const asked = await requestOperation(db, { operationId: "escrow.setTreasury", input: { treasury: newTreasury.toLowerCase() }, reason: "moving fees to the new multisig", actor: admin });
    if (!asked.ok || asked.data.status !== "pending_approval") throw new Error(JSON.stringify(asked));
    for (const approver of [await seedActor(db, ["approver"], { reauthAt: new Date() }), await seedActor(db, ["approver"], { reauthAt: new Date() })]) {
      await voteOnRequest(db, { actor: approver, input: { requestId: asked.data.requestId, decision: "approve" } });
    }
    expect(await escrowRead(chains()).getFunction("treasury")()).toBe(newTreasury);
  });

  it("stops and allows a token with one approval", async () => {
    const operator = await seedActor(db, ["operator"]);
    const approver = await seedActor(db, ["approver"], { reauthAt: new Date() });
    const asked = await requestOperation(db, { operationId: "escrow.setSupportedToken", input: { asset: chains().evm.token, supported: "false" }, reason: "token under review", actor: operator });
    if (!asked.ok || asked.data.status !== "pending_approval") throw new Error(JSON.stringify(asked));
    await voteOnRequest(db, { actor: approver, input: { requestId: asked.data.requestId, decision: "approve" } });
    expect(await escrowRead(chains()).getFunction("supportedTokens")(chains().evm.token)).toBe(false);
    const reallow = await requestOperation(db, { operationId: "escrow.setSupportedToken", input: { asset: chains().evm.token, supported: "true" }, reason: "review done, allowed again", actor: operator });
    if (!reallow.ok || reallow.data.status !== "pending_approval") throw new Error(JSON.stringify(reallow));
    await voteOnRequest(db, { actor: approver, input: { requestId: reallow.data.requestId, decision: "approve" } });
    expect(await escrowRead(chains()).getFunction("supportedTokens")(chains().evm.token)).toBe(true);
  });

  it("expires an unpaid order once its payment window has passed, and says why not before", async () => {
    await ensureUnpaused(chains());
    const operator = await seedActor(db, ["operator"]);
    const orderId = await createOrder(chains());
    const early = await requestOperation(db, { operationId: "escrow.autoExpireOrder", input: { orderId }, actor: operator });
    expect(early).toMatchObject({ ok: false, code: "FAILED", error: expect.stringContaining("DeadlineNotReached") });
    await advanceChainTime(chains(), 31 * 60);
    const done = await requestOperation(db, { operationId: "escrow.autoExpireOrder", input: { orderId: String(orderId) }, actor: operator });
    expect(done).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await orderStatus(chains(), orderId)).toBe(7); // Expired
  });

  it("releases a paid, undisputed order to its seller after the release window", async () => {
    const operator = await seedActor(db, ["operator"]);
    const orderId = await createOrder(chains(), { paid: true, amount: 1000 });
    await advanceChainTime(chains(), 25 * 3600);
    const done = await requestOperation(db, { operationId: "escrow.autoReleaseToSeller", input: { orderId }, actor: operator });
    expect(done).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await orderStatus(chains(), orderId)).toBe(3); // Completed
  });

  it("refuses an order that does not exist", async () => {
    const operator = await seedActor(db, ["operator"]);
    const result = await requestOperation(db, { operationId: "escrow.autoExpireOrder", input: { orderId: 999_999 }, actor: operator });
    expect(result).toMatchObject({ ok: false, code: "FAILED", error: expect.stringContaining("OrderNotFound") });
  });
});
