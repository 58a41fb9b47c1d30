import type { Metadata } from "next";
import Link from "next/link";
import { Landmark } from "lucide-react";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/format/time";
import { Field, Select } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { Wallet } from "@/components/disputes/wallet";
import { TreasuryTabs } from "@/components/treasury/treasury-tabs";
import { BalanceBadge, formatUnitsText } from "@/components/treasury/balance";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { readThresholdValues } from "@/lib/alerts/readings";
import { listAccounts, type TAccountRow } from "@/lib/treasury/queries";
import { PURPOSE_LABELS } from "@/lib/treasury/accounts";
import { addTreasuryAccount } from "@/lib/operations/treasury";

export const metadata: Metadata = { title: "Treasury" };
export const dynamic = "force-dynamic";

// The platform's money on both chains at a glance: every followed account's balance against its
// lines, worst first within each chain; each opens its history.
export default async function TreasuryPage() {
  const user = await requireRoute("/treasury");
  const accounts = await listAccounts(db, await readThresholdValues());
  const can = (op: { allowed: readonly string[] }) => op.allowed.some((r) => user.roles.includes(r as never));
  const below = accounts.filter((a) => a.state === "crit" || a.state === "warn");
  const chains = [
    { key: "xrpl", title: "XRP Ledger" },
    { key: "evm", title: "EVM" },
  ] as const;

  return (
    <>
      <PageHeader title="Treasury" description="Balances on both chains, read every minute into history; transfers, fee reconciliation and the wallet rotation." />
      <TreasuryTabs current="/treasury" />
      {below.length > 0 && (
        <p role="alert" className="mb-4 rounded-md bg-crit-bg px-3 py-2 text-sm text-crit" data-testid="treasury-below">
          {below.length} account{below.length === 1 ? "" : "s"} below {below.length === 1 ? "its" : "their"} line: {below.map((a) => a.label).join(", ")}.
        </p>
      )}
      {accounts.length === 0 ? (
        <EmptyState icon={<Landmark size={20} />} title="No account followed yet">
          The wallets OpsDeck has keys or addresses for appear here within a minute of start-up; add any other below.
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {chains.map((c) => {
            const rows = accounts.filter((a) => a.chain === c.key);
            return rows.length ? (
              <Card key={c.key} title={c.title}>
                <ul className="divide-y divide-border" aria-label={`${c.title} accounts`}>
                  {rows.map((a) => (
                    <AccountItem key={a.id} account={a} />
                  ))}
                </ul>
              </Card>
            ) : null;
          })}
        </div>
      )}
      {can(addTreasuryAccount) && (
        <Card title="Follow another account" className="mt-4">
          <OperationForm operationId="treasury.account.add" submitLabel="Follow it" variant="secondary" revalidate={["/treasury"]} successText="Followed: its first reading comes within a minute.">
            <div className="grid gap-3 sm:grid-cols-2">
              <Select label="Chain" name="chain" defaultValue="xrpl">
                <option value="xrpl">XRP Ledger</option>
                <option value="evm">EVM</option>
              </Select>
              <Select label="Purpose" name="purpose" defaultValue="other">
                {Object.entries(PURPOSE_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
              <Field label="Address" name="address" required placeholder="r… or 0x…" autoComplete="off" />
              <Field label="Asset" name="asset" required defaultValue="XRP" hint="XRP on XRPL; on EVM ETH or the token contract (0x…)" autoComplete="off" />
              <Field label="Name" name="label" required placeholder="e.g. Cold wallet" />
              <Field label="Warning below (optional)" name="warnBelow" inputMode="decimal" placeholder="e.g. 1000" />
              <Field label="Critical below (optional)" name="critBelow" inputMode="decimal" placeholder="e.g. 100" />
            </div>
          </OperationForm>
        </Card>
      )}
    </>
  );
}

function AccountItem({ account: a }: { account: TAccountRow }) {
  return (
    <li className="py-3" data-testid="treasury-account">
      <Link href={`/treasury/accounts/${a.id}`} className="flex min-h-11 flex-col gap-1 rounded-md hover:bg-surface-2 sm:-mx-2 sm:px-2">
        <span className="flex flex-wrap items-center justify-between gap-2">
          <span className="font-medium">{a.label}</span>
          <BalanceBadge account={a} />
        </span>
        <span className="flex flex-wrap items-baseline justify-between gap-x-3">
          <span className="text-lg font-semibold tabular-nums" data-testid="treasury-balance">
            {formatUnitsText(a.spendable, a.symbol)}
          </span>
          {a.asset === "XRP" && a.reserve !== null && <span className="text-xs text-muted tabular-nums">+ {formatUnitsText(a.reserve, "XRP")} reserve</span>}
        </span>
        <span className="flex flex-wrap items-center gap-2 text-xs text-muted">
          <Badge>{PURPOSE_LABELS[a.purpose]}</Badge>
          <Wallet address={a.address} />
          {a.canSend && <Badge tone="info">can send</Badge>}
          {a.at && (
            <span>
              read <Time value={a.at} />
            </span>
          )}
        </span>
        {a.lastError && <span className="text-xs text-warn">Last read failed: {a.lastError}</span>}
      </Link>
    </li>
  );
}
