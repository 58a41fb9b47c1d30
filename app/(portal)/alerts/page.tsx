import type { Metadata } from "next";
import { BellRing } from "lucide-react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AlertChart } from "@/components/alerts/alert-chart";
import { AlertItem, ResolvedAlertItem } from "@/components/alerts/alert-item";
import { FilterChips } from "@/components/alerts/alert-filters";
import { SilencesCard } from "@/components/alerts/silences-card";
import { requireRoute } from "@/lib/auth/session";
import { ZAlertFilters, alertChart, listAlerts, type TAlertRow } from "@/lib/alerts/queries";
import { CHART_RANGES } from "@/lib/alerts/chart";
import { ALERT_RULES } from "@/lib/alerts/rules";
import { readThresholdValues } from "@/lib/alerts/readings";
import { silenceAlert } from "@/lib/operations/alerts";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

const RESOLVED_SHOWN = 10;

function ResolvedSection({ rows }: { rows: TAlertRow[] }) {
  const title = "Resolved in the last 24 h";
  if (rows.length === 0) {
    return (
      <Card title={`${title} (0)`}>
        <EmptyState icon={<BellRing size={24} />} title="Nothing resolved in the last 24 hours." />
      </Card>
    );
  }
  const list = (items: TAlertRow[]) => (
    <ul className="divide-y divide-border" aria-label={title} data-testid="alerts-resolved">
      {items.map((a) => (
        <ResolvedAlertItem key={a.id} alert={a} />
      ))}
    </ul>
  );
  return (
    <Card title={`${title} (${rows.length})`}>
      {list(rows.slice(0, RESOLVED_SHOWN))}
      {rows.length > RESOLVED_SHOWN && (
        <details className="border-t border-border">
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-accent">Show {rows.length - RESOLVED_SHOWN} more</summary>
          {list(rows.slice(RESOLVED_SHOWN))}
        </details>
      )}
    </Card>
  );
}

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireRoute("/alerts");
  const raw = await searchParams;
  const filters = ZAlertFilters.parse(raw);
  const now = new Date();
  const [lists, chart, thresholds] = await Promise.all([listAlerts(user, filters, now), alertChart(user, filters.range, now), readThresholdValues()]);
  const canSilence = silenceAlert.allowed.some((r) => user.roles.includes(r));
  const params = { status: filters.status, severity: filters.severity, range: filters.range === "24h" ? undefined : filters.range };
  const shows = (status: "firing" | "pending" | "resolved") => !filters.status || filters.status === status;
  const section = (title: string, rows: TAlertRow[], empty: string, id: string) => (
    <Card title={`${title} (${rows.length})`}>
      {rows.length === 0 ? (
        <EmptyState icon={<BellRing size={24} />} title={empty} />
      ) : (
        <ul className="flex flex-col divide-y divide-border" aria-label={title} data-testid={`alerts-${id}`}>
          {rows.map((a) => (
            <AlertItem key={a.id} alert={a} now={now} canSilence={canSilence} />
          ))}
        </ul>
      )}
    </Card>
  );
  return (
    <>
      <PageHeader
        title="Alerts"
        description="From OpsDeck's own rules (checked every 30 s) and from Alertmanager. Firing first. A silence mutes an alert here; it keeps being recorded."
      />
      <div className="mb-4 grid gap-2 sm:grid-cols-2">
        <FilterChips
          label="Status"
          param="status"
          params={params}
          current={filters.status}
          options={[
            { value: undefined, label: "All" },
            { value: "firing", label: "Firing" },
            { value: "pending", label: "Pending" },
            { value: "resolved", label: "Resolved" },
          ]}
        />
        <FilterChips
          label="Severity"
          param="severity"
          params={params}
          current={filters.severity}
          options={[
            { value: undefined, label: "Any" },
            { value: "critical", label: "Critical" },
            { value: "warning", label: "Warning" },
            { value: "info", label: "Info" },
          ]}
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        {/* The lists come first in the page: on a phone, what is firing is what you came for. */}
        <div className="flex min-w-0 flex-col gap-4 lg:col-span-2">
          {shows("firing") && section("Firing", lists.firing, "Nothing is firing.", "firing")}
          {shows("pending") && section("Pending", lists.pending, "Nothing is waiting to fire.", "pending")}
          {shows("resolved") && <ResolvedSection rows={lists.resolved} />}
        </div>
        <div className="flex min-w-0 flex-col gap-4">
          <Card title="Alerts started">
            <FilterChips
              label="Chart range"
              param="range"
              params={params}
              current={filters.range === "24h" ? undefined : filters.range}
              options={[
                { value: undefined, label: CHART_RANGES["24h"].label },
                { value: "7d", label: CHART_RANGES["7d"].label },
              ]}
            />
            <div className="mt-3">
              <AlertChart data={chart} title={CHART_RANGES[filters.range].label} />
            </div>
          </Card>
          <SilencesCard silences={lists.silences} canSilence={canSilence} alertNames={[...new Set([...ALERT_RULES.map((r) => r.name), ...lists.firing.map((a) => a.name)])]} />
          <Card title="What OpsDeck raises">
            <ul className="flex flex-col gap-2 text-sm">
              {ALERT_RULES.map((r) => (
                <li key={r.id}>
                  <span className="font-medium">{r.name}</span> <span className="text-muted">— {r.condition(thresholds)}</span>
                  <span className="block text-xs text-muted">
                    {r.severity}
                    {r.runbook ? ` · ${r.runbook}` : ""}
                    {r.forSeconds ? ` · fires after ${r.forSeconds / 60} min` : ""}
                  </span>
                </li>
              ))}
            </ul>
            <p className="mt-3 text-xs text-muted">Thresholds are set on the Thresholds page.</p>
          </Card>
        </div>
      </div>
    </>
  );
}
