"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TChartBucket } from "@/lib/alerts/chart";

/** The drawing of AlertChart, loaded after the page (see components/ui/chart.tsx). */
export function AlertChartPlot({ data, series }: { data: TChartBucket[]; series: readonly { key: "critical" | "warning" | "info"; label: string; color: string }[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} width={28} />
        <Tooltip cursor={{ fill: "var(--surface-2)" }} {...TOOLTIP_PROPS} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="alerts" fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
