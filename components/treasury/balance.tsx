import { Badge, type TTone } from "@/components/ui/badge";
import type { TAccountRow, TBalanceState } from "@/lib/treasury/queries";

export const STATE_TONE: Record<TBalanceState, TTone> = { ok: "ok", warn: "warn", crit: "crit", stale: "warn", unread: "neutral" };

export function formatUnitsText(value: string | null, symbol: string): string {
  if (value === null) return "not read yet";
  const n = Number(value);
  return `${Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: 6 }) : value} ${symbol}`;
}

/** An account's balance state in words: below which line, stale, or OK. */
export function BalanceBadge({ account }: { account: Pick<TAccountRow, "state" | "warn" | "crit" | "symbol"> }) {
  const text =
    account.state === "crit" ? `below ${account.crit} ${account.symbol}` : account.state === "warn" ? `below ${account.warn} ${account.symbol}` : account.state === "stale" ? "stale" : account.state === "unread" ? "not read" : "OK";
  return <Badge tone={STATE_TONE[account.state]}>{text}</Badge>;
}
