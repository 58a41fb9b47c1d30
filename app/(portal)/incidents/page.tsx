import type { Metadata } from "next";
import Link from "next/link";
import { Siren } from "lucide-react";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { Time } from "@/components/format/time";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { SeverityBadge, StatusBadge } from "@/components/incidents/incident-badges";
import { SlaClocks } from "@/components/incidents/sla-clocks";
import { requireRoute } from "@/lib/auth/session";
import { listIncidents, type TIncidentListItem } from "@/lib/incidents/queries";
import { declareIncident } from "@/lib/operations/incidents";
import { durationLabel, incidentRef } from "@/lib/incidents/model";

export const metadata: Metadata = { title: "Incidents" };
export const dynamic = "force-dynamic";

export default async function IncidentsPage() {
  const user = await requireRoute("/incidents");
  const [open, closed] = await Promise.all([listIncidents({ open: true }), listIncidents({ open: false, take: 30 })]);
  const canDeclare = declareIncident.allowed.some((r) => user.roles.includes(r));
  return (
    <>
      <PageHeader
        title="Incidents"
        description="Open incidents first, by severity. Critical alerts open them by themselves."
        actions={
          canDeclare ? (
            <Link href="/incidents/new" className={buttonClass("danger")}>
              <Siren size={16} aria-hidden /> Declare an incident
            </Link>
          ) : null
        }
      />
      <RefreshWhile active everyMs={10_000} />
      <div className="flex flex-col gap-4">
        <Card title={`Open (${open.length})`}>
          {open.length === 0 ? (
            <EmptyState icon={<Siren size={20} />} title="No open incident">
              When something breaks, declare one: the war room keeps the timeline, the runbook and the approvals in one place.
            </EmptyState>
          ) : (
            <ul className="flex flex-col gap-3">
              {open.map((i) => (
                <IncidentRow key={i.id} incident={i} />
              ))}
            </ul>
          )}
        </Card>
        <Card title="Resolved">
          {closed.length === 0 ? (
            <p className="text-sm text-muted">None yet.</p>
          ) : (
            <ul className="divide-y divide-border">
              {closed.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                  <SeverityBadge severity={i.severity} />
                  <Link href={`/incidents/${i.id}`} className="min-w-0 flex-1 font-medium text-accent">
                    {incidentRef(i.number)} {i.title}
                  </Link>
                  <StatusBadge status={i.status} />
                  <span className="text-xs text-muted">
                    <Time value={i.detectedAt} />
                    {i.resolvedAt ? ` · lasted ${durationLabel((i.resolvedAt.getTime() - i.detectedAt.getTime()) / 1000)}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

function IncidentRow({ incident: i }: { incident: TIncidentListItem }) {
  return (
    <li className="rounded-md border border-border p-3" data-testid="open-incident">
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={i.severity} />
        <StatusBadge status={i.status} />
        <Link href={`/incidents/${i.id}`} className="min-w-0 flex-1 basis-48 font-medium text-accent">
          {incidentRef(i.number)} {i.title}
        </Link>
      </div>
      <p className="mt-1 text-xs text-muted">
        Detected <Time value={i.detectedAt} /> · commander {i.commander ?? "not assigned"}
        {i.services.length ? ` · ${i.services.join(", ")}` : ""}
      </p>
      <div className="mt-2">
        <SlaClocks clocks={i.clocks} compact />
      </div>
    </li>
  );
}
