import { Badge } from "@/components/ui/badge";
import { RTO_TONE } from "@/components/capacity/headroom-badge";
import { minutesLabel, type TRtoClock } from "@/lib/capacity/headroom";
import { durationLabel } from "@/lib/incidents/model";

const STATE_LABEL = {
  running: { ok: "within RTO", near: "near RTO", over: "past RTO" },
  stopped: { ok: "recovered within RTO", near: "recovered near RTO", over: "recovered past RTO" },
} as const;

/**
 * The war room's recovery clocks: time since detection against each affected service's RTO
 * (stopped at resolution). The page refreshes every few seconds, so a running clock ticks.
 */
export function RtoClocks({ clocks }: { clocks: TRtoClock[] }) {
  if (!clocks.length) return null;
  return (
    <div className="rounded-md border border-border px-3 py-2" data-testid="rto-clocks">
      <p className="mb-1 text-xs text-muted">Since detection, against each affected service&apos;s RTO</p>
      <ul className="flex flex-col gap-1" aria-label="Recovery time objectives">
        {clocks.map((c) => (
          <li key={c.serviceId} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm" data-testid={`rto-clock-${c.serviceId}`} data-state={c.state}>
            <span className="min-w-0 font-medium">{c.name}</span>
            <span className="tabular-nums">
              {durationLabel(c.elapsedSeconds)} <span className="text-muted">/ RTO {minutesLabel(c.rtoMinutes)}</span>
            </span>
            <Badge tone={RTO_TONE[c.state]}>{STATE_LABEL[c.isRunning ? "running" : "stopped"][c.state]}</Badge>
          </li>
        ))}
      </ul>
    </div>
  );
}
