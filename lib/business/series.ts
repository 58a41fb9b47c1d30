import { csvCell } from "@/lib/audit/export";

// The pure side of the business metrics (escrow guide §9): the rows the SQL returns become one
// point per UTC day (a quiet day as 0), running totals, per-chain and per-token figures and the
// CSV files. No I/O here; lib/business/metrics.ts reads the rows.
//
// Money: orders are in different tokens, and 100 of one token is not 100 of another, so volume
// and fees are always kept per token symbol, never added across tokens. Amounts arrive as
// decimal strings with at most 6 decimals (amountValue is Decimal(38,6); the SQL rounds fees to
// 6) and are added exactly as millionths in bigint; numbers are only made for drawing.

export const DAY_MS = 86_400_000;
export const WINDOW_DAYS = 30;

/** An order's share of a day, per chain and token: what the daily SQL returns. */
export type TOrderDayRow = {
  day: string;
  chain: string;
  /** The token's symbol, or null when OpsDeck does not know the token yet (no decimals: no value). */
  symbol: string | null;
  orders: number;
  completed: number;
  disputes: number;
  /** Completed orders whose amount could not be valued (unknown token). */
  unvalued: number;
  /** Completed orders' amount in whole token units. */
  volume: string;
  /** Completed orders' fee in whole token units. */
  fees: string;
};

export type TWalletDayRow = { day: string; wallets: number };

/** A seller's completed volume in one token; `rank` counts within that token (1 = most volume). */
export type TSellerRow = { rank: number; chain: string; seller: string; symbol: string; completed: number; volume: string; disputes: number };

export type TDayPoint = { day: string; label: string; orders: number; completed: number; disputes: number; disputePct: number };
export type TMoneyPoint = { day: string; label: string; volume: number; fees: number };
export type TMoneySeries = { symbol: string; volume: string; fees: string; days: TMoneyPoint[]; exact: { day: string; volume: string; fees: string }[] };
export type TGrowthPoint = { day: string; label: string; wallets: number; cumulative: number };
export type TChainRow = { chain: string; orders: number; completed: number; disputes: number; volume: { symbol: string; amount: string }[] };

/** The UTC day of a time as "YYYY-MM-DD". */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** 00:00 UTC of the first day of a window of `days` days that ends today. */
export function windowStart(now: Date, days = WINDOW_DAYS): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * DAY_MS);
}

/** The window's days, oldest first, today last. */
export function windowDays(now: Date, days = WINDOW_DAYS): string[] {
  const start = windowStart(now, days).getTime();
  return Array.from({ length: days }, (_, i) => utcDay(new Date(start + i * DAY_MS)));
}

/** The share in percent with one decimal, 0 for no orders (the same rounding as RB-04's rate). */
export function pct(part: number, whole: number): number {
  return whole ? Math.round((1000 * part) / whole) / 10 : 0;
}

const SCALE = 1_000_000n;

/** A whole-unit decimal string ("12.5", "-0.000001") as millionths; more than 6 decimals are cut. */
export function toMicros(value: string): bigint {
  const text = value.trim();
  const isNegative = text.startsWith("-");
  const [int = "0", frac = ""] = text.replace(/^[-+]/, "").split(".");
  const micros = BigInt(int || "0") * SCALE + BigInt((frac + "000000").slice(0, 6));
  return isNegative ? -micros : micros;
}

/** Millionths back to a plain decimal string without trailing zeros ("12.5", "3"). */
export function fromMicros(micros: bigint): string {
  const isNegative = micros < 0n;
  const abs = isNegative ? -micros : micros;
  const frac = (abs % SCALE).toString().padStart(6, "0").replace(/0+$/, "");
  return `${isNegative ? "-" : ""}${abs / SCALE}${frac ? `.${frac}` : ""}`;
}

function sumDecimals(values: Iterable<string>): string {
  let total = 0n;
  for (const v of values) total += toMicros(v);
  return fromMicros(total);
}

const label = (day: string) => day.slice(5);

/** Orders created, completed and disputed per day over the window, all chains and tokens together. */
export function daySeries(rows: readonly TOrderDayRow[], opts: { now: Date; days?: number }): TDayPoint[] {
  const byDay = new Map<string, { orders: number; completed: number; disputes: number }>();
  for (const r of rows) {
    const d = byDay.get(r.day) ?? { orders: 0, completed: 0, disputes: 0 };
    d.orders += r.orders;
    d.completed += r.completed;
    d.disputes += r.disputes;
    byDay.set(r.day, d);
  }
  return windowDays(opts.now, opts.days).map((day) => {
    const d = byDay.get(day) ?? { orders: 0, completed: 0, disputes: 0 };
    return { day, label: label(day), ...d, disputePct: pct(d.disputes, d.orders) };
  });
}

/** Volume and fees of completed orders per day, one series per token symbol (most volume first). */
export function moneySeries(rows: readonly TOrderDayRow[], opts: { now: Date; days?: number }): TMoneySeries[] {
  const bySymbol = new Map<string, Map<string, { volume: bigint; fees: bigint }>>();
  for (const r of rows) {
    if (r.symbol === null) continue;
    const days = bySymbol.get(r.symbol) ?? new Map<string, { volume: bigint; fees: bigint }>();
    const d = days.get(r.day) ?? { volume: 0n, fees: 0n };
    d.volume += toMicros(r.volume);
    d.fees += toMicros(r.fees);
    days.set(r.day, d);
    bySymbol.set(r.symbol, days);
  }
  const all = windowDays(opts.now, opts.days);
  return [...bySymbol.entries()]
    .map(([symbol, days]) => {
      const exact = all.map((day) => {
        const d = days.get(day);
        return { day, volume: fromMicros(d?.volume ?? 0n), fees: fromMicros(d?.fees ?? 0n) };
      });
      return {
        symbol,
        volume: sumDecimals(exact.map((e) => e.volume)),
        fees: sumDecimals(exact.map((e) => e.fees)),
        exact,
        days: exact.map((e) => ({ day: e.day, label: label(e.day), volume: Number(e.volume), fees: Number(e.fees) })),
      };
    })
    .filter((s) => toMicros(s.volume) > 0n || toMicros(s.fees) > 0n)
    .sort((a, b) => (toMicros(b.volume) > toMicros(a.volume) ? 1 : toMicros(b.volume) < toMicros(a.volume) ? -1 : a.symbol.localeCompare(b.symbol)));
}

/** New wallets per day and the running total, starting from the wallets seen before the window. */
export function growthSeries(rows: readonly TWalletDayRow[], opts: { before: number; now: Date; days?: number }): TGrowthPoint[] {
  const byDay = new Map(rows.map((r) => [r.day, r.wallets]));
  let cumulative = opts.before;
  return windowDays(opts.now, opts.days).map((day) => {
    const wallets = byDay.get(day) ?? 0;
    cumulative += wallets;
    return { day, label: label(day), wallets, cumulative };
  });
}

/** Orders and completed volume per chain over the window, the busiest chain first. */
export function chainRows(rows: readonly TOrderDayRow[]): TChainRow[] {
  const byChain = new Map<string, { orders: number; completed: number; disputes: number; volume: Map<string, bigint> }>();
  for (const r of rows) {
    const c = byChain.get(r.chain) ?? { orders: 0, completed: 0, disputes: 0, volume: new Map<string, bigint>() };
    c.orders += r.orders;
    c.completed += r.completed;
    c.disputes += r.disputes;
    if (r.symbol !== null) c.volume.set(r.symbol, (c.volume.get(r.symbol) ?? 0n) + toMicros(r.volume));
    byChain.set(r.chain, c);
  }
  return [...byChain.entries()]
    .map(([chain, c]) => ({
      chain,
      orders: c.orders,
      completed: c.completed,
      disputes: c.disputes,
      volume: [...c.volume.entries()].filter(([, v]) => v > 0n).map(([symbol, v]) => ({ symbol, amount: fromMicros(v) })).sort((a, b) => a.symbol.localeCompare(b.symbol)),
    }))
    .sort((a, b) => b.orders - a.orders || a.chain.localeCompare(b.chain));
}

export type TTotals = { orders: number; completed: number; disputes: number; completionPct: number; disputePct: number; unvalued: number; newWallets: number };

export function totals(rows: readonly TOrderDayRow[], growth: readonly TGrowthPoint[]): TTotals {
  const sum = (key: "orders" | "completed" | "disputes" | "unvalued") => rows.reduce((n, r) => n + r[key], 0);
  const orders = sum("orders");
  const completed = sum("completed");
  const disputes = sum("disputes");
  return { orders, completed, disputes, completionPct: pct(completed, orders), disputePct: pct(disputes, orders), unvalued: sum("unvalued"), newWallets: growth.reduce((n, g) => n + g.wallets, 0) };
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────

// A plain decimal number cannot be a formula, and csvCell would prefix a negative one with ' and
// turn it into text; everything else (token symbols come from token contracts, wallets and chain
// keys from the chain) goes through csvCell's formula guard.
function cell(value: string | number): string {
  const text = String(value);
  return /^-?\d+(\.\d+)?$/.test(text) ? text : csvCell(text);
}

/** Header first, one line per row, a trailing newline. */
export function toCsv(header: readonly (string | number)[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n";
}

/** A token symbol as part of a column name: letters and digits only. */
function symbolColumn(symbol: string): string {
  return symbol.replace(/[^A-Za-z0-9]/g, "_").slice(0, 20) || "token";
}

export function dailyCsv(days: readonly TDayPoint[], money: readonly TMoneySeries[]): string {
  const header = ["day", "orders_created", "orders_completed", ...money.flatMap((m) => [`volume_${symbolColumn(m.symbol)}`, `fees_${symbolColumn(m.symbol)}`])];
  return toCsv(
    header,
    days.map((d, i) => [d.day, d.orders, d.completed, ...money.flatMap((m) => [m.exact[i]?.volume ?? "0", m.exact[i]?.fees ?? "0"])]),
  );
}

export function growthCsv(points: readonly TGrowthPoint[]): string {
  return toCsv(["day", "new_wallets", "cumulative_wallets"], points.map((p) => [p.day, p.wallets, p.cumulative]));
}

export function disputesCsv(days: readonly TDayPoint[], thresholdPct: number): string {
  return toCsv(["day", "orders_created", "disputed", "dispute_rate_pct", "above_threshold"], days.map((d) => [d.day, d.orders, d.disputes, d.disputePct, d.disputePct > thresholdPct ? "yes" : "no"]));
}

export function chainsCsv(rows: readonly TChainRow[]): string {
  const symbols = [...new Set(rows.flatMap((r) => r.volume.map((v) => v.symbol)))].sort();
  return toCsv(
    ["chain", "orders_created", "orders_completed", "disputed", ...symbols.map((s) => `volume_${symbolColumn(s)}`)],
    rows.map((r) => [r.chain, r.orders, r.completed, r.disputes, ...symbols.map((s) => r.volume.find((v) => v.symbol === s)?.amount ?? "0")]),
  );
}

export function sellersCsv(rows: readonly TSellerRow[]): string {
  return toCsv(["rank", "chain", "seller", "token", "completed_orders", "volume", "disputed_orders"], rows.map((r) => [r.rank, r.chain, r.seller, r.symbol, r.completed, r.volume, r.disputes]));
}
