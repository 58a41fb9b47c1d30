import type { THealthStatus, TProbeStatus } from "@/lib/probes/types";

// Turns raw probe results into the status a service shows. The guide pages on "health endpoint
// fails 2x consecutive": one lost packet must not page anyone, and one lucky answer from a
// failing service must not close the incident either, so changes in BOTH directions wait for
// `confirmations` consecutive observations of the same new status. Pure, unit tested.

export type TFlapState = { status: THealthStatus; pendingStatus: THealthStatus | null; pendingCount: number };

const DEFAULT_CONFIRMATIONS = 2;

export function applyFlapGuard(current: TFlapState, observed: TProbeStatus, opts: { confirmations?: number } = {}): TFlapState & { changed: boolean } {
  const confirmations = Math.max(1, Math.floor(opts.confirmations ?? DEFAULT_CONFIRMATIONS));
  const settled = (status: THealthStatus, changed: boolean) => ({ status, pendingStatus: null, pendingCount: 0, changed });

  // Nothing shown yet: any real observation beats "unknown".
  if (current.status === "unknown") return settled(observed, true);
  // The shown status is confirmed again: whatever was pending was a blip.
  if (observed === current.status) return settled(current.status, false);

  const pendingCount = current.pendingStatus === observed ? current.pendingCount + 1 : 1;
  if (pendingCount >= confirmations) return settled(observed, true);
  return { status: current.status, pendingStatus: observed, pendingCount, changed: false };
}
