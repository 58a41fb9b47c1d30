import { CheckCircle2, Circle, CircleDot, SkipForward, XCircle } from "lucide-react";
import { Time } from "@/components/format/time";
import { StepText } from "@/components/runbooks/step-text";
import type { TRunView } from "@/lib/runbooks/queries";

/** Every step with what was recorded on it, in order: the run's own account of itself. */
export function StepList({ run }: { run: TRunView }) {
  return (
    <ol className="flex flex-col divide-y divide-border" data-testid="step-list">
      {run.runbook.steps.map((step, i) => {
        const records = run.records.filter((r) => r.stepId === step.id);
        const isCurrent = run.currentStep?.id === step.id;
        const lastAction = records.at(-1)?.action;
        const Icon = isCurrent ? CircleDot : lastAction === "skipped" ? SkipForward : records.some((r) => r.outcome === "fail" || r.action === "failed") && !records.some((r) => ["confirmed", "executed", "decided"].includes(r.action) || r.outcome === "pass") ? XCircle : records.length ? CheckCircle2 : Circle;
        return (
          <li key={step.id} className={`flex gap-3 py-3 ${isCurrent ? "font-medium" : ""}`} data-step={step.id} aria-current={isCurrent ? "step" : undefined}>
            <Icon size={18} className={`mt-0.5 shrink-0 ${isCurrent ? "text-accent" : records.length ? "text-ok" : "text-muted"}`} aria-hidden />
            <div className="min-w-0 flex-1">
              <p className="text-sm">
                {i + 1}. {step.title}
              </p>
              {!isCurrent && records.length === 0 && run.status === "running" && (step.instruction || step.commands) && (
                <details className="mt-1 text-sm font-normal">
                  <summary className="cursor-pointer text-xs text-muted">Show the step</summary>
                  <div className="mt-2">
                    <StepText step={step} />
                  </div>
                </details>
              )}
              {records.map((r) => (
                <p key={r.id} className="mt-1 whitespace-pre-wrap break-words text-xs font-normal text-muted" data-testid="step-record">
                  <span className={r.outcome === "fail" || r.action === "failed" ? "text-crit" : r.outcome === "pass" ? "text-ok" : ""}>
                    {r.action}
                    {r.outcome ? ` · ${r.outcome}` : ""}
                  </span>
                  {r.value ? ` — ${r.value}` : ""}
                  {r.note ? ` — “${r.note}”` : ""} · {r.actorEmail} · <Time value={r.at} />
                </p>
              ))}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
