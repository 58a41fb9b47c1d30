import { describe, expect, it } from "vitest";
import { INSTANCE, claimRound, recentRounds, roundFor } from "@/lib/jobs/rounds";
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

  it("names the latest round of a job across instances, per chain for the event sync", async () => {
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await db.jobRound.createMany({
      data: [
        { job: `sync-${stamp}:evm:1`, instance: "web-a:1", startedAt: new Date(Date.now() - 60_000) },
        { job: `sync-${stamp}:evm:2`, instance: "worker-b:2", startedAt: new Date(Date.now() - 10_000) },
      ],
    });
    expect(await claimRound(db, `solo-${stamp}`, 60_000)).toBe(true);
    const rounds = await recentRounds(db);
    expect(roundFor(rounds, `sync-${stamp}`)).toMatchObject({ instance: "worker-b:2" });
    expect(roundFor(rounds, `solo-${stamp}`)).toMatchObject({ instance: INSTANCE });
    expect(roundFor(rounds, `never-${stamp}`)).toBeNull();
  });
});
