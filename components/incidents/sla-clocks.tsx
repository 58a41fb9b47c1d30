import { cn } from "@/components/ui/cn";
import { durationLabel, type TSlaClock } from "@/lib/incidents/model";

const LABEL = { triage: "Time to triage", mitigate: "Time to mitigate" } as const;
const STATE: Record<TSlaClock["state"], { text: string; className: string }> = {
  met: { text: "met", className: "bg-ok-bg text-ok" },
  missed: { text: "missed", className: "bg-crit-bg text-crit" },
  running: { text: "running", className: "bg-info-bg text-info" },
  overdue: { text: "overdue", className: "bg-crit-bg text-crit" },
};

/**
 * The response clocks against their targets; the page refreshes, so running clocks tick.
 * The secondary text keeps the tone's full colour: dimmed with opacity it fell below 4.5:1
 * (3.3:1 for green on green in the light theme).
 */
export function SlaClocks({ clocks, compact = false }: { clocks: TSlaClock[]; compact?: boolean }) {
  return (
    <ul className={cn("grid gap-2", compact ? "grid-cols-2 text-xs" : "grid-cols-2 text-sm")}>
      {clocks.map((c) => (
        <li key={c.clock} className={cn("rounded-md px-3 py-2", STATE[c.state].className)} data-testid={`sla-${c.clock}`}>
          <span className="block text-xs">{LABEL[c.clock]}</span>
          <span className="font-semibold tabular-nums">{durationLabel(c.elapsedSeconds)}</span>
          <span>
            {" "}
            / {durationLabel(c.targetSeconds)} · {STATE[c.state].text}
          </span>
        </li>
      ))}
    </ul>
  );
}
