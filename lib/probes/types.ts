// The probe contract between the catalog, the probe job and the alert rules. Pure types.

export type TProbeKind = "http" | "postgres" | "redis" | "evm" | "xrpl" | "tcp";
export type TProbeStatus = "ok" | "degraded" | "error";
/** What a service shows before its first probe result. */
export type THealthStatus = TProbeStatus | "unknown";

export type TProbeSpec = {
  kind: TProbeKind;
  endpoint: string;
  timeoutMs: number;
  /** Overrides of the per-kind defaults documented in each probe file. */
  thresholds?: Record<string, number>;
  /** evm only: a second RPC of the same chain to measure lag against */
  fallbackEndpoint?: string | null;
};

export type TProbeOutcome = {
  status: TProbeStatus;
  /** Time until the target answered its main check; null when it never answered. */
  latencyMs: number | null;
  detail: Record<string, string | number | boolean | null>;
  /** Why the status is error, as a short human message without credentials; null otherwise. */
  error: string | null;
};

export type TProbeDetail = TProbeOutcome["detail"];

/** What runProbe hands each kind: the spec and a signal that fires when the deadline passes. */
export type TProbeInput = { spec: TProbeSpec; signal: AbortSignal };
