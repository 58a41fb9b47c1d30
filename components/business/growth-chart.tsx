"use client";

import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, ChartFigure, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TGrowthPoint } from "@/lib/business/series";
import { compact, plural } from "@/components/business/format";

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
      <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis yAxisId="new" allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} width={28} />
        <YAxis yAxisId="all" orientation="right" allowDecimals={false} tick={AXIS_TICK} tickFormatter={compact} tickLine={false} axisLine={false} width={36} domain={[0, "auto"]} />
        <Tooltip {...TOOLTIP_PROPS} />
        <Bar yAxisId="new" dataKey="wallets" name="New wallets" fill="var(--info)" isAnimationActive={false} />
        <Line yAxisId="all" dataKey="cumulative" name="All wallets" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ChartFigure>
  );
}
