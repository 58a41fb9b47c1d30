"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TLatencyPoint } from "@/lib/services/queries";

/** Average and worst probe latency per 30 minutes over 24 h, with failed checks as bars. */
export function LatencyChart({ points }: { points: TLatencyPoint[] }) {
  if (points.length === 0) return <p className="text-sm text-muted">No checks in the last 24 hours.</p>;
  const data = points.map((p) => ({ ...p, time: p.at.slice(11, 16) }));
  return (
    <div className="h-56 w-full" role="img" aria-label="Probe latency over the last 24 hours">
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
    </div>
  );
}
