"use client";

import dynamic from "next/dynamic";
import { ChartFigure } from "@/components/ui/chart";
import type { TGrowthPoint } from "@/lib/business/series";
import { plural } from "@/components/business/format";

// recharts loads after the page: components/ui/chart.tsx says why.
const GrowthChartPlot = dynamic(() => import("@/components/business/growth-chart-plot").then((m) => m.GrowthChartPlot), { ssr: false });

/** Wallets trading for the first time per day (bars) and all wallets seen so far (line, right axis). */
export function GrowthChart({ data }: { data: TGrowthPoint[] }) {
  const added = data.reduce((n, d) => n + d.wallets, 0);
  const total = data.at(-1)?.cumulative ?? 0;
  return (
    <ChartFigure
      summary={`Last ${data.length} days: ${plural(added, "new wallet")}; ${plural(total, "wallet")} in all (${(total - added).toLocaleString("en-US")} before)`}
      summaryTestId="business-growth-summary"
      heightClass="h-56"
      legend={
        <>
          <li className="inline-flex items-center gap-1"><span className="inline-block h-2.5 w-2.5 rounded-sm bg-[var(--info)]" aria-hidden /> New wallets per day</li>
          <li className="inline-flex items-center gap-1"><span className="inline-block h-0.5 w-3 bg-[var(--accent)]" aria-hidden /> All wallets (right axis)</li>
        </>
      }
    >
      <GrowthChartPlot data={data} />
    </ChartFigure>
  );
}
