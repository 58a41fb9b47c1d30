import type { Metadata } from "next";
import { AlertTriangle, Download, Scale } from "lucide-react";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { Time } from "@/components/format/time";
import { ReconciliationChart } from "@/components/treasury/reconciliation-chart";
import { ReconciliationTable } from "@/components/treasury/reconciliation-table";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { readThresholdValues } from "@/lib/alerts/readings";
import { readReconciliationView } from "@/lib/treasury/reconciliation";
import { chartPoints } from "@/lib/treasury/reconciliation-math";

export const metadata: Metadata = { title: "Fee reconciliation" };
export const dynamic = "force-dynamic";

const DAYS = 30;

// The escrow guide §8's monthly reconciliation, per day: the fees completed orders owe the
// platform against what reached the treasury accounts. A job computes the days; this page reads them.
export default async function FeeReconciliationPage() {
  const user = await requireRoute("/treasury/reconciliation");
  const thresholds = await readThresholdValues();
  const tolerance = thresholds.feeMismatchTolerance;
  const now = new Date();
  const view = await readReconciliationView(db, user, { tolerance, now, days: DAYS });

  return (
    <>
      <PageHeader
        title="Fee reconciliation"
        description={`Fees owed by completed escrow orders against what reached the treasury accounts, per UTC day. A day off by more than ${tolerance} is a mismatch.`}
        actions={
          view.chain && view.rows.length > 0 ? (
            <a href={`/api/treasury/reconciliation?days=${DAYS}`} className={buttonClass("secondary")} download>
              <Download size={16} aria-hidden /> Download CSV
            </a>
          ) : undefined
        }
      />
      {!view.chain ? (
        <Card>
          <p className="text-sm text-muted">No escrow contract is configured (EVM_RPC_URL and ESCROW_ADDRESS).</p>
        </Card>
      ) : (
        <div className="flex flex-col gap-4">
          {"error" in view.contractTreasury ? (
            <p role="status" className="rounded-md border border-border bg-surface-2 p-3 text-sm text-muted">
              Could not read where the escrow sends fees now. {view.contractTreasury.error}
            </p>
          ) : (
            !view.contractTreasury.isTreasuryAccount && (
              <div role="alert" className="flex gap-2 rounded-md border border-transparent bg-crit-bg p-3 text-sm text-crit" data-testid="contract-treasury-warning">
                <AlertTriangle size={18} className="mt-0.5 shrink-0" aria-hidden />
                <p className="min-w-0">
                  Fees now go to <code className="break-all font-mono text-xs">{view.contractTreasury.address}</code>, which is not a treasury account.
                  {view.treasuryAccounts.length === 0 ? (
                    " No treasury account is configured."
                  ) : (
                    <>
                      {" "}Treasury accounts:{" "}
                      {view.treasuryAccounts.map((a, i) => (
                        <code key={a} className="break-all font-mono text-xs">
                          {a}
                          {i < view.treasuryAccounts.length - 1 ? ", " : "."}
                        </code>
                      ))}
                    </>
                  )}
                </p>
              </div>
            )
          )}
          {view.rows.length === 0 ? (
            <Card>
              <EmptyState icon={<Scale size={24} />} title="Nothing reconciled yet">
                The reconciliation job fills this in every few minutes once the event sync has seen a completed order.
              </EmptyState>
            </Card>
          ) : (
            <>
              {view.tokens
                .filter((t) => view.rows.some((r) => r.token === t.address))
                .map((t) => (
                  <Card key={t.address} title={`Expected vs received, ${DAYS} days (${t.symbol})`}>
                    <ReconciliationChart
                      data={chartPoints(view.rows, { token: t.address, days: DAYS, now })}
                      symbol={t.symbol}
                      mismatchDays={view.rows.filter((r) => r.token === t.address && r.status === "mismatch").length}
                    />
                  </Card>
                ))}
              <Card title="Days" action={view.lastComputedAt ? <span className="text-xs text-muted">Computed <Time value={view.lastComputedAt} /></span> : undefined}>
                <ReconciliationTable rows={view.rows} />
              </Card>
            </>
          )}
        </div>
      )}
    </>
  );
}
