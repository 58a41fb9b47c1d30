import { describe, expect, it } from "vitest";
import { overallStatus } from "@/lib/health/status";

describe("[HEALTH]: overall status", () => {
  it("is error when any check failed, degraded when any is degraded, else ok", () => {
    expect(overallStatus([{ name: "a", status: "ok" }, { name: "b", status: "error" }])).toBe("error");
    expect(overallStatus([{ name: "a", status: "degraded" }, { name: "b", status: "ok" }])).toBe("degraded");
    expect(overallStatus([{ name: "a", status: "ok" }])).toBe("ok");
  });

  it("does not count parts that are not configured", () => {
    expect(overallStatus([{ name: "db", status: "ok" }, { name: "evm", status: "not_configured" }])).toBe("ok");
  });
});
