// The daily check's verdicts and how runs read over time. Pure: shared by the runner, the page
// and the tests.

export type TCheckStatus = "pass" | "warn" | "fail";

export type TCheckResult = {
  key: string;
  label: string;
  /** What was measured, in words ("12 of 14 OK", "431 MB"). */
  value: string;
  status: TCheckStatus;
  /** Why it is not a pass, or what the number contains. */
  detail: string;
  /** A runbook id for a check that is not a pass. */
  runbook: string | null;
};

const RANK: Record<TCheckStatus, number> = { pass: 0, warn: 1, fail: 2 };

export function worstStatus(checks: readonly { status: TCheckStatus }[]): TCheckStatus {
  return checks.reduce<TCheckStatus>((worst, c) => (RANK[c.status] > RANK[worst] ? c.status : worst), "pass");
}

/** Warn at or above `warnAt`, fail at or above `failAt` (null: never). */
export function byThreshold(value: number, warnAt: number | null, failAt: number | null): TCheckStatus {
  if (failAt !== null && value >= failAt) return "fail";
  if (warnAt !== null && value >= warnAt) return "warn";
  return "pass";
}

export type TTrendDay = { day: string; pass: number; warn: number; fail: number };

/** One bar per UTC day over `days` days, from each day's last run (a day without a run is empty). */
export function trendDays(runs: readonly { startedAt: Date; checks: readonly { status: TCheckStatus }[] }[], now: Date, days = 30): TTrendDay[] {
  const lastOfDay = new Map<string, { startedAt: Date; checks: readonly { status: TCheckStatus }[] }>();
  for (const r of runs) {
    const day = r.startedAt.toISOString().slice(0, 10);
    const seen = lastOfDay.get(day);
    if (!seen || seen.startedAt < r.startedAt) lastOfDay.set(day, r);
  }
  const out: TTrendDay[] = [];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(today - i * 86_400_000).toISOString().slice(0, 10);
    const run = lastOfDay.get(day);
    const count = (s: TCheckStatus) => run?.checks.filter((c) => c.status === s).length ?? 0;
    out.push({ day, pass: count("pass"), warn: count("warn"), fail: count("fail") });
  }
  return out;
}
