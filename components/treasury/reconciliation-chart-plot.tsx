"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TChartPoint } from "@/lib/treasury/reconciliation-math";

/** The drawing of ReconciliationChart, loaded after the page (see components/ui/chart.tsx). */
export function ReconciliationChartPlot({ data, symbol }: { data: TChartPoint[]; symbol: string }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} width={44} />
        <Tooltip {...TOOLTIP_PROPS} />
        <Bar dataKey="expected" name={`Expected (${symbol})`} fill="var(--info)" isAnimationActive={false} />
        <Line dataKey="received" name={`Received (${symbol})`} stroke="var(--ok)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
