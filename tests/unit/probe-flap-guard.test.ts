import { describe, expect, it } from "vitest";
import { applyFlapGuard, type TFlapState } from "@/lib/probes/flap-guard";
import type { TProbeStatus } from "@/lib/probes/types";

const UNKNOWN: TFlapState = { status: "unknown", pendingStatus: null, pendingCount: 0 };
const OK: TFlapState = { status: "ok", pendingStatus: null, pendingCount: 0 };

/** Feeds observations one after another and returns the shown status after each. */
function shown(start: TFlapState, observations: TProbeStatus[], confirmations?: number) {
  let state = start;
  return observations.map((observed) => {
    const next = applyFlapGuard(state, observed, confirmations === undefined ? undefined : { confirmations });
    state = { status: next.status, pendingStatus: next.pendingStatus, pendingCount: next.pendingCount };
    return next.status;
  });
}

describe("[PROBES][FLAP-GUARD]: shown status", () => {
  it("takes the first observation at once when nothing is shown yet", () => {
    expect(applyFlapGuard(UNKNOWN, "error")).toEqual({ status: "error", pendingStatus: null, pendingCount: 0, changed: true });
    expect(applyFlapGuard(UNKNOWN, "ok")).toMatchObject({ status: "ok", changed: true });
  });

  it("changes only on the second consecutive observation of a new status (the guide's 2x rule)", () => {
    const first = applyFlapGuard(OK, "error");
    expect(first).toEqual({ status: "ok", pendingStatus: "error", pendingCount: 1, changed: false });
    const second = applyFlapGuard(first, "error");
    expect(second).toEqual({ status: "error", pendingStatus: null, pendingCount: 0, changed: true });
  });

  it("ignores a single blip", () => {
    expect(shown(OK, ["error", "ok", "degraded", "ok", "error", "ok"])).toEqual(["ok", "ok", "ok", "ok", "ok", "ok"]);
  });

  it("needs the confirmations for a recovery too, so a lucky answer does not close the incident", () => {
    const down: TFlapState = { status: "error", pendingStatus: null, pendingCount: 0 };
    expect(shown(down, ["ok", "error", "ok", "ok"])).toEqual(["error", "error", "error", "ok"]);
  });

  it("clears the pending change when the shown status is observed again", () => {
    const pending = applyFlapGuard(OK, "degraded");
    expect(applyFlapGuard(pending, "ok")).toEqual({ status: "ok", pendingStatus: null, pendingCount: 0, changed: false });
  });

  it("counts only consecutive observations of the same new status", () => {
    // degraded then error are two failures, but of different kinds: neither is confirmed yet.
    expect(shown(OK, ["degraded", "error", "error"])).toEqual(["ok", "ok", "error"]);
  });

  it("honours a custom number of confirmations", () => {
    expect(shown(OK, ["error", "error", "error"], 3)).toEqual(["ok", "ok", "error"]);
    expect(shown(OK, ["degraded", "ok"], 1)).toEqual(["degraded", "ok"]);
  });

  it("reports no change while the status holds", () => {
    expect(applyFlapGuard(OK, "ok")).toEqual({ ...OK, changed: false });
  });
});
