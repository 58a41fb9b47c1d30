"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, ChartFigure, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TChainRow } from "@/lib/business/series";
import { amount, plural } from "@/components/business/format";

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
      <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} />
        <YAxis type="category" dataKey="chain" tick={AXIS_TICK} tickLine={false} axisLine={false} width={84} />
        <Tooltip {...TOOLTIP_PROPS} />
        <Bar dataKey="orders" name="Orders created" fill="var(--info)" isAnimationActive={false} />
        <Bar dataKey="completed" name="Completed" fill="var(--ok)" isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}
