import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/format/time";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { OperationForm } from "@/components/operations/operation-form";
import { LatencyChart } from "@/components/services/latency-chart";
import { ServiceFields } from "@/components/services/service-fields";
import { HEALTH_LABEL, HEALTH_TONE } from "@/components/services/health";
import { requireRoute } from "@/lib/auth/session";
import { getServiceDetail, listServices } from "@/lib/services/queries";
import { updateService } from "@/lib/operations/services";

export const metadata: Metadata = { title: "Service" };
export const dynamic = "force-dynamic";

export default async function ServicePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRoute("/services");
  const { id } = await params;
  const service = await getServiceDetail(id);
  if (!service) notFound();
  const canEdit = updateService.allowed.some((r) => user.roles.includes(r));
  const others = canEdit ? (await listServices()).filter((s) => s.id !== id).map((s) => ({ id: s.id, name: s.name })) : [];
  const detail = Object.entries(service.lastDetail ?? {}).filter(([, v]) => v !== null && v !== "");

  return (
    <>
      <Link href="/services" className="mb-2 inline-flex min-h-11 items-center text-sm text-accent">
        ← Services
      </Link>
      <PageHeader
        title={service.name}
        description={
          <>
            {service.description || service.kind} · owner {service.owner} · {service.endpointLabel}
          </>
        }
        actions={
          <Badge tone={HEALTH_TONE[service.status]} className="text-sm">
            <span data-testid="service-status">{HEALTH_LABEL[service.status]}</span>
          </Badge>
        }
      />
      <RefreshWhile active everyMs={15_000} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Current check" className="lg:col-span-1">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-muted">Status</dt>
            <dd>
              {HEALTH_LABEL[service.status]} since <Time value={service.statusSince} />
            </dd>
            <dt className="text-muted">Last check</dt>
            <dd>
              <Time value={service.lastCheckedAt} />
            </dd>
            <dt className="text-muted">Latency</dt>
            <dd className="font-mono">{service.lastLatencyMs === null ? "—" : `${service.lastLatencyMs} ms`}</dd>
            <dt className="text-muted">Checked every</dt>
            <dd>
              {service.intervalSeconds} s (timeout {service.timeoutMs} ms)
            </dd>
            {detail.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-muted">{k}</dt>
                <dd className="break-all font-mono text-xs">{String(v)}</dd>
              </div>
            ))}
          </dl>
          {service.lastError && <p className="mt-3 break-words rounded-md bg-crit-bg px-3 py-2 text-sm text-crit">{service.lastError}</p>}
          {!service.isProbed && <p className="mt-3 text-sm text-muted">No endpoint: listed on the map, not checked.</p>}
        </Card>
        <Card title="Latency, last 24 h" className="lg:col-span-2">
          <LatencyChart points={service.latency} />
        </Card>
        <Card title="Uptime">
          <ul className="grid grid-cols-3 gap-2 text-center">
            {service.uptime.map((u) => (
              <li key={u.window} className="rounded-md bg-surface-2 px-2 py-3">
                <span className="block text-lg font-semibold" data-testid={`uptime-${u.window.replace(" ", "")}`}>
                  {u.pct === null ? "—" : `${u.pct.toFixed(u.pct === 100 ? 0 : 2)} %`}
                </span>
                <span className="block text-xs text-muted">
                  {u.window} · {u.checks} checks
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="If it fails">
          <p className="text-sm">{service.failureImpact}</p>
          <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-muted">Takes down ({service.dependents.length})</h3>
          <ServiceLinks items={service.dependents} empty="Nothing depends on it." />
          <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-muted">Depends on</h3>
          <ServiceLinks items={service.dependencies} empty="Nothing in the catalog." />
        </Card>
        <Card title="Runbooks and recent failures">
          {service.runbooks.length ? (
            <ul className="flex flex-wrap gap-1">
              {service.runbooks.map((r) => (
                <li key={r}>
                  <Badge tone="info">{r}</Badge>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted">No runbook linked.</p>
          )}
          <ul className="mt-3 divide-y divide-border text-sm">
            {service.failures.length === 0 && <li className="py-2 text-muted">No failed checks kept (30 days).</li>}
            {service.failures.map((f) => (
              <li key={f.at.toISOString()} className="py-2">
                <Time value={f.at} /> <span className="break-words text-crit">{f.error ?? "failed"}</span>
              </li>
            ))}
          </ul>
        </Card>
        {canEdit && (
          <Card title="Edit (admins)" className="lg:col-span-3">
            <details>
              <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-accent">Change this service</summary>
              <OperationForm operationId="service.update" submitLabel="Save" revalidate={[`/services/${id}`, "/services"]} successText="Saved." className="mt-2 flex flex-col gap-3">
                <ServiceFields values={service} others={others} />
              </OperationForm>
            </details>
          </Card>
        )}
      </div>
    </>
  );
}

function ServiceLinks({ items, empty }: { items: { id: string; name: string; status: keyof typeof HEALTH_LABEL }[]; empty: string }) {
  if (items.length === 0) return <p className="mt-1 text-sm text-muted">{empty}</p>;
  return (
    <ul className="mt-1 flex flex-wrap gap-1">
      {items.map((d) => (
        <li key={d.id}>
          <Link href={`/services/${d.id}`} className="inline-flex min-h-9 items-center">
            <Badge tone={HEALTH_TONE[d.status]}>{d.name}</Badge>
          </Link>
        </li>
      ))}
    </ul>
  );
}
