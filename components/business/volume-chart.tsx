"use client";

import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, ChartFigure, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TMoneySeries } from "@/lib/business/series";
import { amount, compact } from "@/components/business/format";

/** One token's completed volume per day (bars, left axis) and the fees it earned (line, right axis). */
export function VolumeChart({ series }: { series: TMoneySeries }) {
  const { symbol, days } = series;
  const best = days.reduce((b, d) => (d.volume > b.volume ? d : b), days[0]!);
  return (
    <ChartFigure
      summary={`Last ${days.length} days: ${amount(series.volume)} ${symbol} volume from completed orders, ${amount(series.fees)} ${symbol} in fees${best.volume > 0 ? `; highest day ${best.day} with ${amount(best.volume)} ${symbol}` : ""}`}
      summaryTestId={`business-volume-summary-${symbol}`}
      heightClass="h-56"
      legend={
        <>
          <li className="inline-flex items-center gap-1"><span className="inline-block h-2.5 w-2.5 rounded-sm bg-[var(--accent)]" aria-hidden /> Volume ({symbol})</li>
          <li className="inline-flex items-center gap-1"><span className="inline-block h-0.5 w-3 bg-[var(--ok)]" aria-hidden /> Fees ({symbol}, right axis)</li>
        </>
      }
    >
      <ComposedChart data={days} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis yAxisId="volume" tick={AXIS_TICK} tickFormatter={compact} tickLine={false} axisLine={false} width={40} />
        <YAxis yAxisId="fees" orientation="right" tick={AXIS_TICK} tickFormatter={compact} tickLine={false} axisLine={false} width={36} />
        <Tooltip {...TOOLTIP_PROPS} formatter={(v) => amount(Number(v))} />
        <Bar yAxisId="volume" dataKey="volume" name={`Volume (${symbol})`} fill="var(--accent)" isAnimationActive={false} />
        <Line yAxisId="fees" dataKey="fees" name={`Fees (${symbol})`} stroke="var(--ok)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ChartFigure>
  );
}
