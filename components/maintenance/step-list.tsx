import { FieldError } from "@/components/forms/fields";
import { CopyCommand } from "@/components/runbooks/copy-command";
import type { TMaintenanceStep } from "@/lib/maintenance/schedule";

/**
 * A checklist's steps with their commands to copy (OpsDeck runs none of them). With `isForm` each
 * step gets the checkbox the completion form sends; the command sits outside the label, so a press
 * on its copy button never ticks the box.
 */
export function StepList({ steps, isForm = false }: { steps: TMaintenanceStep[]; isForm?: boolean }) {
  return (
    <>
      <ol className="flex flex-col divide-y divide-border text-sm" aria-label="Steps">
        {steps.map((s) => (
          <li key={s.index} className="flex flex-col gap-1 py-2 first:pt-0" data-testid="maintenance-step">
            {isForm ? (
              <label className="flex min-h-11 cursor-pointer items-start gap-3 py-1">
                <input type="checkbox" name="doneSteps[]" value={s.index} className="mt-0.5 h-5 w-5 shrink-0" />
                <span className="min-w-0 break-words font-medium">
                  {s.index + 1}. {s.text}
                </span>
              </label>
            ) : (
              <p className="min-w-0 break-words font-medium">
                {s.index + 1}. {s.text}
              </p>
            )}
            {s.command ? (
              <div className={isForm ? "pl-8" : undefined}>
                <CopyCommand command={s.command} />
              </div>
            ) : (
              <p className={`text-xs text-muted ${isForm ? "pl-8" : ""}`}>No command: look and judge.</p>
            )}
          </li>
        ))}
      </ol>
      {isForm && <FieldError name="doneSteps" />}
    </>
  );
}
