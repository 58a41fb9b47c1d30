import { Badge, type TTone } from "@/components/ui/badge";
import { STATUS_LABEL, type TIncidentStatus, type TSeverity } from "@/lib/incidents/model";

const SEVERITY_TONE: Record<TSeverity, TTone> = { P0: "crit", P1: "crit", P2: "warn", P3: "info" };
const STATUS_TONE: Record<TIncidentStatus, TTone> = { detected: "crit", triaged: "warn", mitigating: "warn", resolved: "ok", postmortem_done: "neutral" };

export function SeverityBadge({ severity, className }: { severity: TSeverity; className?: string }) {
  return (
    <Badge tone={SEVERITY_TONE[severity]} className={className}>
      <span data-testid="incident-severity">{severity}</span>
    </Badge>
  );
}

export function StatusBadge({ status, className }: { status: TIncidentStatus; className?: string }) {
  return (
    <Badge tone={STATUS_TONE[status]} className={className}>
      <span data-testid="incident-status">{STATUS_LABEL[status]}</span>
    </Badge>
  );
}
