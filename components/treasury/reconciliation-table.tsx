import { Badge, type TTone } from "@/components/ui/badge";
import { Wallet } from "@/components/disputes/wallet";
import type { TDayStatus, TReconciliationRow } from "@/lib/treasury/reconciliation-math";

const STATUS: Record<TDayStatus, { tone: TTone; label: string }> = {
  ok: { tone: "ok", label: "OK" },
  mismatch: { tone: "crit", label: "Mismatch" },
  open: { tone: "info", label: "Today, so far" },
  waiting: { tone: "neutral", label: "Waiting for the sync" },
};

export function ReconciliationStatus({ status }: { status: TDayStatus }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}

/** Where a mismatching day's fees went instead, or why the balance does not add up. */
function Explanation({ row }: { row: TReconciliationRow }) {
  const isUnexplained = Number(row.unexplained) !== 0;
  if (row.status !== "mismatch" && !isUnexplained) return null;
  return (
    <div className="flex flex-col gap-1 text-xs">
      {row.elsewhere.map((e) => (
        <span key={e.address} className="inline-flex flex-wrap items-center gap-1 text-crit">
          {e.amount} {row.symbol} went to <Wallet address={e.address} />
        </span>
      ))}
      {row.status === "mismatch" && row.elsewhere.length === 0 && <span className="text-crit">No fee transfer to another address found: check the day&apos;s transactions.</span>}
      {isUnexplained && (
        <span className="text-warn">
          The balance moved {row.unexplained} {row.symbol} more than its transfers explain.
        </span>
      )}
    </div>
  );
}

/** The days, newest first: a list on phones, a table (scrolling inside its card) from md up. */
export function ReconciliationTable({ rows }: { rows: TReconciliationRow[] }) {
  return (
    <>
      <ul className="divide-y divide-border md:hidden" aria-label="Days">
        {rows.map((r) => (
          <li key={`${r.token}:${r.day}`} className={`flex flex-col gap-1 py-3 text-sm ${r.status === "mismatch" ? "-mx-2 rounded bg-crit-bg px-2" : ""}`} data-testid="reconciliation-day">
            <span className="flex items-center justify-between gap-2">
              <span className="font-medium tabular-nums">{r.day}</span>
              <ReconciliationStatus status={r.status} />
            </span>
            <span className="tabular-nums">
              Expected {r.expected} · received {r.received} {r.symbol}
              {r.status === "mismatch" && <strong className="text-crit"> · off by {r.difference}</strong>}
            </span>
            <span className="text-xs text-muted tabular-nums">
              {r.completedOrders} completed · in {r.otherIn} · out {r.otherOut} · balance {r.opening} → {r.closing}
            </span>
            <Explanation row={r} />
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full text-left text-sm" aria-label="Days">
          <thead className="text-xs uppercase text-muted">
            <tr className="border-b border-border">
              <th className="py-2 pr-3 font-medium">Day (UTC)</th>
              <th className="py-2 pr-3 text-right font-medium">Completed</th>
              <th className="py-2 pr-3 text-right font-medium">Expected</th>
              <th className="py-2 pr-3 text-right font-medium">Received</th>
              <th className="py-2 pr-3 text-right font-medium">Other in</th>
              <th className="py-2 pr-3 text-right font-medium">Out</th>
              <th className="py-2 pr-3 font-medium">Balance</th>
              <th className="py-2 pr-3 text-right font-medium">Difference</th>
              <th className="py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {rows.map((r) => (
              <tr key={`${r.token}:${r.day}`} className={`align-top tabular-nums ${r.status === "mismatch" ? "bg-crit-bg" : ""}`} data-testid="reconciliation-day">
                <td className="whitespace-nowrap py-2 pr-3">
                  {r.day}
                  <span className="block text-xs text-muted">{r.symbol}</span>
                </td>
                <td className="py-2 pr-3 text-right">{r.completedOrders}</td>
                <td className="py-2 pr-3 text-right">{r.expected}</td>
                <td className="py-2 pr-3 text-right">{r.received}</td>
                <td className="py-2 pr-3 text-right">{r.otherIn}</td>
                <td className="py-2 pr-3 text-right">{r.otherOut}</td>
                <td className="whitespace-nowrap py-2 pr-3">
                  {r.opening} → {r.closing}
                </td>
                <td className={`py-2 pr-3 text-right ${r.status === "mismatch" ? "font-semibold text-crit" : ""}`}>{r.difference}</td>
                <td className="py-2">
                  <div className="flex flex-col gap-1">
                    <ReconciliationStatus status={r.status} />
                    <Explanation row={r} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
