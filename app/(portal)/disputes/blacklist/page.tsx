import type { Metadata } from "next";
import Link from "next/link";
import { Ban } from "lucide-react";
import { z } from "zod";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Time } from "@/components/format/time";
import { Field, Select, TextArea, inputClass } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { DisputeTabs } from "@/components/disputes/dispute-tabs";
import { Wallet } from "@/components/disputes/wallet";
import { requireRoute } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { BLACKLIST_SOURCES, BLACKLIST_SOURCE_LABELS, listBlacklist } from "@/lib/blacklist/queries";
import { blacklistWallet, unblacklistWallet } from "@/lib/operations/blacklist";

export const metadata: Metadata = { title: "Blacklist" };
export const dynamic = "force-dynamic";

const ZQuery = z.object({
  view: z.enum(["active", "lifted"]).catch("active").default("active"),
  q: z.string().trim().max(100).optional().catch(undefined),
  wallet: z.string().trim().max(100).optional().catch(undefined),
  before: z
    .string()
    .regex(/^\d{13}_[0-9a-f-]{36}$/)
    .optional()
    .catch(undefined),
});

// RB-04 step 4 as a page: who is blacklisted, why and by whom; adding or lifting an entry is an
// operation one approver confirms.
export default async function BlacklistPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireRoute("/disputes/blacklist");
  const query = ZQuery.parse(await searchParams);
  const before = query.before ? { at: new Date(Number(query.before.slice(0, 13))), id: query.before.slice(14) } : undefined;
  const { rows, next } = await listBlacklist(db, { removed: query.view === "lifted", q: query.q, before });
  const canAdd = blacklistWallet.allowed.some((r) => user.roles.includes(r));
  const canLift = unblacklistWallet.allowed.some((r) => user.roles.includes(r));
  const link = (extra: Record<string, string>) => `/disputes/blacklist?${new URLSearchParams({ view: query.view, ...(query.q ? { q: query.q } : {}), ...extra })}`;
  return (
    <>
      <PageHeader title="Blacklist" description="Wallets confirmed as scams (RB-04), flagged wherever they appear and refused by the faucet. Adding or lifting one needs an approver." />
      <DisputeTabs current="/disputes/blacklist" canSee={(href) => canOpen(href, user.roles)} />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="flex min-w-0 flex-col gap-4 lg:col-span-2">
          <nav aria-label="Blacklist views" className="flex gap-1 rounded-lg border border-border bg-surface p-1">
            {(["active", "lifted"] as const).map((v) => (
              <Link key={v} href={`/disputes/blacklist?view=${v}`} aria-current={query.view === v ? "page" : undefined} className={cn("flex min-h-11 flex-1 items-center justify-center rounded-md px-3 text-sm font-medium", query.view === v ? "bg-accent text-accent-fg" : "text-muted hover:bg-surface-2")}>
                {v === "active" ? "Blacklisted" : "Lifted (history)"}
              </Link>
            ))}
          </nav>
          <form method="get" className="flex items-end gap-2" aria-label="Search">
            <input type="hidden" name="view" value={query.view} />
            <label className="min-w-0 flex-1 text-sm font-medium">
              Wallet contains
              <input name="q" defaultValue={query.q} className={inputClass} placeholder="0x… or r…" />
            </label>
            <button type="submit" className={buttonClass("secondary")}>Search</button>
          </form>
          <Card>
            {rows.length === 0 ? (
              <EmptyState icon={<Ban size={24} />} title={query.view === "active" ? "No wallet is blacklisted" : "Nothing lifted yet"} />
            ) : (
              <ul className="divide-y divide-border" aria-label={query.view === "active" ? "Blacklisted wallets" : "Lifted entries"}>
                {rows.map((e) => (
                  <li key={e.id} className="flex flex-col gap-2 py-3" data-testid="blacklist-entry">
                    <Wallet address={e.wallet} full />
                    <p className="text-sm">{e.reason}</p>
                    <p className="text-xs text-muted">
                      {BLACKLIST_SOURCE_LABELS[e.source as keyof typeof BLACKLIST_SOURCE_LABELS] ?? e.source} · added by {e.addedBy} <Time value={e.createdAt} />
                      {e.removedAt && (
                        <>
                          {" "}· lifted by {e.removedBy} <Time value={e.removedAt} />: {e.removeReason}
                        </>
                      )}
                    </p>
                    {canLift && !e.removedAt && (
                      <details className="rounded-md border border-border px-3">
                        <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium">Lift…</summary>
                        <OperationForm operationId="wallet.unblacklist" submitLabel="Ask to lift" variant="secondary" reasonFrom="why" revalidate={["/disputes/blacklist"]} className="flex flex-col gap-3 pb-3">
                          <input type="hidden" name="wallet" value={e.wallet} />
                          <TextArea label="Why (the approver reads this)" name="why" required minLength={10} placeholder="e.g. dispute #812 resolved: the funds were returned" />
                        </OperationForm>
                      </details>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {(before || next) && (
              <nav aria-label="Pages" className="mt-4 flex justify-between gap-2 border-t border-border pt-4">
                <Link href={link({})} className={buttonClass("ghost")}>Newest</Link>
                {next && <Link href={link({ before: `${next.at.getTime()}_${next.id}` })} className={buttonClass("secondary")}>Older</Link>}
              </nav>
            )}
          </Card>
        </div>
        {canAdd && (
          <Card title="Blacklist a wallet" className="h-fit scroll-mt-4">
            <div id="add" />
            <OperationForm operationId="wallet.blacklist" submitLabel="Ask to blacklist" variant="danger" reasonFrom="why" revalidate={["/disputes/blacklist"]} successText="Blacklisted.">
              <Field label="Wallet (EVM 0x… or XRPL r…)" name="wallet" defaultValue={query.wallet} required autoComplete="off" />
              <Select label="Source" name="source" defaultValue="manual">
                {BLACKLIST_SOURCES.map((s) => (
                  <option key={s} value={s}>{BLACKLIST_SOURCE_LABELS[s]}</option>
                ))}
              </Select>
              <TextArea label="Reason (kept with the entry; the approver reads it)" name="why" required minLength={10} placeholder="e.g. 4 disputes in 7 days, all lost: fake payment receipts" />
            </OperationForm>
          </Card>
        )}
      </div>
    </>
  );
}
