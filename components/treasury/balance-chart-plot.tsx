"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TBalancePoint } from "@/components/treasury/balance-chart";

// "249.9K": enough digits that a balance moving near its level still shows on the axis.
const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 4 });

/** The drawing of BalanceChart, loaded after the page (see components/ui/chart.tsx). */
export function BalanceChartPlot({ points, symbol, warn, crit, showReserve, format }: { points: TBalancePoint[]; symbol: string; warn: number | null; crit: number | null; showReserve: boolean; format: (n: number) => string }) {
  const span = points.length ? points.at(-1)!.at - points[0]!.at : 0;
  const tick = (t: number) => {
    const d = new Date(t);
    return span > 36 * 3_600_000 ? d.toLocaleDateString("en-GB", { day: "2-digit", month: "short", timeZone: "UTC" }) : d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  };
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={tick} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} minTickGap={24} />
        <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} width={56} tickFormatter={(v: number) => COMPACT.format(v)} domain={warn !== null || crit !== null ? [0, "auto"] : ["auto", "auto"]} />
        <Tooltip {...TOOLTIP_PROPS} labelFormatter={(t) => new Date(Number(t)).toISOString().slice(0, 16).replace("T", " ") + " UTC"} formatter={(v) => `${format(Number(v))} ${symbol}`} />
        {warn !== null && <ReferenceLine y={warn} stroke="var(--warn)" strokeDasharray="5 4" ifOverflow="extendDomain" />}
        {crit !== null && <ReferenceLine y={crit} stroke="var(--crit)" strokeDasharray="5 4" ifOverflow="extendDomain" />}
        {showReserve && <Line type="stepAfter" dataKey="total" name="Total" stroke="var(--muted)" dot={false} isAnimationActive={false} />}
        <Line type="stepAfter" dataKey="spendable" name={showReserve ? "Spendable" : "Balance"} stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
