"use client";

import dynamic from "next/dynamic";
import { ChartFigure } from "@/components/ui/chart";
import type { TChartPoint } from "@/lib/treasury/reconciliation-math";

// recharts loads after the page: components/ui/chart.tsx says why.
const ReconciliationChartPlot = dynamic(() => import("@/components/treasury/reconciliation-chart-plot").then((m) => m.ReconciliationChartPlot), { ssr: false });

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
      <ReconciliationChartPlot data={data} symbol={symbol} />
    </ChartFigure>
  );
}
