"use client";

import dynamic from "next/dynamic";
import { ChartFigure } from "@/components/ui/chart";
import type { TChartBucket } from "@/lib/alerts/chart";

// recharts loads after the page: components/ui/chart.tsx says why.
const AlertChartPlot = dynamic(() => import("@/components/alerts/alert-chart-plot").then((m) => m.AlertChartPlot), { ssr: false });

// A thin wrapper: lib/alerts/chart.ts shapes the buckets; this only draws them.
const SERIES = [
  { key: "critical", label: "Critical", color: "var(--crit)" },
  { key: "warning", label: "Warning", color: "var(--warn)" },
  { key: "info", label: "Info", color: "var(--info)" },
] as const;

export function AlertChart({ data, title }: { data: TChartBucket[]; title: string }) {
  const totals = Object.fromEntries(SERIES.map((s) => [s.key, data.reduce((n, b) => n + b[s.key], 0)])) as Record<(typeof SERIES)[number]["key"], number>;
  const total = totals.critical + totals.warning + totals.info;
  return (
    <ChartFigure
      summary={`${title}: ${total} alert${total === 1 ? "" : "s"} started (${totals.critical} critical, ${totals.warning} warning, ${totals.info} info)`}
      summaryTestId="alert-chart-summary"
      legend={SERIES.map((s) => (
        <li key={s.key} className="inline-flex items-center gap-1">
          <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} aria-hidden />
          {s.label}
        </li>
      ))}
    >
      <AlertChartPlot data={data} series={SERIES} />
    </ChartFigure>
  );
}
