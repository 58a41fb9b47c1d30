"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TTrendDay } from "@/lib/daily/status";

/** The drawing of DailyTrendChart, loaded after the page (see components/ui/chart.tsx). */
export function DailyTrendChartPlot({ data }: { data: TTrendDay[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data.map((d) => ({ ...d, label: d.day.slice(5) }))} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} width={24} />
        <Tooltip cursor={{ fill: "var(--surface-2)" }} {...TOOLTIP_PROPS} />
        <Bar dataKey="pass" name="Pass" stackId="c" fill="var(--ok)" isAnimationActive={false} />
        <Bar dataKey="warn" name="Warn" stackId="c" fill="var(--warn)" isAnimationActive={false} />
        <Bar dataKey="fail" name="Fail" stackId="c" fill="var(--crit)" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
