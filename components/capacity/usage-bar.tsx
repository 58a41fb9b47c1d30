import { cn } from "@/components/ui/cn";
import { HEADROOM } from "@/components/capacity/headroom-badge";
import type { THeadroom } from "@/lib/capacity/headroom";

/** Usage against the limit, with a tick where the scaling trigger sits. */
export function UsageBar({ pct, triggerPct, state, label }: { pct: number; triggerPct: number | null; state: THeadroom; label: string }) {
  const width = Math.max(0, Math.min(100, pct));
  return (
    <div className="relative mt-2 h-3" role="img" aria-label={label}>
      <div className="absolute inset-x-0 top-0.5 h-2 overflow-hidden rounded-full bg-surface-2">
        <div className={cn("h-full rounded-full", HEADROOM[state].bar)} style={{ width: `${width}%` }} />
      </div>
      {triggerPct !== null && <div className="absolute top-0 h-3 w-0.5 -translate-x-1/2 bg-fg" style={{ left: `${triggerPct}%` }} title={`Trigger at ${triggerPct} %`} />}
    </div>
  );
}
