import type { TPrisma } from "@/lib/db/prisma";
import { syncRunbookVersions } from "@/lib/runbooks/loader";
import { latestRunbookVersion } from "@/lib/runbooks/versions";
import { draftPostmortem } from "@/lib/incidents/postmortem";

// Demo history: one incident from two days ago, worked with RB-07 and resolved, its post-mortem
// drafted but not published — so the incident pages, the runbook's run history and the
// post-mortem editor have something real to show. Times are backdated, so rows are written
// directly rather than through the operations (which stamp "now").

const DAY = 86_400_000;
export const DEMO_TITLE = "Event sync lagging: primary RPC timing out";

export async function seedDemoIncidents(db: TPrisma, now = new Date()) {
  await syncRunbookVersions(db);
  if ((await db.incident.count({ where: { title: DEMO_TITLE } })) > 0) return { incidents: 0 };
  const rb07 = await latestRunbookVersion(db, "RB-07");
  const commander = await db.user.findUnique({ where: { email: "operator@opsdeck.local" }, select: { id: true, email: true } });
  if (!rb07 || !commander) return { incidents: 0 };

  const t = (minutes: number) => new Date(now.getTime() - 2 * DAY + minutes * 60_000);
  const incident = await db.incident.create({
    data: {
      title: DEMO_TITLE,
      severity: "P2",
      status: "resolved",
      summary: "The primary RPC provider timed out for about 40 minutes; event sync fell 300 blocks behind until OpsDeck was pinned to the fallback.",
      services: ["rpc-primary", "event-workers"],
      commanderId: commander.id,
      declaredBy: "OpsDeck alerting",
      openedByAlert: "RPC primary down, fallback active",
      suggestedRunbook: "RB-07",
      detectedAt: t(0),
      triagedAt: t(3),
      mitigatingAt: t(11),
      resolvedAt: t(47),
    },
    select: { id: true, number: true },
  });
  const who = commander.email;
  const events = [
    { at: t(0), kind: "declared", actorEmail: null, text: "Opened by the critical alert RPC primary down, fallback active: the primary RPC does not answer. Suggested runbook: RB-07 RPC provider failover" },
    { at: t(3), kind: "status", actorEmail: who, text: "Detected → Triaged" },
    { at: t(4), kind: "run_started", actorEmail: who, text: `RB-07 RPC provider failover started (v${rb07.version})` },
  ];
  const run = await db.runbookRun.create({ data: { runbookId: "RB-07", version: rb07.version, incidentId: incident.id, currentStepId: "check-primary", startedBy: who, startedAt: t(4) } });
  const records = [
    { at: t(5), stepId: "check-primary", action: "checked", outcome: "fail", value: "primary (rpc.provider-a.example) does not answer: timed out after 5000 ms" },
    { at: t(5), stepId: "primary-down", action: "decided", value: "→ Check the fallback RPC", note: "check-primary failed" },
    { at: t(6), stepId: "check-fallback", action: "checked", outcome: "pass", value: "fallback (rpc.provider-b.example) answers at block 48213377 in 84 ms" },
    { at: t(6), stepId: "fallback-up", action: "decided", value: "→ Switch OpsDeck to the fallback RPC", note: "check-fallback passed" },
    { at: t(11), stepId: "switch-fallback", action: "executed", value: '{"chain":"evm","before":"auto","after":"fallback"}' },
    { at: t(20), stepId: "switch-backend", action: "confirmed", note: "backend already on the fallback (automatic failover worked)" },
    { at: t(46), stepId: "status-pages", action: "confirmed", note: "provider A reported a regional outage, fixed at 40 min" },
  ];
  for (const r of records) {
    await db.runStepRecord.create({ data: { runId: run.id, actorEmail: who, ...r } });
    events.push({ at: r.at, kind: "run_step", actorEmail: who, text: `RB-07 · ${r.stepId} ${r.action}${r.outcome ? ` — ${r.outcome}` : ""}: ${r.value ?? r.note ?? ""}` });
  }
  await db.runbookRun.update({ where: { id: run.id }, data: { status: "aborted", currentStepId: null, finishedAt: t(47), finishNote: "primary back; the pin stays until the provider's post-incident report" } });
  events.push({ at: t(47), kind: "status", actorEmail: who, text: "Mitigating → Resolved" });
  for (const e of events) await db.incidentEvent.create({ data: { incidentId: incident.id, ...e } });

  const markdown = draftPostmortem({
    number: incident.number,
    title: DEMO_TITLE,
    severity: "P2",
    commander: who,
    summary: "The primary RPC provider timed out for about 40 minutes; event sync fell 300 blocks behind until OpsDeck was pinned to the fallback.",
    services: ["rpc-primary", "event-workers"],
    detectedAt: t(0),
    resolvedAt: t(47),
    timeline: events.map((e) => ({ at: e.at, actorEmail: e.actorEmail, text: e.text })),
    runs: [{ runbookId: "RB-07", title: "RPC provider failover", status: "aborted", steps: records.map((r) => ({ at: r.at, title: r.stepId, action: r.action, outcome: r.outcome ?? null, value: r.value ?? null, note: r.note ?? null, actorEmail: who })) }],
  });
  await db.postmortem.create({ data: { incidentId: incident.id, markdown, updatedBy: who } });
  return { incidents: 1 };
}
