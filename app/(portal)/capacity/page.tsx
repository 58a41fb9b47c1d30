import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { ResourceList } from "@/components/capacity/resource-list";
import { GrowthTable } from "@/components/capacity/growth-table";
import { DataStores, ObjectivesTable } from "@/components/capacity/recovery-objectives";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { FULL_PLATFORM_RTO_MINUTES, RPO_BY_DATA, minutesLabel } from "@/lib/capacity/headroom";
import { readCapacity, readRecoveryObjectives } from "@/lib/capacity/readings";

export const metadata: Metadata = { title: "Capacity and recovery" };
export const dynamic = "force-dynamic";

// Capacity (escrow guide §10): each resource against its scaling trigger, in a fixed order, and the
// growth to expect. Recovery objectives: how long each service may be down, how much data it may
// lose, and whether the backups keep that promise.
export default async function CapacityPage() {
  const user = await requireRoute("/capacity");
  const now = new Date();
  const [capacity, recovery] = await Promise.all([readCapacity(db, user, now), readRecoveryObjectives(db, user, now)]);
  const over = capacity.resources.filter((r) => r.state === "over").length;
  const near = capacity.resources.filter((r) => r.state === "near").length;

  return (
    <>
      <PageHeader title="Capacity" description={`Each resource against the scaling trigger: ${over} over · ${near} near · ${capacity.resources.length} resources.`} />
      <RefreshWhile active everyMs={30_000} />
      <section aria-labelledby="resources-heading" className="mb-6">
        <h2 id="resources-heading" className="sr-only">
          Resources
        </h2>
        <ResourceList resources={capacity.resources} />
      </section>

      <Card title="Growth per 1,000 daily orders" className="mb-6">
        <p className="mb-3 text-sm text-muted">
          The platform took <strong className="text-fg" data-testid="orders-in-window">{capacity.ordersInWindow.toLocaleString("en-US")}</strong> orders in the last {capacity.windowDays} days:{" "}
          <strong className="text-fg" data-testid="daily-orders">{capacity.dailyOrders}</strong> a day on average.
        </p>
        <GrowthTable rows={capacity.growth} dailyOrders={capacity.dailyOrders} />
      </Card>

      <h2 className="mb-1 text-lg font-semibold tracking-tight">Recovery objectives</h2>
      <p className="mb-4 text-sm text-muted">
        RTO: how long a service may be down. RPO: how much of its data may be lost. Rebuilding the whole platform: {minutesLabel(FULL_PLATFORM_RTO_MINUTES)}.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Services">
          <ObjectivesTable services={recovery.services} />
          <details className="mt-3 text-sm">
            <summary className="inline-flex min-h-11 cursor-pointer items-center text-accent">RPO by kind of data</summary>
            <ul className="mt-1 flex flex-col gap-1 text-xs">
              {RPO_BY_DATA.map((r) => (
                <li key={r.data}>
                  <strong>{r.data}</strong> {minutesLabel(r.rpoMinutes)} <span className="text-muted">— {r.how}</span>
                </li>
              ))}
            </ul>
          </details>
        </Card>
        <Card title="Backups against the RPO">
          <DataStores stores={recovery.dataStores} now={now} />
        </Card>
      </div>
    </>
  );
}
