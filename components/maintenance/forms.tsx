import { Field, Select, TextArea } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { StepList } from "@/components/maintenance/step-list";
import { utcInputValue } from "@/components/secrets/format";
import type { TMaintenanceTaskRow } from "@/lib/maintenance/schedule";

// The card's forms: each runs its operation through the pipeline (which checks the role again).

const MAX_AGE = 60 * 86_400_000;

/** The checklist itself: one checkbox per step, when it was done, and the note. */
export function CompleteForm({ task, now }: { task: TMaintenanceTaskRow; now: Date }) {
  return (
    <OperationForm operationId="maintenance.complete" submitLabel="Record completion" revalidate={["/maintenance"]} successText="Recorded.">
      <input type="hidden" name="taskId" value={task.id} />
      {/* Keeps an empty list present when nothing is ticked, so the message says "tick at least one". */}
      <input type="hidden" name="doneSteps[]" value="" />
      <fieldset className="min-w-0">
        <legend className="mb-2 text-sm font-medium">Tick the steps you did</legend>
        <StepList steps={task.steps} isForm />
      </fieldset>
      {/* datetime-local has no zone: the value is UTC, as everywhere in the portal. */}
      <Field label="Done at (UTC)" name="completedAt" type="datetime-local" max={utcInputValue(now)} min={utcInputValue(new Date(now.getTime() - MAX_AGE))} hint="Leave empty for now." />
      <TextArea label="Note" name="note" required minLength={5} maxLength={1000} rows={3} placeholder="What you saw; if you skipped a step, why (e.g. certbot renews itself, expiry checked)" />
    </OperationForm>
  );
}

export function AssignForm({ task, assignees }: { task: TMaintenanceTaskRow; assignees: { email: string; name: string }[] }) {
  // A current owner who lost access still shows, so saving the form does not silently change it.
  const options = task.ownerEmail && !assignees.some((a) => a.email === task.ownerEmail) ? [{ email: task.ownerEmail, name: "no longer eligible" }, ...assignees] : assignees;
  return (
    <OperationForm operationId="maintenance.assign" submitLabel="Save owner" variant="secondary" revalidate={["/maintenance"]} successText="Owner saved.">
      <input type="hidden" name="taskId" value={task.id} />
      <Select label="Owner" name="ownerEmail" defaultValue={task.ownerEmail ?? ""}>
        <option value="">Nobody</option>
        {options.map((a) => (
          <option key={a.email} value={a.email}>
            {a.name} ({a.email})
          </option>
        ))}
      </Select>
    </OperationForm>
  );
}
