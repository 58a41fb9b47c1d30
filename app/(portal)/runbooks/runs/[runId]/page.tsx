import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/format/time";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { TextArea } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { CurrentStep } from "@/components/runbooks/current-step";
import { StepList } from "@/components/runbooks/step-list";
import { requireRoute } from "@/lib/auth/session";
import { getRun } from "@/lib/runbooks/queries";
import { incidentRef } from "@/lib/incidents/model";
import { startRun } from "@/lib/operations/runbooks";

export const metadata: Metadata = { title: "Runbook run" };
export const dynamic = "force-dynamic";

// A run resumes wherever it is opened: its state lives in the database, not in a browser.
export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const user = await requireRoute("/runbooks");
  const { runId } = await params;
  const run = await getRun(runId);
  if (!run) notFound();
  const path = `/runbooks/runs/${run.id}`;
  const revalidate = [path, ...(run.incident ? [`/incidents/${run.incident.id}`] : [])];
  // The run operations' own roles (lib/operations/runbooks.ts), checked again on the server.
  const canAct = startRun.allowed.some((r) => user.roles.includes(r));
  return (
    <>
      <RefreshWhile active={run.status === "running"} everyMs={5_000} />
      <Link href={run.incident ? `/incidents/${run.incident.id}` : `/runbooks/${encodeURIComponent(run.runbook.id)}`} className="mb-2 inline-flex min-h-11 items-center text-sm text-accent">
        ← {run.incident ? `${incidentRef(run.incident.number)} war room` : run.runbook.id}
      </Link>
      <PageHeader
        title={`${run.runbook.id} — ${run.runbook.title}`}
        description={
          <>
            v{run.version} · started by {run.startedBy} · <Time value={run.startedAt} />
            {run.incident ? ` · ${incidentRef(run.incident.number)} ${run.incident.title}` : " · on its own"}
          </>
        }
        actions={
          <Badge tone={run.status === "running" ? "info" : run.status === "completed" ? "ok" : "neutral"} className="text-sm">
            <span data-testid="run-status">{run.status}</span>
          </Badge>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex min-w-0 flex-col gap-4">
          {run.runbook.warning && <p className="rounded-md bg-crit-bg px-3 py-2 text-sm font-medium text-crit">⚠ {run.runbook.warning}</p>}
          {run.currentStep ? (
            <Card title="Now">
              <CurrentStep key={run.currentStep.id} run={run} canAct={canAct} revalidate={revalidate} />
            </Card>
          ) : (
            <Card>
              <p className="text-sm" data-testid="run-finished">
                {run.status === "completed" ? "Completed" : "Aborted"} <Time value={run.finishedAt} />
                {run.finishNote ? ` — ${run.finishNote}` : ""}. A finished run cannot change.
              </p>
            </Card>
          )}
          {canAct && run.status === "running" && (
            <details className="rounded-lg border border-border bg-surface p-4">
              <summary className="min-h-11 cursor-pointer py-2 text-sm text-muted">Abort this run</summary>
              <OperationForm operationId="runbook.abort" submitLabel="Abort the run" variant="danger" revalidate={revalidate}>
                <input type="hidden" name="runId" value={run.id} />
                <TextArea label="Why abort" name="reason" required minLength={5} rows={2} />
              </OperationForm>
            </details>
          )}
        </div>
        <Card title="All steps">
          <StepList run={run} />
        </Card>
      </div>
    </>
  );
}
