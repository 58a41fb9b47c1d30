import type { Metadata } from "next";
import { Gavel } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { DisputeTabs } from "@/components/disputes/dispute-tabs";
import { Wallet } from "@/components/disputes/wallet";
import { formatAmount } from "@/components/disputes/format";
import { requireRoute } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { readArbitratorPool, type TArbitratorRow } from "@/lib/disputes/insights";

export const metadata: Metadata = { title: "Arbitrators" };
export const dynamic = "force-dynamic";

// The escrow guide §8 "Arbitrator pool monitoring": the pool as the contract has it, those about
// to be deactivated (reputation < 20), and how each decided over the last 30 days.
export default async function ArbitratorsPage() {
  const user = await requireRoute("/disputes/arbitrators");
  const pool = await readArbitratorPool(db, user);
  const atRisk = pool.rows.filter((a) => a.isAtRisk).length;
  const active = pool.rows.filter((a) => a.isActive).length;
  return (
    <>
      <PageHeader title="Arbitrators" description="Read from the arbitrator pool contract. Reputation below 20 puts an active arbitrator at risk; below 10 the pool deactivates them." />
      <DisputeTabs current="/disputes/arbitrators" canSee={(href) => canOpen(href, user.roles)} />
      {pool.error ? (
        <Card>
          <p role="alert" className="text-sm text-crit">{pool.error}</p>
        </Card>
      ) : pool.rows.length === 0 ? (
        <Card>
          <EmptyState icon={<Gavel size={24} />} title="No arbitrator has staked yet">Without an active arbitrator, disputes are resolved by the escrow owner (OpsDeck).</EmptyState>
        </Card>
      ) : (
        <>
          <p className="mb-3 text-sm" data-testid="arbitrator-summary">
            {active} active of {pool.rows.length} ·{" "}
            {atRisk > 0 ? <span className="font-medium text-crit">{atRisk} at risk</span> : <span className="text-muted">none at risk</span>}
          </p>
          <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" aria-label="Arbitrators">
            {pool.rows.map((a) => (
              <Arbitrator key={a.address} row={a} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function Arbitrator({ row: a }: { row: TArbitratorRow }) {
  const decided = a.favourBuyer30d + a.favourSeller30d;
  const buyerShare = decided ? Math.round((100 * a.favourBuyer30d) / decided) : 0;
  return (
    <li className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4" data-testid="arbitrator">
      <div className="flex flex-wrap items-center gap-2">
        <Wallet address={a.address} blacklisted={a.blacklisted} />
        {a.isAtRisk ? <Badge tone="crit">At risk</Badge> : a.isActive ? <Badge tone="ok">Active</Badge> : <Badge tone="neutral">Inactive</Badge>}
      </div>
      <div>
        <div className="flex items-baseline justify-between text-sm">
          <span className="text-muted">Reputation</span>
          <span className={`text-lg font-semibold tabular-nums ${a.isAtRisk ? "text-crit" : ""}`}>{a.reputation}</span>
        </div>
        <div className="mt-1 h-2 w-full overflow-hidden rounded-full bg-surface-2" role="meter" aria-label="Reputation" aria-valuemin={0} aria-valuemax={100} aria-valuenow={a.reputation}>
          <div className={`h-full ${a.reputation < 20 ? "bg-[var(--crit)]" : a.reputation < 50 ? "bg-[var(--warn)]" : "bg-[var(--ok)]"}`} style={{ width: `${a.reputation}%` }} />
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted">Stake</dt>
        <dd className="tabular-nums">{formatAmount(a.stake, null)}</dd>
        <dt className="text-muted">Resolved (all time)</dt>
        <dd className="tabular-nums">{a.totalResolved}</dd>
        <dt className="text-muted">Earned</dt>
        <dd className="tabular-nums">{formatAmount(a.totalEarned, null)}</dd>
        <dt className="text-muted">Open cases</dt>
        <dd className="tabular-nums">{a.openCases}</dd>
        <dt className="text-muted">Last 30 days</dt>
        <dd className="tabular-nums" data-testid="arbitrator-30d">
          {a.favourBuyer30d} to buyer · {a.favourSeller30d} to seller
        </dd>
      </dl>
      {decided > 0 && (
        <div className="flex h-2 w-full overflow-hidden rounded-full" aria-hidden title={`${buyerShare} % in favour of buyers`}>
          <div className="h-full bg-[var(--info)]" style={{ width: `${buyerShare}%` }} />
          <div className="h-full bg-[var(--warn)]" style={{ width: `${100 - buyerShare}%` }} />
        </div>
      )}
    </li>
  );
}
