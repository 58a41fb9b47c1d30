import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/format/time";
import { dueLabel } from "@/components/secrets/format";
import { MaintenanceStateBadge } from "@/components/maintenance/state-badge";
import { StepList } from "@/components/maintenance/step-list";
import { AssignForm, CompleteForm } from "@/components/maintenance/forms";
import { CompletionHistory } from "@/components/maintenance/history";
import { HISTORY_SIZE, type TMaintenanceTaskRow } from "@/lib/maintenance/schedule";

const CADENCE = { weekly: "Weekly, due Mondays 00:00 UTC", monthly: "Monthly, due on the 1st, 00:00 UTC" } as const;

/** One checklist: where it stands, its steps (as the form to record it, for those who may), its owner and history. */
export function TaskCard({ task, now, canWrite, writersHint, assignees }: { task: TMaintenanceTaskRow; now: Date; canWrite: boolean; writersHint: string; assignees: { email: string; name: string }[] }) {
  return (
    // The test id wraps the whole card: the state badge sits in the card's header.
    <div className="min-w-0" data-testid="maintenance-task" data-task={task.id} data-state={task.state}>
      <Card
        title={
          <span className="flex flex-wrap items-center gap-2">
            {task.title}
            <Badge>{task.cadence === "weekly" ? "Weekly" : "Monthly"}</Badge>
          </span>
        }
        action={<MaintenanceStateBadge state={task.state} />}
      >
        <div className="flex flex-col gap-4">
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
            <dt className="text-muted">Cadence</dt>
            <dd>{CADENCE[task.cadence]}</dd>
            <dt className="text-muted">Owner</dt>
            <dd className="[overflow-wrap:anywhere]" data-testid="maintenance-owner">
              {task.ownerEmail ?? <span className="text-muted">nobody</span>}
            </dd>
            <dt className="text-muted">Next due</dt>
            <dd className={task.state === "overdue" ? "font-semibold text-crit" : task.state === "due-soon" ? "font-semibold text-warn" : undefined} data-testid="maintenance-next-due">
              <Time value={task.nextDueAt} /> ({dueLabel(task.nextDueAt, now)})
            </dd>
            <dt className="text-muted">Last done</dt>
            <dd className="[overflow-wrap:anywhere]" data-testid="maintenance-last-done">
              {task.lastCompletedAt ? (
                <>
                  <Time value={task.lastCompletedAt} /> <span className="text-muted">by {task.lastCompletedBy ?? "unknown"}</span>
                </>
              ) : (
                <span className="text-muted">never recorded</span>
              )}
            </dd>
          </dl>
  
          <section className="flex flex-col gap-2">
            <h3 className="text-sm font-semibold">Steps</h3>
            {canWrite ? (
              <CompleteForm task={task} now={now} />
            ) : (
              <>
                <StepList steps={task.steps} />
                <p className="text-sm text-muted">{writersHint}</p>
              </>
            )}
          </section>
  
          {canWrite && (
            <details className="rounded-md border border-border px-3">
              <summary className="min-h-11 cursor-pointer py-3 text-sm font-medium">Assign an owner</summary>
              <div className="pb-3">
                <AssignForm task={task} assignees={assignees} />
              </div>
            </details>
          )}
  
          <section className="flex flex-col gap-1">
            <h3 className="text-sm font-semibold">
              History <span className="font-normal text-muted">(latest {HISTORY_SIZE})</span>
            </h3>
            <CompletionHistory task={task} />
          </section>
        </div>
      </Card>
    </div>
  );
}
