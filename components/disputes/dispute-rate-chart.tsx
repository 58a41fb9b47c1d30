"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, ChartFigure, TOOLTIP_PROPS } from "@/components/ui/chart";

export type TRatePoint = { day: string; orders: number; disputes: number; pct: number };

/** 30 days of the dispute rate (line, right axis) over the day's disputes (bars), with the alert line. */
export function DisputeRateChart({ data, alertPct }: { data: TRatePoint[]; alertPct: number }) {
  const peak = data.reduce((m, d) => Math.max(m, d.pct), 0);
  const above = data.filter((d) => d.pct > alertPct).length;
  const points = data.map((d) => ({ ...d, label: d.day.slice(5) }));
  return (
    <ChartFigure
      summary={`Last ${data.length} days: peak ${peak} %, ${above} day${above === 1 ? "" : "s"} above the ${alertPct} % alert line`}
      summaryTestId="dispute-trend-summary"
      heightClass="h-56"
      legend={
        <>
          <li className="inline-flex items-center gap-1"><span className="inline-block h-2.5 w-2.5 rounded-sm bg-[var(--warn)]" aria-hidden /> Disputes per day</li>
          <li className="inline-flex items-center gap-1"><span className="inline-block h-0.5 w-3 bg-[var(--accent)]" aria-hidden /> Dispute rate</li>
          <li className="inline-flex items-center gap-1"><span className="inline-block h-0.5 w-3 border-t-2 border-dashed border-[var(--crit)]" aria-hidden /> Alert line</li>
        </>
      }
    >
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
    </ChartFigure>
  );
}
