import { Field, Select } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { SECRET_STATE } from "@/components/secrets/state-badges";
import { utcInputValue } from "@/components/secrets/format";
import type { TBackupRow, TSecretRow } from "@/lib/secrets/schedule";

// The page's forms: each runs its operation through the pipeline (which checks the role again).
// No field ever asks for a secret's value.

const YEAR = 365 * 86_400_000;

function WhenField({ name, label, now }: { name: string; label: string; now: Date }) {
  // datetime-local has no zone: the value is UTC, as everywhere in the portal.
  return <Field label={label} name={name} type="datetime-local" max={utcInputValue(now)} min={utcInputValue(new Date(now.getTime() - YEAR))} hint="UTC. Leave empty for now." />;
}

export function RecordRotationForm({ secrets, now }: { secrets: TSecretRow[]; now: Date }) {
  return (
    <OperationForm operationId="secret.rotation.record" submitLabel="Record rotation" revalidate={["/secrets"]} successText="Recorded: the next due date has moved.">
      <Select label="Secret" name="secretId" defaultValue={secrets[0]?.id} required>
        {secrets.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} — {SECRET_STATE[s.state].label.toLowerCase()}
          </option>
        ))}
      </Select>
      <WhenField name="rotatedAt" label="Rotated at (UTC)" now={now} />
      <Field label="What was done" name="note" required minLength={5} maxLength={500} placeholder="e.g. RB-06 followed, services restarted, health green" autoComplete="off" />
    </OperationForm>
  );
}

export function RecordBackupForm({ backups, now }: { backups: TBackupRow[]; now: Date }) {
  const late = backups.find((b) => b.state !== "ok" || b.restoreState !== "ok");
  return (
    <OperationForm operationId="backup.record" submitLabel="Record it" revalidate={["/secrets"]} successText="Recorded.">
      <Select label="What" name="targetId" defaultValue={(late ?? backups[0])?.id} required>
        {backups.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </Select>
      <div className="grid grid-cols-2 gap-3">
        <Select label="Kind" name="kind" defaultValue="backup">
          <option value="backup">Backup</option>
          <option value="restore-test">Restore test</option>
        </Select>
        <Select label="Outcome" name="outcome" defaultValue="success">
          <option value="success">Success</option>
          <option value="failed">Failed</option>
        </Select>
      </div>
      <WhenField name="at" label="Done at (UTC)" now={now} />
      <Field label="Note (required when it failed)" name="note" maxLength={500} placeholder="e.g. restored into a scratch database, counts matched" autoComplete="off" />
    </OperationForm>
  );
}

export function RotationPeriodForm({ secrets }: { secrets: TSecretRow[] }) {
  return (
    <OperationForm operationId="secret.schedule.update" submitLabel="Ask to change" variant="secondary" needsReason revalidate={["/secrets"]} reasonPlaceholder="e.g. the provider now enforces 60-day keys">
      <Select label="Secret" name="secretId" defaultValue={secrets[0]?.id} required>
        {secrets.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} — {s.rotationDays === null ? "as needed" : `every ${s.rotationDays} d`}
          </option>
        ))}
      </Select>
      <Field label="Rotate every (days)" name="rotationDays" type="number" inputMode="numeric" min={1} max={3650} hint="Leave empty for “as needed” (no due date)." />
    </OperationForm>
  );
}
