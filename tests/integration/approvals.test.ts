import { afterAll, describe, expect, it } from "vitest";
import { voteOnRequest } from "@/lib/operations/approvals";
import { beginExecution, requestOperation } from "@/lib/operations/pipeline";
import { reconcileOperations } from "@/lib/operations/reconcile";
import { findOperation } from "@/lib/operations/registry";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";
import { seedUser } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());

async function thresholdRequest(value = 21) {
  const operator = await seedActor(db, ["operator"]);
  const result = await requestOperation(db, { operationId: "settings.threshold.update", input: { key: "syncLagBlocks", value }, reason: "tuning after the incident", actor: operator });
  if (!result.ok || result.data.status !== "pending_approval") throw new Error(`expected a pending request: ${JSON.stringify(result)}`);
  return { operator, requestId: result.data.requestId };
}

describe("[APPROVALS]: N-of-M rules", () => {
  it("executes after two approvers, recording who approved, and not before", async () => {
    const { requestId } = await thresholdRequest(150);
    const [a, b] = [await seedActor(db, ["approver"]), await seedActor(db, ["approver"])];
    const first = await voteOnRequest(db, { actor: a, input: { requestId, decision: "approve" } });
    expect(first).toMatchObject({ ok: true, data: { status: "recorded", approvals: 1, requiredCount: 2 } });
    expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("PENDING");
    const second = await voteOnRequest(db, { actor: b, input: { requestId, decision: "approve" } });
    expect(second).toMatchObject({ ok: true, data: { status: "executed" } });
    const request = await db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request.status).toBe("EXECUTED");
    expect((await db.setting.findUniqueOrThrow({ where: { key: "threshold.syncLagBlocks" } })).value).toBe(150);
    const executed = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.threshold.update.executed", payload: { path: ["requestId"], equals: requestId } } });
    expect(executed.payload).toMatchObject({ approvedBy: [a.email, b.email] });
  });

  it("refuses self-approval, even from someone who holds the approver role", async () => {
    const both = await seedActor(db, ["operator", "approver"]);
    const result = await requestOperation(db, { operationId: "settings.threshold.update", input: { key: "disputeRatePct", value: 22 }, reason: "self-approval attempt", actor: both });
    if (!result.ok || result.data.status !== "pending_approval") throw new Error("expected pending");
    const vote = await voteOnRequest(db, { actor: both, input: { requestId: result.data.requestId, decision: "approve" } });
    expect(vote).toMatchObject({ ok: false, code: "FORBIDDEN", error: expect.stringContaining("your own request") });
  });

  it("refuses a second vote by the same approver", async () => {
    const { requestId } = await thresholdRequest();
    const a = await seedActor(db, ["approver"]);
    await voteOnRequest(db, { actor: a, input: { requestId, decision: "approve" } });
    const again = await voteOnRequest(db, { actor: a, input: { requestId, decision: "approve" } });
    expect(again).toMatchObject({ ok: false, code: "CONFLICT", error: expect.stringContaining("already voted") });
    expect(await db.approvalVote.count({ where: { requestId } })).toBe(1);
  });

  it("refuses people without the approving role", async () => {
    const { requestId } = await thresholdRequest();
    const viewer = await seedActor(db, ["viewer", "operator"]);
    expect(await voteOnRequest(db, { actor: viewer, input: { requestId, decision: "approve" } })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("refuses an expired request and marks it expired", async () => {
    const { requestId } = await thresholdRequest();
    const a = await seedActor(db, ["approver"]);
    const later = new Date(Date.now() + 61 * 60_000);
    expect(await voteOnRequest(db, { actor: a, input: { requestId, decision: "approve" }, now: later })).toMatchObject({ ok: false, code: "EXPIRED" });
    expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("EXPIRED");
  });

  it("ends the request when one approver rejects it with a reason", async () => {
    const { requestId } = await thresholdRequest();
    const [a, b] = [await seedActor(db, ["approver"]), await seedActor(db, ["approver"])];
    expect(await voteOnRequest(db, { actor: a, input: { requestId, decision: "reject" } })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { reason: expect.any(Array) } });
    expect(await voteOnRequest(db, { actor: a, input: { requestId, decision: "reject", reason: "wrong threshold for this chain" } })).toMatchObject({ ok: true, data: { status: "rejected" } });
    expect(await voteOnRequest(db, { actor: b, input: { requestId, decision: "approve" } })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await db.execution.count({ where: { requestId } })).toBe(0);
  });

  it("asks for re-authentication on critical requests, then accepts a fresh one", async () => {
    const admin = await seedActor(db, ["admin"]);
    const target = await seedUser(db, { roles: ["viewer"] });
    const result = await requestOperation(db, { operationId: "user.roles.set", input: { userId: target.id, roles: ["admin"] }, reason: "new on-call lead", actor: admin });
    if (!result.ok || result.data.status !== "pending_approval") throw new Error("expected pending");
    await db.approvalRequest.update({ where: { id: result.data.requestId }, data: { risk: "critical" } });
    const stale = await seedActor(db, ["admin"], { reauthAt: new Date(Date.now() - 10 * 60_000) });
    expect(await voteOnRequest(db, { actor: stale, input: { requestId: result.data.requestId, decision: "approve" } })).toMatchObject({ ok: false, code: "REAUTH_REQUIRED" });
    const fresh = await seedActor(db, ["admin"], { reauthAt: new Date() });
    expect(await voteOnRequest(db, { actor: fresh, input: { requestId: result.data.requestId, decision: "approve" } })).toMatchObject({ ok: true, data: { status: "executed" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).roles).toEqual(["admin"]);
  });
});

describe("[APPROVALS][EXACTLY-ONCE]", () => {
  it("20 concurrent approvals of one request execute it exactly once", async () => {
    const { requestId } = await thresholdRequest(333);
    const approvers = await Promise.all(Array.from({ length: 20 }, () => seedActor(db, ["approver"])));
    const results = await Promise.all(approvers.map((actor) => voteOnRequest(db, { actor, input: { requestId, decision: "approve" } })));
    expect(results.filter((r) => r.ok && r.data.status === "executed")).toHaveLength(1);
    expect(await db.execution.count({ where: { requestId } })).toBe(1);
    expect(await db.approvalVote.count({ where: { requestId } })).toBe(2);
    const executedEvents = await db.auditEvent.count({ where: { action: "settings.threshold.update.executed", payload: { path: ["requestId"], equals: requestId } } });
    expect(executedEvents).toBe(1);
  }, 60_000);

  it("a crash between the Execution row and the side effect is finished once by the reconciler", async () => {
    const { operator, requestId } = await thresholdRequest(444);
    const op = findOperation("settings.threshold.update")!;
    // What the last approval commits before running the side effect — then the process "dies".
    await db.approvalRequest.update({ where: { id: requestId }, data: { status: "APPROVED" } });
    const started = await beginExecution(db, { op, key: `approval:${requestId}`, input: { key: "syncLagBlocks", value: 444 }, actorId: operator.id, requestId });
    expect(started.executionId).toBeDefined();
    expect((await db.execution.findUniqueOrThrow({ where: { id: started.executionId! } })).status).toBe("RUNNING");

    // Only this execution: other files' operations (on their own chains) run against the same database.
    const first = await reconcileOperations(db, { staleAfterMs: 0, executionIds: [started.executionId!] });
    expect(first.finished).toBe(1);
    const second = await reconcileOperations(db, { staleAfterMs: 0, executionIds: [started.executionId!] });
    expect(second.resumed).toBe(0);

    expect((await db.execution.findUniqueOrThrow({ where: { id: started.executionId! } })).status).toBe("SUCCEEDED");
    expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("EXECUTED");
    const executedEvents = await db.auditEvent.count({ where: { action: "settings.threshold.update.executed", payload: { path: ["requestId"], equals: requestId } } });
    expect(executedEvents).toBe(1);
  });
});

describe("[APPROVALS][REQUESTER]: old approvals do not outlive the requester's access", () => {
  it("does not execute when the requester was disabled before the last approval", async () => {
    const { operator, requestId } = await thresholdRequest(555);
    const [a, b] = [await seedActor(db, ["approver"]), await seedActor(db, ["approver"])];
    await voteOnRequest(db, { actor: a, input: { requestId, decision: "approve" } });
    await db.user.update({ where: { id: operator.id }, data: { disabledAt: new Date() } });
    expect(await voteOnRequest(db, { actor: b, input: { requestId, decision: "approve" } })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("FAILED");
    expect(await db.execution.count({ where: { requestId } })).toBe(0);
  });
});

describe("[APPROVALS][SECRETS]: a new user's password never rests in plain text", () => {
  it("stores only its hash on the request, and the user signs in with it once approved", async () => {
    const admin = await seedActor(db, ["admin"]);
    const email = `sec-${crypto.randomUUID()}@test.opsdeck.local`;
    const result = await requestOperation(db, {
      operationId: "user.create",
      input: { email, name: "Sam Secure", roles: ["approver"], password: "a-secret-password-123" },
      reason: "new approver on the rota",
      actor: admin,
    });
    if (!result.ok || result.data.status !== "pending_approval") throw new Error("expected pending");
    const request = await db.approvalRequest.findUniqueOrThrow({ where: { id: result.data.requestId } });
    expect(JSON.stringify(request.input)).not.toContain("a-secret-password-123");
    expect(request.input).toMatchObject({ email, passwordHash: expect.stringMatching(/^\$2[aby]\$/) });

    const approver = await seedActor(db, ["admin"], { reauthAt: new Date() });
    expect(await voteOnRequest(db, { actor: approver, input: { requestId: request.id, decision: "approve" } })).toMatchObject({ ok: true, data: { status: "executed" } });
    const execution = await db.execution.findFirstOrThrow({ where: { requestId: request.id } });
    expect(JSON.stringify(execution.input)).not.toContain("a-secret-password-123");
    const { signInWithPassword } = await import("@/lib/auth/credentials");
    expect(await signInWithPassword(db, { email, password: "a-secret-password-123" }, {})).toMatchObject({ ok: true });
  });
});

describe("[APPROVALS][VOTERS]: a vote does not outlive its voter's access", () => {
  it("does not count an earlier approval whose voter has since been disabled", async () => {
    const { requestId } = await thresholdRequest(666);
    const [a, b, c] = [await seedActor(db, ["approver"]), await seedActor(db, ["approver"]), await seedActor(db, ["approver"])];
    await voteOnRequest(db, { actor: a, input: { requestId, decision: "approve" } });
    await db.user.update({ where: { id: a.id }, data: { disabledAt: new Date() } });
    expect(await voteOnRequest(db, { actor: b, input: { requestId, decision: "approve" } })).toMatchObject({ ok: true, data: { status: "recorded", approvals: 1 } });
    expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("PENDING");
    expect(await voteOnRequest(db, { actor: c, input: { requestId, decision: "approve" } })).toMatchObject({ ok: true, data: { status: "executed" } });
  });
});
