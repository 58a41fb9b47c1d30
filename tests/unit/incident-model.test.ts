import { describe, expect, it } from "vitest";
import { canMoveTo, durationLabel, slaClocks, type TSlaTargets } from "@/lib/incidents/model";
import { draftPostmortem } from "@/lib/incidents/postmortem";

const TARGETS: TSlaTargets = { triageMinutes: 5, mitigateMinutes: { P0: 15, P1: 60, P2: 240, P3: 1440 } };
const t0 = new Date("2026-11-24T03:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe("[INCIDENTS][SLA]: response clocks from detection", () => {
  it("runs, turns overdue past the target, and stops when the stage is reached", () => {
    const base = { severity: "P0" as const, detectedAt: t0, triagedAt: null, mitigatingAt: null };
    expect(slaClocks(base, TARGETS, at(3)).map((c) => [c.clock, c.state, c.elapsedSeconds])).toEqual([
      ["triage", "running", 180],
      ["mitigate", "running", 180],
    ]);
    expect(slaClocks(base, TARGETS, at(20)).map((c) => c.state)).toEqual(["overdue", "overdue"]);
    expect(slaClocks({ ...base, triagedAt: at(4), mitigatingAt: at(16) }, TARGETS, at(60)).map((c) => c.state)).toEqual(["met", "missed"]);
  });

  it("takes mitigation as triage too, and uses the severity's own target", () => {
    const clocks = slaClocks({ severity: "P2", detectedAt: t0, triagedAt: null, mitigatingAt: at(30) }, TARGETS, at(90));
    expect(clocks).toEqual([
      { clock: "triage", targetSeconds: 300, elapsedSeconds: 1800, state: "missed" },
      { clock: "mitigate", targetSeconds: 14_400, elapsedSeconds: 1800, state: "met" },
    ]);
  });

  it("moves the lifecycle forward only", () => {
    expect(canMoveTo("detected", "resolved")).toBe(true);
    expect(canMoveTo("mitigating", "triaged")).toBe(false);
    expect(canMoveTo("resolved", "resolved")).toBe(false);
  });

  it("says durations the way people do on a call", () => {
    expect([durationLabel(42), durationLabel(300), durationLabel(4_800), durationLabel(3 * 86_400 + 7_200)]).toEqual(["42 s", "5 min", "1 h 20 min", "3 d 2 h"]);
  });
});

describe("[INCIDENTS][POST-MORTEM]: the guide's template, prefilled", () => {
  it("carries the duration, services, timeline rows and run steps in order, escaping table pipes", () => {
    const md = draftPostmortem({
      number: 7,
      title: "Escrow drained",
      severity: "P0",
      commander: "ana@example.org",
      summary: "",
      services: ["api", "rpc-primary"],
      detectedAt: t0,
      resolvedAt: at(95),
      timeline: [
        { at: at(0), actorEmail: null, text: "Opened by the critical alert | escrow" },
        { at: at(2), actorEmail: "ana@example.org", text: "Detected → Mitigating" },
      ],
      runs: [{ runbookId: "RB-05", title: "Smart contract emergency pause", status: "completed", steps: [{ at: at(3), title: "Pause", action: "executed", outcome: null, value: "transaction 0xabc", note: null, actorEmail: "ana@example.org" }] }],
    });
    expect(md).toContain("# Incident Post-Mortem: Escrow drained");
    expect(md).toContain("**Duration**: 1 h 35 min (from detection 03:00 UTC to resolution 04:35 UTC)");
    expect(md).toContain("- Services affected: api, rpc-primary");
    expect(md).toContain("| 03:00 | Opened by the critical alert \\| escrow |");
    expect(md.indexOf("| 03:00 |")).toBeLessThan(md.indexOf("| 03:02 |"));
    expect(md).toContain("1. 03:03 Pause: executed (transaction 0xabc) — ana@example.org");
    expect(md).toContain("## Action Items");
  });
});
