import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/format/time";
import { Field } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { Wallet } from "@/components/disputes/wallet";
import { SectionTabs } from "@/components/ui/section-tabs";
import { TreasuryTabs } from "@/components/treasury/treasury-tabs";
import { BalanceBadge, formatUnitsText } from "@/components/treasury/balance";
import { BalanceChart } from "@/components/treasury/balance-chart";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { readThresholdValues } from "@/lib/alerts/readings";
import { listAccounts } from "@/lib/treasury/queries";
import { PURPOSE_LABELS } from "@/lib/treasury/accounts";
import { HISTORY_RANGES, balanceHistory, type THistoryRange } from "@/lib/treasury/balances";
import { removeTreasuryAccount, updateAccountLines } from "@/lib/operations/treasury";

export const metadata: Metadata = { title: "Treasury account" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function TreasuryAccountPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ range?: string }> }) {
  const user = await requireRoute("/treasury");
  const { id } = await params;
  const { range: rawRange } = await searchParams;
  if (!UUID.test(id)) notFound();
  const range: THistoryRange = rawRange && rawRange in HISTORY_RANGES ? (rawRange as THistoryRange) : "7d";
  const [account] = await listAccounts(db, await readThresholdValues(), { id });
  if (!account) notFound();
  const points = await balanceHistory(db, account.id, account.decimals, range);
  const can = (op: { allowed: readonly string[] }) => op.allowed.some((r) => user.roles.includes(r as never));
  const isXrp = account.asset === "XRP";

  return (
    <>
      <PageHeader title={account.label} description={<>{PURPOSE_LABELS[account.purpose]} · {account.chain === "xrpl" ? "XRP Ledger" : "EVM"} · <Wallet address={account.address} full /></>} />
      <TreasuryTabs current="/treasury" />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Balance" action={<BalanceBadge account={account} />}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-sm">
            <dt className="text-muted">{isXrp ? "Spendable" : "Balance"}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid="account-spendable">
              {formatUnitsText(account.spendable, account.symbol)}
            </dd>
            {isXrp && (
              <>
                <dt className="text-muted">Reserve</dt>
                <dd className="tabular-nums">{formatUnitsText(account.reserve, "XRP")}</dd>
                <dt className="text-muted">Total</dt>
                <dd className="tabular-nums">{formatUnitsText(account.total, "XRP")}</dd>
              </>
            )}
            <dt className="text-muted">Read</dt>
            <dd>
              <Time value={account.at} />
            </dd>
            {account.asset !== "XRP" && account.asset !== "ETH" && (
              <>
                <dt className="text-muted">Token</dt>
                <dd>
                  <Wallet address={account.asset} />
                </dd>
              </>
            )}
            <dt className="text-muted">Added by</dt>
            <dd className="break-words">{account.source}</dd>
          </dl>
          {account.lastError && <p className="mt-2 text-xs text-warn">Last read failed (showing the last reading): {account.lastError}</p>}
        </Card>
        <Card title="History" className="lg:col-span-2">
          <SectionTabs
            label="History range"
            tabs={Object.entries(HISTORY_RANGES).map(([key, r]) => ({ href: `/treasury/accounts/${account.id}?range=${key}`, label: r.label }))}
            current={`/treasury/accounts/${account.id}?range=${range}`}
          />
          <BalanceChart points={points} symbol={account.symbol} warn={account.warn} crit={account.crit} rangeLabel={HISTORY_RANGES[range].label} showReserve={isXrp} />
        </Card>
        {can(updateAccountLines) && (
          <Card title="Balance lines">
            <OperationForm operationId="treasury.account.lines" submitLabel="Save the lines" variant="secondary" revalidate={[`/treasury/accounts/${account.id}`, "/treasury"]} successText="Saved.">
              <input type="hidden" name="accountId" value={account.id} />
              <Field label={`Warning below (${account.symbol})`} name="warnBelow" inputMode="decimal" defaultValue={account.warn ?? ""} placeholder="none" />
              <Field label={`Critical below (${account.symbol})`} name="critBelow" inputMode="decimal" defaultValue={account.crit ?? ""} placeholder="none" />
            </OperationForm>
            <p className="mt-2 text-xs text-muted">Blank: no line (platform and faucet wallets then use the thresholds on the Thresholds page).</p>
          </Card>
        )}
        {can(removeTreasuryAccount) && (
          <Card title="Stop following">
            <p className="mb-3 text-sm text-muted">The history stays; no new readings are taken.</p>
            <OperationForm operationId="treasury.account.remove" submitLabel="Stop following" variant="danger" revalidate={["/treasury"]} successText="No longer followed." successHref="/treasury">
              <input type="hidden" name="accountId" value={account.id} />
            </OperationForm>
          </Card>
        )}
      </div>
      <p className="mt-4 text-sm">
        <Link href="/treasury" className="text-accent underline">
          ← All accounts
        </Link>
      </p>
    </>
  );
}
