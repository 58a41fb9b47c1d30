"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, ChartFigure, TOOLTIP_PROPS } from "@/components/ui/chart";

export type TGrantHour = { label: string; sent: number; failed: number };

/** Grants per hour over the last day: sent, and failed on top. */
export function GrantsChart({ data }: { data: TGrantHour[] }) {
  const sent = data.reduce((n, h) => n + h.sent, 0);
  const failed = data.reduce((n, h) => n + h.failed, 0);
  return (
    <ChartFigure summary={`Last 24 hours: ${sent} grant${sent === 1 ? "" : "s"} sent, ${failed} failed`} summaryTestId="grants-chart-summary" heightClass="h-44">
      <BarChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} width={28} />
        <Tooltip cursor={{ fill: "var(--surface-2)" }} {...TOOLTIP_PROPS} />
        <Bar dataKey="sent" name="Sent" stackId="g" fill="var(--ok)" isAnimationActive={false} />
        <Bar dataKey="failed" name="Failed" stackId="g" fill="var(--crit)" isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}
