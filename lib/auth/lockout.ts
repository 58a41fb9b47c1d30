// Repeated failures first slow down, then lock the account for a while. Pure rules, unit tested.

export const LOCKOUT = {
  /** Failures in a row before the account locks. */
  maxFailures: 5,
  lockMinutes: 15,
  /** Each failure after the first waits this much longer before answering, capped. */
  delayStepMs: 250,
  maxDelayMs: 2000,
} as const;

export function failureDelayMs(failedCount: number): number {
  if (failedCount <= 1) return 0;
  return Math.min((failedCount - 1) * LOCKOUT.delayStepMs, LOCKOUT.maxDelayMs);
}

export function lockUntilAfterFailure(failedCount: number, now: Date): Date | null {
  return failedCount >= LOCKOUT.maxFailures ? new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000) : null;
}

export function isLocked(lockedUntil: Date | null | undefined, now: Date): boolean {
  return !!lockedUntil && lockedUntil.getTime() > now.getTime();
}
