import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/format/time";
import { Field } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { requireRoute } from "@/lib/auth/session";
import { listThresholds } from "@/lib/settings/queries";
import { updateThreshold } from "@/lib/operations/settings";

export const metadata: Metadata = { title: "Thresholds" };

export default async function ThresholdsPage() {
  const user = await requireRoute("/settings");
  const rows = await listThresholds();
  const canRequest = updateThreshold.allowed.some((r) => user.roles.includes(r));
  const groups = [...new Set(rows.map((r) => r.group))];
  return (
    <>
      <PageHeader
        title="Thresholds"
        description={`When OpsDeck raises alerts and asks for extra approval. ${canRequest ? "Every change needs two approvers." : "Operators and admins can request changes; two approvers confirm them."}`}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        {groups.map((group) => (
          <Card key={group} title={group}>
            <ul className="divide-y divide-border">
              {rows
                .filter((r) => r.group === group)
                .map((r) => (
                  <li key={r.key} className="py-3">
                    <div className="flex items-start justify-between gap-3">
                      <div className="min-w-0">
                        <p className="text-sm font-medium">{r.label}</p>
                        <p className="text-xs text-muted">
                          {r.isDefault ? "Default from the operations guides" : (
                            <>
                              Changed by {r.updatedBy} · <Time value={r.updatedAt} />
                            </>
                          )}
                        </p>
                      </div>
                      <Badge tone={r.isDefault ? "neutral" : "info"}>
                        <span className="font-mono" data-testid={`threshold-${r.key}`}>{r.value}</span> {r.unit}
                      </Badge>
                    </div>
                    {canRequest && (
                      <details className="mt-2">
                        <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-accent">Request a change</summary>
                        <OperationForm operationId="settings.threshold.update" submitLabel="Send for approval" needsReason revalidate={["/settings"]} className="mt-2 flex flex-col gap-3">
                          <input type="hidden" name="key" value={r.key} />
                          <Field label={`New value (${r.unit})`} name="value" type="number" inputMode="decimal" step="any" min={0} defaultValue={r.value} required />
                        </OperationForm>
                      </details>
                    )}
                  </li>
                ))}
            </ul>
          </Card>
        ))}
      </div>
    </>
  );
}
