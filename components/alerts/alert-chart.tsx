"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
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
    <figure className="min-w-0">
      {/* The numbers in words too: for screen readers, and when the chart is too small to read. */}
      <figcaption className="mb-2 text-sm text-muted" data-testid="alert-chart-summary">
        {title}: {total} alert{total === 1 ? "" : "s"} started ({totals.critical} critical, {totals.warning} warning, {totals.info} info)
      </figcaption>
      <div className="h-48 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" tick={{ fill: "var(--muted)", fontSize: 11 }} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fill: "var(--muted)", fontSize: 11 }} tickLine={false} axisLine={false} width={28} />
            <Tooltip cursor={{ fill: "var(--surface-2)" }} contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, fontSize: 12 }} labelStyle={{ color: "var(--fg)" }} />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="alerts" fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="mt-2 flex flex-wrap gap-3 text-xs text-muted">
        {SERIES.map((s) => (
          <li key={s.key} className="inline-flex items-center gap-1">
            <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} aria-hidden />
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
