import Link from "next/link";
import { BellOff, BookOpen, ExternalLink, Link2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Time } from "@/components/format/time";
import { Field, Select } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { SEVERITY_BORDER, SeverityBadge } from "@/components/alerts/severity-badge";
import { durationText, runbookLink } from "@/lib/alerts/format";
import { SILENCE_MINUTES, silenceDurationLabel } from "@/lib/alerts/silences";
import type { TAlertRow } from "@/lib/alerts/queries";

/** One alert: what, how bad, since when, where to look, and (for operators) silence or unsilence. */
export function AlertItem({ alert, now, canSilence }: { alert: TAlertRow; now: Date; canSilence: boolean }) {
  const runbook = runbookLink(alert.runbook);
  const isActive = alert.status !== "resolved";
  return (
    <li
      className={cn("border-l-4 py-3 pl-3", SEVERITY_BORDER[alert.severity] ?? "border-l-border", alert.silence && isActive && "opacity-80")}
      data-testid={`alert-${alert.fingerprint}`}
      data-status={alert.status}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="min-w-0 break-words font-medium">{alert.name}</h3>
        <span className="flex flex-wrap items-center gap-1">
          <SeverityBadge severity={alert.severity} />
          {alert.status === "pending" && <Badge tone="info">pending</Badge>}
          {alert.silence && isActive && (
            <Badge tone="neutral">
              <BellOff size={12} aria-hidden /> <span data-testid="silenced-badge">Silenced</span>
            </Badge>
          )}
        </span>
      </div>
      <p className="mt-1 break-words text-sm">{alert.summary}</p>
      {alert.description && alert.description !== alert.summary && <p className="mt-1 break-words text-xs text-muted">{alert.description}</p>}
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-muted">{isActive ? "Since" : "From"}</dt>
        <dd>
          <Time value={alert.startsAt} /> <span className="text-muted">({isActive ? `for ${durationText(alert.startsAt, now)}` : `lasted ${durationText(alert.startsAt, alert.endsAt ?? now)}`})</span>
        </dd>
        {!isActive && (
          <>
            <dt className="text-muted">Resolved</dt>
            <dd>
              <Time value={alert.endsAt} />
            </dd>
          </>
        )}
        <dt className="text-muted">Service</dt>
        <dd className="break-all font-mono">{alert.serviceId ?? "—"}</dd>
        <dt className="text-muted">Source</dt>
        <dd>{alert.source === "rules" ? "OpsDeck rules" : alert.source === "alertmanager" ? "Alertmanager" : alert.source}</dd>
        {runbook && (
          <>
            <dt className="text-muted">Runbook</dt>
            <dd className="min-w-0 break-all">
              {runbook.href ? (
                <a href={runbook.href} target="_blank" rel="noopener noreferrer" className="inline-flex min-h-11 items-center gap-1 text-accent underline-offset-2 hover:underline sm:min-h-0">
                  {runbook.label} <ExternalLink size={12} aria-hidden />
                </a>
              ) : (
                <span className="inline-flex items-center gap-1 font-mono">
                  <BookOpen size={12} aria-hidden /> {runbook.label}
                </span>
              )}
            </dd>
          </>
        )}
        {alert.silence && isActive && (
          <>
            <dt className="text-muted">Silence</dt>
            <dd className="break-words">
              until <Time value={alert.silence.until} /> by {alert.silence.createdBy}: {alert.silence.reason}
              {alert.silence.alertName && <span className="text-muted"> (every “{alert.silence.alertName}” alert)</span>}
            </dd>
          </>
        )}
        <dt className="text-muted">Fingerprint</dt>
        <dd className="break-all font-mono text-muted">{alert.fingerprint}</dd>
      </dl>
      {alert.incidentId && (
        <Link href={`/incidents/${alert.incidentId}`} className="mt-2 inline-flex min-h-11 items-center gap-1 text-sm text-accent underline-offset-2 hover:underline">
          <Link2 size={14} aria-hidden /> Open the incident
        </Link>
      )}
      {canSilence && isActive && (alert.silence ? <EndSilence silenceId={alert.silence.id} /> : <SilenceForm fingerprint={alert.fingerprint} />)}
    </li>
  );
}

/** A resolved alert in one compact row: the history matters less than what is firing. */
export function ResolvedAlertItem({ alert }: { alert: TAlertRow }) {
  return (
    <li className="py-2" data-testid={`alert-${alert.fingerprint}`} data-status={alert.status}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="min-w-0 break-words text-sm font-medium">{alert.name}</span>
        <SeverityBadge severity={alert.severity} />
      </div>
      <p className="break-words text-xs text-muted">{alert.summary}</p>
      <p className="text-xs text-muted">
        <Time value={alert.startsAt} /> → <Time value={alert.endsAt} /> ({durationText(alert.startsAt, alert.endsAt ?? alert.lastSeenAt)})
        {alert.serviceId && <span className="break-all"> · {alert.serviceId}</span>}
      </p>
    </li>
  );
}

function SilenceForm({ fingerprint }: { fingerprint: string }) {
  return (
    <details className="mt-2">
      <summary className="inline-flex min-h-11 cursor-pointer items-center gap-1 text-sm text-accent">
        <BellOff size={14} aria-hidden /> Silence
      </summary>
      <OperationForm operationId="alert.silence" submitLabel="Silence this alert" variant="secondary" revalidate={["/alerts"]} successText="Silenced." className="mt-2 flex flex-col gap-3">
        <input type="hidden" name="fingerprint" value={fingerprint} />
        <SilenceFields />
      </OperationForm>
    </details>
  );
}

export function SilenceFields() {
  return (
    <>
      <Select label="For" name="minutes" defaultValue="60">
        {SILENCE_MINUTES.map((m) => (
          <option key={m} value={m}>
            {silenceDurationLabel(m)}
          </option>
        ))}
      </Select>
      <Field label="Why" name="reason" required minLength={5} maxLength={500} placeholder="e.g. provider maintenance until 14:00, INC-12" />
    </>
  );
}

function EndSilence({ silenceId }: { silenceId: string }) {
  return (
    <OperationForm operationId="alert.unsilence" submitLabel="End the silence" variant="secondary" revalidate={["/alerts"]} successText="Silence ended." className="mt-2 flex flex-col gap-2">
      <input type="hidden" name="silenceId" value={silenceId} />
    </OperationForm>
  );
}
