"use client";

import type { ReactElement, ReactNode } from "react";
import { ResponsiveContainer } from "recharts";

// The frame every chart in OpsDeck shares: the numbers in words first (for screen readers, and
// when the chart is too small to read on a phone), then the chart, then its legend.

export const AXIS_TICK = { fill: "var(--muted)", fontSize: 11 } as const;
export const TOOLTIP_PROPS = {
  contentStyle: { background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, fontSize: 12 },
  labelStyle: { color: "var(--fg)" },
} as const;

export function ChartFigure({ summary, summaryTestId, heightClass = "h-48", legend, children }: { summary: ReactNode; summaryTestId?: string; heightClass?: string; legend?: ReactNode; children: ReactElement }) {
  return (
    <figure className="min-w-0">
      <figcaption className="mb-2 text-sm text-muted" data-testid={summaryTestId}>
        {summary}
      </figcaption>
      <div className={`${heightClass} w-full`} aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
      {legend && <ul className="mt-2 flex flex-wrap gap-3 text-xs text-muted">{legend}</ul>}
    </figure>
  );
}
