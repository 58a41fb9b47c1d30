"use client";

import dynamic from "next/dynamic";
import type { TLatencyPoint } from "@/lib/services/queries";

// recharts loads after the page: components/ui/chart.tsx says why.
const LatencyChartPlot = dynamic(() => import("@/components/services/latency-chart-plot").then((m) => m.LatencyChartPlot), { ssr: false });

/** Average and worst probe latency per 30 minutes over 24 h, with failed checks as bars. */
export function LatencyChart({ points }: { points: TLatencyPoint[] }) {
  if (points.length === 0) return <p className="text-sm text-muted">No checks in the last 24 hours.</p>;
  const data = points.map((p) => ({ ...p, time: p.at.slice(11, 16) }));
  return (
    <div className="h-56 w-full" role="img" aria-label="Probe latency over the last 24 hours">
      <LatencyChartPlot data={data} />
    </div>
  );
}
