"use client";

import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, ChartFigure, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TChartPoint } from "@/lib/treasury/reconciliation-math";

/** Expected fees (bars) against the fees that reached the treasury (line), per day. */
export function ReconciliationChart({ data, symbol, mismatchDays }: { data: TChartPoint[]; symbol: string; mismatchDays: number }) {
  const expected = data.reduce((s, d) => s + d.expected, 0);
  const received = data.reduce((s, d) => s + d.received, 0);
  const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 6 });
  return (
    <ChartFigure
      summary={`Last ${data.length} days: ${fmt(expected)} ${symbol} expected, ${fmt(received)} ${symbol} received; ${mismatchDays} day${mismatchDays === 1 ? "" : "s"} off by more than the tolerance`}
      summaryTestId={`reconciliation-summary-${symbol}`}
      heightClass="h-56"
      legend={
        <>
          <li className="inline-flex items-center gap-1"><span className="inline-block h-2.5 w-2.5 rounded-sm bg-[var(--info)]" aria-hidden /> Expected fees</li>
          <li className="inline-flex items-center gap-1"><span className="inline-block h-0.5 w-3 bg-[var(--ok)]" aria-hidden /> Received by the treasury</li>
        </>
      }
    >
      <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} width={44} />
        <Tooltip {...TOOLTIP_PROPS} />
        <Bar dataKey="expected" name={`Expected (${symbol})`} fill="var(--info)" isAnimationActive={false} />
        <Line dataKey="received" name={`Received (${symbol})`} stroke="var(--ok)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ChartFigure>
  );
}
