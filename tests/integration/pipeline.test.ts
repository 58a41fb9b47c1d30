import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type TRole } from "@/lib/auth/roles";
import { OPERATIONS } from "@/lib/operations/registry";
import { requestOperation } from "@/lib/operations/pipeline";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";
import { seedUser } from "../support/factories";
import { currentTotp, encryptSecret, newTotpSecret } from "@/lib/auth/mfa";

import { syncRunbookVersions } from "@/lib/runbooks/loader";
import type { TRunbook } from "@/lib/runbooks/types";
import { advanceChainTime, createDispute, createOrder, ensureUnpaused, withTestChains } from "../support/chains";
import { Wallet as EthersWallet } from "ethers";
import { devXrplWallet } from "@/devchains/start";
import { readFaucetSettings } from "@/lib/faucet/config";
import { chainKey } from "@/lib/chains/evm";
import { syncEscrowEvents } from "@/lib/chains/escrow-sync";
import { Wallet as XrplWallet } from "xrpl";
import { readPlatformWallet } from "@/lib/treasury/keys";

// Faucet keys for the faucet operations' samples (the key rotation needs a next key to switch to).
process.env.FAUCET_XRPL_SEED = devXrplWallet("faucet").seed!;
process.env.FAUCET_XRPL_SEED_NEXT = devXrplWallet("faucet-next").seed!;
// The treasury's keys, for the transfer and rotation samples.
process.env.TREASURY_XRPL_SEED = devXrplWallet("treasury").seed!;
process.env.PLATFORM_XRPL_SEED = devXrplWallet("platform").seed!;
process.env.PLATFORM_XRPL_SEED_NEXT = devXrplWallet("platform-next").seed!;

const db = testDb();

// A runbook that needs only the database, for the run operations' samples.
const MATRIX_RUNBOOK: TRunbook = {
  id: "T-MATRIX",
  title: "Matrix",
  source: "test",
  trigger: "test",
  services: [],
  alerts: [],
  steps: [
    { id: "manual", kind: "manual", title: "Do it" },
    { id: "check", kind: "check", title: "Quiet?", check: "alerts.firing", params: { name: "matrix-never-fires" } },
    { id: "ask", kind: "decision", title: "Which way?", options: [{ label: "On", goto: "last" }, { label: "Stop", goto: "end" }] },
    { id: "last", kind: "manual", title: "Last" },
  ],
};
beforeAll(() => syncRunbookVersions(db, [MATRIX_RUNBOOK]));
// The made-up "funds moved" records the switch samples stand on must not outlive the matrix (on
// the embedded database the treasury tests share these tables).
afterAll(() => db.execution.deleteMany({ where: { idempotencyKey: { startsWith: "matrix:" } } }));

async function runAt(stepId: string) {
  const run = await db.runbookRun.create({ data: { runbookId: MATRIX_RUNBOOK.id, version: 1, currentStepId: stepId, startedBy: "test" }, select: { id: true } });
  return run.id;
}

async function incidentFor(commanderId: string, patch: Record<string, unknown> = {}) {
  const incident = await db.incident.create({ data: { title: "Matrix incident", severity: "P3", commanderId, declaredBy: "test", ...patch }, select: { id: true } });
  return incident.id;
}

// Chain operations run for real: against this file's own local Hardhat node and XRPL dev ledger.
const chains = withTestChains(db);

/** A valid input for each operation, acting on fresh data so tests stay independent. */
async function validInput(opId: string, actorId: string): Promise<{ input: Record<string, unknown>; reason: string }> {
  const other = await seedUser(db, { roles: ["viewer"] });
  const session = await db.userSession.create({ data: { userId: actorId }, select: { id: true } });
  const reason = "routine change for the test";
  switch (opId) {
    case "user.create":
      return { input: { email: `new-${crypto.randomUUID()}@test.opsdeck.local`, name: "New Person", roles: ["viewer"] }, reason };
    case "user.roles.set":
      return { input: { userId: other.id, roles: ["viewer", "support"] }, reason };
    case "user.disable":
    case "user.enable":
    case "user.unlock":
      return { input: { userId: other.id }, reason };
    case "session.revoke":
      return { input: { sessionId: session.id }, reason };
    case "settings.threshold.update":
      return { input: { key: "disputeRatePct", value: 25 }, reason };
    case "account.mfa.begin":
      return { input: {}, reason };
    case "account.mfa.enable": {
      const secret = newTotpSecret();
      await db.user.update({ where: { id: actorId }, data: { mfaSecretEnc: encryptSecret(secret) } });
      return { input: { code: await currentTotp(secret) }, reason };
    }
    case "account.mfa.disable": {
      const secret = newTotpSecret();
      await db.user.update({ where: { id: actorId }, data: { mfaSecretEnc: encryptSecret(secret), mfaEnabledAt: new Date() } });
      return { input: { code: await currentTotp(secret) }, reason };
    }
    case "escrow.pause":
      await ensureUnpaused(chains());
      return { input: { note: "matrix test: suspected exploit" }, reason };
    case "escrow.unpause":
      return { input: {}, reason };
    case "escrow.setTreasury":
      return { input: { treasury: chains().evm.treasury }, reason };
    case "escrow.setSupportedToken":
      return { input: { asset: chains().evm.token, supported: "true" }, reason };
    case "escrow.autoExpireOrder": {
      await ensureUnpaused(chains());
      const orderId = await createOrder(chains());
      await advanceChainTime(chains(), 31 * 60);
      return { input: { orderId }, reason };
    }
    case "escrow.autoReleaseToSeller": {
      await ensureUnpaused(chains());
      const orderId = await createOrder(chains(), { paid: true });
      await advanceChainTime(chains(), 25 * 3600);
      return { input: { orderId }, reason };
    }
    case "service.create":
      return { input: { id: `svc-${crypto.randomUUID().slice(0, 8)}`, name: "Matrix service", kind: "tcp", endpoint: "127.0.0.1:1", owner: "ops", failureImpact: "nothing, it is a test" }, reason };
    case "service.update":
    case "service.delete": {
      const id = `svc-${crypto.randomUUID().slice(0, 8)}`;
      await db.service.create({ data: { id, name: "Matrix service", kind: "http", owner: "ops", failureImpact: "none" } });
      return opId === "service.delete" ? { input: { id }, reason } : { input: { id, name: "Renamed service", kind: "http", endpoint: "https://status.example.org/health", owner: "web", failureImpact: "the status page goes stale", dependsOn: "" }, reason };
    }
    case "alert.silence":
      return { input: { fingerprint: `matrix:${crypto.randomUUID()}`, minutes: "60", reason: "matrix test: known noise" }, reason };
    case "alert.unsilence": {
      const silence = await db.alertSilence.create({ data: { fingerprint: `matrix:${crypto.randomUUID()}`, until: new Date(Date.now() + 3_600_000), reason: "matrix test", createdBy: "test" }, select: { id: true } });
      return { input: { silenceId: silence.id }, reason };
    }
    case "chain.rpc.override":
      return { input: { chain: "evm", endpoint: "auto" }, reason };
    case "incident.declare":
      return { input: { title: "Matrix: checkout fails", severity: "P3", services: "" }, reason };
    case "incident.update":
      return { input: { incidentId: await incidentFor(actorId), status: "triaged" }, reason };
    case "incident.note":
      return { input: { incidentId: await incidentFor(actorId), text: "matrix note" }, reason };
    case "postmortem.save":
      return { input: { incidentId: await incidentFor(actorId), markdown: "# Post-mortem\n\nA matrix test incident." }, reason };
    case "postmortem.publish": {
      const incidentId = await incidentFor(actorId, { status: "resolved", resolvedAt: new Date() });
      await db.postmortem.create({ data: { incidentId, markdown: "# Post-mortem\n\nA matrix test incident.", updatedBy: "test" } });
      return { input: { incidentId }, reason };
    }
    case "runbook.start":
      return { input: { runbookId: MATRIX_RUNBOOK.id, incidentId: "" }, reason };
    case "runbook.check":
      return { input: { runId: await runAt("check"), stepId: "check" }, reason };
    case "runbook.confirm":
      return { input: { runId: await runAt("manual"), stepId: "manual", note: "" }, reason };
    case "runbook.decide":
      return { input: { runId: await runAt("ask"), stepId: "ask", goto: "last" }, reason };
    case "runbook.skip":
      return { input: { runId: await runAt("manual"), stepId: "manual", reason: "matrix: not needed" }, reason };
    case "runbook.abort":
      return { input: { runId: await runAt("manual"), reason: "matrix: drill over" }, reason };
    case "dispute.claim":
    case "dispute.note": {
      const d = await syntheticDispute();
      return { input: opId === "dispute.claim" ? d : { ...d, body: "matrix evidence", cids: "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG" }, reason };
    }
    case "dispute.unclaim": {
      const d = await syntheticDispute(actorId);
      return { input: d, reason };
    }
    case "dispute.assign": {
      const d = await syntheticDispute();
      // Agents take disputes for themselves; leads hand them to an agent.
      const me = await db.user.findUniqueOrThrow({ where: { id: actorId }, select: { roles: true } });
      const assigneeId = me.roles.includes("support") ? actorId : (await seedUser(db, { roles: ["support"] })).id;
      return { input: { disputes: [`${d.chain.replace(":", "-")}-${d.orderId}`], assigneeId }, reason };
    }
    case "dispute.resolve": {
      await ensureUnpaused(chains());
      const { orderId } = await createDispute(chains(), { amount: 25 });
      await syncEscrowEvents(db, chains().evmChain);
      return { input: { chain: chainKey(chains().evmChain), orderId, favour: "buyer", note: "matrix: refund agreed by both" }, reason };
    }
    case "wallet.blacklist":
      return { input: { wallet: EthersWallet.createRandom().address, why: "matrix: confirmed scam wallet", source: "manual" }, reason };
    case "wallet.unblacklist": {
      const wallet = EthersWallet.createRandom().address.toLowerCase();
      await db.blacklistEntry.create({ data: { wallet, reason: "matrix entry", source: "manual", addedBy: "test" } });
      return { input: { wallet, why: "matrix: appeal upheld" }, reason };
    }
    case "faucet.pause":
      await db.setting.deleteMany({ where: { key: "faucet.pause" } });
      return { input: { note: "matrix: faucet under attack" }, reason };
    case "faucet.resume":
      await db.setting.upsert({ where: { key: "faucet.pause" }, create: { key: "faucet.pause", value: { by: "test", at: new Date().toISOString(), note: "matrix" } }, update: {} });
      return { input: {}, reason };
    case "faucet.review": {
      const r = await db.faucetRequest.create({ data: { chain: "xrpl", address: "rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe", clientIp: "198.51.100.7", amount: "1", status: "review", flagReason: "matrix" } });
      return { input: { requests: [r.id], decision: "reject" }, reason };
    }
    case "faucet.block":
      return { input: { cidr: "198.51.100.0/24", reason: "matrix: botnet range" }, reason };
    case "faucet.unblock": {
      const b = await db.faucetBlock.create({ data: { cidr: "198.51.100.9", reason: "matrix", createdBy: "test" } });
      return { input: { blockId: b.id }, reason };
    }
    case "faucet.limits.update":
      return { input: { grantXrp: 20, grantEvm: 100, perClientMax: 10, perClientWindowMinutes: 60, perAddressMax: 1, perAddressWindowHours: 24, distinctDestinationsPerHour: 5, burstPerMinute: 3 }, reason };
    case "faucet.topup":
      return { input: { chain: "xrpl", destination: "active", amount: "1000" }, reason };
    case "faucet.key.rotate": {
      // From whichever wallet is active now (on the embedded database the faucet tests share it and rotate).
      const from = (await readFaucetSettings(db)).active.xrpl!;
      const to = [devXrplWallet("faucet").address, devXrplWallet("faucet-next").address].find((a) => a !== from)!;
      return { input: { chain: "xrpl", from, to }, reason };
    }
    case "treasury.account.add":
      return { input: { chain: "xrpl", address: XrplWallet.generate().address, asset: "XRP", label: "Matrix wallet", purpose: "other" }, reason };
    case "treasury.account.remove":
    case "treasury.account.lines":
      return { input: { accountId: (await matrixAccount(XrplWallet.generate().address)).id, warnBelow: "10" }, reason };
    case "treasury.destination.add":
      return { input: { chain: "xrpl", address: XrplWallet.generate().address, label: "Matrix destination" }, reason };
    case "treasury.destination.remove":
      return { input: { destinationId: (await matrixDestination()).id }, reason };
    case "treasury.transfer":
      return { input: { source: (await matrixAccount(devXrplWallet("treasury").address)).id, destination: (await matrixDestination()).id, amount: "5" }, reason };
    case "wallet.rotation.transfer":
    case "wallet.rotation.switch": {
      // From whichever platform wallet is active now (on the embedded database the treasury tests rotate it).
      const wallet = await readPlatformWallet(db);
      const input = { from: wallet.active!, to: wallet.next! };
      // The switch asks for step 2 first: a finished move of the funds, as its record says.
      if (opId === "wallet.rotation.switch") {
        await db.execution.create({ data: { idempotencyKey: `matrix:${crypto.randomUUID()}`, operationId: "wallet.rotation.transfer", input, status: "SUCCEEDED", result: input, finishedAt: new Date() } });
      }
      return { input, reason };
    }
    case "maintenance.complete":
      return { input: { taskId: "weekly", doneSteps: ["0", "1", "2", "3", "4", "5", "6"], note: "matrix: weekly checklist done" }, reason };
    case "maintenance.assign":
      return { input: { taskId: "weekly", ownerEmail: "" }, reason };
    case "daily.check.run":
      return { input: {}, reason };
    case "secret.rotation.record":
      return { input: { secretId: "db-password", note: "matrix: rotated in the drill" }, reason };
    case "backup.record":
      return { input: { targetId: "database-daily", kind: "backup", outcome: "success", note: "" }, reason };
    case "secret.schedule.update":
      return { input: { secretId: "ipfs-api-key", rotationDays: "365" }, reason };
    default:
      throw new Error(`No sample input for ${opId}: add one when adding an operation`);
  }
}

/** A followed XRPL account (the treasury's own when its address is given), for the treasury samples. */
async function matrixAccount(address: string) {
  return db.treasuryAccount.upsert({
    where: { chain_address_asset: { chain: "xrpl", address, asset: "XRP" } },
    create: { chain: "xrpl", address, asset: "XRP", symbol: "XRP", decimals: 6, label: "Matrix account", purpose: "treasury", source: "matrix" },
    update: { removedAt: null },
  });
}

function matrixDestination() {
  return db.treasuryDestination.create({ data: { chain: "xrpl", address: XrplWallet.generate().address, label: "Matrix destination", addedBy: "matrix" } });
}

/** An open dispute in the database only, on a chain of its own (desk operations never touch a chain). */
async function syntheticDispute(assigneeId?: string) {
  const chain = `evm:${900_000_000 + Math.floor(Math.random() * 99_999_999)}`;
  const orderId = 1 + Math.floor(Math.random() * 1_000_000);
  const at = new Date();
  const party = () => EthersWallet.createRandom().address.toLowerCase();
  await db.escrowOrder.create({
    data: { chain, orderId: BigInt(orderId), buyer: party(), seller: party(), token: party(), amount: "1000000", fee: "10000", amountValue: "1", status: "disputed", createdAt: at, paidAt: at, disputedAt: at, updatedAt: at, createdBlock: 1n },
  });
  if (assigneeId) await db.disputeCase.create({ data: { chain, orderId: BigInt(orderId), assigneeId, assignedAt: at } });
  return { chain, orderId };
}

const auditCount = (action: string) => db.auditEvent.count({ where: { action } });

describe("[PIPELINE][MATRIX]: every operation × every role", () => {
  for (const op of OPERATIONS) {
    for (const role of ROLES) {
      const isAllowed = op.allowed.includes(role as TRole);
      it(`[${op.id}] ${role}: ${isAllowed ? "allowed" : "denied"}`, async () => {
        const actor = await seedActor(db, [role]);
        const { input, reason } = await validInput(op.id, actor.id);
        const deniedBefore = await auditCount(`${op.id}.denied`);
        const executionsBefore = await db.execution.count({ where: { operationId: op.id } });
        const requestsBefore = await db.approvalRequest.count({ where: { operationId: op.id } });
        const result = await requestOperation(db, { operationId: op.id, input, reason, actor });
        if (!isAllowed) {
          expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
          expect(await auditCount(`${op.id}.denied`)).toBe(deniedBefore + 1);
          expect(await db.execution.count({ where: { operationId: op.id } })).toBe(executionsBefore);
          expect(await db.approvalRequest.count({ where: { operationId: op.id } })).toBe(requestsBefore);
          return;
        }
        expect(result.ok, JSON.stringify(result)).toBe(true);
        if (!result.ok) return;
        const policy = typeof op.approval === "function" ? "depends" : op.approval;
        if (policy && policy !== "depends") expect(result.data.status).toBe("pending_approval");
        if (policy === null) expect(result.data.status).toBe("executed");
      });
    }
  }
});

describe("[PIPELINE][INVALID]: bad input gets field messages and writes nothing but its audit event", () => {
  const BAD: Record<string, Record<string, unknown>> = {
    "user.create": { email: "not-an-email", name: "", roles: ["superuser"] },
    "user.roles.set": { userId: "nope", roles: ["root"] },
    "user.disable": { userId: 42 },
    "user.enable": {},
    "user.unlock": { userId: "" },
    "session.revoke": { sessionId: "x" },
    "settings.threshold.update": { key: "nonsense", value: "lots" },
    "account.mfa.begin": { extra: "x" },
    "account.mfa.enable": { code: "12ab" },
    "account.mfa.disable": {},
    "escrow.pause": { note: "" },
    "escrow.unpause": { extra: "x" },
    "escrow.setTreasury": { treasury: "0x123" },
    "escrow.setSupportedToken": { asset: "not-an-address", supported: "maybe" },
    "escrow.autoExpireOrder": { orderId: "abc" },
    "escrow.autoReleaseToSeller": { orderId: -4 },
    "chain.rpc.override": { chain: "solana", endpoint: "tertiary" },
    "service.create": { id: "Not A Slug!", name: "x", kind: "ftp", endpoint: "postgres://user:pw@db/x", owner: "", failureImpact: "" },
    "service.update": { id: "api", name: "API", kind: "postgres", endpoint: "postgresql://u:secret@db:5432/x", owner: "backend", failureImpact: "All API calls fail", intervalSeconds: 5 },
    "service.delete": { id: "", extra: true },
    "alert.silence": { fingerprint: "a:b", alertName: "both", minutes: 7, reason: "" },
    "alert.unsilence": { silenceId: "not-a-uuid" },
    "incident.declare": { title: "", severity: "P7" },
    "incident.update": { incidentId: "nope", status: "exploded" },
    "incident.note": { incidentId: "nope", text: "" },
    "postmortem.save": { incidentId: "nope", markdown: "short" },
    "postmortem.publish": { incidentId: 42 },
    "runbook.start": { runbookId: "", incidentId: "not-a-uuid" },
    "runbook.check": { runId: "x", stepId: "" },
    "runbook.confirm": { runId: "x", stepId: "" },
    "runbook.decide": { runId: "x", stepId: "ask", goto: "" },
    "runbook.skip": { runId: "x", stepId: "manual", reason: "" },
    "runbook.abort": { runId: "x", reason: "no" },
    "dispute.claim": { chain: "solana", orderId: "x" },
    "dispute.unclaim": { chain: "evm:1", orderId: 0 },
    "dispute.assign": { disputes: [], assigneeId: "bob" },
    "dispute.note": { chain: "evm:1", orderId: 1, body: "", cids: "not-a-cid" },
    "dispute.resolve": { chain: "evm:1", orderId: 1, favour: "both", note: "" },
    "wallet.blacklist": { wallet: "0x123", why: "", source: "rumour" },
    "wallet.unblacklist": { wallet: "rNope", why: "x" },
    "faucet.pause": { note: "" },
    "faucet.resume": { extra: 1 },
    "faucet.review": { requests: ["x"], decision: "maybe" },
    "faucet.block": { cidr: "999.1.1.1/99", reason: "" },
    "faucet.unblock": { blockId: "nope" },
    "faucet.limits.update": { grantXrp: -1, perClientMax: "lots" },
    "faucet.topup": { chain: "btc", amount: "-5" },
    "faucet.key.rotate": { chain: "solana", from: "", to: 7 },
    "treasury.account.add": { chain: "btc", address: "", purpose: "vault" },
    "treasury.account.remove": { accountId: "nope" },
    "treasury.account.lines": { accountId: "x", warnBelow: "lots" },
    "treasury.destination.add": { chain: "xrpl", address: "0x12", label: "" },
    "treasury.destination.remove": { destinationId: 5 },
    "treasury.transfer": { source: "x", destination: "y", amount: "-1" },
    "wallet.rotation.transfer": { from: "", to: "" },
    "wallet.rotation.switch": { from: 3 },
    "daily.check.run": { extra: 1 },
    "maintenance.complete": { taskId: "", doneSteps: [], note: "x", completedAt: "2999-01-01T00:00" },
    "maintenance.assign": { taskId: "", ownerEmail: "not an email" },
    "secret.rotation.record": { secretId: "", rotatedAt: "2999-01-01T00:00", note: "x" },
    "backup.record": { targetId: "", kind: "snapshot", outcome: "maybe", at: "yesterday-ish" },
    "secret.schedule.update": { secretId: "", rotationDays: "-3" },
  };

  for (const op of OPERATIONS) {
    it(`[${op.id}] answers INVALID_INPUT with field errors`, async () => {
      const actor = await seedActor(db, ["admin", "operator"]);
      const bad = BAD[op.id];
      expect(bad, `add a bad input for ${op.id}`).toBeDefined();
      const before = { executions: await db.execution.count(), requests: await db.approvalRequest.count(), users: await db.user.count(), invalid: await auditCount(`${op.id}.invalid`) };
      const result = await requestOperation(db, { operationId: op.id, input: bad, reason: "a reason", actor });
      expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT" });
      if (result.ok) return;
      expect(Object.keys(result.fieldErrors ?? {}).length).toBeGreaterThan(0);
      expect(await db.execution.count()).toBe(before.executions);
      expect(await db.approvalRequest.count()).toBe(before.requests);
      expect(await db.user.count()).toBe(before.users);
      expect(await auditCount(`${op.id}.invalid`)).toBe(before.invalid + 1);
    });
  }

  it("asks for a reason when the operation needs approval", async () => {
    const actor = await seedActor(db, ["operator"]);
    const result = await requestOperation(db, { operationId: "settings.threshold.update", input: { key: "disputeRatePct", value: 30 }, reason: "", actor });
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { reason: [expect.stringContaining("why")] } });
  });
});

describe("[PIPELINE][IDEMPOTENCY]: the same form submitted twice runs once", () => {
  it("returns the first outcome for a repeated idempotency key", async () => {
    const admin = await seedActor(db, ["admin"]);
    const target = await seedUser(db, { roles: ["viewer"] });
    const key = crypto.randomUUID();
    const [a, b] = await Promise.all([
      requestOperation(db, { operationId: "user.unlock", input: { userId: target.id }, actor: admin, idempotencyKey: key }),
      requestOperation(db, { operationId: "user.unlock", input: { userId: target.id }, actor: admin, idempotencyKey: key }),
    ]);
    expect(a.ok || b.ok).toBe(true);
    expect(await db.execution.count({ where: { idempotencyKey: `direct:user.unlock:${admin.id}:${key}` } })).toBe(1);
    const executed = await db.auditEvent.count({ where: { action: "user.unlock.executed", targetId: target.id } });
    expect(executed).toBe(1);
  });
});

describe("[PIPELINE][IDEMPOTENCY]: the same request form submitted twice opens one request", () => {
  it("returns the first pending request for a repeated key, even at the same instant", async () => {
    const operator = await seedActor(db, ["operator"]);
    const key = crypto.randomUUID();
    const ask = () => requestOperation(db, { operationId: "settings.threshold.update", input: { key: "syncLagBlocks", value: 120 }, reason: "double click test", actor: operator, idempotencyKey: key });
    const [a, b] = await Promise.all([ask(), ask()]);
    const ids = [a, b].map((r) => (r.ok && r.data.status === "pending_approval" ? r.data.requestId : null));
    expect(ids[0]).toBeTruthy();
    expect(ids[0]).toBe(ids[1]);
    expect(await db.approvalRequest.count({ where: { requestedById: operator.id } })).toBe(1);
  });
});

describe("[PIPELINE][ROLES]: granting admin or approver needs a second admin", () => {
  it("runs a harmless role change at once but holds a grant of approver for approval", async () => {
    const admin = await seedActor(db, ["admin"]);
    const target = await seedUser(db, { roles: ["viewer"] });
    const harmless = await requestOperation(db, { operationId: "user.roles.set", input: { userId: target.id, roles: ["viewer", "support"] }, actor: admin });
    expect(harmless).toMatchObject({ ok: true, data: { status: "executed" } });
    const powerful = await requestOperation(db, { operationId: "user.roles.set", input: { userId: target.id, roles: ["approver"] }, reason: "joins the approvers rota", actor: admin });
    expect(powerful).toMatchObject({ ok: true, data: { status: "pending_approval", requiredCount: 1 } });
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).roles).toEqual(["viewer", "support"]);
  });

  it("refuses an admin changing their own roles", async () => {
    const admin = await seedActor(db, ["admin"]);
    const result = await requestOperation(db, { operationId: "user.roles.set", input: { userId: admin.id, roles: ["admin", "approver"] }, reason: "self", actor: admin });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
