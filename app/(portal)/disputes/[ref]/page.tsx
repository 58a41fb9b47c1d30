import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CheckCircle2, Clock, ExternalLink, Loader2, XCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/format/time";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { buttonClass } from "@/components/ui/button";
import { Field, TextArea } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { Wallet } from "@/components/disputes/wallet";
import { STATUS_LABEL, ageLabel, ageTone, formatAmount } from "@/components/disputes/format";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { readDispute, type TDisputeDetail, type TPartyHistory } from "@/lib/disputes/detail";
import { parseDisputeRef } from "@/lib/disputes/ref";
import { readThresholdValues } from "@/lib/alerts/readings";
import { addDisputeNote, claimDispute, resolveDispute, resolutionNeedsApproval } from "@/lib/operations/disputes";
import { blacklistWallet } from "@/lib/operations/blacklist";

export const metadata: Metadata = { title: "Dispute" };
export const dynamic = "force-dynamic";

// One dispute, phone first: how much, how long, who works it and the decision on top; the facts,
// both parties' history and the evidence below.
export default async function DisputePage({ params }: { params: Promise<{ ref: string }> }) {
  const user = await requireRoute("/disputes");
  const { ref: rawRef } = await params;
  const ref = parseDisputeRef(rawRef);
  if (!ref) notFound();
  const dispute = await readDispute(db, user, ref);
  if (!dispute?.order.disputedAt) notFound();
  const thresholds = await readThresholdValues();
  const path = `/disputes/${rawRef}`;
  const o = dispute.order;
  const isOpen = o.status === "disputed";
  const now = new Date();
  const waited = (o.closedAt ?? now).getTime() - o.disputedAt!.getTime();
  const can = (op: { allowed: readonly string[] }) => op.allowed.some((r) => user.roles.includes(r as never));
  const isMine = dispute.assignee?.id === user.id;
  const canUnclaim = !!dispute.assignee && (isMine || user.roles.some((r) => r === "operator" || r === "admin"));
  // Sending, or sent and the sync not caught up yet: refresh often. Waiting for an approver can take hours.
  const isMoving = dispute.resolution.kind === "sending" || (dispute.resolution.kind === "sent" && isOpen);
  const isWaiting = dispute.resolution.kind === "waiting_approval";
  // Resolvable: open here and on chain, and no resolution waiting, under way or already through.
  const isResolvable = isOpen && (dispute.onChain.order?.status ?? "disputed") === "disputed" && (dispute.resolution.kind === "none" || dispute.resolution.kind === "failed");
  const isLarge = await resolutionNeedsApproval(db, dispute.chain, Number(dispute.orderId));
  const orderFields = { chain: dispute.chain, orderId: dispute.orderId };

  return (
    <>
      <RefreshWhile active={isMoving} everyMs={3_000} />
      <RefreshWhile active={isWaiting} everyMs={30_000} />
      <Link href="/disputes" className="mb-1 inline-flex min-h-11 items-center text-sm text-accent">
        ← Disputes
      </Link>
      <header className="mb-4 flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold tracking-tight sm:text-2xl">Dispute #{dispute.orderId}</h1>
          <Badge tone={isOpen ? "warn" : "neutral"}>{STATUS_LABEL[o.status] ?? o.status}</Badge>
          <Badge tone={isOpen ? ageTone(waited, thresholds.disputeSlaHours) : "neutral"}>
            {isOpen ? `waiting ${ageLabel(waited)}` : `took ${ageLabel(waited)}`}
          </Badge>
        </div>
        <p className="text-2xl font-semibold tabular-nums" data-testid="dispute-amount">{formatAmount(o.amount, o.symbol)}</p>
        <p className="text-sm text-muted">
          {dispute.chainName} · opened by the {o.disputedBy === o.buyer ? "buyer" : o.disputedBy === o.seller ? "seller" : "other party"} <Time value={o.disputedAt} />
        </p>
      </header>

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="flex min-w-0 flex-col gap-4 lg:col-span-2">
          <Card title="Decision">
            <DeskLine dispute={dispute} isMine={isMine} isOpen={isOpen} canClaim={can(claimDispute) && isOpen && !dispute.assignee} canUnclaim={canUnclaim && isOpen} path={path} />
            <Resolution state={dispute.resolution} />
            {isResolvable && can(resolveDispute) && (!dispute.assignee || isMine || user.roles.includes("admin")) && (
              <OperationForm operationId="dispute.resolve" submitLabel="Resolve on chain" reasonFrom="note" revalidate={[path, "/disputes"]} successText="Resolved on chain. The queue shows it once the sync reads the event." className="mt-4 flex flex-col gap-4">
                <input type="hidden" name="chain" value={dispute.chain} />
                <input type="hidden" name="orderId" value={dispute.orderId} />
                <fieldset className="grid gap-2 sm:grid-cols-2">
                  <legend className="mb-2 text-sm font-medium">In favour of</legend>
                  <label className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-border p-3 has-[:checked]:border-accent">
                    <input type="radio" name="favour" value="buyer" required className="mt-1 h-4 w-4" />
                    <span className="text-sm">
                      <span className="font-medium">The buyer</span>
                      <span className="block text-muted">Full refund of {formatAmount(o.amount, o.symbol)}; no fee.</span>
                    </span>
                  </label>
                  <label className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-border p-3 has-[:checked]:border-accent">
                    <input type="radio" name="favour" value="seller" required className="mt-1 h-4 w-4" />
                    <span className="text-sm">
                      <span className="font-medium">The seller</span>
                      <span className="block text-muted">Paid {o.sellerPayout ? formatAmount(o.sellerPayout, o.symbol) : "the amount"} after the {formatAmount(o.fee, o.symbol)} fee.</span>
                    </span>
                  </label>
                </fieldset>
                <TextArea label="Why (kept with the dispute and shown to the approver)" name="note" required minLength={10} placeholder="e.g. bank statement (CID …) shows no payment received" />
                <p className="text-xs text-muted">
                  {isLarge
                    ? `Above ${thresholds.largeResolutionUsdt.toLocaleString("en-US")} USDT (or in another token): an approver confirms before anything is sent.`
                    : `Up to ${thresholds.largeResolutionUsdt.toLocaleString("en-US")} USDT: sent at once, signed by the escrow owner key.`}
                </p>
              </OperationForm>
            )}
          </Card>

          <Card title="Evidence and notes">
            {dispute.notes.length === 0 ? (
              <p className="text-sm text-muted">No evidence yet. Add the CIDs of the files the parties sent and what you found.</p>
            ) : (
              <ol className="flex flex-col gap-3" aria-label="Evidence and notes">
                {dispute.notes.map((n) => (
                  <li key={n.id} className="rounded-md border border-border p-3 text-sm">
                    <p className="mb-1 text-xs text-muted">
                      {n.authorEmail} · <Time value={n.createdAt} />
                    </p>
                    {n.body && <p className="whitespace-pre-wrap break-words">{n.body}</p>}
                    {n.cids.length > 0 && (
                      <ul className="mt-2 flex flex-col gap-1">
                        {n.cids.map((cid) => (
                          <li key={cid}>
                            <a href={`${env().IPFS_GATEWAY_URL.replace(/\/?$/, "/")}${cid}`} target="_blank" rel="noreferrer noopener" className="inline-flex min-h-11 items-center gap-1 break-all font-mono text-xs text-accent">
                              <ExternalLink size={12} aria-hidden /> {cid}
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            )}
            {can(addDisputeNote) && (
              <OperationForm operationId="dispute.note" submitLabel="Add to the dispute" variant="secondary" revalidate={[path]} successText="Added." className="mt-4 flex flex-col gap-3 border-t border-border pt-4">
                <input type="hidden" name="chain" value={orderFields.chain} />
                <input type="hidden" name="orderId" value={orderFields.orderId} />
                <TextArea label="Note" name="body" placeholder="What the evidence shows, who you contacted" />
                <Field label="IPFS CIDs (one or more, separated by spaces or commas)" name="cids" placeholder="Qm… or bafy…" autoComplete="off" />
              </OperationForm>
            )}
          </Card>

          <Card title="Order">
            <OrderFacts dispute={dispute} />
          </Card>
        </div>

        <div className="flex min-w-0 flex-col gap-4">
          <Party title="Buyer" party={dispute.buyer} canBlacklist={can(blacklistWallet)} now={now} />
          <Party title="Seller" party={dispute.seller} canBlacklist={can(blacklistWallet)} now={now} />
          <Card title="Events on chain">
            {dispute.events.length === 0 ? (
              <p className="text-sm text-muted">Not synced yet.</p>
            ) : (
              <ol className="flex flex-col gap-2 text-sm" aria-label="Order events">
                {dispute.events.map((e) => (
                  <li key={`${e.txHash}/${e.name}`} className="flex flex-col">
                    <span className="font-medium">{EVENT_LABEL[e.name] ?? e.name}</span>
                    <span className="text-xs text-muted">
                      <Time value={e.at} /> · block {e.blockNumber}
                    </span>
                    <code className="break-all font-mono text-xs text-muted" title={e.txHash}>{e.txHash}</code>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}

const EVENT_LABEL: Record<string, string> = {
  OrderCreated: "Order created",
  OrderPaid: "Paid into escrow",
  OrderDisputed: "Dispute opened",
  DisputeResolved: "Dispute resolved",
  OrderCompleted: "Paid out (fee collected)",
  OrderAutoReleased: "Released to the seller after the deadline",
  OrderExpired: "Expired unpaid",
};

function DeskLine({ dispute, isMine, isOpen, canClaim, canUnclaim, path }: { dispute: TDisputeDetail; isMine: boolean; isOpen: boolean; canClaim: boolean; canUnclaim: boolean; path: string }) {
  const fields = (
    <>
      <input type="hidden" name="chain" value={dispute.chain} />
      <input type="hidden" name="orderId" value={dispute.orderId} />
    </>
  );
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <span data-testid="dispute-assignee">
        {dispute.assignee ? (
          <>
            Worked by <span className="font-medium">{isMine ? "you" : dispute.assignee.name}</span>
            {dispute.assignee.assignedAt && (
              <span className="text-muted">
                {" "}since <Time value={dispute.assignee.assignedAt} />
              </span>
            )}
          </>
        ) : isOpen ? (
          "Nobody works this dispute yet."
        ) : (
          "Closed."
        )}
      </span>
      {canClaim && (
        <OperationForm operationId="dispute.claim" submitLabel="Claim it" revalidate={[path, "/disputes"]} successText="It is yours." className="flex flex-wrap items-center gap-2">
          {fields}
        </OperationForm>
      )}
      {canUnclaim && (
        <OperationForm operationId="dispute.unclaim" submitLabel={isMine ? "Give it back" : "Unassign"} variant="secondary" revalidate={[path, "/disputes"]} successText="Back in the queue." className="flex flex-wrap items-center gap-2">
          {fields}
        </OperationForm>
      )}
    </div>
  );
}

function Resolution({ state }: { state: TDisputeDetail["resolution"] }) {
  if (state.kind === "none") return null;
  const box = "mt-3 flex flex-col gap-1 rounded-md px-3 py-2 text-sm";
  if (state.kind === "waiting_approval") {
    return (
      <div role="status" className={`${box} bg-info-bg text-info`} data-testid="resolution-state">
        <span className="flex items-center gap-2 font-medium">
          <Clock size={16} aria-hidden /> Resolution to the {state.favour} waiting for an approver
        </span>
        <span>
          Asked by {state.requestedBy} · expires <Time value={state.expiresAt} /> ·{" "}
          <Link className="font-medium underline" href={`/approvals/${state.requestId}`}>Open the request</Link>
        </span>
      </div>
    );
  }
  if (state.kind === "sending") {
    return (
      <div role="status" className={`${box} bg-info-bg text-info`} data-testid="resolution-state">
        <span className="flex items-center gap-2 font-medium">
          <Loader2 size={16} className="animate-spin" aria-hidden /> Sending the resolution to the {state.favour}…
        </span>
        {state.txHash ? <code className="break-all font-mono text-xs">{state.txHash} ({state.txStatus?.toLowerCase()})</code> : <span>Signing</span>}
      </div>
    );
  }
  if (state.kind === "failed") {
    return (
      <div role="alert" className={`${box} bg-crit-bg text-crit`} data-testid="resolution-state">
        <span className="flex items-center gap-2 font-medium">
          <XCircle size={16} aria-hidden /> The resolution to the {state.favour} failed
        </span>
        <span className="break-words">{state.error}</span>
      </div>
    );
  }
  return (
    <div role="status" className={`${box} bg-ok-bg text-ok`} data-testid="resolution-state">
      <span className="flex items-center gap-2 font-medium">
        <CheckCircle2 size={16} aria-hidden /> Resolved in favour of the {state.favour}
        {state.blockNumber ? ` · block ${state.blockNumber}` : ""}
      </span>
      {state.txHash && <code className="break-all font-mono text-xs">{state.txHash}</code>}
      <span className="text-xs">
        {state.by ? `Asked by ${state.by} · ` : ""}
        <Time value={state.finishedAt} />
      </span>
    </div>
  );
}

function OrderFacts({ dispute }: { dispute: TDisputeDetail }) {
  const o = dispute.order;
  const chain = dispute.onChain.order;
  const chainStatus = chain?.status ?? null;
  // The chain is the truth; the synced copy lags by a few blocks. Say so when they differ.
  const statusDiffers = chainStatus !== null && chainStatus !== (o.status === "disputed" ? "disputed" : o.status);
  const rows: [string, React.ReactNode][] = [
    ["Status (synced)", STATUS_LABEL[o.status] ?? o.status],
    ["Status (chain now)", dispute.onChain.error ? <span className="text-warn">{dispute.onChain.error}</span> : (chainStatus ?? "—")],
    ["Amount", formatAmount(o.amount, o.symbol)],
    ["Platform fee", formatAmount(o.fee, o.symbol)],
    ["Token", <Wallet key="t" address={o.token} />],
    ["Arbitrator", o.arbitrator ? <Wallet key="a" address={o.arbitrator} /> : "none assigned (the owner resolves)"],
    ["Created", <Time key="c" value={o.createdAt} />],
    ["Paid into escrow", <Time key="p" value={o.paidAt} />],
    ["Release deadline (chain)", chain?.releaseDeadline ? <Time key="r" value={chain.releaseDeadline} /> : "—"],
    ["Closed", o.closedAt ? <Time key="x" value={o.closedAt} /> : "open"],
  ];
  return (
    <>
      {statusDiffers && (
        <p role="status" className="mb-3 rounded-md bg-warn-bg px-3 py-2 text-sm text-warn">
          The chain already says “{chainStatus}”; OpsDeck’s copy catches up within a few blocks.
        </p>
      )}
      <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted">{k}</dt>
            <dd className="min-w-0 break-words">{v}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function Party({ title, party: p, canBlacklist, now }: { title: string; party: TPartyHistory; canBlacklist: boolean; now: Date }) {
  const orders = p.ordersAsBuyer + p.ordersAsSeller;
  return (
    <Card title={title} action={p.blacklist ? <Badge tone="crit">Blacklisted</Badge> : undefined}>
      <p className="mb-2">
        <Wallet address={p.wallet} full />
      </p>
      {p.blacklist && (
        <p className="mb-2 rounded-md bg-crit-bg px-3 py-2 text-sm text-crit">
          Blacklisted <Time value={p.blacklist.createdAt} /> by {p.blacklist.addedBy}: {p.blacklist.reason}
        </p>
      )}
      <dl className="grid grid-cols-2 gap-2 text-sm" data-testid={`party-${title.toLowerCase()}`}>
        <dt className="text-muted">Orders</dt>
        <dd className="tabular-nums">
          {orders} ({p.ordersAsBuyer} buying, {p.ordersAsSeller} selling)
        </dd>
        <dt className="text-muted">Disputes</dt>
        <dd className="tabular-nums">
          {p.disputes} ({p.disputesOpened} opened by them)
        </dd>
        <dt className="text-muted">Completion</dt>
        <dd className="tabular-nums">{p.completionPct === null ? "no finished order" : `${p.completionPct} %`}</dd>
        <dt className="text-muted">First order</dt>
        <dd>{p.firstSeenAt ? ageLabel(now.getTime() - p.firstSeenAt.getTime()) + " ago" : "—"}</dd>
      </dl>
      {canBlacklist && !p.blacklist && (
        <Link href={`/disputes/blacklist?wallet=${p.wallet}#add`} className={`${buttonClass("ghost")} mt-3`}>
          Blacklist this wallet…
        </Link>
      )}
    </Card>
  );
}
