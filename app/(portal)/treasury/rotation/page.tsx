import type { Metadata } from "next";
import type { ReactNode } from "react";
import { CheckCircle2, Circle } from "lucide-react";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { Time } from "@/components/format/time";
import { OperationForm } from "@/components/operations/operation-form";
import { Wallet } from "@/components/disputes/wallet";
import { TreasuryTabs } from "@/components/treasury/treasury-tabs";
import { TransferList } from "@/components/treasury/transfer-list";
import { requireRoute } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { listTransfers } from "@/lib/treasury/queries";
import { readRotationView, type TWalletReading } from "@/lib/treasury/rotation";
import { rotationSwitch, rotationTransfer } from "@/lib/operations/treasury";

export const metadata: Metadata = { title: "Platform wallet rotation" };
export const dynamic = "force-dynamic";

// The XRPL guide's rotate-wallet script as a guided flow with approvals: the new wallet's key
// comes from the environment (never this page), the funds move once, the active wallet switches,
// the new balance is checked, and the rotation lands in the secret schedule.
export default async function RotationPage() {
  const user = await requireRoute("/treasury/rotation");
  const [view, requests] = await Promise.all([readRotationView(db), listTransfers(db, ["wallet.rotation.transfer", "wallet.rotation.switch"], 10)]);
  const can = (op: { allowed: readonly string[] }) => op.allowed.some((r) => user.roles.includes(r as never));
  const { wallet, active, next, lastSwitch } = view;
  const isNewKey = !!wallet.next && wallet.next !== lastSwitch?.from;
  const moved = !!wallet.next && view.movedTo.includes(wallet.next);
  const isSending = requests.some((r) => r.state === "sending");
  const justRotated = lastSwitch && lastSwitch.to === wallet.active;
  const arrived = justRotated && view.movedXrp !== null && active && !active.error ? Number(active.totalXrp) >= Number(view.movedXrp) : null;

  return (
    <>
      <RefreshWhile active={isSending} everyMs={3_000} />
      <PageHeader title="Platform wallet rotation" description="During a maintenance window. The new key is configured on every instance first (PLATFORM_XRPL_SEED_NEXT); this page never asks for a seed." />
      <TreasuryTabs current="/treasury/rotation" canSee={(href) => canOpen(href, user.roles)} />
      {wallet.rotatedTo && !wallet.active && (
        <p role="alert" className="mb-4 rounded-md bg-crit-bg px-3 py-2 text-sm text-crit">
          The platform wallet was switched to {wallet.rotatedTo}, but this instance has no key for it: it signs nothing for the platform. Configure the key on every instance.
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Wallets now">
          <dl className="grid grid-cols-1 gap-3 text-sm">
            <WalletLine label="Active platform wallet" reading={active} empty={wallet.watchOnly ? `watch only: ${wallet.watchOnly} (no key configured)` : "none configured (PLATFORM_XRPL_SEED)"} />
            <WalletLine
              label={isNewKey ? "Next wallet (from the environment)" : "Replaced wallet (its key is still configured: remove it at the next deploy)"}
              reading={next}
              empty="none configured (PLATFORM_XRPL_SEED_NEXT)"
            />
          </dl>
        </Card>

        {justRotated && (
          <Card title="Last rotation" action={arrived ? <Badge tone="ok">verified</Badge> : arrived === false ? <Badge tone="crit">check the balance</Badge> : undefined}>
            <ol className="flex flex-col gap-2 text-sm" data-testid="rotation-result">
              <Step done label="Switched">
                {lastSwitch.from} → {lastSwitch.to} by {lastSwitch.by}, <Time value={lastSwitch.at} />
              </Step>
              <Step done={!!arrived} label="New balance verified">
                {view.movedXrp === null
                  ? "No rotation transfer into this wallet is on record."
                  : active?.error
                    ? `Could not read the new wallet: ${active.error}`
                    : `${view.movedXrp} XRP were moved; the new wallet holds ${active?.totalXrp ?? "?"} XRP.`}
              </Step>
              <Step done={!!view.lastRecorded} label="Recorded in the secret-rotation schedule">
                {view.lastRecorded ? (
                  <>
                    <Time value={view.lastRecorded.at} /> by {view.lastRecorded.by} — <a href="/secrets" className="text-accent underline">Secrets &amp; backups</a>
                  </>
                ) : (
                  "not yet"
                )}
              </Step>
              <Step done={false} label="Back up the new seed and retire the old one">
                Encrypted, in 3 places (the guide&apos;s paper wallet and GPG backup). At the next deploy make PLATFORM_XRPL_SEED the new seed and remove the old one; shred the old seed.
              </Step>
            </ol>
          </Card>
        )}

        {isNewKey && wallet.active && (
          <Card title="Rotate to the next wallet" className="lg:col-span-2">
            <ol className="flex flex-col gap-4 text-sm">
              <Step done label="1. The new wallet comes from the configuration">
                <Wallet address={wallet.next!} full /> — its key is in the environment of every instance.
              </Step>
              <Step done={moved} label="2. Move the funds (two approvers)">
                Everything above the reserve, less 1 XRP for fees, from <Wallet address={wallet.active} /> to <Wallet address={wallet.next!} />. Sent once; the amount is read when it runs.
                {can(rotationTransfer) && !moved && (
                  <OperationForm operationId="wallet.rotation.transfer" submitLabel="Ask to move the funds" needsReason reasonPlaceholder="e.g. scheduled rotation, maintenance window 02:00–03:00 UTC" revalidate={["/treasury/rotation"]} className="mt-3 flex flex-col gap-3">
                    <input type="hidden" name="from" value={wallet.active} />
                    <input type="hidden" name="to" value={wallet.next!} />
                  </OperationForm>
                )}
              </Step>
              <Step done={false} label="3. Switch the active wallet (one approver)">
                Payments then go out from the new wallet; the switch is recorded in the secret-rotation schedule.
                {can(rotationSwitch) && (
                  <OperationForm operationId="wallet.rotation.switch" submitLabel="Ask to switch" needsReason variant={moved ? "primary" : "secondary"} reasonPlaceholder="e.g. funds moved, balance checked" revalidate={["/treasury/rotation"]} className="mt-3 flex flex-col gap-3">
                    <input type="hidden" name="from" value={wallet.active} />
                    <input type="hidden" name="to" value={wallet.next!} />
                  </OperationForm>
                )}
              </Step>
              <Step done={false} label="4. Verify the new balance, 5. record the rotation">
                Shown here after the switch.
              </Step>
            </ol>
          </Card>
        )}

        <Card title="Rotation requests" className="lg:col-span-2">
          <TransferList rows={requests} empty="No rotation requested yet." />
        </Card>
      </div>
    </>
  );
}

function WalletLine({ label, reading, empty }: { label: string; reading: TWalletReading | null; empty: string }) {
  return (
    <div>
      <dt className="text-muted">{label}</dt>
      <dd className="flex flex-col gap-1">
        {reading ? (
          <>
            <Wallet address={reading.address} full />
            {reading.error ? (
              <span className="text-xs text-warn">Not readable now: {reading.error}</span>
            ) : (
              <span className="tabular-nums" data-testid="rotation-wallet-balance">
                {Number(reading.totalXrp).toLocaleString("en-US", { maximumFractionDigits: 6 })} XRP ({Number(reading.spendableXrp).toLocaleString("en-US", { maximumFractionDigits: 6 })} spendable)
              </span>
            )}
          </>
        ) : (
          <span className="text-xs text-muted">{empty}</span>
        )}
      </dd>
    </div>
  );
}

function Step({ done, label, children }: { done: boolean; label: string; children: ReactNode }) {
  return (
    <li className="flex gap-2">
      {done ? <CheckCircle2 size={18} className="mt-0.5 shrink-0 text-ok" aria-label="done" /> : <Circle size={18} className="mt-0.5 shrink-0 text-muted" aria-label="to do" />}
      <div className="flex min-w-0 flex-col gap-1">
        <span className="font-medium">{label}</span>
        <span className="break-words text-muted">{children}</span>
      </div>
    </li>
  );
}
