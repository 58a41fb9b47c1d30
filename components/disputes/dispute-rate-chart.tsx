"use client";

import dynamic from "next/dynamic";
import { ChartFigure } from "@/components/ui/chart";

// recharts loads after the page: components/ui/chart.tsx says why.
const DisputeRateChartPlot = dynamic(() => import("@/components/disputes/dispute-rate-chart-plot").then((m) => m.DisputeRateChartPlot), { ssr: false });

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
      <DisputeRateChartPlot points={points} alertPct={alertPct} />
    </ChartFigure>
  );
}
