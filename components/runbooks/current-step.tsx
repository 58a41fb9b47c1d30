import Link from "next/link";
import { Clock, ShieldAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Field, TextArea, Select } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { StepText } from "@/components/runbooks/step-text";
import { runStepOperationAction } from "@/app/(portal)/actions";
import { findOperation } from "@/lib/operations/registry";
import { CHECKS } from "@/lib/runbooks/check-catalog";
import type { TRunView } from "@/lib/runbooks/queries";

const KIND_LABEL = { check: "Check", manual: "Do by hand", operation: "Operation", decision: "Decision" } as const;

/**
 * The one thing to do now in a run: what the step says, and the buttons to do it. Keyed by step
 * by the caller, so moving on gives fresh forms while a refresh keeps what someone is typing.
 */
export function CurrentStep({ run, canAct, revalidate }: { run: TRunView; canAct: boolean; revalidate: string[] }) {
  const step = run.currentStep;
  if (!step) return null;
  const index = run.runbook.steps.findIndex((s) => s.id === step.id);
  const last = [...run.records].reverse().find((r) => r.stepId === step.id);
  const hidden = (
    <>
      <input type="hidden" name="runId" value={run.id} />
      <input type="hidden" name="stepId" value={step.id} />
    </>
  );

  return (
    <div className="flex flex-col gap-3" data-testid="current-step" data-step={step.id}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="info">
          Step {index + 1} of {run.runbook.steps.length}
        </Badge>
        <Badge>{KIND_LABEL[step.kind]}</Badge>
      </div>
      <h3 className="text-base font-semibold">{step.title}</h3>
      <StepText step={step} />

      {step.kind === "check" && (
        <p className="text-xs text-muted">
          {/* A run follows its stored version: a check renamed since then still shows its id. */}
          {CHECKS[step.check]?.label ?? step.check}: {CHECKS[step.check]?.describe ?? ""}
        </p>
      )}
      {last?.action === "checked" && (
        <p role="status" className={`whitespace-pre-wrap break-words rounded-md px-3 py-2 text-sm ${last.outcome === "pass" ? "bg-ok-bg text-ok" : "bg-crit-bg text-crit"}`} data-testid="check-result">
          <strong>{last.outcome === "pass" ? "Pass" : "Fail"}</strong> — {last.value}
        </p>
      )}
      {last?.action === "failed" && (
        <p role="alert" className="break-words rounded-md bg-crit-bg px-3 py-2 text-sm text-crit">
          Did not go through: {last.value}
        </p>
      )}
      {run.waiting && (run.waiting.status === "PENDING" || run.waiting.status === "APPROVED") && (
        <p role="status" className="flex flex-wrap items-center gap-2 rounded-md bg-info-bg px-3 py-2 text-sm text-info" data-testid="waiting-approval">
          <Clock size={16} aria-hidden />
          {run.waiting.status === "APPROVED" ? "Approved; carrying it out…" : `Waiting for ${run.waiting.requiredCount - run.waiting.approvals} more approver${run.waiting.requiredCount - run.waiting.approvals === 1 ? "" : "s"} (${run.waiting.approvals} of ${run.waiting.requiredCount}).`}
          <Link className="font-medium underline" href={`/approvals/${run.waiting.requestId}`}>
            Open the request
          </Link>
        </p>
      )}

      {last?.action === "started" && (
        <p role="status" className="flex items-center gap-2 rounded-md bg-info-bg px-3 py-2 text-sm text-info" data-testid="step-under-way">
          <Clock size={16} aria-hidden />
          Under way (started by {last.actorEmail}); the outcome appears here when it is confirmed.
        </p>
      )}
      {!canAct && <p className="text-sm text-muted">Operators and admins act on runs.</p>}
      {canAct && step.kind === "check" && (
        <div className="flex flex-col gap-3">
          <OperationForm operationId="runbook.check" submitLabel={last?.action === "checked" ? "Run the check again" : "Run check"} revalidate={revalidate} successText="Checked.">
            {hidden}
          </OperationForm>
          {last?.action === "checked" && last.outcome === "fail" && (
            <details className="rounded-md border border-border p-3">
              <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium">Continue anyway</summary>
              <OperationForm operationId="runbook.confirm" submitLabel="Continue past this check" variant="secondary" revalidate={revalidate}>
                {hidden}
                <TextArea label="Why it is safe to continue" name="note" required minLength={5} />
              </OperationForm>
            </details>
          )}
        </div>
      )}
      {canAct && step.kind === "manual" && (
        <OperationForm operationId="runbook.confirm" submitLabel="Done" revalidate={revalidate} successText="Recorded.">
          {hidden}
          <TextArea label="Note (optional)" name="note" rows={2} placeholder="What you saw or did" />
        </OperationForm>
      )}
      {canAct && step.kind === "operation" && last?.action !== "started" && last?.action !== "waiting" && <OperationStepForm run={run} revalidate={revalidate} />}
      {canAct && step.kind === "decision" && step.options && (
        <OperationForm operationId="runbook.decide" submitLabel="Answer" revalidate={revalidate}>
          {hidden}
          <Select label={step.title} name="goto" required defaultValue="">
            <option value="" disabled>
              Choose…
            </option>
            {step.options.map((o) => (
              <option key={o.label} value={o.goto}>
                {o.label}
              </option>
            ))}
          </Select>
        </OperationForm>
      )}
      {canAct && (
        <details className="rounded-md border border-border p-3">
          <summary className="min-h-11 cursor-pointer py-2 text-sm text-muted">Skip this step</summary>
          <OperationForm operationId="runbook.skip" submitLabel="Skip it" variant="secondary" revalidate={revalidate}>
            {hidden}
            <TextArea label="Why skip it" name="reason" required minLength={5} rows={2} />
          </OperationForm>
        </details>
      )}
    </div>
  );
}

function OperationStepForm({ run, revalidate }: { run: TRunView; revalidate: string[] }) {
  const step = run.currentStep;
  if (step?.kind !== "operation") return null;
  const op = findOperation(step.operationId);
  const needsApproval = op?.approval !== null;
  return (
    <div className="flex flex-col gap-2">
      {op && (
        <p className="flex items-center gap-2 text-xs text-muted">
          <ShieldAlert size={14} aria-hidden />
          {op.title}: {op.description}
        </p>
      )}
      <OperationForm
        operationId={step.operationId}
        action={runStepOperationAction.bind(null, run.id, step.id)}
        submitLabel={needsApproval ? `Request: ${op?.title ?? step.operationId}` : (op?.title ?? step.operationId)}
        variant={op?.risk === "critical" ? "danger" : "primary"}
        needsReason={needsApproval}
        revalidate={revalidate}
        successText="Carried out."
      >
        {(step.fields ?? []).map((f) =>
          f.options ? (
            <Select key={f.name} label={f.label} name={f.name} required defaultValue="">
              <option value="" disabled>
                Choose…
              </option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          ) : (
            <Field key={f.name} label={f.label} name={f.name} placeholder={f.placeholder} required />
          ),
        )}
      </OperationForm>
    </div>
  );
}
