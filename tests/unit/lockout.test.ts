import { describe, expect, it } from "vitest";
import { LOCKOUT, failureDelayMs, isLocked, lockUntilAfterFailure } from "@/lib/auth/lockout";

describe("[AUTH][LOCKOUT]: repeated failures slow down, then lock", () => {
  const now = new Date("2026-11-24T03:00:00Z");

  it("answers the first failure at once and later ones more slowly, up to a cap", () => {
    expect(failureDelayMs(1)).toBe(0);
    expect(failureDelayMs(2)).toBe(LOCKOUT.delayStepMs);
    expect(failureDelayMs(3)).toBeGreaterThan(failureDelayMs(2));
    expect(failureDelayMs(100)).toBe(LOCKOUT.maxDelayMs);
  });

  it("locks at the limit for the configured minutes", () => {
    expect(lockUntilAfterFailure(LOCKOUT.maxFailures - 1, now)).toBeNull();
    const until = lockUntilAfterFailure(LOCKOUT.maxFailures, now);
    expect(until?.getTime()).toBe(now.getTime() + LOCKOUT.lockMinutes * 60_000);
  });

  it("treats a lock as over once its time has passed", () => {
    expect(isLocked(new Date(now.getTime() + 1000), now)).toBe(true);
    expect(isLocked(new Date(now.getTime() - 1000), now)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});
