import { describe, expect, it } from "vitest";
import { beat, jobHealth, jobStates, registerJob, skipped } from "@/lib/jobs/heartbeat";

describe("[HEALTH][JOBS]: a job that stops ticking shows up", () => {
  it("is ok while jobs tick, degraded-worthy when a round failed, stalled after three missed intervals", () => {
    const now = Date.now();
    registerJob("test-job-a", 1_000);
    registerJob("test-job-b", 1_000);
    beat("test-job-b", false);
    const health = jobHealth(now);
    expect(health.jobs).toEqual(expect.arrayContaining(["test-job-a", "test-job-b"]));
    expect(health.failing).toContain("test-job-b");
    expect(health.stalled).not.toContain("test-job-a");
    expect(jobHealth(now + 3 * 1_000 + 60_001).stalled).toEqual(expect.arrayContaining(["test-job-a", "test-job-b"]));
    beat("test-job-b", true);
    expect(jobHealth(now).failing).not.toContain("test-job-b");
  });

  it("a tick whose round another instance ran keeps the job alive without counting as a run here", () => {
    registerJob("test-job-c", 1_000);
    const state = () => jobStates().find((j) => j.job === "test-job-c")!;
    expect(state().lastRanAt).toBeNull();
    skipped("test-job-c");
    expect(state()).toMatchObject({ rounds: 0, lastRanAt: null });
    beat("test-job-c", true, Date.now() - 5);
    expect(state().rounds).toBe(1);
    expect(state().lastRanAt).not.toBeNull();
    expect(jobHealth(state().lastAt + 3 * 1_000 + 60_001).stalled).toContain("test-job-c");
  });
});
