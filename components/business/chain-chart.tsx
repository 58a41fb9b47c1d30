"use client";

import dynamic from "next/dynamic";
import { ChartFigure } from "@/components/ui/chart";
import type { TChainRow } from "@/lib/business/series";
import { amount, plural } from "@/components/business/format";

// recharts loads after the page: components/ui/chart.tsx says why.
const ChainChartPlot = dynamic(() => import("@/components/business/chain-chart-plot").then((m) => m.ChainChartPlot), { ssr: false });

const volumeText = (r: TChainRow) => (r.volume.length ? r.volume.map((v) => `${amount(v.amount)} ${v.symbol}`).join(" + ") : "no completed volume");

/** Orders per chain (bars; completed ones darker), the busiest chain first. */
export function ChainChart({ rows }: { rows: TChainRow[] }) {
  const total = rows.reduce((n, r) => n + r.orders, 0);
  const summary = rows.length
    ? rows.map((r) => `${r.chain}: ${plural(r.orders, "order")} (${total ? Math.round((100 * r.orders) / total) : 0} %), ${volumeText(r)}`).join("; ")
    : "No orders on any chain in the last 30 days";
  return (
    <ChartFigure
      summary={summary}
      summaryTestId="business-chains-summary"
      heightClass={rows.length > 3 ? "h-56" : "h-32"}
      legend={
        <>
          <li className="inline-flex items-center gap-1"><span className="inline-block h-2.5 w-2.5 rounded-sm bg-[var(--info)]" aria-hidden /> Orders created</li>
          <li className="inline-flex items-center gap-1"><span className="inline-block h-2.5 w-2.5 rounded-sm bg-[var(--ok)]" aria-hidden /> Completed</li>
        </>
      }
    >
      <ChainChartPlot rows={rows} />
    </ChartFigure>
  );
}
