import { describe, expect, it } from "vitest";
import { backupState, bySecretUrgency, restoreState, secretDue } from "@/lib/secrets/schedule";

const NOW = new Date("2026-11-24T03:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

describe("[SECRETS][SCHEDULE]: when a secret is due", () => {
  it("counts the next due date from the last rotation", () => {
    expect(secretDue({ rotationDays: 90, lastRotatedAt: daysAgo(10), now: NOW })).toEqual({ state: "ok", dueAt: new Date("2027-02-12T03:00:00Z") });
  });

  it("says due soon within 7 days and overdue from the due moment on", () => {
    expect(secretDue({ rotationDays: 30, lastRotatedAt: daysAgo(22), now: NOW }).state).toBe("ok");
    expect(secretDue({ rotationDays: 30, lastRotatedAt: daysAgo(23), now: NOW }).state).toBe("due-soon");
    expect(secretDue({ rotationDays: 30, lastRotatedAt: daysAgo(29.9), now: NOW }).state).toBe("due-soon");
    expect(secretDue({ rotationDays: 30, lastRotatedAt: daysAgo(30), now: NOW }).state).toBe("overdue");
    expect(secretDue({ rotationDays: 30, lastRotatedAt: daysAgo(45), now: NOW })).toEqual({ state: "overdue", dueAt: daysAgo(15) });
  });

  it("treats a secret with a period that was never rotated as overdue now", () => {
    expect(secretDue({ rotationDays: 365, lastRotatedAt: null, now: NOW })).toEqual({ state: "overdue", dueAt: null });
  });

  it("never makes an as-needed secret due, however old its rotation", () => {
    expect(secretDue({ rotationDays: null, lastRotatedAt: daysAgo(2000), now: NOW })).toEqual({ state: "as-needed", dueAt: null });
    expect(secretDue({ rotationDays: null, lastRotatedAt: null, now: NOW })).toEqual({ state: "as-needed", dueAt: null });
  });

  it("lists the most urgent first: never rotated, then the latest overdue, due soon, ok, as needed", () => {
    const rows = [
      { name: "as needed", ...secretDue({ rotationDays: null, lastRotatedAt: null, now: NOW }) },
      { name: "ok", ...secretDue({ rotationDays: 90, lastRotatedAt: daysAgo(1), now: NOW }) },
      { name: "late", ...secretDue({ rotationDays: 30, lastRotatedAt: daysAgo(31), now: NOW }) },
      { name: "soon", ...secretDue({ rotationDays: 30, lastRotatedAt: daysAgo(25), now: NOW }) },
      { name: "very late", ...secretDue({ rotationDays: 30, lastRotatedAt: daysAgo(90), now: NOW }) },
      { name: "never", ...secretDue({ rotationDays: 30, lastRotatedAt: null, now: NOW }) },
    ];
    expect(rows.sort(bySecretUrgency).map((r) => r.name)).toEqual(["never", "very late", "late", "soon", "ok", "as needed"]);
  });
});

describe("[SECRETS][BACKUPS]: backup age and restore tests", () => {
  it("flags a backup older than its maximum age, and one that never ran", () => {
    expect(backupState({ lastSuccessAt: hoursAgo(25), maxAgeHours: 26, now: NOW })).toBe("ok");
    expect(backupState({ lastSuccessAt: hoursAgo(26), maxAgeHours: 26, now: NOW })).toBe("ok");
    expect(backupState({ lastSuccessAt: hoursAgo(27), maxAgeHours: 26, now: NOW })).toBe("overdue");
    expect(backupState({ lastSuccessAt: null, maxAgeHours: 26, now: NOW })).toBe("never");
  });

  it("wants a restore test every restoreEveryDays, and says so when it never happened", () => {
    expect(restoreState({ lastRestoreTestAt: daysAgo(20), lastRestoreOutcome: "success", restoreEveryDays: 31, now: NOW })).toEqual({ state: "ok", dueAt: new Date(daysAgo(20).getTime() + 31 * 86_400_000) });
    expect(restoreState({ lastRestoreTestAt: daysAgo(40), lastRestoreOutcome: "success", restoreEveryDays: 31, now: NOW }).state).toBe("overdue");
    expect(restoreState({ lastRestoreTestAt: null, lastRestoreOutcome: null, restoreEveryDays: 31, now: NOW })).toEqual({ state: "never", dueAt: null });
  });

  it("reports a failed last restore test as failed, even a recent one", () => {
    expect(restoreState({ lastRestoreTestAt: daysAgo(1), lastRestoreOutcome: "failed", restoreEveryDays: 31, now: NOW }).state).toBe("failed");
  });
});
