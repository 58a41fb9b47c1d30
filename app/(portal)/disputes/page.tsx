import type { Metadata } from "next";
import Link from "next/link";
import { Scale } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { inputClass } from "@/components/forms/fields";
import { cn } from "@/components/ui/cn";
import { DisputeTabs } from "@/components/disputes/dispute-tabs";
import { ClaimButton, DisputeQueueForm, TickBox } from "@/components/disputes/queue-form";
import { Wallet } from "@/components/disputes/wallet";
import { STATUS_LABEL, ageLabel, ageTone, formatAmount } from "@/components/disputes/format";
import { requireRoute, hasRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ZDisputeFilters, listAssignees, listDisputes, listTokens, type TDisputeRow } from "@/lib/disputes/queue";
import { disputeRef } from "@/lib/disputes/ref";
import { readThresholdValues } from "@/lib/alerts/readings";
import { assignDisputes, claimDispute } from "@/lib/operations/disputes";
import { canOpen } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Disputes" };
export const dynamic = "force-dynamic";

const STATUS_TABS = [
  { id: "open", label: "Open" },
  { id: "resolved_buyer", label: "To buyer" },
  { id: "resolved_seller", label: "To seller" },
  { id: "all", label: "All" },
] as const;

export default async function DisputesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireRoute("/disputes");
  const raw = await searchParams;
  const parsed = ZDisputeFilters.safeParse(raw);
  const filters = parsed.success ? parsed.data : ZDisputeFilters.parse({ status: raw.status, sort: raw.sort });
  const thresholds = await readThresholdValues();
  const slaHours = thresholds.disputeSlaHours;
  const now = new Date();
  const [queue, assignees, tokens] = await Promise.all([listDisputes(db, user, filters, { slaHours, now }), listAssignees(db), listTokens(db)]);
  const canClaim = claimDispute.allowed.some((r) => user.roles.includes(r));
  const canAssign = assignDisputes.allowed.some((r) => user.roles.includes(r));
  // Leads hand disputes to anyone; an agent takes unassigned ones for themselves (the operation says the same).
  const isLead = hasRole(user, "operator", "admin");
  const assignTo = isLead ? assignees : assignees.filter((a) => a.id === user.id);
  const showAssign = canAssign && assignTo.length > 0;
  const kept = Object.fromEntries(Object.entries(raw).filter(([k, v]) => v && k !== "after" && k !== "status")) as Record<string, string>;
  const qs = (extra: Record<string, string>) => new URLSearchParams({ ...kept, status: filters.status, ...extra }).toString();
  const activeFilters = Object.keys(kept).filter((k) => k !== "sort");
  const total = filters.status === "open" ? queue.counts.open : filters.status === "all" ? queue.counts.open + queue.counts.resolved_buyer + queue.counts.resolved_seller : queue.counts[filters.status];
  return (
    <>
      <PageHeader title="Disputes" description={`Disputed escrow orders, synced from the chain. Resolve within ${slaHours} h: the age turns amber at half of it and red past it.`} />
      <DisputeTabs current="/disputes" canSee={(href) => canOpen(href, user.roles)} />
      <nav aria-label="Dispute status" className="mb-4 grid grid-cols-2 gap-1 rounded-lg border border-border bg-surface p-1 sm:flex">
        {STATUS_TABS.map((t) => {
          const count = t.id === "all" ? queue.counts.open + queue.counts.resolved_buyer + queue.counts.resolved_seller : t.id === "open" ? queue.counts.open : queue.counts[t.id];
          return (
            <Link
              key={t.id}
              href={`/disputes?${new URLSearchParams({ ...kept, status: t.id })}`}
              aria-current={t.id === filters.status ? "page" : undefined}
              className={cn("flex min-h-11 flex-1 items-center justify-center gap-2 whitespace-nowrap rounded-md px-3 text-sm font-medium", t.id === filters.status ? "bg-accent text-accent-fg" : "text-muted hover:bg-surface-2")}
            >
              {t.label}
              <span data-testid={`count-${t.id}`} className="tabular-nums">{count.toLocaleString("en-US")}</span>
            </Link>
          );
        })}
      </nav>
      <details className="mb-4 rounded-lg border border-border bg-surface p-4" open={activeFilters.length > 0 || !parsed.success || undefined}>
        <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium">
          Filters and order{activeFilters.length > 0 && <span className="ml-2 text-muted">({activeFilters.join(", ")})</span>}
        </summary>
        <form method="get" className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Filters">
          <input type="hidden" name="status" value={filters.status} />
          <label className="text-sm font-medium">
            Assignee
            <select name="assignee" defaultValue={raw.assignee ?? ""} className={inputClass}>
              <option value="">Anyone</option>
              <option value="mine">Mine</option>
              <option value="none">Unassigned</option>
              {assignees.map((a) => (
                <option key={a.id} value={a.id}>{a.name}</option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            Waiting at least
            <select name="age" defaultValue={filters.age} className={inputClass}>
              <option value="">Any age</option>
              <option value="1h">1 hour</option>
              <option value="sla">{slaHours} h (past the SLA)</option>
              <option value="24h">24 hours</option>
              <option value="72h">3 days</option>
            </select>
          </label>
          <label className="text-sm font-medium">
            Token
            <select name="token" defaultValue={raw.token ?? ""} className={inputClass}>
              <option value="">Any token</option>
              {tokens.map((t) => (
                <option key={`${t.chain}/${t.address}`} value={t.address}>{t.symbol} ({t.chain})</option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            Chain
            <select name="chain" defaultValue={raw.chain ?? ""} className={inputClass}>
              <option value="">Any chain</option>
              {[...new Set(tokens.map((t) => t.chain))].map((c) => (
                <option key={c} value={c}>{c}</option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            Amount from
            <input name="min" inputMode="decimal" defaultValue={raw.min} className={inputClass} placeholder="0" />
          </label>
          <label className="text-sm font-medium">
            Amount up to
            <input name="max" inputMode="decimal" defaultValue={raw.max} className={inputClass} placeholder="any" />
          </label>
          <label className="text-sm font-medium">
            Order
            <select name="sort" defaultValue={filters.sort} className={inputClass}>
              <option value="age">Oldest first</option>
              <option value="amount">Largest first</option>
            </select>
          </label>
          <div className="flex items-end gap-2">
            <button type="submit" className={buttonClass("primary")}>Apply</button>
            <Link href={`/disputes?status=${filters.status}`} className={buttonClass("ghost")}>Clear</Link>
          </div>
          {!parsed.success && (
            <p role="alert" className="text-sm text-crit sm:col-span-2 lg:col-span-4">
              Some filters are not valid and were ignored: {parsed.error.issues.map((i) => `${i.path.join(".")} — ${i.message}`).join("; ")}
            </p>
          )}
        </form>
      </details>
      <Card>
        {queue.rows.length === 0 ? (
          <EmptyState icon={<Scale size={24} />} title={filters.status === "open" ? "No open dispute matches" : "No dispute matches"}>
            {filters.status === "open" && activeFilters.length === 0 ? "The queue is empty. New disputes appear here within seconds of being opened on chain." : "Try fewer filters."}
          </EmptyState>
        ) : (
          <DisputeQueueForm assignees={assignTo} canAssign={showAssign} canUnassign={isLead}>
            <p className="mb-2 text-xs text-muted">
              {total.toLocaleString("en-US")} dispute{total === 1 ? "" : "s"} · {filters.sort === "age" ? "oldest first" : "largest first"}
            </p>
            <ul className="divide-y divide-border" aria-label="Disputes">
              {queue.rows.map((r) => (
                <DisputeItem key={`${r.chain}/${r.orderId}`} row={r} now={now} slaHours={slaHours} isMine={r.assigneeId === user.id} canClaim={canClaim} canTick={showAssign && (isLead || !r.assigneeId || r.assigneeId === user.id)} />
              ))}
            </ul>
          </DisputeQueueForm>
        )}
        {(filters.after || queue.next) && (
          <nav aria-label="Pages" className="mt-4 flex justify-between gap-2 border-t border-border pt-4">
            <Link href={`/disputes?${qs({})}`} className={buttonClass("ghost")}>First page</Link>
            {queue.next && <Link href={`/disputes?${qs({ after: queue.next })}`} className={buttonClass("secondary")}>Next page</Link>}
          </nav>
        )}
      </Card>
      {hasRole(user, "support", "admin") ? null : <p className="mt-3 text-xs text-muted">Support agents and admins claim and resolve disputes; you can read them and add notes.</p>}
    </>
  );
}

function DisputeItem({ row: r, now, slaHours, isMine, canClaim, canTick }: { row: TDisputeRow; now: Date; slaHours: number; isMine: boolean; canClaim: boolean; canTick: boolean }) {
  const ref = disputeRef(r.chain, r.orderId);
  const isOpen = r.status === "disputed";
  const waited = (r.closedAt ?? now).getTime() - r.disputedAt.getTime();
  return (
    <li className="flex gap-3 py-3" data-testid="dispute-row" data-ref={ref}>
      {canTick && isOpen && <div className="flex min-h-11 items-center"><TickBox refId={ref} label={`Tick dispute #${r.orderId}`} /></div>}
      {/* Phone: amount and the claim on one line, the parties below; wider: one row. */}
      <div className="grid min-w-0 flex-1 grid-cols-[1fr_auto] items-center gap-x-2 gap-y-1 sm:flex sm:gap-4">
        <div className="flex min-w-0 flex-wrap items-center gap-2 sm:w-64 sm:flex-none">
          <Link href={`/disputes/${ref}`} className="font-medium text-accent">#{r.orderId}</Link>
          <span className="font-semibold tabular-nums">{formatAmount(r.amount, r.symbol)}</span>
          {isOpen ? (
            <Badge tone={ageTone(waited, slaHours)}>
              <span data-testid="dispute-age">{ageLabel(waited)}</span>
            </Badge>
          ) : (
            <Badge tone="neutral">{STATUS_LABEL[r.status]}</Badge>
          )}
        </div>
        <div className="col-span-2 row-start-2 flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted">
          <span>buyer</span> <Wallet address={r.buyer} blacklisted={r.flagged[r.buyer]} />
          <span>seller</span> <Wallet address={r.seller} blacklisted={r.flagged[r.seller]} />
          {r.disputedBy && <span>· opened by the {r.disputedBy === r.buyer ? "buyer" : r.disputedBy === r.seller ? "seller" : "other"}</span>}
        </div>
        <div className="col-start-2 row-start-1 flex items-center justify-end gap-2 text-sm sm:w-44 sm:flex-none">
          {r.assigneeName ? (
            <span className={isMine ? "font-medium" : "text-muted"} data-testid="dispute-assignee">{isMine ? "You" : r.assigneeName}</span>
          ) : isOpen && canClaim ? (
            <ClaimButton refId={ref} label={`Claim dispute #${r.orderId}`} />
          ) : (
            <span className="text-muted" data-testid="dispute-assignee">{isOpen ? "Unassigned" : "—"}</span>
          )}
        </div>
      </div>
    </li>
  );
}
