import { HeadroomBadge, HEADROOM } from "@/components/capacity/headroom-badge";
import { UsageBar } from "@/components/capacity/usage-bar";
import { cn } from "@/components/ui/cn";
import type { TResource } from "@/lib/capacity/readings";

const BORDER = { ok: "border-l-ok", near: "border-l-warn", over: "border-l-crit", unknown: "border-l-border" } as const;

/** Each resource as a card: the reading, its limit, a bar with the trigger, and the playbook's action once it matters. */
export function ResourceList({ resources }: { resources: TResource[] }) {
  return (
    <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" aria-label="Resources">
      {resources.map((r) => (
        <li key={r.id} className={cn("min-w-0 rounded-lg border border-l-4 border-border bg-surface p-4", BORDER[r.state])} data-testid={`resource-${r.id}`} data-state={r.state}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-semibold">{r.label}</h3>
            <HeadroomBadge state={r.state} />
          </div>
          <p className="mt-2 break-words">
            <span className="text-lg font-semibold tabular-nums" data-testid="resource-usage">
              {r.usage}
            </span>
            {r.limit && <span className="text-sm text-muted"> {r.limit}</span>}
          </p>
          {r.barPct !== null && <UsageBar pct={r.barPct} triggerPct={r.triggerPct} state={r.state} label={`${r.label}: ${r.usage} ${r.limit ?? ""}, ${HEADROOM[r.state].label.toLowerCase()}`} />}
          <p className="mt-2 text-xs text-muted">Trigger: {r.trigger}</p>
          {r.notes.map((n) => (
            <p key={n} className="mt-1 break-words text-xs text-muted">
              {n}
            </p>
          ))}
          {(r.state === "over" || r.state === "near") && (
            <p className={cn("mt-3 rounded-md px-3 py-2 text-sm", r.state === "over" ? "bg-crit-bg text-crit" : "bg-warn-bg text-warn")} data-testid="resource-action">
              <strong>{r.state === "over" ? "Act now: " : "Plan: "}</strong>
              {r.action}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
