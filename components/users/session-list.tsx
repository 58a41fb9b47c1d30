import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/format/time";
import { OperationForm } from "@/components/operations/operation-form";

export type TSessionItem = { id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null; isCurrent?: boolean };

/** Open sessions with a way to end each one (never the one in use: that is "Sign out"). */
export function SessionList({ sessions, revalidate, revokeLabel }: { sessions: TSessionItem[]; revalidate: string; revokeLabel: string }) {
  if (sessions.length === 0) return <p className="text-sm text-muted">No open sessions.</p>;
  return (
    <ul className="divide-y divide-border" aria-label="Sessions">
      {sessions.map((s) => (
        <li key={s.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
          <span className="min-w-0 text-sm">
            <span className="flex items-center gap-2">
              <span className="truncate">{s.userAgent ?? "Unknown client"}</span>
              {s.isCurrent && <Badge tone="ok">This device</Badge>}
            </span>
            <span className="block text-xs text-muted">
              {s.ip ?? "address unknown"} · signed in <Time value={s.createdAt} /> · last seen <Time value={s.lastSeenAt} />
            </span>
          </span>
          {!s.isCurrent && (
            <OperationForm operationId="session.revoke" submitLabel={revokeLabel} variant="secondary" revalidate={[revalidate]} successText="Signed out." className="flex items-center gap-2">
              <input type="hidden" name="sessionId" value={s.id} />
            </OperationForm>
          )}
        </li>
      ))}
    </ul>
  );
}
