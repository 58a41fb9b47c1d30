import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/format/time";
import { CheckBadge } from "@/components/daily/check-badge";
import { DailyTabs } from "@/components/daily/daily-tabs";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { readThresholdValues } from "@/lib/alerts/readings";
import { jobStates } from "@/lib/jobs/heartbeat";
import { INSTANCE, recentRounds, roundFor } from "@/lib/jobs/rounds";
import { PLATFORM_TASKS, nextRun, type TCadence } from "@/lib/daily/platform-schedule";
import type { TCheckStatus } from "@/lib/daily/status";

export const metadata: Metadata = { title: "Scheduled tasks" };
export const dynamic = "force-dynamic";

// What OpsDeck itself runs in the background (this instance's view), and the platform's own
// schedule (the escrow guide §5) with when each runs next and what OpsDeck knows of its outcome.
const JOBS: Record<string, string> = {
  reconciler: "Finishes operations a crash interrupted; expires old approval requests",
  "chain-sync": "Reads the escrow's events into the database (RB-03)",
  faucet: "Sends queued faucet grants exactly once; reads the faucet balances",
  probes: "Health probes behind the service map",
  "alert-rules": "Evaluates the alert rules at the guides' thresholds",
  treasury: "Treasury balance snapshots and fee reconciliation",
  "daily-check": "Runs the daily operations check at its hour",
};

function every(ms: number) {
  return ms < 60_000 ? `every ${Math.round(ms / 1000)} s` : ms < 3_600_000 ? `every ${Math.round(ms / 60_000)} min` : `every ${Math.round(ms / 3_600_000)} h`;
}

export default async function ScheduledTasksPage() {
  await requireRoute("/daily/schedule");
  const now = new Date();
  const [t, backup, lastDaily, rounds] = await Promise.all([
    readThresholdValues(),
    db.backupTarget.findUnique({ where: { id: "database-daily" }, select: { lastSuccessAt: true, lastFailureAt: true } }),
    db.dailyCheckRun.findFirst({ where: { status: { not: null } }, orderBy: { startedAt: "desc" }, select: { startedAt: true, finishedAt: true, status: true } }),
    recentRounds(db),
  ]);
  const jobs = jobStates();
  const dailyHour = Math.min(23, Math.max(0, Math.floor(t.dailyCheckHourUtc)));

  return (
    <>
      <PageHeader title="Scheduled tasks" description="OpsDeck's background jobs on this instance (each interval's round runs on one instance only), and the platform's own schedule." />
      <DailyTabs current="/daily/schedule" />
      <div className="grid gap-4">
        <Card title={`OpsDeck jobs (${jobs.length})`}>
          {jobs.length === 0 ? (
            <p className="text-sm text-muted">No background job runs in this process (they are turned off here).</p>
          ) : (
            <ul className="divide-y divide-border text-sm" aria-label="OpsDeck jobs">
              {jobs.map((j) => {
                const stalled = now.getTime() - j.lastAt > 3 * j.everyMs + 60_000;
                const latest = roundFor(rounds, j.job);
                return (
                  <li key={j.job} className="flex flex-col gap-1 py-3" data-testid="job-row" data-job={j.job}>
                    <span className="flex flex-wrap items-center justify-between gap-2">
                      <span className="font-medium">{j.job}</span>
                      {stalled ? <Badge tone="crit">stalled</Badge> : j.rounds === 0 ? <Badge>starting</Badge> : j.lastOk ? <Badge tone="ok">ok</Badge> : <Badge tone="crit">last round failed</Badge>}
                    </span>
                    <span className="text-xs text-muted">{JOBS[j.job] ?? ""}</span>
                    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs sm:grid-cols-4">
                      <dt className="text-muted">Interval</dt>
                      <dd>{every(j.everyMs)}</dd>
                      <dt className="text-muted">Last run here</dt>
                      <dd>{j.lastRanAt ? <Time value={new Date(j.lastRanAt)} /> : "not yet"}</dd>
                      <dt className="text-muted">Duration</dt>
                      <dd className="tabular-nums" data-testid="job-duration">{j.lastDurationMs === null ? "—" : `${j.lastDurationMs} ms`}</dd>
                      <dt className="text-muted">Next run</dt>
                      <dd>
                        <Time value={new Date(Math.max(now.getTime(), j.lastAt + j.everyMs))} />
                      </dd>
                    </dl>
                    {latest && (
                      <span className="text-xs text-muted" data-testid="job-latest-round">
                        Latest round on any instance: <Time value={latest.startedAt} /> by {latest.instance === INSTANCE ? "this one" : <span className="font-mono break-all">{latest.instance}</span>}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card title="The platform's schedule">
          <ul className="divide-y divide-border text-sm" aria-label="Platform tasks">
            {PLATFORM_TASKS.map((p) => {
              const cadence: TCadence = p.reportedBy === "daily-check" ? { kind: "daily", hour: dailyHour, minute: 0 } : p.cadence;
              const frequency = p.reportedBy === "daily-check" ? `${String(dailyHour).padStart(2, "0")}:00 UTC` : p.frequency;
              return (
                <li key={p.task} className="flex flex-col gap-1 py-3" data-testid="platform-task">
                  <span className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium">{p.task}</span>
                    <span className="text-xs text-muted">
                      {frequency} · {p.runner}
                    </span>
                  </span>
                  <span className="text-xs text-muted">{p.details}</span>
                  <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
                    <span>
                      Next: <Time value={nextRun(cadence, now)} />
                    </span>
                    {p.reportedBy === "backup" && (
                      <span>
                        Last success: <Time value={backup?.lastSuccessAt ?? null} /> (recorded on Secrets &amp; backups)
                      </span>
                    )}
                    {p.reportedBy === "daily-check" && (
                      <span className="flex items-center gap-1">
                        Last: <Time value={lastDaily?.startedAt ?? null} /> {lastDaily && <CheckBadge status={lastDaily.status as TCheckStatus} />}
                        {lastDaily?.finishedAt && <span className="text-muted">({lastDaily.finishedAt.getTime() - lastDaily.startedAt.getTime()} ms)</span>}
                      </span>
                    )}
                    {!p.reportedBy && <span className="text-muted">Outcome not reported to OpsDeck</span>}
                  </span>
                </li>
              );
            })}
          </ul>
        </Card>
      </div>
    </>
  );
}
