import "server-only";

export { runProbe } from "@/lib/probes/run";
export { applyFlapGuard, type TFlapState } from "@/lib/probes/flap-guard";
export type { THealthStatus, TProbeKind, TProbeOutcome, TProbeSpec, TProbeStatus } from "@/lib/probes/types";
