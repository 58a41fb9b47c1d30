import type { Metadata } from "next";
import Link from "next/link";
import { ChevronRight } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { OperationForm } from "@/components/operations/operation-form";
import { ServiceMap } from "@/components/services/service-map";
import { ServiceFields } from "@/components/services/service-fields";
import { HEALTH_LABEL, HEALTH_TONE } from "@/components/services/health";
import { requireRoute } from "@/lib/auth/session";
import { listServices } from "@/lib/services/queries";
import { bySeverity } from "@/lib/services/graph";
import { layoutServiceMap } from "@/lib/services/layout";
import { createService } from "@/lib/operations/services";

export const metadata: Metadata = { title: "Services" };
export const dynamic = "force-dynamic";

export default async function ServicesPage() {
  const user = await requireRoute("/services");
  const services = await listServices();
  const canEdit = createService.allowed.some((r) => user.roles.includes(r));
  const down = services.filter((s) => s.status === "error").length;
  const degraded = services.filter((s) => s.status === "degraded").length;
  const summary = services.length ? `${down} down · ${degraded} degraded · ${services.length} services` : "No services yet";

  return (
    <>
      <PageHeader title="Services" description={`What is broken, what depends on it, and what that means for users. ${summary}.`} />
      {/* Live: the probes run every 30 s; the page follows without a reload. */}
      <RefreshWhile active everyMs={15_000} />
      {services.length === 0 ? (
        <EmptyState title="The catalog is empty">{canEdit ? "Add the first service below." : "An admin adds services to the catalog."}</EmptyState>
      ) : (
        <>
          {/* Phone: a list, worst first, instead of a graph too wide to read. */}
          <ul className="divide-y divide-border rounded-lg border border-border bg-surface md:hidden" aria-label="Services by severity">
            {bySeverity(services).map((s) => (
              <li key={s.id}>
                <Link href={`/services/${s.id}`} className="flex min-h-14 items-center gap-3 px-4 py-3" data-testid={`service-row-${s.id}`}>
                  <Badge tone={HEALTH_TONE[s.status]}>{HEALTH_LABEL[s.status]}</Badge>
                  <span className="min-w-0 flex-1">
                    <span className="block font-medium">
                      {s.name}
                      {s.isCritical && <span className="ml-2 text-xs font-normal text-muted">critical path</span>}
                    </span>
                    <span className="block break-words text-xs text-muted">{s.status === "error" || s.status === "degraded" ? (s.lastError ?? s.failureImpact) : s.isProbed ? s.endpointLabel : "not probed"}</span>
                  </span>
                  <ChevronRight size={16} className="shrink-0 text-muted" aria-hidden />
                </Link>
              </li>
            ))}
          </ul>
          <div className="hidden md:block">
            <ServiceMap
              services={services.map((s) => ({ id: s.id, name: s.name, status: s.status, dependsOn: s.dependsOn, isCritical: s.isCritical, isDegradedPath: s.isDegradedPath, failureImpact: s.failureImpact, lastError: s.lastError, owner: s.owner }))}
              layout={layoutServiceMap(services)}
            />
          </div>
        </>
      )}
      {canEdit && (
        <Card title="Add a service" className="mt-6">
          <details>
            <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-accent">New service</summary>
            <OperationForm operationId="service.create" submitLabel="Add service" revalidate={["/services"]} successText="Added; its first check runs within seconds." className="mt-2 flex flex-col gap-3">
              <ServiceFields others={services.map((s) => ({ id: s.id, name: s.name }))} />
            </OperationForm>
          </details>
        </Card>
      )}
    </>
  );
}
