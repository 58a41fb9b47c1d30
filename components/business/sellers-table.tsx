import { Wallet } from "@/components/disputes/wallet";
import type { TSellerRow } from "@/lib/business/series";
import { amount, plural } from "@/components/business/format";

/** The top sellers by completed volume: a list on phones, a table (scrolling inside its card) from md up. */
export function SellersTable({ rows }: { rows: TSellerRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-muted">No completed orders with a known token in the last 30 days.</p>;
  const hasManyChains = new Set(rows.map((r) => r.chain)).size > 1;
  return (
    <>
      <ol className="divide-y divide-border md:hidden" aria-label="Top sellers">
        {rows.map((r) => (
          <li key={`${r.symbol}:${r.chain}:${r.seller}`} className="flex flex-col gap-1 py-3 text-sm" data-testid="top-seller">
            <span className="flex items-center justify-between gap-2">
              <span className="inline-flex min-w-0 items-center gap-2">
                <span className="font-semibold tabular-nums text-muted">{r.rank}.</span>
                <Wallet address={r.seller} />
              </span>
              <span className="shrink-0 font-semibold tabular-nums">
                {amount(r.volume)} {r.symbol}
              </span>
            </span>
            <span className={`text-xs tabular-nums ${r.disputes > 0 ? "text-warn" : "text-muted"}`}>
              {plural(r.completed, "completed order")} · {plural(r.disputes, "dispute")}
              {hasManyChains && ` · ${r.chain}`}
            </span>
          </li>
        ))}
      </ol>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full text-left text-sm" aria-label="Top sellers">
          <thead className="text-xs uppercase text-muted">
            <tr className="border-b border-border">
              <th className="py-2 pr-3 font-medium">#</th>
              <th className="py-2 pr-3 font-medium">Seller</th>
              {hasManyChains && <th className="py-2 pr-3 font-medium">Chain</th>}
              <th className="py-2 pr-3 text-right font-medium">Completed orders</th>
              <th className="py-2 pr-3 text-right font-medium">Volume</th>
              <th className="py-2 text-right font-medium">Disputes</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {rows.map((r) => (
              <tr key={`${r.symbol}:${r.chain}:${r.seller}`} className="tabular-nums" data-testid="top-seller">
                <td className="py-2 pr-3 text-muted">{r.rank}</td>
                <td className="py-2 pr-3">
                  <Wallet address={r.seller} />
                </td>
                {hasManyChains && <td className="py-2 pr-3">{r.chain}</td>}
                <td className="py-2 pr-3 text-right">{r.completed}</td>
                <td className="whitespace-nowrap py-2 pr-3 text-right">
                  {amount(r.volume)} {r.symbol}
                </td>
                <td className={`py-2 text-right ${r.disputes > 0 ? "font-semibold text-warn" : ""}`}>{r.disputes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
