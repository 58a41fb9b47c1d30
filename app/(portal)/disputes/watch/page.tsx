import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { DisputeTabs } from "@/components/disputes/dispute-tabs";
import { DisputeRateChart } from "@/components/disputes/dispute-rate-chart";
import { Wallet } from "@/components/disputes/wallet";
import { ageLabel } from "@/components/disputes/format";
import { requireRoute } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { readThresholdValues } from "@/lib/alerts/readings";
import { NEW_ACCOUNT_DAYS, NEW_ACCOUNT_MIN_ORDERS, OFFENDER_DAYS, readDisputeInsights, type TOffender } from "@/lib/disputes/insights";

export const metadata: Metadata = { title: "RB-04 watch" };
export const dynamic = "force-dynamic";

// RB-04 "High dispute rate" as a page: the trigger (rate over 24 h), its trend, and step 3's scam
// patterns — repeat offenders on both sides and new accounts with a high rate.
export default async function DisputeWatchPage() {
  const user = await requireRoute("/disputes/watch");
  const thresholds = await readThresholdValues();
  const insights = await readDisputeInsights(db, user, { ratePct: thresholds.disputeRatePct });
  const isHigh = insights.rate24h.pct > thresholds.disputeRatePct;
  const now = new Date();
  return (
    <>
      <PageHeader title="RB-04 watch" description={`Dispute rate, repeat offenders and new accounts with many disputes. The alert fires above ${thresholds.disputeRatePct} % over 24 h.`} />
      <DisputeTabs current="/disputes/watch" canSee={(href) => canOpen(href, user.roles)} />
      {!insights.chain ? (
        <Card>
          <p className="text-sm text-muted">No escrow contract is configured (EVM_RPC_URL and ESCROW_ADDRESS).</p>
        </Card>
      ) : (
        <div className="grid gap-4 lg:grid-cols-3">
          <Card title="Last 24 hours">
            <p className={`text-4xl font-semibold tabular-nums ${isHigh ? "text-crit" : ""}`} data-testid="dispute-rate-24h">
              {insights.rate24h.pct} %
            </p>
            <p className="mt-1 text-sm text-muted">
              {insights.rate24h.disputed} of {insights.rate24h.orders} orders created in the last 24 h went to a dispute.
            </p>
            {isHigh ? (
              <div className="mt-3 flex flex-col gap-2">
                <Badge tone="crit">Above the {thresholds.disputeRatePct} % line</Badge>
                <Link href="/runbooks/RB-04" className={buttonClass("danger")}>Open RB-04</Link>
              </div>
            ) : (
              <Badge tone="ok" className="mt-3">Below the {thresholds.disputeRatePct} % line</Badge>
            )}
          </Card>
          <Card title="Dispute rate, 30 days" className="lg:col-span-2">
            <DisputeRateChart data={insights.trend} alertPct={thresholds.disputeRatePct} />
          </Card>
          <Offenders title={`Sellers with repeat disputes (${OFFENDER_DAYS} days)`} rows={insights.sellers} testId="offending-sellers" />
          <Offenders title={`Buyers with repeat disputes (${OFFENDER_DAYS} days)`} rows={insights.buyers} testId="offending-buyers" />
          <Card title={`New accounts with a high rate (first order < ${NEW_ACCOUNT_DAYS} days)`}>
            {insights.newAccounts.length === 0 ? (
              <p className="text-sm text-muted">None: no wallet new this week has {NEW_ACCOUNT_MIN_ORDERS}+ orders with more than {thresholds.disputeRatePct} % disputed.</p>
            ) : (
              <ul className="divide-y divide-border" data-testid="new-accounts">
                {insights.newAccounts.map((a) => (
                  <li key={a.wallet} className="flex flex-col gap-1 py-2 text-sm">
                    <Wallet address={a.wallet} blacklisted={a.blacklisted} />
                    <span className="text-xs text-muted">
                      {a.disputes} of {a.orders} orders disputed ({a.pct} %) · first order {ageLabel(now.getTime() - a.firstSeenAt.getTime())} ago
                    </span>
                    {!a.blacklisted && <BlacklistLink wallet={a.wallet} />}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      )}
    </>
  );
}

function BlacklistLink({ wallet }: { wallet: string }) {
  return (
    <Link href={`/disputes/blacklist?wallet=${wallet}#add`} className="inline-flex min-h-11 items-center text-xs font-medium text-accent">
      Blacklist…
    </Link>
  );
}

function Offenders({ title, rows, testId }: { title: string; rows: TOffender[]; testId: string }) {
  return (
    <Card title={title}>
      {rows.length === 0 ? (
        <p className="text-sm text-muted">Nobody with two or more disputes.</p>
      ) : (
        <ul className="divide-y divide-border" data-testid={testId}>
          {rows.map((o) => (
            <li key={o.wallet} className="flex flex-col gap-1 py-2 text-sm">
              <span className="flex flex-wrap items-center justify-between gap-2">
                <Wallet address={o.wallet} blacklisted={o.blacklisted} />
                <span className="font-semibold tabular-nums">{o.disputes} disputes</span>
              </span>
              <span className="text-xs text-muted">
                {o.opened} opened by them · {o.orders} orders in all
              </span>
              {!o.blacklisted && <BlacklistLink wallet={o.wallet} />}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
