import { describe, expect, it } from "vitest";
import { claimRound } from "@/lib/jobs/rounds";
import { testDb } from "../support/db";

// Several web and worker processes run the same periodic jobs; each interval's round must run once.
const db = testDb();

describe("[JOBS] one round per interval across instances", () => {
  it("gives a round to exactly one of several instances asking at once, and the next one only after the interval", async () => {
    const job = `test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const first = await Promise.all(Array.from({ length: 6 }, () => claimRound(db, job, 1_000)));
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await claimRound(db, job, 1_000)).toBe(false);
    await new Promise((r) => setTimeout(r, 850));
    const second = await Promise.all(Array.from({ length: 6 }, () => claimRound(db, job, 1_000)));
    expect(second.filter(Boolean)).toHaveLength(1);
    expect(await db.jobRound.count({ where: { job } })).toBe(2);
  });

  it("keeps jobs apart: a round of one job does not hold back another", async () => {
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    expect(await claimRound(db, `a-${stamp}`, 60_000)).toBe(true);
    expect(await claimRound(db, `b-${stamp}`, 60_000)).toBe(true);
    expect(await claimRound(db, `a-${stamp}`, 60_000)).toBe(false);
  });
});
