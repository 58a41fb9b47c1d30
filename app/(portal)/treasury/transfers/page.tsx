import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { Field, Select } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { Wallet } from "@/components/disputes/wallet";
import { TreasuryTabs } from "@/components/treasury/treasury-tabs";
import { TransferList } from "@/components/treasury/transfer-list";
import { formatUnitsText } from "@/components/treasury/balance";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { readThresholdValues } from "@/lib/alerts/readings";
import { listAccounts, listDestinations, listTransfers } from "@/lib/treasury/queries";
import { addDestination, removeDestination, treasuryTransfer } from "@/lib/operations/treasury";

export const metadata: Metadata = { title: "Treasury transfers" };
export const dynamic = "force-dynamic";

// The only way treasury money moves: a request naming an address-book destination, two approvers
// (three above the limit), then one transaction, shown pending until the chain confirms it.
export default async function TreasuryTransfersPage() {
  const user = await requireRoute("/treasury");
  const thresholds = await readThresholdValues();
  const [accounts, destinations, transfers] = await Promise.all([listAccounts(db, thresholds), listDestinations(db), listTransfers(db, ["treasury.transfer"])]);
  const can = (op: { allowed: readonly string[] }) => op.allowed.some((r) => user.roles.includes(r as never));
  const sources = accounts.filter((a) => a.canSend);
  const isSending = transfers.some((t) => t.state === "sending");

  return (
    <>
      <RefreshWhile active={isSending} everyMs={3_000} />
      <PageHeader title="Transfers" description={`Two approvers confirm every transfer; a third above ${thresholds.treasuryTransferLimitXrp.toLocaleString("en-US")} XRP or ${thresholds.treasuryTransferLimitUsdt.toLocaleString("en-US")} USDT (and for any other asset).`} />
      <TreasuryTabs current="/treasury/transfers" />
      <div className="grid gap-4 lg:grid-cols-3">
        {can(treasuryTransfer) && (
          <Card title="Request a transfer">
            {sources.length === 0 || destinations.length === 0 ? (
              <p className="text-sm text-muted">
                {sources.length === 0 ? "No account OpsDeck holds a key for is followed yet." : "The address book is empty: add a destination first (one approver confirms it)."}
              </p>
            ) : (
              <OperationForm operationId="treasury.transfer" submitLabel="Ask for approval" needsReason reasonPlaceholder="e.g. monthly settlement to the exchange" revalidate={["/treasury/transfers"]}>
                <Select label="From" name="source" required>
                  {sources.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.chain.toUpperCase()} · {a.label} — {formatUnitsText(a.spendable, a.symbol)}
                    </option>
                  ))}
                </Select>
                <Select label="To (address book)" name="destination" required>
                  {destinations.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.chain.toUpperCase()} · {d.label} ({d.address.slice(0, 8)}…{d.address.slice(-4)}
                      {d.destinationTag !== null ? ` tag ${d.destinationTag}` : ""})
                    </option>
                  ))}
                </Select>
                <Field label="Amount (whole units of the source's asset)" name="amount" inputMode="decimal" required placeholder="e.g. 2500" autoComplete="off" />
                <Field label="Memo (optional)" name="memo" maxLength={200} placeholder="shown on chain for XRPL" />
              </OperationForm>
            )}
          </Card>
        )}
        <Card title="Transfers" className={can(treasuryTransfer) ? "lg:col-span-2" : "lg:col-span-3"}>
          <TransferList rows={transfers} empty="No transfer requested yet." />
        </Card>
        <Card title={`Address book (${destinations.length})`} className="lg:col-span-2">
          {destinations.length === 0 ? (
            <p className="text-sm text-muted">Transfers only go to destinations listed here.</p>
          ) : (
            <ul className="divide-y divide-border text-sm" aria-label="Address book">
              {destinations.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="treasury-destination">
                  <span className="flex min-w-0 flex-col gap-1">
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{d.label}</span>
                      <Badge>{d.chain.toUpperCase()}</Badge>
                      {d.destinationTag !== null && <Badge tone="info">tag {d.destinationTag}</Badge>}
                    </span>
                    <Wallet address={d.address} full />
                    <span className="text-xs text-muted">
                      added by {d.addedBy}
                      {d.approvedBy ? `, approved by ${d.approvedBy}` : ""}
                    </span>
                  </span>
                  {can(removeDestination) && (
                    <OperationForm operationId="treasury.destination.remove" submitLabel="Remove" variant="secondary" revalidate={["/treasury/transfers"]} successText="Removed.">
                      <input type="hidden" name="destinationId" value={d.id} />
                    </OperationForm>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {can(addDestination) && (
          <Card title="Add a destination">
            <OperationForm operationId="treasury.destination.add" submitLabel="Ask for approval" needsReason variant="secondary" reasonPlaceholder="e.g. the exchange's deposit address, checked by phone" revalidate={["/treasury/transfers"]}>
              <Select label="Chain" name="chain" defaultValue="xrpl">
                <option value="xrpl">XRP Ledger</option>
                <option value="evm">EVM</option>
              </Select>
              <Field label="Address" name="address" required placeholder="r… or 0x…" autoComplete="off" />
              <Field label="Destination tag (XRPL, optional)" name="destinationTag" inputMode="numeric" placeholder="e.g. 104857" autoComplete="off" />
              <Field label="Name" name="label" required placeholder="e.g. Exchange deposit" />
            </OperationForm>
            <p className="mt-2 text-xs text-muted">Blacklisted wallets are refused. One approver confirms the address before it can be used.</p>
          </Card>
        )}
      </div>
    </>
  );
}
