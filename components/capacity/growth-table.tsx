import type { TGrowthRow } from "@/lib/capacity/headroom";

/** Whole numbers from 100, one decimal below, two significant digits under 1 (a small platform's 0.026 MB is not 0). */
const number = (v: number) => (v >= 100 ? Math.round(v).toLocaleString("en-US") : v >= 1 || v === 0 ? (Math.round(v * 10) / 10).toLocaleString("en-US") : String(Number(v.toPrecision(2))));

/** The guide's growth per 1,000 daily orders, next to the same at the platform's own rate. */
export function GrowthTable({ rows, dailyOrders }: { rows: TGrowthRow[]; dailyOrders: number }) {
  return (
    <table className="w-full table-fixed text-sm" data-testid="growth-table">
      <thead>
        <tr className="border-b border-border text-left text-xs text-muted">
          <th className="w-[44%] py-2 pr-2 font-medium">Metric</th>
          <th className="py-2 pr-2 text-right font-medium">Per 1,000 orders/day</th>
          <th className="py-2 text-right font-medium">At {number(dailyOrders)}/day</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-border">
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="py-2 pr-2 align-top">
              <span className="block font-medium">{r.metric}</span>
              <span className="block break-words text-xs text-muted">{r.note}</span>
            </td>
            <td className="break-words py-2 pr-2 text-right align-top tabular-nums">
              {number(r.amount)} <span className="text-xs text-muted">{r.unit}</span>
            </td>
            <td className="break-words py-2 text-right align-top tabular-nums" data-testid={`growth-${r.id}`}>
              {number(r.scaled)} <span className="text-xs text-muted">{r.unit}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
