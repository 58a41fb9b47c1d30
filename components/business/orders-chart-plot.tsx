"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TDayPoint } from "@/lib/business/series";

/** The drawing of OrdersChart, loaded after the page (see components/ui/chart.tsx). */
export function OrdersChartPlot({ data }: { data: TDayPoint[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} width={32} />
        <Tooltip {...TOOLTIP_PROPS} />
        <Bar dataKey="orders" name="Orders created" fill="var(--info)" isAnimationActive={false} />
        <Line dataKey="completed" name="Completed" stroke="var(--ok)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
