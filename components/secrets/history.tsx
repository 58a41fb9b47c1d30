import { Time } from "@/components/format/time";
import { OutcomeBadge } from "@/components/secrets/state-badges";
import type { TBackupEntry, TRotationEntry } from "@/lib/secrets/schedule";

const SOURCE_LABEL: Record<string, string> = { "secret.rotation.record": "recorded here" };

export function RotationHistory({ rotations }: { rotations: TRotationEntry[] }) {
  if (rotations.length === 0) return <p className="text-sm text-muted">No rotation recorded yet.</p>;
  return (
    <ul className="divide-y divide-border text-sm" aria-label="Recent rotations">
      {rotations.map((r) => (
        <li key={r.id} className="flex flex-col gap-0.5 py-2" data-testid="rotation-entry">
          <span className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium">{r.secretName}</span>
            <span className="text-xs text-muted">
              <Time value={r.rotatedAt} />
            </span>
          </span>
          <span className="text-xs text-muted [overflow-wrap:anywhere]">
            by {r.recordedBy} · {SOURCE_LABEL[r.source] ?? `via ${r.source}`}
          </span>
          <span className="break-words">{r.note}</span>
        </li>
      ))}
    </ul>
  );
}

export function BackupHistory({ events }: { events: TBackupEntry[] }) {
  if (events.length === 0) return <p className="text-sm text-muted">No backup or restore test recorded yet.</p>;
  return (
    <ul className="divide-y divide-border text-sm" aria-label="Recent backups and restore tests">
      {events.map((e) => (
        <li key={e.id} className="flex flex-col gap-0.5 py-2" data-testid="backup-entry">
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <OutcomeBadge outcome={e.outcome} />
            <span className="font-medium">{e.kind === "restore-test" ? "Restore test" : "Backup"}</span>
            <span className="min-w-0 text-muted">{e.targetName}</span>
          </span>
          <span className="text-xs text-muted [overflow-wrap:anywhere]">
            <Time value={e.at} /> · by {e.recordedBy}
          </span>
          {e.note && <span className="break-words">{e.note}</span>}
        </li>
      ))}
    </ul>
  );
}
