import { describe, expect, it } from "vitest";
import {
  backupRpoState,
  bytesLabel,
  dailyAverage,
  headroomState,
  histogramQuantile,
  minutesLabel,
  monthsUntilTrigger,
  percentOf,
  rtoClock,
  runwayState,
  scaleGrowth,
  storageGrowthBytesPerDay,
  type THistogramSample,
} from "@/lib/capacity/headroom";

const NOW = new Date("2026-11-24T03:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const MB = 1024 * 1024;
const GB = 1024 * MB;

/** Cumulative _bucket samples for one series, as prom-client reports them. */
function buckets(labels: Record<string, string>, counts: [string, number][]): THistogramSample[] {
  return counts.map(([le, value]) => ({ metricName: "opsdeck_http_request_duration_seconds_bucket", labels: { ...labels, le }, value }));
}

describe("[CAPACITY][HEADROOM]: a reading against its scaling trigger", () => {
  it("is ok below 80 % of the trigger, near up to the trigger itself, over above it", () => {
    expect(headroomState({ value: 63.9, trigger: 80 })).toBe("ok");
    expect(headroomState({ value: 64, trigger: 80 })).toBe("near");
    expect(headroomState({ value: 80, trigger: 80 })).toBe("near");
    expect(headroomState({ value: 80.1, trigger: 80 })).toBe("over");
    expect(headroomState({ value: 501, trigger: 500 })).toBe("over");
  });

  it("has no state without a reading", () => {
    expect(headroomState({ value: null, trigger: 70 })).toBe("unknown");
    expect(headroomState({ value: Number.NaN, trigger: 70 })).toBe("unknown");
  });

  it("turns usage into a percentage only against a positive limit", () => {
    expect(percentOf({ used: 12, limit: 100 })).toBe(12);
    expect(percentOf({ used: 1, limit: 3 })).toBe(33.3);
    expect(percentOf({ used: 5, limit: 0 })).toBeNull();
    expect(percentOf({ used: 5, limit: null })).toBeNull();
  });
});

describe("[CAPACITY][LATENCY]: p95 from the HTTP duration histogram", () => {
  it("answers null when nothing was served", () => {
    expect(histogramQuantile({ samples: [], q: 0.95 })).toBeNull();
    expect(histogramQuantile({ samples: buckets({ route: "/" }, [["0.1", 0], ["+Inf", 0]]), q: 0.95 })).toBeNull();
  });

  it("interpolates inside the bucket holding the rank, summing the series per bound", () => {
    // 100 requests: 90 under 50 ms, 10 between 50 and 100 ms → p95 halfway into (0.05, 0.1].
    const a = buckets({ route: "/a" }, [["0.05", 60], ["0.1", 60], ["+Inf", 60]]);
    const b = buckets({ route: "/b" }, [["0.05", 30], ["0.1", 40], ["+Inf", 40]]);
    expect(histogramQuantile({ samples: [...a, ...b], q: 0.95 })).toBeCloseTo(0.075, 6);
    // The first bucket starts at 0.
    expect(histogramQuantile({ samples: buckets({}, [["0.1", 100], ["+Inf", 100]]), q: 0.5 })).toBeCloseTo(0.05, 6);
  });

  it("answers the largest finite bound when the rank lies in +Inf, and skips _sum and _count", () => {
    const samples = [
      ...buckets({}, [["0.5", 10], ["1", 50], ["+Inf", 100]]),
      { metricName: "opsdeck_http_request_duration_seconds_sum", labels: {}, value: 999 },
      { metricName: "opsdeck_http_request_duration_seconds_count", labels: {}, value: 100 },
    ];
    expect(histogramQuantile({ samples, q: 0.95 })).toBe(1);
  });
});

describe("[CAPACITY][GROWTH]: the guide's growth per 1,000 daily orders", () => {
  it("averages orders per day over 30 days", () => {
    expect(dailyAverage({ count: 300 })).toBe(10);
    expect(dailyAverage({ count: 40 })).toBe(1.3);
  });

  it("scales the table to the platform's order rate", () => {
    const rows = scaleGrowth(2_000);
    expect(rows.find((r) => r.id === "db-storage")).toMatchObject({ amount: 50, scaled: 100, unit: "MB/day" });
    expect(rows.find((r) => r.id === "api-requests")).toMatchObject({ amount: 50_000, scaled: 100_000 });
    expect(scaleGrowth(0).every((r) => r.scaled === 0)).toBe(true);
    expect(storageGrowthBytesPerDay(1_000)).toBe(50 * MB);
  });

  it("counts the months until the disk reaches 80 %, 0 once past, none without growth", () => {
    // 100 GB disk, 50 GB used: 30 GB of room at 1 GB a day is 30 days → 1 month.
    expect(monthsUntilTrigger({ usedBytes: 50 * GB, totalBytes: 100 * GB, growthBytesPerDay: GB, triggerPct: 80 })).toBeCloseTo(1, 6);
    expect(monthsUntilTrigger({ usedBytes: 85 * GB, totalBytes: 100 * GB, growthBytesPerDay: GB, triggerPct: 80 })).toBe(0);
    expect(monthsUntilTrigger({ usedBytes: 50 * GB, totalBytes: 100 * GB, growthBytesPerDay: 0, triggerPct: 80 })).toBeNull();
    expect(runwayState(0)).toBe("over");
    expect(runwayState(5.9)).toBe("near");
    expect(runwayState(6)).toBe("ok");
    expect(runwayState(null)).toBe("ok");
  });
});

describe("[CAPACITY][RTO]: time down against a service's RTO", () => {
  it("runs from detection until now while the incident is open", () => {
    expect(rtoClock({ startedAt: minutesAgo(5), endedAt: null, rtoMinutes: 15, now: NOW })).toEqual({ elapsedSeconds: 300, isRunning: true, state: "ok" });
    expect(rtoClock({ startedAt: minutesAgo(12), endedAt: null, rtoMinutes: 15, now: NOW }).state).toBe("near");
    expect(rtoClock({ startedAt: minutesAgo(15), endedAt: null, rtoMinutes: 15, now: NOW }).state).toBe("near");
    expect(rtoClock({ startedAt: minutesAgo(16), endedAt: null, rtoMinutes: 15, now: NOW }).state).toBe("over");
  });

  it("stops at resolution", () => {
    expect(rtoClock({ startedAt: minutesAgo(120), endedAt: minutesAgo(73), rtoMinutes: 30, now: NOW })).toEqual({ elapsedSeconds: 47 * 60, isRunning: false, state: "over" });
    expect(rtoClock({ startedAt: minutesAgo(120), endedAt: minutesAgo(117), rtoMinutes: 5, now: NOW })).toMatchObject({ isRunning: false, state: "ok" });
  });
});

describe("[CAPACITY][RPO]: the last backup against a data store's RPO", () => {
  it("is over once the last good backup is older than the RPO", () => {
    expect(backupRpoState({ lastSuccessAt: minutesAgo(30), rpoMinutes: 60, now: NOW })).toBe("ok");
    expect(backupRpoState({ lastSuccessAt: minutesAgo(50), rpoMinutes: 60, now: NOW })).toBe("near");
    expect(backupRpoState({ lastSuccessAt: minutesAgo(61), rpoMinutes: 60, now: NOW })).toBe("over");
    expect(backupRpoState({ lastSuccessAt: minutesAgo(24 * 60), rpoMinutes: 5, now: NOW })).toBe("over");
  });

  it("says never without a backup, and no-rpo without an objective", () => {
    expect(backupRpoState({ lastSuccessAt: null, rpoMinutes: 5, now: NOW })).toBe("never");
    expect(backupRpoState({ lastSuccessAt: minutesAgo(1), rpoMinutes: null, now: NOW })).toBe("no-rpo");
  });
});

describe("[CAPACITY][LABELS]", () => {
  it("words minutes and bytes", () => {
    expect(minutesLabel(5)).toBe("5 min");
    expect(minutesLabel(60)).toBe("1 h");
    expect(minutesLabel(90)).toBe("1 h 30 min");
    expect(bytesLabel(512)).toBe("512 B");
    expect(bytesLabel(1.5 * GB)).toBe("1.5 GB");
    expect(bytesLabel(300 * MB)).toBe("300 MB");
  });
});
