import Link from "next/link";
import { Loader2 } from "lucide-react";
import { Badge, type TTone } from "@/components/ui/badge";
import { Time } from "@/components/format/time";
import type { TTransferRow, TTransferState } from "@/lib/treasury/queries";

const STATE: Record<TTransferState, { tone: TTone; label: string }> = {
  waiting: { tone: "warn", label: "waiting for approvers" },
  sending: { tone: "info", label: "pending on chain" },
  confirmed: { tone: "ok", label: "confirmed" },
  failed: { tone: "crit", label: "failed" },
  rejected: { tone: "neutral", label: "rejected" },
  expired: { tone: "neutral", label: "expired" },
};

/** Transfers from request to confirmation: who asked, approvals so far, the transaction. */
export function TransferList({ rows, empty }: { rows: TTransferRow[]; empty: string }) {
  if (!rows.length) return <p className="text-sm text-muted">{empty}</p>;
  return (
    <ul className="divide-y divide-border text-sm" aria-label="Transfers">
      {rows.map((t) => (
        <li key={t.requestId} className="flex flex-col gap-1 py-3" data-testid="treasury-transfer" data-state={t.state}>
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={STATE[t.state].tone}>
              {t.state === "sending" && <Loader2 size={12} className="animate-spin" aria-hidden />}
              {STATE[t.state].label}
            </Badge>
            {t.state === "waiting" && (
              <span className="text-xs text-muted tabular-nums">
                {t.approvals} of {t.requiredCount} approvals
              </span>
            )}
            <Link href={`/approvals/${t.requestId}`} className="min-w-0 break-words font-medium text-accent underline-offset-2 hover:underline">
              {t.title}
            </Link>
          </span>
          <span className="text-xs text-muted">
            by {t.requestedBy}, <Time value={t.createdAt} />
          </span>
          {t.txHash && (
            <code className="break-all font-mono text-xs text-muted" data-testid="transfer-hash">
              {t.txHash}
            </code>
          )}
          {t.error && <p className="break-words text-xs text-crit">{t.error}</p>}
        </li>
      ))}
    </ul>
  );
}
