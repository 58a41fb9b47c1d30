// Numbers as the business page shows them. Exact amounts stay in the CSV; on screen two decimals
// are enough to read a trend.

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** A whole-unit amount (decimal string or number) with at most two decimals: "12,345.67". */
export function amount(value: string | number): string {
  const n = Number(value);
  return Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: 2 }) : String(value);
}

const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 3 });
/** For axis ticks: "12.3K". */
export const compact = (n: number) => COMPACT.format(n);
