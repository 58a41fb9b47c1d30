import { Badge, type TTone } from "@/components/ui/badge";
import type { TMaintenanceState } from "@/lib/maintenance/schedule";

// A checklist's state as a coloured badge; the word says it too (colour alone is not enough).

export const MAINTENANCE_STATE: Record<TMaintenanceState, { tone: TTone; label: string }> = {
  overdue: { tone: "crit", label: "Overdue" },
  "due-soon": { tone: "warn", label: "Due soon" },
  ok: { tone: "ok", label: "OK" },
};

export function MaintenanceStateBadge({ state }: { state: TMaintenanceState }) {
  return (
    <Badge tone={MAINTENANCE_STATE[state].tone}>
      <span data-testid="maintenance-state">{MAINTENANCE_STATE[state].label}</span>
    </Badge>
  );
}
