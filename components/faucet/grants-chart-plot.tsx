"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TGrantHour } from "@/components/faucet/grants-chart";

/** The drawing of GrantsChart, loaded after the page (see components/ui/chart.tsx). */
export function GrantsChartPlot({ data }: { data: TGrantHour[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} width={28} />
        <Tooltip cursor={{ fill: "var(--surface-2)" }} {...TOOLTIP_PROPS} />
        <Bar dataKey="sent" name="Sent" stackId="g" fill="var(--ok)" isAnimationActive={false} />
        <Bar dataKey="failed" name="Failed" stackId="g" fill="var(--crit)" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
