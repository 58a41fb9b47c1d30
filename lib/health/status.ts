// Health status arithmetic, shared by /api/health and the overview. Pure, unit tested.

export type TCheckStatus = "ok" | "degraded" | "error" | "not_configured";
export type TCheck = { name: string; status: TCheckStatus; latency_ms?: number; error?: string; detail?: string };

/** error if anything failed, degraded if something is slow or on a fallback, else ok. */
export function overallStatus(checks: readonly TCheck[]): "ok" | "degraded" | "error" {
  if (checks.some((c) => c.status === "error")) return "error";
  if (checks.some((c) => c.status === "degraded")) return "degraded";
  return "ok";
}

export const STATUS_LABEL: Record<TCheckStatus, string> = {
  ok: "OK",
  degraded: "Degraded",
  error: "Down",
  not_configured: "Not connected",
};
