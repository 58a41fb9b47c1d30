import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/format/time";
import { ChainCard } from "@/components/chains/chain-card";
import { EscrowCard } from "@/components/chains/escrow-card";
import { ChainTransactions } from "@/components/chains/chain-transactions";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { readEvmView, readRecentChainTransactions, readSyncView, readXrplView } from "@/lib/chains/status";
import { setRpcOverride } from "@/lib/operations/chains";
import { SYNC_LAG_ALERT_BLOCKS } from "@/lib/chains/status";

export const metadata: Metadata = { title: "Chains" };
export const dynamic = "force-dynamic";

export default async function ChainsPage() {
  const user = await requireRoute("/chains");
  const [evm, xrpl, sync, transactions] = await Promise.all([readEvmView(db), readXrplView(db), readSyncView(db), readRecentChainTransactions(db)]);
  const canSwitch = setRpcOverride.allowed.some((r) => user.roles.includes(r));
  return (
    <>
      <PageHeader title="Chains" description="The chains OpsDeck acts on: endpoints and failover (RB-07), event sync (RB-03), the escrow contract and its emergency pause (RB-05)." />
      {!evm && !xrpl ? (
        <EmptyState title="No chain is configured">Set EVM_RPC_URL and ESCROW_ADDRESS, or XRPL_WS_URL, and restart OpsDeck.</EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {/* The contract (and its emergency brake) first: at 3 a.m. on a phone it is what you came for. */}
          {evm && <EscrowCard evm={evm} roles={user.roles} />}
          {evm && (
            <ChainCard view={evm} canSwitch={canSwitch} facts={[["Chain id", String(evm.chainId)], ["Block", evm.height?.toLocaleString("en-US") ?? "—"], ["Block age", evm.ageSeconds === null ? "—" : `${evm.ageSeconds} s`]]} />
          )}
          {xrpl && (
            <ChainCard
              view={xrpl}
              canSwitch={canSwitch}
              facts={[
                ["Validated ledger", xrpl.height?.toLocaleString("en-US") ?? "—"],
                ["Ledger age", xrpl.ageSeconds === null ? "—" : `${xrpl.ageSeconds} s`],
                ["Peers", String(xrpl.server?.peers ?? "—")],
                ["Load factor", String(xrpl.server?.loadFactor ?? "—")],
                ["Reserves", xrpl.server ? `${xrpl.server.reserveBaseXrp} XRP + ${xrpl.server.reserveIncXrp} XRP per object` : "—"],
                ["Server", xrpl.server ? `${xrpl.server.serverState} · ${xrpl.server.buildVersion}` : "—"],
              ]}
            />
          )}
          {evm?.escrow !== undefined && (
            <Card
              title="Escrow event sync"
              action={sync ? <Badge tone={sync.isAlerting ? "crit" : sync.lagBlocks ? "warn" : "ok"}>{sync.isAlerting ? "Alerting" : sync.lagBlocks ? "Catching up" : "In sync"}</Badge> : <Badge>Not started</Badge>}
            >
              {sync ? (
                <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
                  <dt className="text-muted">Cursor block</dt>
                  <dd className="font-mono" data-testid="sync-cursor">{sync.lastBlock.toLocaleString("en-US")}</dd>
                  <dt className="text-muted">Chain head</dt>
                  <dd className="font-mono">{sync.headBlock?.toLocaleString("en-US") ?? "—"}</dd>
                  <dt className="text-muted">Lag</dt>
                  <dd data-testid="sync-lag">
                    {sync.lagBlocks ?? "—"} blocks <span className="text-muted">(alert above {SYNC_LAG_ALERT_BLOCKS})</span>
                  </dd>
                  <dt className="text-muted">Cursor last moved</dt>
                  <dd>{sync.secondsSinceMoved} s ago</dd>
                  <dt className="text-muted">Orders · events stored</dt>
                  <dd data-testid="sync-orders">
                    {sync.orders.toLocaleString("en-US")} · {sync.events.toLocaleString("en-US")}
                  </dd>
                  <dt className="text-muted">Last check</dt>
                  <dd>
                    <Time value={sync.checkedAt} />
                  </dd>
                  {sync.lastError && (
                    <>
                      <dt className="text-muted">Last error</dt>
                      <dd className="break-words text-crit">
                        {sync.lastError} ({sync.errorCount} in a row)
                      </dd>
                    </>
                  )}
                </dl>
              ) : (
                <p className="text-sm text-muted">The sync job has not run yet; it starts a few seconds after OpsDeck.</p>
              )}
            </Card>
          )}
          <ChainTransactions rows={transactions} />
        </div>
      )}
    </>
  );
}
