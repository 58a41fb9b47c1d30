import type { Metadata } from "next";
import Link from "next/link";
import { ClipboardCheck } from "lucide-react";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { Time } from "@/components/format/time";
import { OperationForm } from "@/components/operations/operation-form";
import { CheckBadge } from "@/components/daily/check-badge";
import { DailyTabs } from "@/components/daily/daily-tabs";
import { DailyTrendChart } from "@/components/daily/trend-chart";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { readThresholdValues } from "@/lib/alerts/readings";
import { readDailyPage } from "@/lib/daily/queries";
import { runDailyCheckNow } from "@/lib/operations/daily";

export const metadata: Metadata = { title: "Daily check" };
export const dynamic = "force-dynamic";

// The morning check (escrow guide §4): the latest run first, failing checks on top with their
// runbook; then the month's trend and every run.
export default async function DailyPage() {
  const user = await requireRoute("/daily");
  const [page, t] = await Promise.all([readDailyPage(db, user), readThresholdValues()]);
  const can = runDailyCheckNow.allowed.some((r) => user.roles.includes(r));
  const hour = String(Math.min(23, Math.max(0, Math.floor(t.dailyCheckHourUtc)))).padStart(2, "0");
  const order = { fail: 0, warn: 1, pass: 2 } as const;
  const checks = [...(page.latest?.checks ?? [])].sort((a, b) => order[a.status] - order[b.status]);

  return (
    <>
      <RefreshWhile active={page.isRunning} everyMs={2_000} />
      <PageHeader title="Daily operations check" description={`Runs every day at ${hour}:00 UTC (Thresholds → Daily check), or now with the button.`} />
      <DailyTabs current="/daily" />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card
          title={page.latest ? <>Latest run · <Time value={page.latest.startedAt} /></> : "Latest run"}
          action={page.latest ? <CheckBadge status={page.latest.status} /> : undefined}
          className="lg:col-span-2"
        >
          {!page.latest ? (
            <EmptyState icon={<ClipboardCheck size={20} />} title="Not run yet">
              The first scheduled run comes at {hour}:00 UTC; run it now with the button.
            </EmptyState>
          ) : (
            <>
              <p className="mb-3 text-xs text-muted">
                {page.latest.trigger === "schedule" ? "Scheduled run" : `Run by ${page.latest.requestedBy ?? "someone"}`}
              </p>
              <ul className="divide-y divide-border" aria-label="Checks" data-testid="daily-checks">
                {checks.map((c) => (
                  <li key={c.key} className="flex flex-col gap-1 py-3" data-testid="daily-check" data-check={c.key} data-status={c.status}>
                    <span className="flex flex-wrap items-center justify-between gap-2">
                      <span className="font-medium">{c.label}</span>
                      <CheckBadge status={c.status} />
                    </span>
                    <span className="break-words text-sm tabular-nums" data-testid="daily-check-value">
                      {c.value}
                    </span>
                    <span className="break-words text-xs text-muted">{c.detail}</span>
                    {c.runbook && c.status !== "pass" && (
                      <Link href={`/runbooks/${encodeURIComponent(c.runbook)}`} className="text-sm text-accent underline">
                        Open runbook {c.runbook}
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
        <div className="flex min-w-0 flex-col gap-4">
          {can && (
            <Card title="Run it now">
              <OperationForm operationId="daily.check.run" submitLabel="Run the daily check" revalidate={["/daily"]} successText="Done: the run is at the top." />
            </Card>
          )}
          <Card title="Last 30 days">
            <DailyTrendChart data={page.trend} />
          </Card>
        </div>
        <Card title="History" className="lg:col-span-3">
          {page.history.length === 0 ? (
            <p className="text-sm text-muted">No run yet.</p>
          ) : (
            <ul className="divide-y divide-border text-sm" aria-label="Runs">
              {page.history.map((r) => {
                const failing = r.checks.filter((c) => c.status !== "pass");
                return (
                  <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2" data-testid="daily-run">
                    <CheckBadge status={r.status} />
                    <Time value={r.startedAt} />
                    <span className="text-xs text-muted">{r.trigger === "schedule" ? "scheduled" : `by ${r.requestedBy ?? "someone"}`}</span>
                    {failing.length > 0 && <span className="basis-full break-words text-xs text-muted">{failing.map((c) => `${c.label}: ${c.value}`).join(" · ")}</span>}
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
