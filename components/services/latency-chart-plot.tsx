"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TLatencyPoint } from "@/lib/services/queries";

/** The drawing of LatencyChart, loaded after the page (see components/ui/chart.tsx). */
export function LatencyChartPlot({ data }: { data: (TLatencyPoint & { time: string })[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis dataKey="time" tick={{ fontSize: 11, fill: "var(--muted)" }} minTickGap={24} />
        <YAxis yAxisId="ms" tick={{ fontSize: 11, fill: "var(--muted)" }} unit=" ms" width={64} />
        <YAxis yAxisId="n" orientation="right" hide allowDecimals={false} />
        <Tooltip contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", fontSize: 12 }} />
        <Bar yAxisId="n" dataKey="failures" name="failed checks" fill="var(--crit)" opacity={0.35} />
        <Line yAxisId="ms" type="monotone" dataKey="avgMs" name="average" stroke="var(--accent)" dot={false} strokeWidth={2} connectNulls />
        <Line yAxisId="ms" type="monotone" dataKey="maxMs" name="worst" stroke="var(--warn)" dot={false} strokeWidth={1} connectNulls />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
