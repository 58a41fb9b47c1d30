import { CheckboxGroup, Field, Select, TextArea } from "@/components/forms/fields";

export type TServiceFormValues = {
  id?: string;
  name?: string;
  kind?: string;
  endpoint?: string | null;
  owner?: string;
  description?: string;
  failureImpact?: string;
  dependsOn?: string[];
  runbooks?: string[];
  isCritical?: boolean;
  isDegradedPath?: boolean;
  intervalSeconds?: number;
  timeoutMs?: number;
  rtoMinutes?: number | null;
  rpoMinutes?: number | null;
};

const KIND_HINTS: Record<string, string> = {
  http: "HTTP(S) GET; a JSON health body with nested checks is read",
  postgres: "SELECT 1 and connections in use",
  redis: "PING and memory against maxmemory",
  evm: "block number and age, lag against the other RPC",
  xrpl: "server_info: validated ledger age, peers, load",
  tcp: "TCP connect to host:port",
};

/** The catalog fields, shared by the add and edit forms (service.create / service.update). */
export function ServiceFields({ values = {}, others }: { values?: TServiceFormValues; others: { id: string; name: string }[] }) {
  return (
    <>
      {values.id ? <input type="hidden" name="id" value={values.id} /> : <Field label="Id" name="id" required placeholder="e.g. payments-api" hint="Lower-case letters, digits and dashes; other services refer to it." autoComplete="off" />}
      <Field label="Name" name="name" required defaultValue={values.name} />
      <Select label="Check" name="kind" defaultValue={values.kind ?? "http"}>
        {Object.entries(KIND_HINTS).map(([kind, hint]) => (
          <option key={kind} value={kind}>
            {kind} — {hint}
          </option>
        ))}
      </Select>
      <Field label="Endpoint" name="endpoint" defaultValue={values.endpoint ?? ""} placeholder="https://api.example.org/health · host:port · env:DATABASE_URL" hint="Leave empty to list it without checking. Credentials stay in the environment: write env:NAME." autoComplete="off" spellCheck={false} />
      <Field label="Owner" name="owner" required defaultValue={values.owner} placeholder="team or person" />
      <TextArea label="What users notice when it fails" name="failureImpact" required defaultValue={values.failureImpact} />
      <TextArea label="Description" name="description" defaultValue={values.description} />
      {others.length > 0 && <CheckboxGroup legend="Depends on" name="dependsOn[]" options={others.map((o) => ({ value: o.id, label: o.name }))} defaultValue={values.dependsOn ?? []} />}
      <Field label="Runbooks" name="runbooks" defaultValue={(values.runbooks ?? []).join(", ")} placeholder="RB-01, RB-07" hint="Comma-separated runbook ids." />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Check every (seconds)" name="intervalSeconds" type="number" inputMode="numeric" min={10} max={3600} defaultValue={values.intervalSeconds ?? 30} />
        <Field label="Timeout (ms)" name="timeoutMs" type="number" inputMode="numeric" min={200} max={30000} defaultValue={values.timeoutMs ?? 5000} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Recovery time objective (minutes)" name="rtoMinutes" type="number" inputMode="numeric" min={1} max={10080} defaultValue={values.rtoMinutes ?? ""} hint="How long it may be down. Empty: none." />
        <Field label="Recovery point objective (minutes)" name="rpoMinutes" type="number" inputMode="numeric" min={1} max={10080} defaultValue={values.rpoMinutes ?? ""} hint="How much data may be lost. Empty: none." />
      </div>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex min-h-11 items-center gap-2">
          <input type="checkbox" name="isCritical" value="true" defaultChecked={values.isCritical} className="h-4 w-4" /> On the critical path
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input type="checkbox" name="isDegradedPath" value="true" defaultChecked={values.isDegradedPath} className="h-4 w-4" /> Degrades the platform when down
        </label>
      </div>
    </>
  );
}
