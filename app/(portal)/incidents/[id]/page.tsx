import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FileText, ListChecks } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/format/time";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { buttonClass } from "@/components/ui/button";
import { Select, TextArea, CheckboxGroup } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { SeverityBadge, StatusBadge } from "@/components/incidents/incident-badges";
import { SlaClocks } from "@/components/incidents/sla-clocks";
import { Timeline } from "@/components/incidents/timeline";
import { CurrentStep } from "@/components/runbooks/current-step";
import { HEALTH_LABEL, HEALTH_TONE } from "@/components/services/health";
import { RtoClocks } from "@/components/capacity/rto-clock";
import { readRtoClocks } from "@/lib/capacity/readings";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getWarRoom, listCommanders } from "@/lib/incidents/queries";
import { SEVERITIES, STATUSES, canMoveTo, incidentRef, isOpen, type TIncidentStatus } from "@/lib/incidents/model";
import { RUNBOOKS } from "@/lib/runbooks/catalog";
import { updateIncident, addIncidentNote } from "@/lib/operations/incidents";
import { startRun } from "@/lib/operations/runbooks";
import type { THealth } from "@/lib/services/graph";

export const metadata: Metadata = { title: "War room" };
export const dynamic = "force-dynamic";

const NEXT_ACTION: Partial<Record<TIncidentStatus, string>> = { triaged: "Mark triaged", mitigating: "Mitigating", resolved: "Resolved" };

// The war room, phone first: what is wrong, how long it has been, the one step to do now, and
// what just happened. It refreshes every few seconds; forms keep what someone is typing.
export default async function WarRoomPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRoute("/incidents");
  const { id } = await params;
  const room = await getWarRoom(id);
  if (!room) notFound();
  const path = `/incidents/${id}`;
  const open = isOpen(room.status);
  const isRunner = startRun.allowed.some((r) => user.roles.includes(r));
  const canUpdate = updateIncident.allowed.some((r) => user.roles.includes(r)) && (isRunner || room.commanderId === user.id);
  const canNote = addIncidentNote.allowed.some((r) => user.roles.includes(r));
  const canRun = isRunner;
  const [commanders, services] = canUpdate ? await Promise.all([listCommanders(), db.service.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } })]) : [[], []];
  // Time since detection against each affected service's RTO; stopped once resolved.
  const rtoClocks = await readRtoClocks(db, { serviceIds: room.services, startedAt: room.detectedAt, endedAt: room.resolvedAt });
  const suggested = [room.suggestedRunbook?.id, ...RUNBOOKS.filter((r) => r.services.some((s) => room.services.includes(s))).map((r) => r.id)].filter((x): x is string => !!x);
  const runbookOptions = [...new Set([...suggested, ...RUNBOOKS.map((r) => r.id)])].map((rid) => RUNBOOKS.find((r) => r.id === rid)!).filter(Boolean);
  const hasActions = room.activeRuns.length > 0 || (open && canRun) || canNote || canUpdate;
  const nextStatuses = STATUSES.filter((s) => canMoveTo(room.status, s) && NEXT_ACTION[s]);

  return (
    <>
      <RefreshWhile active={open} everyMs={5_000} />
      <Link href="/incidents" className="mb-1 inline-flex min-h-11 items-center text-sm text-accent">
        ← Incidents
      </Link>
      <header className="mb-4 flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={room.severity} className="text-sm" />
          <StatusBadge status={room.status} className="text-sm" />
          <span className="text-sm text-muted">{incidentRef(room.number)}</span>
        </div>
        <h1 className="text-xl font-semibold tracking-tight sm:text-2xl">{room.title}</h1>
        <p className="text-sm text-muted">
          Commander <strong className="text-fg">{room.commander ?? "not assigned"}</strong> · detected <Time value={room.detectedAt} /> · declared by {room.declaredBy}
        </p>
        <SlaClocks clocks={room.clocks} />
        <RtoClocks clocks={rtoClocks} />
      </header>

      {/* Someone who can only read a closed incident has nothing to do: the record takes the width. */}
      <div className={hasActions ? "grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" : "grid gap-4"}>
        <div className={hasActions ? "flex min-w-0 flex-col gap-4" : "hidden"}>
          {room.activeRuns.map((run) => (
            <Card
              key={run.id}
              title={
                <span className="flex items-center gap-2">
                  <ListChecks size={16} aria-hidden /> {run.runbook.id} {run.runbook.title}
                </span>
              }
              action={
                <Link href={`/runbooks/runs/${run.id}`} className="text-sm text-accent">
                  All steps
                </Link>
              }
            >
              {run.runbook.warning && <p className="mb-3 rounded-md bg-crit-bg px-3 py-2 text-sm font-medium text-crit">⚠ {run.runbook.warning}</p>}
              <CurrentStep key={`${run.id}:${run.currentStep?.id}`} run={run} canAct={isRunner} revalidate={[path]} />
            </Card>
          ))}

          {/* On a phone the full timeline is far below: the latest entries come right after the step. */}
          <Card title="Latest" className="lg:hidden">
            <Timeline entries={room.timeline.slice(0, 4)} testId="timeline-latest" />
          </Card>

          {open && canRun && (
            <Card title={room.activeRuns.length ? "Start another runbook" : "Start a runbook"}>
              {room.suggestedRunbook && room.activeRuns.length === 0 && (
                <p className="mb-3 text-sm">
                  Suggested by the alert: <strong>{room.suggestedRunbook.id}</strong> {room.suggestedRunbook.title}
                </p>
              )}
              <OperationForm operationId="runbook.start" submitLabel="Start" revalidate={[path]} successText="Started.">
                <input type="hidden" name="incidentId" value={room.id} />
                <Select label="Runbook" name="runbookId" required defaultValue={suggested[0] ?? ""}>
                  <option value="" disabled>
                    Choose a runbook…
                  </option>
                  {runbookOptions.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.id} — {r.title}
                      {suggested.includes(r.id) ? " (suggested)" : ""}
                    </option>
                  ))}
                </Select>
              </OperationForm>
            </Card>
          )}

          {canNote && (
            <Card title="Add to the timeline">
              <OperationForm operationId="incident.note" submitLabel="Add note" revalidate={[path]} successText="Added.">
                <input type="hidden" name="incidentId" value={room.id} />
                <TextArea label="Note" name="text" required rows={3} placeholder="What you saw, what you did, what you will try next" />
              </OperationForm>
            </Card>
          )}

          {canUpdate && (
            <Card title="Status">
              {nextStatuses.length > 0 && (
                <div className="mb-4 flex flex-wrap gap-2">
                  {nextStatuses.map((s) => (
                    <OperationForm key={s} operationId="incident.update" submitLabel={NEXT_ACTION[s]!} variant={s === "resolved" ? "primary" : "secondary"} revalidate={[path]} className="flex flex-col gap-2" successText="Updated.">
                      <input type="hidden" name="incidentId" value={room.id} />
                      <input type="hidden" name="status" value={s} />
                    </OperationForm>
                  ))}
                </div>
              )}
              <details className="rounded-md border border-border p-3">
                <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium">Severity, commander, services</summary>
                <OperationForm operationId="incident.update" submitLabel="Save changes" variant="secondary" revalidate={[path]} successText="Updated.">
                  <input type="hidden" name="incidentId" value={room.id} />
                  <Select label="Severity" name="severity" defaultValue={room.severity}>
                    {SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </Select>
                  <Select label="Commander" name="commanderId" defaultValue={room.commanderId ?? "none"}>
                    <option value="none">Not assigned</option>
                    {commanders.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name} ({c.email})
                      </option>
                    ))}
                  </Select>
                  <CheckboxGroup legend="Affected services" name="services[]" options={services.map((s) => ({ value: s.id, label: s.name }))} defaultValue={room.services} />
                  <input type="hidden" name="services[]" value="" />
                </OperationForm>
              </details>
            </Card>
          )}
        </div>

        <div className="flex min-w-0 flex-col gap-4">
          <Card title="Timeline">
            <Timeline entries={room.timeline} />
          </Card>
          <Card title="Affected services">
            {room.affected.length === 0 ? (
              <p className="text-sm text-muted">None recorded.</p>
            ) : (
              <ul className="divide-y divide-border">
                {room.affected.map((s) => (
                  <li key={s.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                    <Badge tone={HEALTH_TONE[s.status as THealth] ?? "neutral"}>{HEALTH_LABEL[s.status as THealth] ?? s.status}</Badge>
                    <Link href={`/services/${s.id}`} className="font-medium text-accent">
                      {s.name}
                    </Link>
                    {s.lastError && <span className="w-full break-words text-xs text-crit">{s.lastError}</span>}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {room.alerts.length > 0 && (
            <Card title="Alerts">
              <ul className="divide-y divide-border text-sm">
                {room.alerts.map((a) => (
                  <li key={a.id} className="py-2">
                    <Badge tone={a.status === "firing" ? "crit" : "neutral"}>{a.status}</Badge> <strong>{a.name}</strong> — {a.summary}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card title="Runbook runs">
            {room.runs.length === 0 ? (
              <p className="text-sm text-muted">None yet.</p>
            ) : (
              <ul className="divide-y divide-border text-sm">
                {room.runs.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center gap-2 py-2">
                    <Link href={`/runbooks/runs/${r.id}`} className="font-medium text-accent">
                      {r.runbookId} {r.title}
                    </Link>
                    <Badge tone={r.status === "running" ? "info" : r.status === "completed" ? "ok" : "neutral"}>{r.status}</Badge>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Post-mortem">
            <p className="mb-3 text-sm text-muted">
              {room.postmortem?.publishedAt ? (
                <>
                  Published <Time value={room.postmortem.publishedAt} />.
                </>
              ) : room.postmortem ? (
                "Draft saved."
              ) : open ? (
                "Prefilled from this timeline and the runbook runs once you open it."
              ) : (
                "Not written yet. P0 and P1: within 48 hours."
              )}
            </p>
            <Link href={`${path}/postmortem`} className={buttonClass("secondary")}>
              <FileText size={16} aria-hidden /> {room.postmortem?.publishedAt ? "Read the post-mortem" : "Write the post-mortem"}
            </Link>
          </Card>
        </div>
      </div>
    </>
  );
}

