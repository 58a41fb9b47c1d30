import { Loader2 } from "lucide-react";
import { Card } from "@/components/ui/card";
import { Badge, type TTone } from "@/components/ui/badge";
import { Time } from "@/components/format/time";
import { RefreshWhile } from "@/components/ui/refresh-while";
import type { TChainTxView } from "@/lib/chains/status";

const TONE: Record<string, TTone> = { SIGNED: "info", SUBMITTED: "info", CONFIRMED: "ok", FAILED: "crit" };
const LABEL: Record<string, string> = { SIGNED: "Signed", SUBMITTED: "Pending", CONFIRMED: "Confirmed", FAILED: "Failed" };

/** Transactions OpsDeck signed, newest first; the list refreshes itself while any is pending. */
export function ChainTransactions({ rows }: { rows: TChainTxView[] }) {
  const pending = rows.some((r) => r.status === "SIGNED" || r.status === "SUBMITTED");
  return (
    <Card title="Transactions sent by OpsDeck" className="lg:col-span-2">
      <RefreshWhile active={pending} everyMs={3000} />
      {rows.length === 0 ? (
        <p className="text-sm text-muted">None yet. Escrow actions, faucet grants and treasury transfers appear here with their hashes.</p>
      ) : (
        <ul className="divide-y divide-border text-sm">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2" data-testid="chain-tx">
              <Badge tone={TONE[r.status] ?? "neutral"}>
                {(r.status === "SIGNED" || r.status === "SUBMITTED") && <Loader2 size={12} className="animate-spin" aria-hidden />}
                {LABEL[r.status] ?? r.status}
              </Badge>
              <span className="font-medium">{r.purpose}</span>
              <span className="text-muted">{r.chain}</span>
              <code className="min-w-0 basis-full break-all font-mono text-xs text-muted sm:basis-0 sm:flex-1" title={r.txHash}>
                {r.txHash}
              </code>
              <span className="text-xs text-muted">
                {r.blockNumber !== null ? `block ${r.blockNumber} · ` : `nonce ${r.nonce} · `}
                <Time value={r.confirmedAt ?? r.createdAt} />
              </span>
              {r.error && <p className="w-full break-words text-xs text-crit">{r.error}</p>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
