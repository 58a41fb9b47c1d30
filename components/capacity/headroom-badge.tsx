import { Badge, type TTone } from "@/components/ui/badge";
import type { TBackupRpoState, THeadroom, TRecoveryState } from "@/lib/capacity/headroom";
import type { TRestoreState } from "@/lib/secrets/schedule";

// The capacity and recovery states as coloured badges; the word says it too (colour alone is not enough).

export const HEADROOM: Record<THeadroom, { tone: TTone; label: string; bar: string }> = {
  ok: { tone: "ok", label: "OK", bar: "bg-ok" },
  near: { tone: "warn", label: "Near trigger", bar: "bg-warn" },
  over: { tone: "crit", label: "Over trigger", bar: "bg-crit" },
  unknown: { tone: "neutral", label: "Unknown", bar: "bg-muted" },
};

export function HeadroomBadge({ state }: { state: THeadroom }) {
  return (
    <Badge tone={HEADROOM[state].tone}>
      <span data-testid="headroom-state">{HEADROOM[state].label}</span>
    </Badge>
  );
}

const RPO: Record<TBackupRpoState, { tone: TTone; label: string }> = {
  ok: { tone: "ok", label: "Within RPO" },
  near: { tone: "warn", label: "Near RPO" },
  over: { tone: "crit", label: "Older than RPO" },
  never: { tone: "crit", label: "Never backed up" },
  "no-rpo": { tone: "neutral", label: "No RPO set" },
};

export function RpoBadge({ state }: { state: TBackupRpoState }) {
  return (
    <Badge tone={RPO[state].tone}>
      <span data-testid="rpo-state">{RPO[state].label}</span>
    </Badge>
  );
}

const RESTORE: Record<TRestoreState, { tone: TTone; label: string }> = {
  ok: { tone: "ok", label: "Restore tested" },
  overdue: { tone: "crit", label: "Restore test overdue" },
  never: { tone: "crit", label: "Restore never tested" },
  failed: { tone: "crit", label: "Restore test failed" },
};

export function RestoreBadge({ state }: { state: TRestoreState }) {
  return (
    <Badge tone={RESTORE[state].tone}>
      <span data-testid="restore-state">{RESTORE[state].label}</span>
    </Badge>
  );
}

export const RTO_TONE: Record<TRecoveryState, TTone> = { ok: "ok", near: "warn", over: "crit" };
