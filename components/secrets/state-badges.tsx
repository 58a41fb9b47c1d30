import { Badge, type TTone } from "@/components/ui/badge";
import type { TBackupState, TRestoreState, TSecretState } from "@/lib/secrets/schedule";

// The schedule's states as coloured badges; the word always says it too (colour alone is not enough).

export const SECRET_STATE: Record<TSecretState, { tone: TTone; label: string }> = {
  overdue: { tone: "crit", label: "Overdue" },
  "due-soon": { tone: "warn", label: "Due soon" },
  ok: { tone: "ok", label: "OK" },
  "as-needed": { tone: "neutral", label: "As needed" },
};

const BACKUP_STATE: Record<TBackupState, { tone: TTone; label: string }> = {
  ok: { tone: "ok", label: "Backup OK" },
  overdue: { tone: "crit", label: "Backup overdue" },
  never: { tone: "crit", label: "Never backed up" },
};

const RESTORE_STATE: Record<TRestoreState, { tone: TTone; label: string }> = {
  ok: { tone: "ok", label: "Restore test OK" },
  overdue: { tone: "crit", label: "Restore test overdue" },
  never: { tone: "crit", label: "Restore never tested" },
  failed: { tone: "crit", label: "Restore test failed" },
};

export function SecretStateBadge({ state }: { state: TSecretState }) {
  return (
    <Badge tone={SECRET_STATE[state].tone}>
      <span data-testid="secret-state">{SECRET_STATE[state].label}</span>
    </Badge>
  );
}

export function BackupStateBadge({ state }: { state: TBackupState }) {
  return (
    <Badge tone={BACKUP_STATE[state].tone}>
      <span data-testid="backup-state">{BACKUP_STATE[state].label}</span>
    </Badge>
  );
}

export function RestoreStateBadge({ state }: { state: TRestoreState }) {
  return (
    <Badge tone={RESTORE_STATE[state].tone}>
      <span data-testid="restore-state">{RESTORE_STATE[state].label}</span>
    </Badge>
  );
}

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={outcome === "success" ? "ok" : "crit"}>{outcome === "success" ? "Success" : "Failed"}</Badge>;
}
