import { describe, expect, it } from "vitest";
import { maintenanceState, movedDueDate, nextAnchorAfter, nextDueAfterCompletion, stepsOf } from "@/lib/maintenance/schedule";

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe("[MAINTENANCE][SCHEDULE]: the weekly due date (Mondays 00:00 UTC)", () => {
  it("finds the next Monday strictly after a moment, also from a Monday midnight", () => {
    expect(nextAnchorAfter("weekly", at("2026-11-25T12:00:00Z"))).toEqual(at("2026-11-30T00:00:00Z"));
    expect(nextAnchorAfter("weekly", at("2026-11-22T23:59:59Z"))).toEqual(at("2026-11-23T00:00:00Z"));
    expect(nextAnchorAfter("weekly", at("2026-11-23T00:00:00Z"))).toEqual(at("2026-11-30T00:00:00Z"));
  });

  it("counts a completion on the due day (late by hours) for that due date: next due one week on", () => {
    // Due Monday 23 Nov 00:00; done that Monday morning.
    expect(nextDueAfterCompletion("weekly", at("2026-11-23T09:00:00Z"))).toEqual(at("2026-11-30T00:00:00Z"));
  });

  it("counts a completion within the 2 due-soon days before a due date for that date", () => {
    expect(nextDueAfterCompletion("weekly", at("2026-11-29T20:00:00Z"))).toEqual(at("2026-12-07T00:00:00Z"));
    // Exactly 2 days before: already "due soon", so it counts.
    expect(nextDueAfterCompletion("weekly", at("2026-11-28T00:00:00Z"))).toEqual(at("2026-12-07T00:00:00Z"));
    // A minute earlier it was still "OK": the coming Monday stays the due date.
    expect(nextDueAfterCompletion("weekly", at("2026-11-27T23:59:00Z"))).toEqual(at("2026-11-30T00:00:00Z"));
  });

  it("makes a late completion due the Monday after it", () => {
    expect(nextDueAfterCompletion("weekly", at("2026-11-25T12:00:00Z"))).toEqual(at("2026-11-30T00:00:00Z"));
  });
});

describe("[MAINTENANCE][SCHEDULE]: the monthly due date (the 1st, 00:00 UTC)", () => {
  it("rolls over month ends and the year end", () => {
    expect(nextAnchorAfter("monthly", at("2027-01-31T23:00:00Z"))).toEqual(at("2027-02-01T00:00:00Z"));
    expect(nextAnchorAfter("monthly", at("2026-12-31T12:00:00Z"))).toEqual(at("2027-01-01T00:00:00Z"));
    expect(nextAnchorAfter("monthly", at("2027-03-01T00:00:00Z"))).toEqual(at("2027-04-01T00:00:00Z"));
  });

  it("counts a completion on the due day for that month: next due the 1st after", () => {
    expect(nextDueAfterCompletion("monthly", at("2027-03-01T08:00:00Z"))).toEqual(at("2027-04-01T00:00:00Z"));
  });

  it("handles short months: February with and without 29 days, 30-day months", () => {
    // 2027: 28 days. The 26th noon is more than 2 days before 1 March; the 27th is not.
    expect(nextDueAfterCompletion("monthly", at("2027-02-26T12:00:00Z"))).toEqual(at("2027-03-01T00:00:00Z"));
    expect(nextDueAfterCompletion("monthly", at("2027-02-27T12:00:00Z"))).toEqual(at("2027-04-01T00:00:00Z"));
    // 2028: leap year, the 27th is still early enough for March.
    expect(nextDueAfterCompletion("monthly", at("2028-02-27T12:00:00Z"))).toEqual(at("2028-03-01T00:00:00Z"));
    expect(nextDueAfterCompletion("monthly", at("2028-02-28T00:00:00Z"))).toEqual(at("2028-04-01T00:00:00Z"));
    expect(nextDueAfterCompletion("monthly", at("2027-04-30T09:00:00Z"))).toEqual(at("2027-06-01T00:00:00Z"));
    expect(nextDueAfterCompletion("monthly", at("2027-04-28T09:00:00Z"))).toEqual(at("2027-05-01T00:00:00Z"));
  });

  it("rolls a December completion into the next year", () => {
    expect(nextDueAfterCompletion("monthly", at("2026-12-15T10:00:00Z"))).toEqual(at("2027-01-01T00:00:00Z"));
    expect(nextDueAfterCompletion("monthly", at("2026-12-31T10:00:00Z"))).toEqual(at("2027-02-01T00:00:00Z"));
  });
});

describe("[MAINTENANCE][SCHEDULE]: dates move forward only, and the state", () => {
  it("keeps the current due date when an older completion is recorded late", () => {
    const currentDueAt = at("2026-12-07T00:00:00Z");
    expect(movedDueDate({ cadence: "weekly", currentDueAt, completedAt: at("2026-11-18T10:00:00Z") })).toEqual(currentDueAt);
    expect(movedDueDate({ cadence: "weekly", currentDueAt, completedAt: at("2026-12-06T10:00:00Z") })).toEqual(at("2026-12-14T00:00:00Z"));
  });

  it("says OK, due soon within 2 days, and overdue from the due moment on", () => {
    const nextDueAt = at("2026-11-30T00:00:00Z");
    expect(maintenanceState({ nextDueAt, now: at("2026-11-27T23:59:00Z") })).toBe("ok");
    expect(maintenanceState({ nextDueAt, now: at("2026-11-28T00:00:00Z") })).toBe("due-soon");
    expect(maintenanceState({ nextDueAt, now: new Date(nextDueAt.getTime() - HOUR) })).toBe("due-soon");
    expect(maintenanceState({ nextDueAt, now: nextDueAt })).toBe("overdue");
    expect(maintenanceState({ nextDueAt, now: at("2026-12-02T00:00:00Z") })).toBe("overdue");
  });

  it("pairs each step with its command by index, a missing command being empty", () => {
    expect(stepsOf({ steps: ["Check disk", "Review dashboards"], commands: ["df -h"] })).toEqual([
      { index: 0, text: "Check disk", command: "df -h" },
      { index: 1, text: "Review dashboards", command: "" },
    ]);
  });
});
