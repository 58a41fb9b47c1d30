"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, ChartFigure, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TChartBucket } from "@/lib/alerts/chart";

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
      <BarChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} width={28} />
        <Tooltip cursor={{ fill: "var(--surface-2)" }} {...TOOLTIP_PROPS} />
        {SERIES.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="alerts" fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFigure>
  );
}
