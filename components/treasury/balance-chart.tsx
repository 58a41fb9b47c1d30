"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, ChartFigure, TOOLTIP_PROPS } from "@/components/ui/chart";

export type TBalancePoint = { at: number; total: number; spendable: number };

// "249.9K": enough digits that a balance moving near its level still shows on the axis.
const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 4 });
const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** An account's balance over the chosen range, with its warning and critical lines. */
export function BalanceChart({ points, symbol, warn, crit, rangeLabel, showReserve }: { points: TBalancePoint[]; symbol: string; warn: number | null; crit: number | null; rangeLabel: string; showReserve: boolean }) {
  const values = points.map((p) => p.spendable);
  const summary = points.length
    ? `Last ${rangeLabel}: ${fmt(values.at(-1)!)} ${symbol} ${showReserve ? "spendable " : ""}now, lowest ${fmt(Math.min(...values))}, highest ${fmt(Math.max(...values))}${warn !== null ? `; warning below ${fmt(warn)}` : ""}${crit !== null ? `, critical below ${fmt(crit)}` : ""}`
    : `No reading in the last ${rangeLabel} yet: the treasury job reads every account each minute.`;
  const span = points.length ? points.at(-1)!.at - points[0]!.at : 0;
  const tick = (t: number) => {
    const d = new Date(t);
    return span > 36 * 3_600_000 ? d.toLocaleDateString("en-GB", { day: "2-digit", month: "short", timeZone: "UTC" }) : d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  };
  return (
    <ChartFigure
      summary={summary}
      summaryTestId="balance-chart-summary"
      heightClass="h-56"
      legend={
        <>
          <li className="flex items-center gap-1"><span className="inline-block h-0.5 w-4 bg-accent" aria-hidden /> {showReserve ? "Spendable" : "Balance"}</li>
          {showReserve && <li className="flex items-center gap-1"><span className="inline-block h-0.5 w-4 bg-muted" aria-hidden /> Total (with reserve)</li>}
          {warn !== null && <li className="flex items-center gap-1"><span className="inline-block h-0.5 w-4 border-t-2 border-dashed border-warn" aria-hidden /> Warning line</li>}
          {crit !== null && <li className="flex items-center gap-1"><span className="inline-block h-0.5 w-4 border-t-2 border-dashed border-crit" aria-hidden /> Critical line</li>}
        </>
      }
    >
      <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={tick} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} minTickGap={24} />
        <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} width={56} tickFormatter={(v: number) => COMPACT.format(v)} domain={warn !== null || crit !== null ? [0, "auto"] : ["auto", "auto"]} />
        <Tooltip {...TOOLTIP_PROPS} labelFormatter={(t) => new Date(Number(t)).toISOString().slice(0, 16).replace("T", " ") + " UTC"} formatter={(v) => `${fmt(Number(v))} ${symbol}`} />
        {warn !== null && <ReferenceLine y={warn} stroke="var(--warn)" strokeDasharray="5 4" ifOverflow="extendDomain" />}
        {crit !== null && <ReferenceLine y={crit} stroke="var(--crit)" strokeDasharray="5 4" ifOverflow="extendDomain" />}
        {showReserve && <Line type="stepAfter" dataKey="total" name="Total" stroke="var(--muted)" dot={false} isAnimationActive={false} />}
        <Line type="stepAfter" dataKey="spendable" name={showReserve ? "Spendable" : "Balance"} stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
    </ChartFigure>
  );
}
