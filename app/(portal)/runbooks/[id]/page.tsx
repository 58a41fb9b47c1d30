import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/format/time";
import { OperationForm } from "@/components/operations/operation-form";
import { StepText } from "@/components/runbooks/step-text";
import { requireRoute } from "@/lib/auth/session";
import { findRunbookDefinition } from "@/lib/runbooks/catalog";
import { CHECKS } from "@/lib/runbooks/check-catalog";
import { listRuns } from "@/lib/runbooks/queries";
import { findOperation } from "@/lib/operations/registry";
import { startRun } from "@/lib/operations/runbooks";
import type { TRunbookStep } from "@/lib/runbooks/types";

export const metadata: Metadata = { title: "Runbook" };
export const dynamic = "force-dynamic";

function kindLine(step: TRunbookStep): string {
  switch (step.kind) {
    case "check":
      return `Check: ${CHECKS[step.check].label}`;
    case "operation":
      return `Operation: ${findOperation(step.operationId)?.title ?? step.operationId}`;
    case "decision":
      return step.on ? `Decision on “${step.on}”: pass → ${step.ifPass}, fail → ${step.ifFail}` : `Decision: ${(step.options ?? []).map((o) => `${o.label} → ${o.goto}`).join(" · ")}`;
    default:
      return "By hand";
  }
}

function safeDecode(value: string) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export default async function RunbookPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRoute("/runbooks");
  const { id } = await params;
  const runbook = findRunbookDefinition(safeDecode(id));
  if (!runbook) notFound();
  const runs = await listRuns({ runbookId: runbook.id, take: 20 });
  const canStart = startRun.allowed.some((r) => user.roles.includes(r));
  return (
    <>
      <Link href="/runbooks" className="mb-2 inline-flex min-h-11 items-center text-sm text-accent">
        ← Runbooks
      </Link>
      <PageHeader title={`${runbook.id} — ${runbook.title}`} description={`${runbook.source}. Trigger: ${runbook.trigger}`} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card title={`Steps (${runbook.steps.length})`}>
          {runbook.warning && <p className="mb-3 rounded-md bg-crit-bg px-3 py-2 text-sm font-medium text-crit">⚠ {runbook.warning}</p>}
          <ol className="flex flex-col divide-y divide-border">
            {runbook.steps.map((step, i) => (
              <li key={step.id} className="py-3">
                <p className="text-sm font-medium">
                  {i + 1}. {step.title}
                </p>
                <p className="mb-2 text-xs text-muted">{kindLine(step)}</p>
                <StepText step={step} />
              </li>
            ))}
          </ol>
        </Card>
        <div className="flex flex-col gap-4">
          {canStart && (
            <Card title="Run it">
              <p className="mb-3 text-sm text-muted">On its own (a drill, a routine procedure). During an incident, start it from the war room so its steps land on the timeline.</p>
              <OperationForm operationId="runbook.start" submitLabel="Start a run" successHref="/runbooks/runs/{runId}" successText="Started; opening the run…">
                <input type="hidden" name="runbookId" value={runbook.id} />
              </OperationForm>
            </Card>
          )}
          <Card title="Runs">
            {runs.length === 0 ? (
              <p className="text-sm text-muted">Never run.</p>
            ) : (
              <ul className="divide-y divide-border text-sm">
                {runs.map((r) => (
                  <li key={r.id} className="py-2">
                    <Link href={`/runbooks/runs/${r.id}`} className="text-accent">
                      <Time value={r.startedAt} />
                    </Link>{" "}
                    <Badge tone={r.status === "running" ? "info" : r.status === "completed" ? "ok" : "neutral"}>{r.status}</Badge> · {r.startedBy}
                    {r.incident ? ` · INC-${r.incident.number}` : ""}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {runbook.alerts.length > 0 && (
            <Card title="Suggested by these alerts">
              <ul className="flex flex-wrap gap-1">
                {runbook.alerts.map((a) => (
                  <li key={a}>
                    <Badge>{a}</Badge>
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
