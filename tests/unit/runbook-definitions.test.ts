import { describe, expect, it } from "vitest";
import { RUNBOOKS, runbookForAlert } from "@/lib/runbooks/catalog";
import { advance, definitionProblems } from "@/lib/runbooks/engine";
import { OPERATIONS } from "@/lib/operations/registry";
import { ALERT_RULES } from "@/lib/alerts/rules";
import { GUIDE_CATALOG } from "@/lib/services/catalog";
import type { TRunbook } from "@/lib/runbooks/types";

// Every runbook the seed guides contain, by the id alerts and the service catalog use.
const EXPECTED = [
  ...Array.from({ length: 10 }, (_, i) => `RB-${String(i + 1).padStart(2, "0")}`),
  "deploy",
  "emergency-rollback",
  "database-incident",
  "wallet-balance-check",
  "wallet-rotation",
  "node-out-of-sync",
  "faucet-empty",
  "rpc-timeouts",
  "faucet-under-attack",
  "database-locked",
  "key-rotation",
  "suspected-compromise",
  "quick-decision-tree",
];

describe("[RUNBOOKS][DEFINITIONS]: the runbooks in the repository", () => {
  it("contain every seed runbook, once", () => {
    const ids = RUNBOOKS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...EXPECTED].sort());
  });

  it.each(RUNBOOKS.map((r) => [r.id, r] as const))("%s is well formed", (_id, runbook) => {
    expect(definitionProblems(runbook)).toEqual([]);
    const operationIds = new Set(OPERATIONS.map((o) => o.id));
    for (const step of runbook.steps) if (step.kind === "operation") expect(operationIds.has(step.operationId), `${runbook.id}/${step.id} → ${step.operationId}`).toBe(true);
    const serviceIds = new Set(GUIDE_CATALOG.map((s) => s.id));
    for (const service of runbook.services) expect(serviceIds.has(service), `${runbook.id} service ${service}`).toBe(true);
  });

  it("cover every runbook an alert rule or a catalog service refers to", () => {
    const referenced = [...ALERT_RULES.map((r) => r.runbook), ...GUIDE_CATALOG.flatMap((s) => s.runbooks)].filter((r): r is string => !!r);
    for (const ref of referenced) expect(RUNBOOKS.some((r) => r.id === ref), ref).toBe(true);
    expect(runbookForAlert({ name: "Event sync stuck", runbook: null })?.id).toBe("RB-03");
    expect(runbookForAlert({ name: "anything", runbook: "RB-05" })?.id).toBe("RB-05");
  });
});

describe("[RUNBOOKS][ENGINE]: how a run moves", () => {
  const runbook: TRunbook = {
    id: "T-1",
    title: "Test",
    source: "test",
    trigger: "test",
    services: [],
    alerts: [],
    steps: [
      { id: "a", kind: "check", title: "A", check: "sync.lag", onFail: "continue" },
      { id: "d", kind: "decision", title: "D", on: "a", ifPass: "end", ifFail: "b" },
      { id: "b", kind: "manual", title: "B" },
      { id: "q", kind: "decision", title: "Q", options: [{ label: "Yes", goto: "c" }, { label: "No", goto: "end" }] },
      { id: "c", kind: "manual", title: "C" },
    ],
  };

  it("starts at the first step and ends a run when a passing check's decision says so", () => {
    expect(advance(runbook, null, [])).toEqual({ next: "a", decisions: [] });
    expect(advance(runbook, "a", [{ stepId: "a", action: "checked", outcome: "pass" }])).toEqual({ next: null, decisions: [{ stepId: "d", to: null, because: "a passed" }] });
  });

  it("branches on a failing check and stops at a decision a person makes", () => {
    expect(advance(runbook, "a", [{ stepId: "a", action: "checked", outcome: "fail" }])).toEqual({ next: "b", decisions: [{ stepId: "d", to: "b", because: "a failed" }] });
    expect(advance(runbook, "b", [])).toEqual({ next: "q", decisions: [] });
    expect(advance(runbook, "q", [], "c").next).toBe("c");
    expect(advance(runbook, "c", []).next).toBeNull();
  });

  it("reads the latest result when a check ran more than once", () => {
    const records = [
      { stepId: "a", action: "checked", outcome: "fail" },
      { stepId: "a", action: "checked", outcome: "pass" },
    ];
    expect(advance(runbook, "a", records).next).toBeNull();
  });

  it("refuses definitions that jump backwards, read a manual step or reach unknown steps", () => {
    const bad: TRunbook = {
      ...runbook,
      steps: [
        { id: "m", kind: "manual", title: "M" },
        { id: "x", kind: "decision", title: "X", on: "m", ifPass: "m", ifFail: "nowhere" },
      ],
    };
    const problems = definitionProblems(bad).join("\n");
    expect(problems).toMatch(/must read an earlier check step/);
    expect(problems).toMatch(/unknown step nowhere/);
    expect(problems).toMatch(/jumps back to m/);
  });
});
