import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Field, Select } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import type { TRole } from "@/lib/auth/roles";
import type { TEvmView } from "@/lib/chains/status";
import { autoExpireOrder, autoReleaseToSeller, pauseEscrow, setEscrowSupportedToken, setEscrowTreasury, unpauseEscrow } from "@/lib/operations/escrow";

const can = (op: { allowed: readonly TRole[] }, roles: readonly TRole[]) => op.allowed.some((r) => roles.includes(r));

/** The escrow contract (guide §8's reads) and its admin actions, each one an operation. */
export function EscrowCard({ evm, roles }: { evm: TEvmView; roles: readonly TRole[] }) {
  const e = evm.escrow;
  if (!e) {
    return (
      <Card title="Escrow contract">
        <p className="break-words text-sm text-muted">{evm.escrowError ?? "No escrow contract is configured (ESCROW_ADDRESS)."}</p>
      </Card>
    );
  }
  const facts: [string, string][] = [
    ["Address", e.address],
    ["Owner", e.owner],
    ["Treasury", e.treasury],
    ["Arbitrator pool", e.arbitratorPool],
    ["Orders created", String(Math.max(0, e.nextOrderId - 1))],
    ["Platform fee", `${(e.feeBps / 100).toFixed(2)} %`],
  ];
  if (e.token) facts.push([`${e.token.symbol} held`, `${Number(e.token.heldByEscrow).toLocaleString("en-US")} ${e.token.symbol}`], [`${e.token.symbol} accepted`, e.token.isSupported ? "yes" : "no"]);
  return (
    <Card
      title="Escrow contract"
      action={
        <Badge tone={e.paused ? "crit" : "ok"}>
          <span data-testid="escrow-paused">{e.paused ? "Paused" : "Trading"}</span>
        </Badge>
      }
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd className="min-w-0 break-all font-mono text-xs sm:text-sm">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 flex flex-col gap-2">
        {!e.paused && can(pauseEscrow, roles) && (
          <details className="rounded-md border border-crit/40 px-3" open>
            <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-crit">Emergency pause (RB-05)</summary>
            <OperationForm operationId="escrow.pause" submitLabel="Pause the escrow now" variant="danger" revalidate={["/chains"]} successText="Paused on chain." className="flex flex-col gap-3 pb-3">
              <p className="text-sm text-muted">Blocks all trading at once, without approval. Announced across OpsDeck and audited.</p>
              <Field label="What is happening" name="note" required minLength={5} placeholder="e.g. suspected exploit in order release, INC-42" />
            </OperationForm>
          </details>
        )}
        {e.paused && can(unpauseEscrow, roles) && (
          <Action title="Unpause (RB-05 step 7)">
            <OperationForm operationId="escrow.unpause" submitLabel="Request unpause" needsReason revalidate={["/chains"]} reasonPlaceholder="e.g. fix verified on testnet, post-mortem scheduled">
              <p className="text-sm text-muted">Two approvers confirm before trading resumes.</p>
            </OperationForm>
          </Action>
        )}
        {can(setEscrowTreasury, roles) && (
          <Action title="Change treasury">
            <OperationForm operationId="escrow.setTreasury" submitLabel="Request change" needsReason revalidate={["/chains"]}>
              <Field label="New treasury address" name="treasury" required placeholder="0x…" autoComplete="off" spellCheck={false} hint="Use the multisig. Two approvers confirm." />
            </OperationForm>
          </Action>
        )}
        {can(setEscrowSupportedToken, roles) && (
          <Action title="Allow or stop a token">
            <OperationForm operationId="escrow.setSupportedToken" submitLabel="Request change" needsReason revalidate={["/chains"]}>
              <Field label="Token address" name="asset" required placeholder="0x…" defaultValue={e.token?.address} autoComplete="off" spellCheck={false} />
              <Select label="New orders may use it" name="supported" defaultValue="true">
                <option value="true">Yes, allow</option>
                <option value="false">No, stop</option>
              </Select>
            </OperationForm>
          </Action>
        )}
        {can(autoExpireOrder, roles) && (
          <Action title="Expire an unpaid order (timeout worker missed it)">
            <OperationForm operationId="escrow.autoExpireOrder" submitLabel="Expire order" revalidate={["/chains"]} successText="Order expired on chain.">
              <Field label="Order number" name="orderId" type="number" inputMode="numeric" min={1} required />
            </OperationForm>
          </Action>
        )}
        {can(autoReleaseToSeller, roles) && (
          <Action title="Release a paid order to its seller">
            <OperationForm operationId="escrow.autoReleaseToSeller" submitLabel="Release order" revalidate={["/chains"]} successText="Released on chain.">
              <Field label="Order number" name="orderId" type="number" inputMode="numeric" min={1} required />
            </OperationForm>
          </Action>
        )}
      </div>
    </Card>
  );
}

function Action({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <details className="rounded-md border border-border px-3">
      <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-accent">{title}</summary>
      <div className="pb-3">{children}</div>
    </details>
  );
}
