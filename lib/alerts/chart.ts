import type { TAlertSeverity } from "@/lib/alerts/rules";

// The alerts page's chart: how many alert episodes started per time bucket, by severity. Pure
// (the page passes rows and "now"); the recharts wrapper only draws what this returns.

export const CHART_RANGES = {
  "24h": { label: "Last 24 h", buckets: 24, bucketMs: 3_600_000 },
  "7d": { label: "Last 7 days", buckets: 28, bucketMs: 6 * 3_600_000 },
} as const;
export type TChartRange = keyof typeof CHART_RANGES;

export type TChartBucket = { start: string; label: string; critical: number; warning: number; info: number };

export function chartWindowStart(range: TChartRange, now: Date): Date {
  const { buckets, bucketMs } = CHART_RANGES[range];
  // Buckets end at the current one's end, aligned to whole hours (UTC) so labels read cleanly.
  const end = Math.floor(now.getTime() / bucketMs) * bucketMs + bucketMs;
  return new Date(end - buckets * bucketMs);
}

function labelOf(start: Date, range: TChartRange) {
  const iso = start.toISOString();
  return range === "24h" ? `${iso.slice(11, 13)}:00` : `${iso.slice(5, 10)} ${iso.slice(11, 13)}h`;
}

export function alertCountSeries({ alerts, range, now }: { alerts: readonly { startsAt: Date; severity: string }[]; range: TChartRange; now: Date }): TChartBucket[] {
  const { buckets, bucketMs } = CHART_RANGES[range];
  const from = chartWindowStart(range, now).getTime();
  const series: TChartBucket[] = Array.from({ length: buckets }, (_, i) => {
    const start = new Date(from + i * bucketMs);
    return { start: start.toISOString(), label: labelOf(start, range), critical: 0, warning: 0, info: 0 };
  });
  for (const a of alerts) {
    const i = Math.floor((a.startsAt.getTime() - from) / bucketMs);
    if (i < 0 || i >= buckets) continue;
    const severity: TAlertSeverity = a.severity === "critical" || a.severity === "info" ? a.severity : "warning";
    series[i]![severity]++;
  }
  return series;
}
