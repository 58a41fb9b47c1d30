// Display helpers shared by the dispute pages (pure, safe on server and client).

/** "5,250.5 USDT"; an amount not yet valued says so. */
export function formatAmount(value: string | null, symbol: string | null): string {
  if (value === null) return "amount pending";
  const n = Number(value);
  const text = Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: 6 }) : value;
  return symbol ? `${text} ${symbol}` : text;
}

/** "3 h 20 min", "2 d 4 h": how long a dispute has waited. */
export function ageLabel(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Age against the SLA: ok under half of it, warn until it is due, crit past it. */
export function ageTone(ms: number, slaHours: number): "ok" | "warn" | "crit" {
  const share = ms / (slaHours * 3_600_000);
  return share >= 1 ? "crit" : share >= 0.5 ? "warn" : "ok";
}

export function shortWallet(w: string): string {
  return w.length > 14 ? `${w.slice(0, 6)}…${w.slice(-4)}` : w;
}

export const STATUS_LABEL: Record<string, string> = {
  disputed: "Open",
  resolved_buyer: "Resolved · buyer",
  resolved_seller: "Resolved · seller",
};
