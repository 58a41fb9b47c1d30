import { Time } from "@/components/format/time";
import { BackupStateBadge, RestoreStateBadge } from "@/components/secrets/state-badges";
import { dueLabel, spanLabel } from "@/components/secrets/format";
import type { TBackupRow } from "@/lib/secrets/schedule";

/** Each backup target: is the last good backup recent enough, and was restoring it tried lately. */
export function BackupList({ backups, now }: { backups: TBackupRow[]; now: Date }) {
  return (
    <ul className="divide-y divide-border" aria-label="Backup targets">
      {backups.map((b) => (
        <li key={b.id} className="py-3 first:pt-0 last:pb-0" data-testid="backup-row" data-target={b.id}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="min-w-0 font-medium">{b.name}</span>
            <span className="flex flex-wrap gap-1">
              <BackupStateBadge state={b.state} />
              <RestoreStateBadge state={b.restoreState} />
            </span>
          </div>
          <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
            <dt className="text-muted">Schedule</dt>
            <dd className="break-words">
              {b.schedule} <span className="text-muted">(late after {b.maxAgeHours} h)</span>
            </dd>
            <dt className="text-muted">Last success</dt>
            <dd className={b.state === "ok" ? undefined : "font-semibold text-crit"}>
              {b.lastSuccessAt ? (
                <>
                  <Time value={b.lastSuccessAt} /> ({spanLabel(now.getTime() - b.lastSuccessAt.getTime())} ago)
                </>
              ) : (
                "never recorded"
              )}
            </dd>
            {b.lastFailureAt && (
              <>
                <dt className="text-muted">Last failure</dt>
                <dd className={b.isLastRunFailed ? "font-semibold text-crit" : undefined}>
                  <Time value={b.lastFailureAt} />
                  {b.isLastRunFailed && " — the latest run failed"}
                </dd>
              </>
            )}
            <dt className="text-muted">Restore test</dt>
            <dd className={b.restoreState === "ok" ? undefined : "font-semibold text-crit"}>
              {b.lastRestoreTestAt ? (
                <>
                  <Time value={b.lastRestoreTestAt} /> ({b.lastRestoreOutcome === "failed" ? "failed" : "passed"})
                </>
              ) : (
                "never recorded"
              )}
            </dd>
            <dt className="text-muted">Next test</dt>
            <dd>
              {b.restoreState === "failed" || !b.restoreDueAt ? (
                "now"
              ) : (
                <>
                  <Time value={b.restoreDueAt} /> ({dueLabel(b.restoreDueAt, now)})
                </>
              )}{" "}
              <span className="text-muted">every {b.restoreEveryDays} days</span>
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
