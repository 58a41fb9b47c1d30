import { describe, expect, it } from "vitest";
import { beat, jobHealth, registerJob } from "@/lib/jobs/heartbeat";

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
});
