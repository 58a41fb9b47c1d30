"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TRatePoint } from "@/components/disputes/dispute-rate-chart";

/** The drawing of DisputeRateChart, loaded after the page (see components/ui/chart.tsx). */
export function DisputeRateChartPlot({ points, alertPct }: { points: (TRatePoint & { label: string })[]; alertPct: number }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={points} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis yAxisId="n" allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} width={28} />
        <YAxis yAxisId="pct" orientation="right" unit="%" domain={[0, (max: number) => Math.ceil(Math.max(max, alertPct * 1.25) / 10) * 10]} tick={AXIS_TICK} tickLine={false} axisLine={false} width={40} />
        <Tooltip {...TOOLTIP_PROPS} />
        <Bar yAxisId="n" dataKey="disputes" name="Disputes" fill="var(--warn)" isAnimationActive={false} />
        <Line yAxisId="pct" dataKey="pct" name="Dispute rate (%)" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
        <ReferenceLine yAxisId="pct" y={alertPct} stroke="var(--crit)" strokeDasharray="4 4" label={{ value: `${alertPct} % alert`, fill: "var(--crit)", fontSize: 11, position: "insideTopLeft" }} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
