import type { ReactNode } from "react";
import type { TMoneySeries, TTotals } from "@/lib/business/series";
import { amount, plural } from "@/components/business/format";

function Tile({ label, value, note, testId, tone }: { label: string; value: ReactNode; note: ReactNode; testId: string; tone?: "crit" }) {
  return (
    <section className="min-w-0 rounded-lg border border-border bg-surface p-3" data-testid={testId}>
      <h2 className="text-xs font-medium uppercase text-muted">{label}</h2>
      <p className={`mt-1 break-words text-xl font-semibold sm:text-2xl tabular-nums ${tone === "crit" ? "text-crit" : ""}`}>{value}</p>
      <p className="mt-1 text-xs text-muted">{note}</p>
    </section>
  );
}

/** Money per token: one line per symbol, the busiest first; nothing to add across tokens. */
function Money({ money, pick }: { money: TMoneySeries[]; pick: "volume" | "fees" }) {
  if (money.length === 0) return <>0</>;
  return (
    <>
      {money.map((m) => (
        <span key={m.symbol} className="block">
          {amount(m[pick])} <span className="text-base font-medium">{m.symbol}</span>
        </span>
      ))}
    </>
  );
}

/** The six 30-day figures, in words a morning reader takes in at a glance. */
export function SummaryTiles({ totals, money, disputeRatePct }: { totals: TTotals; money: TMoneySeries[]; disputeRatePct: number }) {
  const isHigh = totals.disputePct > disputeRatePct;
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      <Tile label="Orders" value={totals.orders.toLocaleString("en-US")} note="created in 30 days" testId="tile-orders" />
      <Tile label="Completion rate" value={`${totals.completionPct} %`} note={`${totals.completed.toLocaleString("en-US")} of them completed`} testId="tile-completion" />
      <Tile
        label="Volume"
        value={<Money money={money} pick="volume" />}
        note={totals.unvalued > 0 ? `completed orders; ${plural(totals.unvalued, "order")} in unknown tokens not counted` : "of completed orders"}
        testId="tile-volume"
      />
      <Tile label="Fees" value={<Money money={money} pick="fees" />} note="earned on completed orders" testId="tile-fees" />
      <Tile label="New wallets" value={totals.newWallets.toLocaleString("en-US")} note="first order in 30 days" testId="tile-wallets" />
      <Tile
        label="Dispute rate"
        value={`${totals.disputePct} %`}
        note={`${plural(totals.disputes, "order")} disputed; alert line ${disputeRatePct} %`}
        testId="tile-disputes"
        tone={isHigh ? "crit" : undefined}
      />
    </div>
  );
}
