import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DisputeRateChart } from "@/components/disputes/dispute-rate-chart";
import { ChainChart } from "@/components/business/chain-chart";
import { CsvLink } from "@/components/business/csv-link";
import { GrowthChart } from "@/components/business/growth-chart";
import { OrdersChart } from "@/components/business/orders-chart";
import { SellersTable } from "@/components/business/sellers-table";
import { SummaryTiles } from "@/components/business/summary-tiles";
import { VolumeChart } from "@/components/business/volume-chart";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { readThresholdValues } from "@/lib/alerts/readings";
import { TOP_SELLERS, readBusinessMetricsCached } from "@/lib/business/metrics";
import { WINDOW_DAYS } from "@/lib/business/series";

export const metadata: Metadata = { title: "Business metrics" };
export const dynamic = "force-dynamic";

// The escrow guide §9 "Business metrics dashboard": how the platform did over the last 30 UTC days,
// read from the synced escrow orders of every chain. Money is per token, never added across tokens.
export default async function BusinessPage() {
  const user = await requireRoute("/business");
  const [thresholds, metrics] = await Promise.all([readThresholdValues(), readBusinessMetricsCached(db, user)]);
  const alertPct = thresholds.disputeRatePct;
  const disputeTrend = metrics.days.map((d) => ({ day: d.day, orders: d.orders, disputes: d.disputes, pct: d.disputePct }));
  return (
    <>
      <PageHeader
        title="Business metrics"
        description={`Escrow orders of the last ${WINDOW_DAYS} days (UTC), all chains. An order counts on the day it was created; volume and fees are those of the orders completed since.`}
      />
      <div className="flex flex-col gap-4">
        <SummaryTiles totals={metrics.totals} money={metrics.money} disputeRatePct={alertPct} />
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title="Orders and completions per day" action={<CsvLink table="daily" what="Daily orders" />}>
            <OrdersChart data={metrics.days} />
          </Card>
          {metrics.money.length === 0 ? (
            <Card title="Volume and fees per day" action={<CsvLink table="daily" what="Daily volume and fees" />}>
              <p className="text-sm text-muted">No completed orders with a known token in the last {WINDOW_DAYS} days.</p>
            </Card>
          ) : (
            metrics.money.map((m) => (
              <Card key={m.symbol} title={`Volume and fees per day (${m.symbol})`} action={<CsvLink table="daily" what={`Daily volume and fees (${m.symbol})`} />}>
                <VolumeChart series={m} />
              </Card>
            ))
          )}
          <Card title="User growth" action={<CsvLink table="growth" what="User growth" />}>
            <GrowthChart data={metrics.growth} />
          </Card>
          <Card title="Dispute rate per day" action={<CsvLink table="disputes" what="Dispute rate" />}>
            <DisputeRateChart data={disputeTrend} alertPct={alertPct} />
          </Card>
          <Card title="Chains" action={<CsvLink table="chains" what="Chain distribution" />}>
            <ChainChart rows={metrics.chains} />
          </Card>
          <Card title={`Top ${TOP_SELLERS} sellers by completed volume`} className="lg:col-span-2" action={<CsvLink table="sellers" what="Top sellers" />}>
            <SellersTable rows={metrics.sellers} />
          </Card>
        </div>
      </div>
    </>
  );
}
