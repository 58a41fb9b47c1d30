import { Badge, type TTone } from "@/components/ui/badge";

const STATUS_TONE: Record<string, TTone> = { PENDING: "info", APPROVED: "info", EXECUTED: "ok", REJECTED: "crit", EXPIRED: "neutral", FAILED: "crit" };
const STATUS_LABEL: Record<string, string> = { PENDING: "Waiting", APPROVED: "Approved, running", EXECUTED: "Done", REJECTED: "Rejected", EXPIRED: "Expired", FAILED: "Failed" };
const RISK_TONE: Record<string, TTone> = { low: "neutral", medium: "info", high: "warn", critical: "crit" };

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? "neutral"}>{STATUS_LABEL[status] ?? status}</Badge>;
}

export function RiskBadge({ risk }: { risk: string }) {
  return <Badge tone={RISK_TONE[risk] ?? "neutral"}>{risk} risk</Badge>;
}

/** "1 of 2" with a bar, so progress reads at a glance on a phone. */
export function ApprovalProgress({ approvals, requiredCount }: { approvals: number; requiredCount: number }) {
  const pct = Math.min(100, Math.round((approvals / Math.max(1, requiredCount)) * 100));
  return (
    <span className="inline-flex items-center gap-2 text-xs text-muted">
      <span className="h-1.5 w-16 overflow-hidden rounded-full bg-surface-2" aria-hidden>
        <span className="block h-full bg-accent" style={{ width: `${pct}%` }} />
      </span>
      {approvals} of {requiredCount}
    </span>
  );
}

export function timeLeft(expiresAt: Date, now = new Date()): string {
  const ms = expiresAt.getTime() - now.getTime();
  if (ms <= 0) return "expired";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min left`;
}
