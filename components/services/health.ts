import type { TTone } from "@/components/ui/badge";
import type { THealth } from "@/lib/services/graph";

// One vocabulary and colour per health state, for the map, the list and the detail page.
export const HEALTH_LABEL: Record<THealth, string> = { ok: "OK", degraded: "Degraded", error: "Down", unknown: "Unknown" };
export const HEALTH_TONE: Record<THealth, TTone> = { ok: "ok", degraded: "warn", error: "crit", unknown: "neutral" };
export const HEALTH_NODE_CLASS: Record<THealth, string> = {
  ok: "fill-ok-bg stroke-ok",
  degraded: "fill-warn-bg stroke-warn",
  error: "fill-crit-bg stroke-crit",
  unknown: "fill-surface-2 stroke-border",
};
