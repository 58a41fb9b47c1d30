import { Card } from "@/components/ui/card";
import { Time } from "@/components/format/time";
import { Field } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { SilenceFields } from "@/components/alerts/alert-item";
import type { TSilence } from "@/lib/alerts/silences";

/** Silences in force, each with its end button, and a form to silence every alert of a name. */
export function SilencesCard({ silences, canSilence, alertNames }: { silences: TSilence[]; canSilence: boolean; alertNames: string[] }) {
  return (
    <Card title={`Silences in force (${silences.length})`}>
      {silences.length === 0 ? (
        <p className="text-sm text-muted">No alert is silenced.</p>
      ) : (
        <ul className="divide-y divide-border" data-testid="silence-list">
          {silences.map((s) => (
            <li key={s.id} className="py-2 text-sm">
              <p className="break-all font-medium">{s.fingerprint ?? `every “${s.alertName}” alert`}</p>
              <p className="break-words text-xs text-muted">
                until <Time value={s.until} /> · {s.createdBy} · {s.reason}
              </p>
              {canSilence && (
                <OperationForm operationId="alert.unsilence" submitLabel="End" variant="secondary" revalidate={["/alerts"]} successText="Silence ended." className="mt-1 flex flex-col gap-2">
                  <input type="hidden" name="silenceId" value={s.id} />
                </OperationForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {canSilence && (
        <details className="mt-3">
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-accent">Silence every alert of a name</summary>
          <OperationForm operationId="alert.silence" submitLabel="Silence" variant="secondary" revalidate={["/alerts"]} successText="Silenced." className="mt-2 flex flex-col gap-3">
            <Field label="Alert name" name="alertName" required list="alert-names" autoComplete="off" placeholder="e.g. Event sync lag" />
            <datalist id="alert-names">
              {alertNames.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
            <SilenceFields />
          </OperationForm>
        </details>
      )}
    </Card>
  );
}
