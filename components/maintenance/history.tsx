import { Time } from "@/components/format/time";
import type { TMaintenanceTaskRow } from "@/lib/maintenance/schedule";

/** The last completions of one checklist: when, who, which steps, and the note. */
export function CompletionHistory({ task }: { task: TMaintenanceTaskRow }) {
  if (task.completions.length === 0) return <p className="text-sm text-muted">Not recorded yet.</p>;
  const total = task.steps.length;
  return (
    <ul className="divide-y divide-border text-sm" aria-label={`${task.title}: recent completions`}>
      {task.completions.map((c) => (
        <li key={c.id} className="flex flex-col gap-0.5 py-2" data-testid="maintenance-completion">
          <span className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium">
              <Time value={c.completedAt} />
            </span>
            <span className={`text-xs ${c.skippedSteps.length ? "text-warn" : "text-ok"}`}>
              {c.doneSteps.length} of {total} steps
            </span>
          </span>
          <span className="text-xs text-muted [overflow-wrap:anywhere]">by {c.by}</span>
          {c.skippedSteps.length > 0 && (
            <span className="break-words text-xs text-warn">
              Skipped: {c.skippedSteps.map((i) => `${i + 1}. ${task.steps[i]?.text ?? "step"}`).join("; ")}
            </span>
          )}
          <span className="whitespace-pre-wrap break-words">{c.note}</span>
        </li>
      ))}
    </ul>
  );
}
