import { Time } from "@/components/format/time";
import { SecretStateBadge } from "@/components/secrets/state-badges";
import { dueLabel } from "@/components/secrets/format";
import type { TSecretRow } from "@/lib/secrets/schedule";

/** The rotation schedule as cards (a table would scroll sideways on a phone), most urgent first. */
export function SecretList({ secrets, now }: { secrets: TSecretRow[]; now: Date }) {
  return (
    <ul className="divide-y divide-border" aria-label="Secrets">
      {secrets.map((s) => (
        <li key={s.id} className="py-3 first:pt-0 last:pb-0" data-testid="secret-row" data-secret={s.id}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="min-w-0 font-medium">{s.name}</span>
            <SecretStateBadge state={s.state} />
          </div>
          <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
            <dt className="text-muted">Period</dt>
            <dd>{s.rotationDays === null ? "As needed" : `Every ${s.rotationDays} days`}</dd>
            <dt className="text-muted">Last rotated</dt>
            <dd className="[overflow-wrap:anywhere]">
              {s.lastRotatedAt ? (
                <>
                  <Time value={s.lastRotatedAt} /> <span className="text-muted">by {s.lastRotatedBy ?? "unknown"}</span>
                </>
              ) : (
                <span className="text-muted">never recorded</span>
              )}
            </dd>
            <dt className="text-muted">Next due</dt>
            <dd className={s.state === "overdue" ? "font-semibold text-crit" : s.state === "due-soon" ? "font-semibold text-warn" : undefined}>
              {s.rotationDays === null ? (
                <span className="font-normal text-muted">when needed</span>
              ) : s.dueAt ? (
                <>
                  <Time value={s.dueAt} /> ({dueLabel(s.dueAt, now)})
                </>
              ) : (
                "now (never rotated)"
              )}
            </dd>
            <dt className="text-muted">Procedure</dt>
            <dd className="break-words">{s.procedure}</dd>
            <dt className="text-muted">Impact</dt>
            <dd className="break-words">{s.impact}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
