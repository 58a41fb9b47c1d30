// Runbooks as data (pure types, safe for client components). A definition lives in the
// repository (lib/runbooks/definitions), is reviewed like code and loads into the database with a
// version (loader.ts); a run follows the version it started with.

import type { TCheckId } from "@/lib/runbooks/check-catalog";

/** Where a decision or the end of a step leads: another step's id, or "end" (the run is complete). */
export type TGoto = string;

type TStepBase = {
  /** Stable within the runbook ("pause", "verify-paused"); decisions point at it. */
  id: string;
  title: string;
  /** What to do or look for, in the guide's words. Plain text; blank lines separate paragraphs. */
  instruction?: string;
  /** Commands to copy and run by hand. OpsDeck never runs shell commands on servers. */
  commands?: string[];
};

/** Runs a read-only check (a probe, a chain read, a query) and records pass or fail with the value seen. */
export type TCheckStep = TStepBase & {
  kind: "check";
  check: TCheckId;
  params?: Record<string, string | number | boolean>;
  /** On fail: "stop" waits on this step (re-run, continue with a note, or skip); "continue" moves on (a decision reads it). */
  onFail?: "stop" | "continue";
};

/** A person does it and confirms with a note. */
export type TManualStep = TStepBase & { kind: "manual" };

/** Invokes an OpsDeck operation with its own permission and approval policy; the run waits for it. */
export type TOperationStep = TStepBase & {
  kind: "operation";
  operationId: string;
  /** Fixed input; `fields` add what the person fills in. */
  input?: Record<string, string | number | boolean>;
  fields?: { name: string; label: string; placeholder?: string; options?: { value: string; label: string }[] }[];
};

/**
 * Branches. With `on` it reads that check step's latest result by itself (pass → ifPass, fail →
 * ifFail). Without it a person picks one of `options` (the quick decision tree's questions).
 */
export type TDecisionStep = TStepBase & {
  kind: "decision";
  on?: string;
  ifPass?: TGoto;
  ifFail?: TGoto;
  options?: { label: string; goto: TGoto }[];
};

export type TRunbookStep = TCheckStep | TManualStep | TOperationStep | TDecisionStep;
export type TStepKind = TRunbookStep["kind"];

export type TRunbook = {
  /** "RB-05", "faucet-empty": what alerts and the service catalog refer to. */
  id: string;
  title: string;
  /** Which kind of guide it comes from ("Escrow operations guide §6"). No platform names. */
  source: string;
  /** When to use it. */
  trigger: string;
  /** The incident severity it usually means. */
  severity?: "P0" | "P1" | "P2" | "P3";
  /** A warning shown above the steps ("THIS BLOCKS ALL TRADING"). */
  warning?: string;
  /** Service catalog ids it concerns. */
  services: string[];
  /** Alert names (rule names or Alertmanager alertnames) that suggest it. */
  alerts: string[];
  steps: TRunbookStep[];
};
