import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Field, Select, TextArea, CheckboxGroup } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listCommanders } from "@/lib/incidents/queries";
import { SEVERITIES, SEVERITY_INFO } from "@/lib/incidents/model";

export const metadata: Metadata = { title: "Declare an incident" };
export const dynamic = "force-dynamic";

export default async function DeclareIncidentPage() {
  const user = await requireRoute("/incidents/new");
  const [services, commanders] = await Promise.all([db.service.findMany({ select: { id: true, name: true, status: true }, orderBy: { name: "asc" } }), listCommanders()]);
  return (
    <>
      <Link href="/incidents" className="mb-2 inline-flex min-h-11 items-center text-sm text-accent">
        ← Incidents
      </Link>
      <PageHeader title="Declare an incident" description="The timeline starts now. You can change severity, commander and services later." />
      <Card>
        <OperationForm operationId="incident.declare" submitLabel="Declare" variant="danger" successHref="/incidents/{incidentId}" successText="Declared; opening the war room…">
          <Field label="What is wrong" name="title" required minLength={5} maxLength={200} placeholder="e.g. Checkout API returns 502" autoFocus />
          <fieldset className="text-sm">
            <legend className="font-medium">Severity</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {SEVERITIES.map((s) => (
                <label key={s} className="flex min-h-11 items-start gap-3 rounded-md border border-border px-3 py-2">
                  <input type="radio" name="severity" value={s} required defaultChecked={s === "P2"} className="mt-1 h-4 w-4" />
                  <span>
                    <span className="font-medium">
                      {s} — {SEVERITY_INFO[s].description}
                    </span>
                    <span className="block text-xs text-muted">
                      Respond: {SEVERITY_INFO[s].response}. e.g. {SEVERITY_INFO[s].examples}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <Select label="Commander" name="commanderId" defaultValue={commanders.some((c) => c.id === user.id) ? user.id : ""}>
            <option value="">Not assigned yet</option>
            {commanders.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.email})
              </option>
            ))}
          </Select>
          <CheckboxGroup legend="Affected services" name="services[]" options={services.map((s) => ({ value: s.id, label: s.name, hint: `now ${s.status}` }))} />
          <input type="hidden" name="services[]" value="" />
          <TextArea label="What you know so far (optional)" name="summary" rows={3} />
        </OperationForm>
      </Card>
    </>
  );
}
