"use client";

import dynamic from "next/dynamic";
import { ChartFigure } from "@/components/ui/chart";

// recharts loads after the page: components/ui/chart.tsx says why.
const GrantsChartPlot = dynamic(() => import("@/components/faucet/grants-chart-plot").then((m) => m.GrantsChartPlot), { ssr: false });

export type TGrantHour = { label: string; sent: number; failed: number };

/** Grants per hour over the last day: sent, and failed on top. */
export function GrantsChart({ data }: { data: TGrantHour[] }) {
  const sent = data.reduce((n, h) => n + h.sent, 0);
  const failed = data.reduce((n, h) => n + h.failed, 0);
  return (
    <ChartFigure summary={`Last 24 hours: ${sent} grant${sent === 1 ? "" : "s"} sent, ${failed} failed`} summaryTestId="grants-chart-summary" heightClass="h-44">
      <GrantsChartPlot data={data} />
    </ChartFigure>
  );
}
