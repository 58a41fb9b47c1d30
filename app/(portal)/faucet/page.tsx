import type { Metadata } from "next";
import { Droplets, Loader2 } from "lucide-react";
import { Badge, type TTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { Time } from "@/components/format/time";
import { Field, Select } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { Wallet } from "@/components/disputes/wallet";
import { ageLabel } from "@/components/disputes/format";
import { GrantsChart } from "@/components/faucet/grants-chart";
import { FaucetReviewForm } from "@/components/faucet/review-form";
import { requireRoute } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { readThresholdValues } from "@/lib/alerts/readings";
import { readFaucetPage, type TFaucetRow } from "@/lib/faucet/queries";
import { FAUCET_LIMITS, type TFaucetLimitKey } from "@/lib/faucet/config";
import { blockFaucetClients, pauseFaucet, reviewFaucetRequests, rotateFaucetKey, topUpFaucet, unblockFaucetClients, updateFaucetLimits } from "@/lib/operations/faucet";

export const metadata: Metadata = { title: "Faucet" };
export const dynamic = "force-dynamic";

const STATUS_TONE: Record<string, TTone> = { sent: "ok", failed: "crit", sending: "info" };

// The faucet, phone first: is it running, can it pay, what is waiting for a decision; then what
// it sent and the controls. Refreshes while grants are going out.
export default async function FaucetPage() {
  const user = await requireRoute("/faucet");
  const now = new Date();
  const [page, thresholds] = await Promise.all([readFaucetPage(db, user, now), readThresholdValues()]);
  const can = (op: { allowed: readonly string[] }) => op.allowed.some((r) => user.roles.includes(r as never));
  const { settings, counts } = page;
  const failureRate = counts.sent24h + counts.failed24h ? Math.round((1000 * counts.failed24h) / (counts.sent24h + counts.failed24h)) / 10 : 0;
  const xrp = page.balances.xrpl.spendable;
  const xrpTone: TTone = xrp === null ? "neutral" : xrp < thresholds.faucetBalanceCrit ? "crit" : xrp < thresholds.faucetBalanceWarn ? "warn" : "ok";
  const xrpStale = !!page.balances.xrpl.error;

  return (
    <>
      <RefreshWhile active={counts.queued + counts.sending > 0} everyMs={3_000} />
      <PageHeader title="Faucet" description="Public grants on both chains: the queue, the review of what looks like abuse, and the controls." />

      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="State" action={settings.pause ? <Badge tone="crit">Paused</Badge> : <Badge tone="ok">Running</Badge>}>
          {settings.pause ? (
            <p className="text-sm" data-testid="faucet-paused">
              Paused by {settings.pause.by} <Time value={new Date(settings.pause.at)} />: “{settings.pause.note}”. The intake answers 503 FAUCET_PAUSED; {counts.queued} queued wait.
            </p>
          ) : (
            <p className="text-sm text-muted">Taking requests and sending grants.</p>
          )}
          {can(pauseFaucet) &&
            (settings.pause ? (
              <OperationForm operationId="faucet.resume" submitLabel="Resume the faucet" revalidate={["/faucet"]} successText="Running again." className="mt-3 flex flex-col gap-3" />
            ) : (
              <OperationForm operationId="faucet.pause" submitLabel="Pause the faucet" variant="danger" revalidate={["/faucet"]} successText="Paused." className="mt-3 flex flex-col gap-3">
                <Field label="Why" name="note" required minLength={5} placeholder="e.g. burst of requests from one range" />
              </OperationForm>
            ))}
        </Card>

        <Card title="Balances">
          <dl className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-2 text-sm">
            <dt className="text-muted">XRPL</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <span className="text-lg font-semibold tabular-nums" data-testid="faucet-balance-xrpl">
                {xrp === null ? "unknown" : `${xrp.toLocaleString("en-US")} XRP`}
              </span>
              {xrp !== null && (xrpStale ? <Badge tone="warn">stale</Badge> : <Badge tone={xrpTone}>{xrpTone === "ok" ? "OK" : xrpTone === "warn" ? `below ${thresholds.faucetBalanceWarn}` : `below ${thresholds.faucetBalanceCrit}`}</Badge>)}
            </dd>
            <dt className="text-muted">EVM</dt>
            <dd className="text-lg font-semibold tabular-nums">{page.balances.evm.spendable === null ? "unknown" : `${page.balances.evm.spendable.toLocaleString("en-US")} tokens`}</dd>
          </dl>
          <p className="mt-2 text-xs text-muted">
            Spendable, read every 15 s{page.balances.xrpl.at ? <> (last <Time value={new Date(page.balances.xrpl.at)} />)</> : null}. Warning below {thresholds.faucetBalanceWarn} XRP, critical below {thresholds.faucetBalanceCrit}.
          </p>
          {page.balances.xrpl.error && <p className="mt-2 text-xs text-warn">XRPL not readable right now (showing the last reading): {page.balances.xrpl.error}</p>}
          {page.balances.evm.error && <p className="mt-2 text-xs text-warn">EVM not readable right now (showing the last reading): {page.balances.evm.error}</p>}
          {(["xrpl", "evm"] as const).map((chain) =>
            page.missingKey[chain] ? (
              <p key={chain} role="alert" className="mt-2 rounded-md bg-crit-bg px-3 py-2 text-xs text-crit">
                {chain.toUpperCase()}: grants go out from {page.missingKey[chain]}, but this instance has no key for it — it pays nothing on {chain.toUpperCase()}. Configure the key on every instance.
              </p>
            ) : null,
          )}
        </Card>

        <Card title="Queue">
          <dl className="grid grid-cols-2 gap-2 text-sm" data-testid="faucet-counts">
            <dt className="text-muted">Waiting to send</dt>
            <dd className="flex items-center gap-1 font-semibold tabular-nums">
              {counts.queued + counts.sending}
              {counts.sending > 0 && <Loader2 size={14} className="animate-spin text-info" aria-label="sending" />}
            </dd>
            <dt className="text-muted">In review</dt>
            <dd className={`font-semibold tabular-nums ${counts.review ? "text-warn" : ""}`}>{counts.review}</dd>
            <dt className="text-muted">Requests, 24 h</dt>
            <dd className="tabular-nums">{counts.requests24h}</dd>
            <dt className="text-muted">Failure rate, 24 h</dt>
            <dd className={`tabular-nums ${failureRate > 5 ? "font-semibold text-crit" : ""}`}>{failureRate} %</dd>
          </dl>
        </Card>

        <Card title="Grants per hour" className="lg:col-span-3">
          <GrantsChart data={page.hours} />
        </Card>

        <Card title={`Review queue (${counts.review})`} className="lg:col-span-2">
          {page.review.length === 0 ? (
            <EmptyState icon={<Droplets size={20} />} title="Nothing flagged">
              Requests from one client address to more than {settings.limits.distinctDestinationsPerHour} destinations in an hour, or more than {settings.limits.burstPerMinute} in a minute, wait here.
            </EmptyState>
          ) : can(reviewFaucetRequests) ? (
            <FaucetReviewForm>
              <ReviewList rows={page.review} now={now} canTick />
            </FaucetReviewForm>
          ) : (
            <ReviewList rows={page.review} now={now} canTick={false} />
          )}
        </Card>

        <div className="flex min-w-0 flex-col gap-4">
          {can(blockFaucetClients) && (
            <Card title="Block a client address">
              <OperationForm operationId="faucet.block" submitLabel="Block it" variant="secondary" revalidate={["/faucet"]} successText="Blocked: the intake answers 403 to it.">
                <Field label="Address or range" name="cidr" required placeholder="203.0.113.7 or 203.0.113.0/24" autoComplete="off" />
                <Field label="Why" name="reason" required minLength={5} placeholder="e.g. 40 destinations in an hour" />
              </OperationForm>
              {page.blocks.length > 0 && (
                <ul className="mt-4 flex flex-col gap-2 border-t border-border pt-3 text-sm" aria-label="Blocked addresses">
                  {page.blocks.map((b) => (
                    <li key={b.id} className="flex flex-wrap items-center justify-between gap-2">
                      <span>
                        <code className="font-mono text-xs">{b.cidr}</code> <span className="text-xs text-muted">— {b.reason}</span>
                      </span>
                      {can(unblockFaucetClients) && (
                        <OperationForm operationId="faucet.unblock" submitLabel="Lift" variant="secondary" revalidate={["/faucet"]} successText="Lifted." className="flex items-center gap-2">
                          <input type="hidden" name="blockId" value={b.id} />
                        </OperationForm>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          )}
        </div>

        <Card title="Recent grants" className="lg:col-span-3">
          {page.recent.length === 0 ? (
            <p className="text-sm text-muted">No grant sent yet.</p>
          ) : (
            <ul className="divide-y divide-border text-sm" aria-label="Recent grants">
              {page.recent.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2" data-testid="faucet-grant">
                  <Badge tone={STATUS_TONE[r.status] ?? "neutral"}>{r.status}</Badge>
                  <span className="font-medium tabular-nums">
                    {r.amount} {r.chain === "xrpl" ? "XRP" : "tokens"}
                  </span>
                  <Wallet address={r.address} blacklisted={r.blacklisted} />
                  <span className="text-xs text-muted">
                    <Time value={r.sentAt ?? r.createdAt} />
                  </span>
                  {r.txHash && <code className="min-w-0 basis-full break-all font-mono text-xs text-muted">{r.txHash}</code>}
                  {r.status === "failed" && r.lastError && <p className="basis-full break-words text-xs text-crit">{r.lastError}</p>}
                </li>
              ))}
            </ul>
          )}
        </Card>

        {(can(updateFaucetLimits) || can(topUpFaucet) || can(rotateFaucetKey)) && (
          <>
            {can(topUpFaucet) && (
              <Card title="Top up from the treasury">
                <OperationForm operationId="faucet.topup" submitLabel="Ask to top up" needsReason revalidate={["/faucet"]} reasonPlaceholder="e.g. balance below the warning threshold">
                  <Select label="Chain" name="chain" defaultValue="xrpl">
                    <option value="xrpl">XRPL (XRP)</option>
                    <option value="evm">EVM (token)</option>
                  </Select>
                  <Select label="Faucet wallet" name="destination" defaultValue="active">
                    <option value="active">The active wallet</option>
                    <option value="next">The next key&apos;s wallet (before a rotation)</option>
                  </Select>
                  <Field label="Amount (whole units)" name="amount" inputMode="decimal" required placeholder="5000" />
                </OperationForm>
              </Card>
            )}
            {can(rotateFaucetKey) && (
              <Card title="Key rotation">
                <dl className="grid grid-cols-1 gap-1 text-sm">
                  {(["xrpl", "evm"] as const).map((chain) => (
                    <div key={chain} className="mb-2">
                      <dt className="font-medium">{chain.toUpperCase()}</dt>
                      <dd className="text-xs">
                        Active: {page.balances[chain].address ? <Wallet address={page.balances[chain].address!} /> : "not configured"}
                      </dd>
                      <dd className="text-xs" data-testid={`faucet-next-${chain}`}>
                        Next: {page.next[chain] ? <Wallet address={page.next[chain]!} full /> : <span className="text-muted">none configured ({chain === "xrpl" ? "FAUCET_XRPL_SEED_NEXT" : "FAUCET_EVM_KEY_NEXT"})</span>}
                      </dd>
                    </div>
                  ))}
                </dl>
                <p className="mb-3 text-xs text-muted">The next key comes from the environment, never from this page. Fund its wallet first (top-up → “the next key&apos;s wallet”), then rotate: two approvers confirm the exact switch.</p>
                {(["xrpl", "evm"] as const).map((chain) =>
                  page.balances[chain].address && page.next[chain] ? (
                    <OperationForm key={chain} operationId="faucet.key.rotate" submitLabel={`Ask to rotate ${chain.toUpperCase()}`} needsReason variant="secondary" revalidate={["/faucet"]} className="mb-3 flex flex-col gap-3">
                      <input type="hidden" name="chain" value={chain} />
                      <input type="hidden" name="from" value={page.balances[chain].address!} />
                      <input type="hidden" name="to" value={page.next[chain]!} />
                    </OperationForm>
                  ) : null,
                )}
              </Card>
            )}
            {can(updateFaucetLimits) && (
              <Card title="Limits">
                <OperationForm operationId="faucet.limits.update" submitLabel="Ask to change" needsReason variant="secondary" revalidate={["/faucet"]}>
                  <div className="grid gap-3 sm:grid-cols-2">
                    {(Object.keys(FAUCET_LIMITS) as TFaucetLimitKey[]).map((key) => (
                      <Field key={key} label={`${FAUCET_LIMITS[key].label} (${FAUCET_LIMITS[key].unit})`} name={key} type="number" inputMode="numeric" defaultValue={settings.limits[key]} min={FAUCET_LIMITS[key].min} max={FAUCET_LIMITS[key].max} required />
                    ))}
                  </div>
                </OperationForm>
              </Card>
            )}
          </>
        )}
      </div>
    </>
  );
}

function ReviewList({ rows, now, canTick }: { rows: TFaucetRow[]; now: Date; canTick: boolean }) {
  return (
    <ul className="divide-y divide-border" aria-label="Flagged requests">
      {rows.map((r) => (
        <li key={r.id} className="flex gap-3 py-2 text-sm" data-testid="faucet-review-row">
          {canTick && <input type="checkbox" name="requests[]" value={r.id} aria-label={`Tick the request to ${r.address}`} className="mt-1 h-5 w-5 shrink-0 accent-[var(--accent)]" />}
          <div className="flex min-w-0 flex-col gap-1">
            <span className="flex flex-wrap items-center gap-2">
              <Wallet address={r.address} blacklisted={r.blacklisted} />
              <span className="text-xs text-muted">
                {r.chain.toUpperCase()} · {r.amount} · from <code className="font-mono">{r.clientIp}</code> · {ageLabel(now.getTime() - r.createdAt.getTime())} ago
              </span>
            </span>
            <span className="text-xs text-warn">{r.flagReason}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
