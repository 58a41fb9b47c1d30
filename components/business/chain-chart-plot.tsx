"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TChainRow } from "@/lib/business/series";

/** The drawing of ChainChart, loaded after the page (see components/ui/chart.tsx). */
export function ChainChartPlot({ rows }: { rows: TChainRow[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} />
        <YAxis type="category" dataKey="chain" tick={AXIS_TICK} tickLine={false} axisLine={false} width={84} />
        <Tooltip {...TOOLTIP_PROPS} />
        <Bar dataKey="orders" name="Orders created" fill="var(--info)" isAnimationActive={false} />
        <Bar dataKey="completed" name="Completed" fill="var(--ok)" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
