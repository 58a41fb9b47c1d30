"use client";

import dynamic from "next/dynamic";
import { ChartFigure } from "@/components/ui/chart";
import type { TMoneySeries } from "@/lib/business/series";
import { amount } from "@/components/business/format";

// recharts loads after the page: components/ui/chart.tsx says why.
const VolumeChartPlot = dynamic(() => import("@/components/business/volume-chart-plot").then((m) => m.VolumeChartPlot), { ssr: false });

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
      <VolumeChartPlot series={series} />
    </ChartFigure>
  );
}
