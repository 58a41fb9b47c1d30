import "server-only";
import { db } from "@/lib/db/client";
import { readThresholdValues } from "@/lib/alerts/readings";
import { OPEN_STATUSES, slaClocks, slaTargets, type TSeverity, type TSlaClock } from "@/lib/incidents/model";
import { getRun, listRuns, type TRunListItem, type TRunView } from "@/lib/runbooks/queries";
import { findRunbookDefinition } from "@/lib/runbooks/catalog";
import type { TIncidentStatus } from "@/lib/incidents/model";
import { draftPostmortem } from "@/lib/incidents/postmortem";

// What the incident pages, the portal banner and the overview read.

export type TIncidentListItem = {
  id: string;
  number: number;
  title: string;
  severity: TSeverity;
  status: TIncidentStatus;
  services: string[];
  commander: string | null;
  detectedAt: Date;
  resolvedAt: Date | null;
  clocks: TSlaClock[];
};

export async function listIncidents({ open, take = 50 }: { open: boolean; take?: number }): Promise<TIncidentListItem[]> {
  const [rows, thresholds] = await Promise.all([
    db.incident.findMany({
      where: open ? { status: { in: [...OPEN_STATUSES] } } : { status: { notIn: [...OPEN_STATUSES] } },
      orderBy: open ? [{ severity: "asc" }, { detectedAt: "asc" }] : [{ detectedAt: "desc" }],
      take,
      include: { commander: { select: { email: true } } },
    }),
    readThresholdValues(),
  ]);
  const targets = slaTargets(thresholds);
  const now = new Date();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    severity: r.severity,
    status: r.status,
    services: r.services,
    commander: r.commander?.email ?? null,
    detectedAt: r.detectedAt,
    resolvedAt: r.resolvedAt,
    clocks: slaClocks(r, targets, now),
  }));
}

/** Open P0 and P1 incidents: the banner across the portal. */
export async function listMajorOpenIncidents() {
  return db.incident.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, severity: { in: ["P0", "P1"] } },
    orderBy: [{ severity: "asc" }, { detectedAt: "asc" }],
    select: { id: true, number: true, title: true, severity: true, status: true },
    take: 3,
  });
}

export type TTimelineEntry = { id: string; at: Date; kind: string; actorEmail: string | null; text: string };
export type TAffectedService = { id: string; name: string; status: string; lastError: string | null; lastCheckedAt: Date | null };

export type TWarRoom = TIncidentListItem & {
  summary: string;
  declaredBy: string;
  openedByAlert: string | null;
  suggestedRunbook: { id: string; title: string } | null;
  commanderId: string | null;
  triagedAt: Date | null;
  mitigatingAt: Date | null;
  postmortemDoneAt: Date | null;
  affected: TAffectedService[];
  timeline: TTimelineEntry[];
  /** Runs still going, with their current step (the war room acts on these). */
  activeRuns: TRunView[];
  runs: TRunListItem[];
  alerts: { id: string; name: string; summary: string; status: string; startsAt: Date }[];
  postmortem: { publishedAt: Date | null; updatedAt: Date } | null;
};

export async function getWarRoom(id: string, { timelineLimit = 60 } = {}): Promise<TWarRoom | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const incident = await db.incident.findUnique({ where: { id }, include: { commander: { select: { email: true } }, postmortem: { select: { publishedAt: true, updatedAt: true } } } });
  if (!incident) return null;
  const [thresholds, services, events, runs, alerts] = await Promise.all([
    readThresholdValues(),
    db.service.findMany({ where: { id: { in: incident.services } }, select: { id: true, name: true, status: true, lastError: true, lastCheckedAt: true } }),
    db.incidentEvent.findMany({ where: { incidentId: id }, orderBy: { id: "desc" }, take: timelineLimit }),
    listRuns({ incidentId: id, take: 20 }),
    db.alert.findMany({ where: { incidentId: id }, orderBy: { startsAt: "desc" }, take: 20, select: { id: true, name: true, summary: true, status: true, startsAt: true } }),
  ]);
  const activeRuns = (await Promise.all(runs.filter((r) => r.status === "running").map((r) => getRun(r.id)))).filter((r): r is TRunView => r !== null);
  const suggested = incident.suggestedRunbook ? findRunbookDefinition(incident.suggestedRunbook) : undefined;
  return {
    id: incident.id,
    number: incident.number,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    services: incident.services,
    commander: incident.commander?.email ?? null,
    commanderId: incident.commanderId,
    detectedAt: incident.detectedAt,
    resolvedAt: incident.resolvedAt,
    triagedAt: incident.triagedAt,
    mitigatingAt: incident.mitigatingAt,
    postmortemDoneAt: incident.postmortemDoneAt,
    clocks: slaClocks(incident, slaTargets(thresholds), new Date()),
    summary: incident.summary,
    declaredBy: incident.declaredBy,
    openedByAlert: incident.openedByAlert,
    suggestedRunbook: suggested ? { id: suggested.id, title: suggested.title } : null,
    affected: incident.services.map((sid) => services.find((s) => s.id === sid) ?? { id: sid, name: sid, status: "unknown", lastError: null, lastCheckedAt: null }),
    timeline: events.map((e) => ({ id: String(e.id), at: e.at, kind: e.kind, actorEmail: e.actorEmail, text: e.text })),
    activeRuns,
    runs,
    alerts,
    postmortem: incident.postmortem,
  };
}

/** People who can command an incident: active operators and admins. */
export async function listCommanders() {
  return db.user.findMany({ where: { disabledAt: null, roles: { hasSome: ["operator", "admin"] } }, select: { id: true, email: true, name: true }, orderBy: { email: "asc" }, take: 200 });
}

export async function countOpenIncidents() {
  const rows = await db.incident.groupBy({ by: ["severity"], where: { status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.severity, r._count._all])) as Partial<Record<TSeverity, number>>;
}

/** The saved post-mortem, or a draft prefilled from the incident's record. */
export async function getPostmortem(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const incident = await db.incident.findUnique({ where: { id }, include: { commander: { select: { email: true } }, postmortem: true } });
  if (!incident) return null;
  if (incident.postmortem) return { incident, markdown: incident.postmortem.markdown, saved: incident.postmortem, isDraft: false as const };
  const [events, runs] = await Promise.all([
    // The latest 500 (a long incident keeps its resolution), in time order.
    db.incidentEvent.findMany({ where: { incidentId: id }, orderBy: { id: "desc" }, take: 500 }).then((rows) => rows.reverse()),
    db.runbookRun.findMany({ where: { incidentId: id }, orderBy: { startedAt: "asc" }, include: { records: { orderBy: { id: "asc" } } } }),
  ]);
  const runFacts = await Promise.all(
    runs.map(async (run) => {
      const view = await getRun(run.id);
      const titleOf = (stepId: string) => view?.runbook.steps.find((s) => s.id === stepId)?.title ?? stepId;
      return {
        runbookId: run.runbookId,
        title: view?.runbook.title ?? run.runbookId,
        status: run.status,
        steps: run.records.map((r) => ({ at: r.at, title: titleOf(r.stepId), action: r.action, outcome: r.outcome, value: r.value, note: r.note, actorEmail: r.actorEmail })),
      };
    }),
  );
  const markdown = draftPostmortem({
    number: incident.number,
    title: incident.title,
    severity: incident.severity,
    commander: incident.commander?.email ?? null,
    summary: incident.summary,
    services: incident.services,
    detectedAt: incident.detectedAt,
    resolvedAt: incident.resolvedAt,
    timeline: events.map((e) => ({ at: e.at, actorEmail: e.actorEmail, text: e.text })),
    runs: runFacts,
  });
  return { incident, markdown, saved: null, isDraft: true as const };
}
