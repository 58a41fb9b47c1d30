"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, ChartFigure, TOOLTIP_PROPS } from "@/components/ui/chart";
import type { TTrendDay } from "@/lib/daily/status";

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
      <BarChart data={data.map((d) => ({ ...d, label: d.day.slice(5) }))} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} width={24} />
        <Tooltip cursor={{ fill: "var(--surface-2)" }} {...TOOLTIP_PROPS} />
        <Bar dataKey="pass" name="Pass" stackId="c" fill="var(--ok)" isAnimationActive={false} />
        <Bar dataKey="warn" name="Warn" stackId="c" fill="var(--warn)" isAnimationActive={false} />
        <Bar dataKey="fail" name="Fail" stackId="c" fill="var(--crit)" isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}
