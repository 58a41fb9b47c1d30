import type { Prisma } from "@/generated/prisma/client";
import { addIncidentEvent } from "@/lib/incidents/timeline";
import { OPEN_STATUSES, SEVERITIES, type TSeverity } from "@/lib/incidents/model";
import { runbookForAlert } from "@/lib/runbooks/catalog";

// A critical alert that starts firing opens an incident, or joins the open one for the same
// service (or, without a service, for the same alert name, or the one already running its
// runbook), with its mapped runbook suggested.
// Called inside the alert writers' transactions, so an alert is never firing without its incident.

const LOCK = "opsdeck:incidents-from-alerts";

/** critical → P1 (service down) unless the alert says otherwise with an `incident_severity` label. */
function severityOf(labels: Prisma.JsonValue): TSeverity {
  const wanted = labels && typeof labels === "object" && !Array.isArray(labels) ? (labels as Record<string, unknown>).incident_severity : undefined;
  return typeof wanted === "string" && (SEVERITIES as readonly string[]).includes(wanted) ? (wanted as TSeverity) : "P1";
}

export async function openIncidentsForAlerts(tx: Prisma.TransactionClient, now = new Date()): Promise<{ opened: number; joined: number }> {
  const where = { status: "firing" as const, severity: "critical", incidentId: null };
  if ((await tx.alert.count({ where })) === 0) return { opened: 0, joined: 0 };
  // Read under the lock: two alert writers at once must not both link (and announce) one alert.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${LOCK}))`;
  const alerts = await tx.alert.findMany({
    where,
    orderBy: { startsAt: "asc" },
    select: { id: true, name: true, summary: true, serviceId: true, runbook: true, labels: true, startsAt: true },
  });
  let opened = 0;
  let joined = 0;
  for (const alert of alerts) {
    const runbook = runbookForAlert(alert);
    // The same service, or (without one) the same alert name — or an incident already running the
    // runbook this alert points to (the escrow-paused alert joins the P0 whose RB-05 paused it).
    const open = await tx.incident.findFirst({
      where: {
        status: { in: [...OPEN_STATUSES] },
        OR: [alert.serviceId ? { services: { has: alert.serviceId } } : { openedByAlert: alert.name }, ...(runbook ? [{ runs: { some: { runbookId: runbook.id, status: "running" as const } } }] : [])],
      },
      orderBy: { detectedAt: "desc" },
      select: { id: true },
    });
    let incidentId = open?.id;
    if (incidentId) {
      joined++;
      await addIncidentEvent(tx, incidentId, { kind: "alert", text: `Alert firing: ${alert.name} — ${alert.summary}${runbook ? ` (runbook ${runbook.id})` : ""}`, data: { alertId: alert.id }, at: now });
    } else {
      const incident = await tx.incident.create({
        data: {
          title: alert.summary.slice(0, 200),
          severity: severityOf(alert.labels),
          services: alert.serviceId ? [alert.serviceId] : [],
          declaredBy: "OpsDeck alerting",
          openedByAlert: alert.name,
          suggestedRunbook: runbook?.id ?? null,
          detectedAt: alert.startsAt,
        },
        select: { id: true },
      });
      incidentId = incident.id;
      opened++;
      await addIncidentEvent(tx, incidentId, {
        kind: "declared",
        text: `Opened by the critical alert ${alert.name}: ${alert.summary}${runbook ? `. Suggested runbook: ${runbook.id} ${runbook.title}` : ""}`,
        data: { alertId: alert.id },
        at: now,
      });
    }
    await tx.alert.update({ where: { id: alert.id }, data: { incidentId } });
  }
  return { opened, joined };
}

/** Resolved alerts that belong to an incident say so on its timeline. */
export async function noteResolvedAlerts(tx: Prisma.TransactionClient, alertIds: readonly string[], now = new Date()) {
  if (alertIds.length === 0) return;
  const alerts = await tx.alert.findMany({ where: { id: { in: [...alertIds] }, incidentId: { not: null } }, select: { id: true, name: true, summary: true, incidentId: true } });
  for (const alert of alerts) {
    await addIncidentEvent(tx, alert.incidentId!, { kind: "alert_resolved", text: `Alert resolved: ${alert.name} — ${alert.summary}`, data: { alertId: alert.id }, at: now });
  }
}
