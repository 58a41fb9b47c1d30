import { Time } from "@/components/format/time";
import { RestoreBadge, RpoBadge } from "@/components/capacity/headroom-badge";
import { HEALTH_LABEL, HEALTH_TONE } from "@/components/services/health";
import { Badge } from "@/components/ui/badge";
import { minutesLabel } from "@/lib/capacity/headroom";
import { durationLabel } from "@/lib/incidents/model";
import type { TDataStore, TObjectiveRow } from "@/lib/capacity/readings";
import type { THealth } from "@/lib/services/graph";

const objective = (minutes: number | null) => (minutes === null ? <span className="text-muted">—</span> : minutesLabel(minutes));

/** Every catalog service with how long it may be down (RTO) and how much data it may lose (RPO). */
export function ObjectivesTable({ services }: { services: TObjectiveRow[] }) {
  return (
    <table className="w-full table-fixed text-sm" data-testid="objectives-table">
      <thead>
        <tr className="border-b border-border text-left text-xs text-muted">
          <th className="py-2 pr-2 font-medium">Service</th>
          <th className="w-20 py-2 pr-2 text-right font-medium">RTO</th>
          <th className="w-20 py-2 text-right font-medium">RPO</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-border">
        {services.map((s) => (
          <tr key={s.id} data-testid={`objective-${s.id}`}>
            <td className="py-2 pr-2">
              <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="min-w-0 break-words font-medium">{s.name}</span>
                <Badge tone={HEALTH_TONE[s.status as THealth] ?? "neutral"}>{HEALTH_LABEL[s.status as THealth] ?? s.status}</Badge>
              </span>
            </td>
            <td className="py-2 pr-2 text-right tabular-nums" data-testid="rto">
              {objective(s.rtoMinutes)}
            </td>
            <td className="py-2 text-right tabular-nums" data-testid="rpo">
              {objective(s.rpoMinutes)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Each data store's backups: the last good one against its RPO, and the last restore test. */
export function DataStores({ stores, now }: { stores: TDataStore[]; now: Date }) {
  if (!stores.length) return <p className="text-sm text-muted">No backup target is linked to a catalog service.</p>;
  return (
    <ul className="flex flex-col gap-4" aria-label="Data stores">
      {stores.map((d) => (
        <li key={d.serviceId} className="min-w-0" data-testid={`datastore-${d.serviceId}`} data-state={d.state}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="font-medium">
              {d.name} <span className="text-sm font-normal text-muted">RPO {d.rpoMinutes === null ? "not set" : minutesLabel(d.rpoMinutes)}</span>
            </span>
            <RpoBadge state={d.state} />
          </div>
          {d.state === "over" && (
            <p className="mt-1 text-xs text-muted">Restoring the freshest backup would lose more than the RPO allows: only replication or continuous WAL archiving meets an RPO shorter than the backup schedule.</p>
          )}
          <ul className="mt-2 divide-y divide-border rounded-md border border-border">
            {d.targets.map((t) => (
              <li key={t.id} className="px-3 py-2 text-sm" data-testid="backup-vs-rpo" data-target={t.id} data-state={t.state}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="min-w-0 break-words">
                    {t.name} <span className="text-xs text-muted">{t.schedule}</span>
                  </span>
                  <span className="flex flex-wrap gap-1">
                    <RpoBadge state={t.state} />
                    <RestoreBadge state={t.restoreState} />
                  </span>
                </div>
                <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-xs">
                  <dt className="text-muted">Last backup</dt>
                  <dd>
                    {t.lastSuccessAt && t.ageMs !== null ? (
                      <>
                        {durationLabel(t.ageMs / 1000)} ago · <Time value={t.lastSuccessAt} />
                      </>
                    ) : (
                      "never recorded"
                    )}
                  </dd>
                  <dt className="text-muted">Restore test</dt>
                  <dd>
                    {t.lastRestoreTestAt ? (
                      <>
                        {durationLabel((now.getTime() - t.lastRestoreTestAt.getTime()) / 1000)} ago ({t.lastRestoreOutcome === "failed" ? "failed" : "passed"})
                      </>
                    ) : (
                      "never recorded"
                    )}
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
