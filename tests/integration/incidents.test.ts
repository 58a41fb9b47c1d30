import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db as appDb } from "@/lib/db/client";
import { requestOperation } from "@/lib/operations/pipeline";
import { voteOnRequest } from "@/lib/operations/approvals";
import { syncRunbookVersions } from "@/lib/runbooks/loader";
import { runOperationStep } from "@/lib/runbooks/operation-step";
import { recordRuleOutcome } from "@/lib/alerts/engine";
import { getPostmortem } from "@/lib/incidents/queries";
import { RUNBOOKS } from "@/lib/runbooks/catalog";
import { runCheck } from "@/lib/runbooks/checks";
import { seedServiceCatalog } from "@/lib/seed/services";
import type { TRunbook } from "@/lib/runbooks/types";
import type { TAlertInstance } from "@/lib/alerts/rules";
import type { TActor } from "@/lib/operations/define";
import { testDb } from "../support/db";
import { seedActor } from "../support/actors";
import { ensureUnpaused, isPaused, withTestChains } from "../support/chains";

const db = testDb();
const chains = withTestChains(db);
afterAll(() => appDb.$disconnect());

// A runbook that needs nothing but the database: its check reads the alerts table.
const DRILL_ALERT = `Drill alert ${Date.now()}`;
const DRILL: TRunbook = {
  id: `T-DRILL-${Date.now()}`,
  title: "Drill",
  source: "test",
  trigger: "test",
  services: [],
  alerts: [],
  steps: [
    { id: "quiet", kind: "check", title: "Is the drill alert quiet?", check: "alerts.firing", params: { name: DRILL_ALERT }, onFail: "continue" },
    { id: "branch", kind: "decision", title: "Quiet?", on: "quiet", ifPass: "end", ifFail: "investigate" },
    { id: "investigate", kind: "manual", title: "Investigate the drill alert" },
    { id: "verify", kind: "check", title: "Verify it is quiet now", check: "alerts.firing", params: { name: DRILL_ALERT } },
  ],
};

async function run(actor: TActor, operationId: string, input: Record<string, unknown>) {
  const result = await requestOperation(db, { operationId, input, actor });
  if (!result.ok) throw new Error(`${operationId}: ${result.error} ${JSON.stringify(result.fieldErrors ?? {})}`);
  if (result.data.status !== "executed") throw new Error(`${operationId}: ${result.data.status}`);
  return result.data.result as Record<string, unknown>;
}

async function declare(actor: TActor, patch: Record<string, unknown> = {}) {
  const { incidentId } = await run(actor, "incident.declare", { title: "Checkout API returns 502", severity: "P1", services: ["api"], ...patch });
  return incidentId as string;
}

const timelineOf = async (incidentId: string) => (await db.incidentEvent.findMany({ where: { incidentId }, orderBy: { id: "asc" } })).map((e) => e.text);

beforeAll(async () => {
  // The guide's catalog (as other test files expect it), not a bare row of our own.
  await seedServiceCatalog(db);
  await syncRunbookVersions(db);
  await syncRunbookVersions(db, [DRILL]);
});

describe("[INCIDENTS][LIFECYCLE]: declare, triage, mitigate, resolve", () => {
  it("declares with a commander, moves forward only, stamps skipped stages and writes each change on the timeline", async () => {
    const operator = await seedActor(db, ["operator"]);
    const support = await seedActor(db, ["support"]);
    const incidentId = await declare(support, { commanderId: operator.id });
    const declared = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(declared).toMatchObject({ status: "detected", severity: "P1", services: ["api"], commanderId: operator.id, declaredBy: support.email });

    // Support declared it but does not run it.
    expect(await requestOperation(db, { operationId: "incident.update", input: { incidentId, status: "triaged" }, actor: support })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    await run(operator, "incident.update", { incidentId, status: "mitigating", severity: "P0" });
    const mitigating = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(mitigating.triagedAt).not.toBeNull();
    expect(mitigating.mitigatingAt).not.toBeNull();
    expect(mitigating.severity).toBe("P0");

    expect(await requestOperation(db, { operationId: "incident.update", input: { incidentId, status: "triaged" }, actor: operator })).toMatchObject({ ok: false, code: "CONFLICT" });
    // A P0 closes only through its published post-mortem.
    await run(operator, "incident.update", { incidentId, status: "resolved" });
    expect(await requestOperation(db, { operationId: "incident.update", input: { incidentId, status: "postmortem_done" }, actor: operator })).toMatchObject({ ok: false, code: "CONFLICT" });

    expect(await timelineOf(incidentId)).toEqual([
      expect.stringMatching(/^P1 declared by .*; commander .*; affects api$/),
      "Detected → Mitigating",
      "Severity P1 → P0",
      "Mitigating → Resolved",
    ]);
  });

  it("puts changes made elsewhere in OpsDeck on the open incident's timeline, but not bookkeeping", async () => {
    const operator = await seedActor(db, ["operator"]);
    const incidentId = await declare(operator);
    await run(operator, "chain.rpc.override", { chain: "xrpl", endpoint: "fallback" });
    await run(operator, "chain.rpc.override", { chain: "xrpl", endpoint: "auto" });
    await run(operator, "alert.silence", { alertName: "Drill noise", minutes: 15, reason: "drill: known noise" });
    const timeline = await timelineOf(incidentId);
    expect(timeline).toContain(`Pin xrpl to its fallback RPC endpoint — by ${operator.email}`);
    expect(timeline).toContain(`Automatic RPC failover for xrpl — by ${operator.email}`);
    expect(timeline.some((t) => t.includes("Silence"))).toBe(false);
  });

  it("takes only operators and admins as commanders, and freezes severity once resolved", async () => {
    const operator = await seedActor(db, ["operator"]);
    const support = await seedActor(db, ["support"]);
    expect(await requestOperation(db, { operationId: "incident.declare", input: { title: "Support names itself commander", severity: "P2", commanderId: support.id }, actor: support })).toMatchObject({ ok: false, fieldErrors: { commanderId: [expect.stringContaining("operator or admin")] } });
    const incidentId = await declare(operator, { severity: "P0" });
    await run(operator, "incident.update", { incidentId, status: "resolved" });
    expect(await requestOperation(db, { operationId: "incident.update", input: { incidentId, severity: "P3" }, actor: operator })).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("takes a commander off when asked, and says so", async () => {
    const operator = await seedActor(db, ["operator"]);
    const incidentId = await declare(operator, { commanderId: operator.id });
    await run(operator, "incident.update", { incidentId, commanderId: "none" });
    expect((await db.incident.findUniqueOrThrow({ where: { id: incidentId } })).commanderId).toBeNull();
    expect((await timelineOf(incidentId)).at(-1)).toBe(`Commander removed (was ${operator.email})`);
  });

  it("refuses bad input with field messages and writes nothing", async () => {
    const operator = await seedActor(db, ["operator"]);
    const before = await db.incident.count();
    const bad = await requestOperation(db, { operationId: "incident.declare", input: { title: "x", severity: "P9", services: ["no-such-service"] }, actor: operator });
    expect(bad).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(bad.ok ? null : Object.keys(bad.fieldErrors ?? {})).toEqual(expect.arrayContaining(["title", "severity"]));
    const unknownService = await requestOperation(db, { operationId: "incident.declare", input: { title: "Something broke", severity: "P2", services: ["no-such-service"] }, actor: operator });
    expect(unknownService).toMatchObject({ ok: false, fieldErrors: { services: [expect.stringContaining("no-such-service")] } });
    const viewer = await seedActor(db, ["viewer"]);
    expect(await requestOperation(db, { operationId: "incident.declare", input: { title: "Something broke", severity: "P2" }, actor: viewer })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db.incident.count()).toBe(before);
  });
});

describe("[RUNBOOKS][CHECKS]: database checks against the real server", () => {
  it("reads connections, long queries and idle connections, never the SQL text", async () => {
    expect(await runCheck(db, "db.connections", {})).toMatchObject({ outcome: "pass", value: expect.stringMatching(/^\d+ of \d+ connections in use \(\d+ %\)$/) });
    // A query running right now, caught with a 0-second threshold: reported by pid and user only.
    // (Needs a second connection: the embedded database serves one at a time.)
    if (Number(process.env.DATABASE_POOL_MAX ?? 4) > 1) {
      // Prisma queries are lazy: .then() sends it now.
      const sleeper = db.$queryRaw`SELECT pg_sleep(1.5)::text AS slept, 'secret-literal' AS s`.then((rows) => rows);
      await new Promise((r) => setTimeout(r, 500));
      const long = await runCheck(db, "db.long-queries", { seconds: 0 });
      await sleeper;
      expect(long.outcome).toBe("fail");
      expect(long.value).toMatch(/^pid \d+ · \d+ s · /);
      expect(long.value).not.toContain("secret-literal");
    }
    expect((await runCheck(db, "db.idle-connections", { minutes: 600 })).outcome).toBe("pass");
  });
});

describe("[RUNBOOKS][RUNS]: checks, decisions, manual steps, immutability", () => {
  it("branches on a failing check, waits on a failed check until someone continues with a reason, and completes", async () => {
    const operator = await seedActor(db, ["operator"]);
    const incidentId = await declare(operator);
    await recordRuleOutcome(db, { holding: [drillAlert()], unknown: [] }, new Date());
    const { runId } = (await run(operator, "runbook.start", { runbookId: DRILL.id, incidentId })) as { runId: string };

    const checked = await run(operator, "runbook.check", { runId, stepId: "quiet" });
    expect(checked).toMatchObject({ outcome: "fail", next: "investigate" });
    expect(String(checked.value)).toContain(DRILL_ALERT);

    // Only the current step can be acted on: a second phone still showing "quiet" is told so.
    expect(await requestOperation(db, { operationId: "runbook.check", input: { runId, stepId: "quiet" }, actor: operator })).toMatchObject({ ok: false, code: "CONFLICT" });
    await run(operator, "runbook.confirm", { runId, stepId: "investigate", note: "restarted the drill worker" });

    // Still firing: the verify check fails and the run stays on it.
    expect(await run(operator, "runbook.check", { runId, stepId: "verify" })).toMatchObject({ outcome: "fail", next: "verify" });
    expect(await requestOperation(db, { operationId: "runbook.confirm", input: { runId, stepId: "verify", note: "" }, actor: operator })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await run(operator, "runbook.confirm", { runId, stepId: "verify", note: "known flapping, ticket OPS-12" })).toMatchObject({ completed: true });

    const finished = await db.runbookRun.findUniqueOrThrow({ where: { id: runId }, include: { records: { orderBy: { id: "asc" } } } });
    expect(finished.status).toBe("completed");
    expect(finished.records.map((r) => `${r.stepId}:${r.action}${r.outcome ? `:${r.outcome}` : ""}`)).toEqual(["quiet:checked:fail", "branch:decided", "investigate:confirmed", "verify:checked:fail", "verify:confirmed"]);

    // A finished run is immutable: not through operations, not even through SQL.
    expect(await requestOperation(db, { operationId: "runbook.abort", input: { runId, reason: "too late to abort" }, actor: operator })).toMatchObject({ ok: false, code: "CONFLICT" });
    await expect(db.runStepRecord.create({ data: { runId, stepId: "verify", action: "confirmed", actorEmail: "someone@example.org" } })).rejects.toThrow(/finished/);
    await expect(db.runbookRun.update({ where: { id: runId }, data: { status: "running" } })).rejects.toThrow(/finished/);
    await expect(db.runStepRecord.deleteMany({ where: { runId } })).rejects.toThrow(/append-only/);

    const timeline = await timelineOf(incidentId);
    expect(timeline.some((t) => t.includes(`${DRILL.id} Drill started`))).toBe(true);
    expect(timeline.some((t) => t.includes("Is the drill alert quiet? checked — fail"))).toBe(true);
    expect(timeline.at(-1)).toBe(`${DRILL.id} Drill completed`);
    await recordRuleOutcome(db, { holding: [], unknown: [] }, new Date());
  });

  it("ends at once when the check passes and its decision says the problem is gone", async () => {
    const operator = await seedActor(db, ["operator"]);
    const { runId } = (await run(operator, "runbook.start", { runbookId: DRILL.id })) as { runId: string };
    expect(await run(operator, "runbook.check", { runId, stepId: "quiet" })).toMatchObject({ outcome: "pass", completed: true });
  });

  it("lets only operators and admins act on runs", async () => {
    const operator = await seedActor(db, ["operator"]);
    const support = await seedActor(db, ["support"]);
    const { runId } = (await run(operator, "runbook.start", { runbookId: DRILL.id })) as { runId: string };
    expect(await requestOperation(db, { operationId: "runbook.check", input: { runId, stepId: "quiet" }, actor: support })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await requestOperation(db, { operationId: "runbook.start", input: { runbookId: "no-such-runbook" }, actor: operator })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    await run(operator, "runbook.abort", { runId, reason: "drill cancelled" });
  });
});

function drillAlert(): TAlertInstance {
  return { fingerprint: `drill:${DRILL_ALERT}`, ruleId: "drill", name: DRILL_ALERT, severity: "warning", summary: "drill", serviceId: null, runbook: null, forSeconds: 0, labels: {} };
}

describe("[INCIDENTS][RB-05]: the emergency pause as a run, with approvals inside the unpause step", () => {
  it("pauses on chain from a step, verifies paused() on chain, waits for two approvers to unpause, continues, and the post-mortem lists it in order", async () => {
    await ensureUnpaused(chains());
    const operator = await seedActor(db, ["operator"]);
    const approvers = [await seedActor(db, ["approver"], { reauthAt: new Date() }), await seedActor(db, ["approver"], { reauthAt: new Date() })];
    const incidentId = await declare(operator, { title: "Funds draining from the escrow", severity: "P0", services: ["api"] });
    const { runId } = (await run(operator, "runbook.start", { runbookId: "RB-05", incidentId })) as { runId: string };

    expect(await run(operator, "runbook.check", { runId, stepId: "check-trading" })).toMatchObject({ outcome: "pass", value: "paused() = false", next: "pause" });
    const pause = await runOperationStep(db, { runId, stepId: "pause", fields: { note: "drill: reentrancy suspected" }, reason: null, actor: operator, formKey: "k1" });
    expect(pause).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await isPaused(chains())).toBe(true);
    expect(await run(operator, "runbook.check", { runId, stepId: "verify-paused" })).toMatchObject({ outcome: "pass", value: "paused() = true" });
    for (const stepId of ["communicate", "assess", "fix", "verify-testnet"]) await run(operator, "runbook.confirm", { runId, stepId, note: "" });

    const unpause = await runOperationStep(db, { runId, stepId: "unpause", fields: {}, reason: "fix verified on testnet", actor: operator, formKey: "k2" });
    expect(unpause).toMatchObject({ ok: true, data: { status: "pending_approval", requiredCount: 2 } });
    const requestId = unpause.ok && unpause.data.status === "pending_approval" ? unpause.data.requestId : "";
    // Asking again while it waits opens no second request — from anyone.
    expect(await runOperationStep(db, { runId, stepId: "unpause", fields: {}, reason: "fix verified on testnet", actor: operator, formKey: "k3" })).toMatchObject({ ok: false, code: "CONFLICT" });
    const colleague = await seedActor(db, ["operator"]);
    expect(await runOperationStep(db, { runId, stepId: "unpause", fields: {}, reason: "fix verified on testnet", actor: colleague, formKey: "k4" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await db.approvalRequest.count({ where: { operationId: "escrow.unpause", status: "PENDING", idempotencyKey: { startsWith: `run:${runId}:` } } })).toBe(1);
    expect((await db.runbookRun.findUniqueOrThrow({ where: { id: runId } })).currentStepId).toBe("unpause");

    expect(await voteOnRequest(db, { actor: approvers[0]!, input: { requestId, decision: "approve" } })).toMatchObject({ ok: true, data: { status: "recorded", approvals: 1 } });
    expect(await isPaused(chains())).toBe(true);
    expect(await voteOnRequest(db, { actor: approvers[1]!, input: { requestId, decision: "approve" } })).toMatchObject({ ok: true, data: { status: "executed" } });
    expect(await isPaused(chains())).toBe(false);
    // The approvals moved the run on by themselves.
    expect((await db.runbookRun.findUniqueOrThrow({ where: { id: runId } })).currentStepId).toBe("verify-trading");
    expect(await run(operator, "runbook.check", { runId, stepId: "verify-trading" })).toMatchObject({ outcome: "pass", value: "paused() = false" });
    await run(operator, "runbook.confirm", { runId, stepId: "post-mortem", note: "" });
    expect((await db.runbookRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("completed");

    const timeline = (await timelineOf(incidentId)).join("\n");
    expect(timeline).toContain(`approved by ${approvers[0]!.email} (1 of 2)`);
    expect(timeline).toContain(`approved by ${approvers[1]!.email} (2 of 2)`);
    expect(timeline).toMatch(/Unpause \(only after thorough verification\) carried out: transaction 0x[0-9a-f]{64}/);

    await run(operator, "incident.update", { incidentId, status: "resolved" });
    const draft = await getPostmortem(incidentId);
    const md = draft!.markdown;
    const order = ["Is the escrow still trading?: checked", "Pause the contract immediately: executed", "Verify the pause is active: checked", "Unpause (only after thorough verification): waiting", "Unpause (only after thorough verification): executed", "Verify trading resumed: checked"].map((s) => md.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    await run(operator, "postmortem.save", { incidentId, markdown: md.replace("Technical explanation of what caused the incident.", "A drill.") });
    await run(operator, "postmortem.publish", { incidentId });
    expect(await db.incident.findUniqueOrThrow({ where: { id: incidentId } })).toMatchObject({ status: "postmortem_done" });
    expect(await requestOperation(db, { operationId: "postmortem.save", input: { incidentId, markdown: "# rewritten after the fact, no" }, actor: operator })).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("a rejected approval leaves the step failed and the run waiting on it", async () => {
    await ensureUnpaused(chains());
    const operator = await seedActor(db, ["operator"]);
    const approver = await seedActor(db, ["approver"]);
    const { runId } = (await run(operator, "runbook.start", { runbookId: "RB-05" })) as { runId: string };
    for (const stepId of ["check-trading", "pause", "verify-paused", "communicate", "assess", "fix", "verify-testnet"]) await run(operator, "runbook.skip", { runId, stepId, reason: "drill: straight to unpause" });
    const asked = await runOperationStep(db, { runId, stepId: "unpause", fields: {}, reason: "fix verified on testnet", actor: operator, formKey: "r1" });
    const requestId = asked.ok && asked.data.status === "pending_approval" ? asked.data.requestId : "";
    expect(await voteOnRequest(db, { actor: approver, input: { requestId, decision: "reject", reason: "not verified yet" } })).toMatchObject({ ok: true, data: { status: "rejected" } });
    const records = await db.runStepRecord.findMany({ where: { runId, stepId: "unpause" }, orderBy: { id: "asc" } });
    expect(records.map((r) => r.action)).toEqual(["started", "waiting", "failed"]);
    expect(records[2]!.value).toContain("not verified yet");
    expect((await db.runbookRun.findUniqueOrThrow({ where: { id: runId } })).currentStepId).toBe("unpause");

    // Asked again, then the step skipped: the new request is withdrawn, nobody can approve it.
    const again = await runOperationStep(db, { runId, stepId: "unpause", fields: {}, reason: "verified now", actor: operator, formKey: "r2" });
    const againId = again.ok && again.data.status === "pending_approval" ? again.data.requestId : "";
    await run(operator, "runbook.skip", { runId, stepId: "unpause", reason: "drill: leave it paused" });
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: againId } })).toMatchObject({ status: "EXPIRED" });
    expect(await voteOnRequest(db, { actor: approver, input: { requestId: againId, decision: "approve" } })).toMatchObject({ ok: false, code: "CONFLICT" });
  });
});

describe("[INCIDENTS][ALERTS]: critical alerts open or join incidents", () => {
  const critical = (fingerprint: string, name: string, serviceId: string | null, runbook: string | null): TAlertInstance => ({ fingerprint, ruleId: "t", name, severity: "critical", summary: `${name} summary`, serviceId, runbook, forSeconds: 0, labels: {} });

  it("opens one incident per service with the runbook suggested, joins the second alert, and notes the resolution", async () => {
    const stamp = Date.now();
    const sync = critical(`t-sync-${stamp}`, "Event sync stuck", "api", null);
    const health = critical(`t-health-${stamp}`, "Health check failing", "api", "RB-01");
    // An unrelated open incident for "api" exists from the tests above? Close them first so this one is fresh.
    await db.incident.updateMany({ where: { services: { has: "api" }, status: { in: ["detected", "triaged", "mitigating"] } }, data: { status: "resolved", resolvedAt: new Date() } });
    await recordRuleOutcome(db, { holding: [sync], unknown: [] }, new Date());
    const alert = await db.alert.findFirstOrThrow({ where: { fingerprint: sync.fingerprint } });
    const incident = await db.incident.findUniqueOrThrow({ where: { id: alert.incidentId! } });
    expect(incident).toMatchObject({ severity: "P1", services: ["api"], openedByAlert: "Event sync stuck", suggestedRunbook: "RB-03", status: "detected" });

    await recordRuleOutcome(db, { holding: [sync, health], unknown: [] }, new Date());
    expect((await db.alert.findFirstOrThrow({ where: { fingerprint: health.fingerprint } })).incidentId).toBe(incident.id);
    expect(await db.incident.count({ where: { openedByAlert: { not: null }, services: { has: "api" }, status: "detected" } })).toBe(1);

    await recordRuleOutcome(db, { holding: [], unknown: [] }, new Date());
    const timeline = await timelineOf(incident.id);
    expect(timeline[0]).toContain("Suggested runbook: RB-03 Blockchain event sync lag");
    expect(timeline).toEqual(expect.arrayContaining([expect.stringContaining("Alert firing: Health check failing"), expect.stringContaining("Alert resolved: Event sync stuck")]));
  });

  it("warnings do not open incidents", async () => {
    const before = await db.incident.count();
    await recordRuleOutcome(db, { holding: [{ ...critical(`t-warn-${Date.now()}`, "Event sync lag", "api", null), severity: "warning" }], unknown: [] }, new Date());
    expect(await db.incident.count()).toBe(before);
    await recordRuleOutcome(db, { holding: [], unknown: [] }, new Date());
  });
});

it("ships every runbook in the repository as a loaded version", async () => {
  const loaded = await db.runbookVersion.findMany({ distinct: ["runbookId"], select: { runbookId: true } });
  for (const r of RUNBOOKS) expect(loaded.map((l) => l.runbookId)).toContain(r.id);
  // Loading again without changes stores nothing new.
  expect(await syncRunbookVersions(db)).toEqual([]);
});
