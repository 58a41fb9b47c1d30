"use client";

import dynamic from "next/dynamic";
import { ChartFigure } from "@/components/ui/chart";
import type { TTrendDay } from "@/lib/daily/status";

// recharts loads after the page: components/ui/chart.tsx says why.
const DailyTrendChartPlot = dynamic(() => import("@/components/daily/trend-chart-plot").then((m) => m.DailyTrendChartPlot), { ssr: false });

/** The last 30 days' checks by verdict (each day's last run). */
export function DailyTrendChart({ data }: { data: TTrendDay[] }) {
  const ran = data.filter((d) => d.pass + d.warn + d.fail > 0);
  const failedDays = ran.filter((d) => d.fail > 0).length;
  const warnDays = ran.filter((d) => d.fail === 0 && d.warn > 0).length;
  const summary = ran.length ? `${ran.length} of the last 30 days checked: ${failedDays} with a failing check, ${warnDays} with warnings only` : "No daily check has run in the last 30 days yet.";
  return (
    <ChartFigure
      summary={summary}
      summaryTestId="daily-trend-summary"
      heightClass="h-44"
      legend={
        <>
          <li className="flex items-center gap-1"><span className="inline-block h-2 w-3 rounded-sm bg-ok" aria-hidden /> Pass</li>
          <li className="flex items-center gap-1"><span className="inline-block h-2 w-3 rounded-sm bg-warn" aria-hidden /> Warn</li>
          <li className="flex items-center gap-1"><span className="inline-block h-2 w-3 rounded-sm bg-crit" aria-hidden /> Fail</li>
        </>
      }
    >
      <DailyTrendChartPlot data={data} />
    </ChartFigure>
  );
}
