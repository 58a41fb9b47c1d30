import { isCheckId } from "@/lib/runbooks/check-catalog";
import type { TDecisionStep, TRunbook, TRunbookStep } from "@/lib/runbooks/types";

// How a run moves through a runbook. Pure: given the definition and what has been recorded, it
// says where the run is and where it goes next, so every device computes the same state.

export const END = "end";

/** The facts a run's progression depends on: the latest outcome of each check step. */
export type TRecordFact = { stepId: string; action: string; outcome: string | null };

export function stepOf(runbook: TRunbook, stepId: string | null): TRunbookStep | null {
  return stepId ? (runbook.steps.find((s) => s.id === stepId) ?? null) : null;
}

/** The step after this one in reading order, or null after the last. */
export function followingStep(runbook: TRunbook, stepId: string): string | null {
  const index = runbook.steps.findIndex((s) => s.id === stepId);
  return runbook.steps[index + 1]?.id ?? null;
}

function target(goto: string | undefined): string | null {
  return !goto || goto === END ? null : goto;
}

/** The latest recorded outcome of a check step (pass/fail), or null when it has not run. */
export function latestOutcome(records: readonly TRecordFact[], stepId: string): "pass" | "fail" | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.stepId === stepId && r.action === "checked") return r.outcome === "pass" ? "pass" : "fail";
  }
  return null;
}

/** Where an automatic decision leads, and why. A decision on a check that never ran counts as failed. */
export function decide(step: TDecisionStep, records: readonly TRecordFact[]): { to: string | null; because: string } {
  const outcome = step.on ? (latestOutcome(records, step.on) ?? "fail") : "fail";
  return { to: target(outcome === "pass" ? step.ifPass : step.ifFail), because: `${step.on} ${outcome === "pass" ? "passed" : "failed"}` };
}

export type TAdvance = {
  /** The step now waiting for someone, or null when the run is complete. */
  next: string | null;
  /** Automatic decisions taken on the way (recorded on the run). */
  decisions: { stepId: string; to: string | null; because: string }[];
};

/**
 * After `fromStepId` is done (or from the start when null, or straight to `goto`): the next
 * step, passing through automatic decisions. Manual decisions stop and wait for a person.
 */
export function advance(runbook: TRunbook, fromStepId: string | null, records: readonly TRecordFact[], goto?: string): TAdvance {
  let next: string | null = goto !== undefined ? target(goto) : fromStepId === null ? (runbook.steps[0]?.id ?? null) : followingStep(runbook, fromStepId);
  const decisions: TAdvance["decisions"] = [];
  // A definition is validated to reach the end, but a loop guard costs nothing.
  for (let hops = 0; next && hops <= runbook.steps.length; hops++) {
    const step = stepOf(runbook, next);
    if (!step || step.kind !== "decision" || !step.on) break;
    const decision = decide(step, records);
    decisions.push({ stepId: step.id, ...decision });
    next = decision.to;
  }
  return { next, decisions };
}

/** Every problem with a definition; empty when it can be loaded. Operation ids are checked by the loader. */
export function definitionProblems(runbook: TRunbook): string[] {
  const problems: string[] = [];
  const say = (m: string) => problems.push(`${runbook.id}: ${m}`);
  if (!/^[A-Za-z0-9-]{2,40}$/.test(runbook.id)) say("id must be letters, digits and dashes");
  if (!runbook.title.trim()) say("has no title");
  if (runbook.steps.length === 0) say("has no steps");
  const ids = new Set<string>();
  runbook.steps.forEach((step, index) => {
    if (ids.has(step.id)) say(`step id ${step.id} is used twice`);
    ids.add(step.id);
    if (step.id === END) say(`"${END}" cannot be a step id`);
    if (!step.title.trim()) say(`step ${step.id} has no title`);
    const earlier = runbook.steps.slice(0, index);
    if (step.kind === "check" && !isCheckId(step.check)) say(`step ${step.id} runs an unknown check ${step.check}`);
    if (step.kind === "operation" && !step.operationId) say(`step ${step.id} names no operation`);
    if (step.kind === "decision") {
      if (step.on) {
        const source = earlier.find((s) => s.id === step.on);
        if (!source || source.kind !== "check") say(`decision ${step.id} must read an earlier check step (on: ${step.on})`);
        if (!step.ifPass || !step.ifFail) say(`decision ${step.id} needs both ifPass and ifFail`);
        if (source?.kind === "check" && source.onFail !== "continue") say(`check ${source.id} feeds decision ${step.id}, so it needs onFail: "continue"`);
      } else if (!step.options || step.options.length < 2) {
        say(`decision ${step.id} needs \`on\` or at least two options`);
      }
    }
  });
  const gotos = runbook.steps.flatMap((s) => (s.kind === "decision" ? [s.ifPass, s.ifFail, ...(s.options ?? []).map((o) => o.goto)] : [])).filter((g): g is string => !!g);
  for (const goto of gotos) if (goto !== END && !ids.has(goto)) say(`a decision goes to unknown step ${goto}`);
  // Automatic decisions may only jump forward, so a run always ends.
  runbook.steps.forEach((step, index) => {
    if (step.kind !== "decision") return;
    for (const goto of [step.ifPass, step.ifFail, ...(step.options ?? []).map((o) => o.goto)]) {
      if (goto && goto !== END && runbook.steps.findIndex((s) => s.id === goto) <= index) say(`decision ${step.id} jumps back to ${goto}; decisions only go forward`);
    }
  });
  return problems;
}
