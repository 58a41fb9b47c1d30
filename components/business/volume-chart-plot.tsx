"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TMoneySeries } from "@/lib/business/series";
import { amount, compact } from "@/components/business/format";

/** The drawing of VolumeChart, loaded after the page (see components/ui/chart.tsx). */
export function VolumeChartPlot({ series }: { series: TMoneySeries }) {
  const { symbol, days } = series;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={days} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis yAxisId="volume" tick={AXIS_TICK} tickFormatter={compact} tickLine={false} axisLine={false} width={40} />
        <YAxis yAxisId="fees" orientation="right" tick={AXIS_TICK} tickFormatter={compact} tickLine={false} axisLine={false} width={36} />
        <Tooltip {...TOOLTIP_PROPS} formatter={(v) => amount(Number(v))} />
        <Bar yAxisId="volume" dataKey="volume" name={`Volume (${symbol})`} fill="var(--accent)" isAnimationActive={false} />
        <Line yAxisId="fees" dataKey="fees" name={`Fees (${symbol})`} stroke="var(--ok)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
