"use client";

import dynamic from "next/dynamic";
import { ChartFigure } from "@/components/ui/chart";
import type { TDayPoint } from "@/lib/business/series";
import { plural } from "@/components/business/format";

// recharts loads after the page: components/ui/chart.tsx says why.
const OrdersChartPlot = dynamic(() => import("@/components/business/orders-chart-plot").then((m) => m.OrdersChartPlot), { ssr: false });

/** Orders created per day (bars) and how many of them completed (line). */
export function OrdersChart({ data }: { data: TDayPoint[] }) {
  const orders = data.reduce((n, d) => n + d.orders, 0);
  const completed = data.reduce((n, d) => n + d.completed, 0);
  const busiest = data.reduce<TDayPoint | null>((b, d) => (d.orders > (b?.orders ?? 0) ? d : b), null);
  return (
    <ChartFigure
      summary={`Last ${data.length} days: ${plural(orders, "order")} created, ${completed.toLocaleString("en-US")} of them completed${busiest ? `; busiest day ${busiest.day} with ${plural(busiest.orders, "order")}` : ""}`}
      summaryTestId="business-orders-summary"
      heightClass="h-56"
      legend={
        <>
          <li className="inline-flex items-center gap-1"><span className="inline-block h-2.5 w-2.5 rounded-sm bg-[var(--info)]" aria-hidden /> Orders created</li>
          <li className="inline-flex items-center gap-1"><span className="inline-block h-0.5 w-3 bg-[var(--ok)]" aria-hidden /> Of those, completed</li>
        </>
      }
    >
      <OrdersChartPlot data={data} />
    </ChartFigure>
  );
}
