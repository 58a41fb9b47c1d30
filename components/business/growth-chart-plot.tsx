"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TGrowthPoint } from "@/lib/business/series";
import { compact } from "@/components/business/format";

/** The drawing of GrowthChart, loaded after the page (see components/ui/chart.tsx). */
export function GrowthChartPlot({ data }: { data: TGrowthPoint[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis yAxisId="new" allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} width={28} />
        <YAxis yAxisId="all" orientation="right" allowDecimals={false} tick={AXIS_TICK} tickFormatter={compact} tickLine={false} axisLine={false} width={36} domain={[0, "auto"]} />
        <Tooltip {...TOOLTIP_PROPS} />
        <Bar yAxisId="new" dataKey="wallets" name="New wallets" fill="var(--info)" isAnimationActive={false} />
        <Line yAxisId="all" dataKey="cumulative" name="All wallets" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
