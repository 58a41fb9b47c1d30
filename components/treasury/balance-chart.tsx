"use client";

import dynamic from "next/dynamic";
import { ChartFigure } from "@/components/ui/chart";

// recharts loads after the page: components/ui/chart.tsx says why.
const BalanceChartPlot = dynamic(() => import("@/components/treasury/balance-chart-plot").then((m) => m.BalanceChartPlot), { ssr: false });

export type TBalancePoint = { at: number; total: number; spendable: number };

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** An account's balance over the chosen range, with its warning and critical lines. */
export function BalanceChart({ points, symbol, warn, crit, rangeLabel, showReserve }: { points: TBalancePoint[]; symbol: string; warn: number | null; crit: number | null; rangeLabel: string; showReserve: boolean }) {
  const values = points.map((p) => p.spendable);
  const summary = points.length
    ? `Last ${rangeLabel}: ${fmt(values.at(-1)!)} ${symbol} ${showReserve ? "spendable " : ""}now, lowest ${fmt(Math.min(...values))}, highest ${fmt(Math.max(...values))}${warn !== null ? `; warning below ${fmt(warn)}` : ""}${crit !== null ? `, critical below ${fmt(crit)}` : ""}`
    : `No reading in the last ${rangeLabel} yet: the treasury job reads every account each minute.`;
  return (
    <ChartFigure
      summary={summary}
      summaryTestId="balance-chart-summary"
      heightClass="h-56"
      legend={
        <>
          <li className="flex items-center gap-1"><span className="inline-block h-0.5 w-4 bg-accent" aria-hidden /> {showReserve ? "Spendable" : "Balance"}</li>
          {showReserve && <li className="flex items-center gap-1"><span className="inline-block h-0.5 w-4 bg-muted" aria-hidden /> Total (with reserve)</li>}
          {warn !== null && <li className="flex items-center gap-1"><span className="inline-block h-0.5 w-4 border-t-2 border-dashed border-warn" aria-hidden /> Warning line</li>}
          {crit !== null && <li className="flex items-center gap-1"><span className="inline-block h-0.5 w-4 border-t-2 border-dashed border-crit" aria-hidden /> Critical line</li>}
        </>
      }
    >
      <BalanceChartPlot points={points} symbol={symbol} warn={warn} crit={crit} showReserve={showReserve} format={fmt} />
    </ChartFigure>
  );
}
