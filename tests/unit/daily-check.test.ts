import { describe, expect, it } from "vitest";
import { byThreshold, trendDays, worstStatus } from "@/lib/daily/status";
import { bytesText } from "@/lib/format/bytes";
import { PLATFORM_TASKS, nextRun } from "@/lib/daily/platform-schedule";

describe("[DAILY][STATUS]: verdicts", () => {
  it("takes the worst check as the run's verdict", () => {
    expect(worstStatus([])).toBe("pass");
    expect(worstStatus([{ status: "pass" }, { status: "warn" }])).toBe("warn");
    expect(worstStatus([{ status: "warn" }, { status: "fail" }, { status: "pass" }])).toBe("fail");
  });

  it("warns and fails at their thresholds, inclusive", () => {
    expect([79.9, 80, 89.9, 90].map((v) => byThreshold(v, 80, 90))).toEqual(["pass", "warn", "warn", "fail"]);
    expect(byThreshold(1_000, null, null)).toBe("pass");
  });

  it("says sizes the way people read them", () => {
    expect([0, 1023, 1024, 1536, 431 * 1024 * 1024, 2.5 * 1024 ** 3].map(bytesText)).toEqual(["0 B", "1023 B", "1 KB", "1.5 KB", "431 MB", "2.5 GB"]);
  });

  it("draws each day from its last run, and leaves a day without a run empty", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    const run = (at: string, statuses: ("pass" | "warn" | "fail")[]) => ({ startedAt: new Date(at), checks: statuses.map((status) => ({ status })) });
    const trend = trendDays([run("2026-11-24T08:00:00Z", ["fail", "pass"]), run("2026-11-24T09:30:00Z", ["pass", "pass"]), run("2026-11-22T08:00:00Z", ["warn"])], now, 3);
    expect(trend).toEqual([
      { day: "2026-11-22", pass: 0, warn: 1, fail: 0 },
      { day: "2026-11-23", pass: 0, warn: 0, fail: 0 },
      { day: "2026-11-24", pass: 2, warn: 0, fail: 0 },
    ]);
  });
});

describe("[DAILY][SCHEDULE]: the platform's tasks run next when the guide says", () => {
  const now = new Date("2026-11-24T10:15:00Z"); // a Tuesday

  it("covers the guide's schedule table", () => {
    expect(PLATFORM_TASKS.map((t) => t.task)).toEqual(expect.arrayContaining(["Database backup", "Database vacuum", "Daily health check", "Backup cleanup", "Order timeout scan"]));
  });

  it("computes the next run of each cadence", () => {
    expect(nextRun({ kind: "every", seconds: 900 }, now).toISOString()).toBe("2026-11-24T10:30:00.000Z");
    expect(nextRun({ kind: "daily", hour: 3, minute: 0 }, now).toISOString()).toBe("2026-11-25T03:00:00.000Z");
    expect(nextRun({ kind: "daily", hour: 12, minute: 0 }, now).toISOString()).toBe("2026-11-24T12:00:00.000Z");
    expect(nextRun({ kind: "weekly", weekday: 0, hour: 4, minute: 0 }, now).toISOString()).toBe("2026-11-29T04:00:00.000Z");
    expect(nextRun({ kind: "weekly", weekday: 2, hour: 4, minute: 0 }, now).toISOString()).toBe("2026-12-01T04:00:00.000Z");
    expect(nextRun({ kind: "monthly", day: 1, hour: 4, minute: 30 }, now).toISOString()).toBe("2026-12-01T04:30:00.000Z");
    expect(nextRun({ kind: "monthly", day: 1, hour: 4, minute: 30 }, new Date("2026-12-31T23:00:00Z")).toISOString()).toBe("2027-01-01T04:30:00.000Z");
  });
});
