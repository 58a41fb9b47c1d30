"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type TGrantHour = { label: string; sent: number; failed: number };

/** Grants per hour over the last day: sent, and failed on top. */
export function GrantsChart({ data }: { data: TGrantHour[] }) {
  const sent = data.reduce((n, h) => n + h.sent, 0);
  const failed = data.reduce((n, h) => n + h.failed, 0);
  return (
    <figure className="min-w-0">
      <figcaption className="mb-2 text-sm text-muted" data-testid="grants-chart-summary">
        Last 24 hours: {sent} grant{sent === 1 ? "" : "s"} sent, {failed} failed
      </figcaption>
      <div className="h-44 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" tick={{ fill: "var(--muted)", fontSize: 11 }} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fill: "var(--muted)", fontSize: 11 }} tickLine={false} axisLine={false} width={28} />
            <Tooltip cursor={{ fill: "var(--surface-2)" }} contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, fontSize: 12 }} labelStyle={{ color: "var(--fg)" }} />
            <Bar dataKey="sent" name="Sent" stackId="g" fill="var(--ok)" isAnimationActive={false} />
            <Bar dataKey="failed" name="Failed" stackId="g" fill="var(--crit)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
