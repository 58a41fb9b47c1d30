"use client";

import type { ReactElement, ReactNode } from "react";

// The frame every chart in OpsDeck shares: the numbers in words first (for screen readers, and
// when the chart is too small to read on a phone), then the chart, then its legend.
//
// The drawing itself (recharts, ~100 KB gzip) is a separate `*-chart-plot.tsx` module each chart
// loads with next/dynamic({ ssr: false }): it is not part of any page's first-load JavaScript, and
// the server could not draw it anyway (ResponsiveContainer measures the box in the browser). The
// words and the legend are server-rendered, and the box keeps its height while the plot loads, so
// nothing moves when it appears.

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
        {children}
      </div>
      {legend && <ul className="mt-2 flex flex-wrap gap-3 text-xs text-muted">{legend}</ul>}
    </figure>
  );
}
