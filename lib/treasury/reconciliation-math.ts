import { formatUnits, parseUnits } from "ethers";
import { csvCell } from "@/lib/audit/export";

// The pure side of the fee reconciliation (escrow guide §8): which fee transfer belongs to which
// completed order, a day's status, whole-unit rows, the chart points and the CSV. No I/O here.

export const DAY_MS = 86_400_000;

export type TDayStatus = "ok" | "mismatch" | "open" | "waiting";

/** The UTC day of a time as "YYYY-MM-DD". */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** 00:00 UTC of a time's day. */
export function dayStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** A tolerance in whole units (0.01 USDT) as the token's base units, never below zero; digits past the token's precision are dropped. */
export function toleranceBase(wholeUnits: number, decimals: number): bigint {
  if (!Number.isFinite(wholeUnits) || wholeUnits <= 0) return 0n;
  const text = String(wholeUnits).includes("e") ? wholeUnits.toFixed(20) : String(wholeUnits);
  const [int = "0", frac = ""] = text.split(".");
  const kept = frac.slice(0, decimals);
  return parseUnits(kept ? `${int}.${kept}` : int, decimals);
}

export type TFeeTransfer = { txHash: string; logIndex: number; to: string; value: bigint };
export type TCompletion = { txHash: string; logIndex: number; fee: bigint };

/**
 * Fees that went to addresses other than the treasury accounts: { address: base units }.
 *
 * The rule: the escrow's _payOut pays the seller (amount − fee), then the fee to `treasury`, then
 * emits OrderCompleted — all in one transaction. So an order's fee transfer is the LAST transfer
 * of the token out of the escrow that comes before its OrderCompleted log in the same
 * transaction, and its value equals the event's fee. Position, not value alone, decides: the
 * seller's payout could equal the fee (a 50 % fee is impossible today, but a batch transaction
 * completing several orders would otherwise let one order's fee match another's payout). A
 * transfer already matched to an earlier event is not reused. When the value does not match,
 * nothing is attributed: the difference still shows as expected − received.
 */
export function feesElsewhere(args: { completions: TCompletion[]; escrowOutflows: TFeeTransfer[]; treasury: ReadonlySet<string> }): Record<string, bigint> {
  const byTx = new Map<string, TFeeTransfer[]>();
  for (const t of args.escrowOutflows) {
    const list = byTx.get(t.txHash) ?? [];
    list.push(t);
    byTx.set(t.txHash, list);
  }
  const used = new Set<string>();
  const out: Record<string, bigint> = {};
  const ordered = [...args.completions].sort((a, b) => (a.txHash === b.txHash ? a.logIndex - b.logIndex : a.txHash < b.txHash ? -1 : 1));
  for (const c of ordered) {
    if (c.fee <= 0n) continue;
    const before = (byTx.get(c.txHash) ?? []).filter((t) => t.logIndex < c.logIndex && !used.has(`${t.txHash}:${t.logIndex}`)).sort((a, b) => b.logIndex - a.logIndex);
    const fee = before[0];
    if (!fee || fee.value !== c.fee) continue;
    used.add(`${fee.txHash}:${fee.logIndex}`);
    const to = fee.to.toLowerCase();
    if (!args.treasury.has(to)) out[to] = (out[to] ?? 0n) + fee.value;
  }
  return out;
}

export type TStoredDay = {
  day: string;
  fromBlock: bigint;
  toBlock: bigint;
  expectedFees: bigint;
  feesReceived: bigint;
  isFinal: boolean;
};

/**
 * A day's status. The stored range only ever covers blocks the event sync had read when it was
 * computed (toBlock < fromBlock: none yet), so expected and received describe the same blocks
 * and a difference beyond the tolerance is a real one, even on a day still running.
 * - waiting: nothing of the day synced yet, or the day is over but the sync has not passed its end;
 * - mismatch: |expected − received| above the tolerance;
 * - open: today, in line so far;
 * - ok: a finished day, in line.
 */
export function dayStatus(row: TStoredDay, opts: { today: string; tolerance: bigint }): TDayStatus {
  if (row.toBlock < row.fromBlock) return "waiting";
  const diff = row.expectedFees - row.feesReceived;
  if ((diff < 0n ? -diff : diff) > opts.tolerance) return "mismatch";
  if (row.day >= opts.today) return "open";
  return row.isFinal ? "ok" : "waiting";
}

export type TRawRow = TStoredDay & {
  token: string;
  symbol: string;
  decimals: number;
  completedOrders: number;
  opening: bigint;
  closing: bigint;
  otherIn: bigint;
  otherOut: bigint;
  feesElsewhere: Record<string, bigint>;
};

export type TReconciliationRow = {
  day: string;
  token: string;
  symbol: string;
  fromBlock: string;
  toBlock: string;
  completedOrders: number;
  expected: string;
  received: string;
  otherIn: string;
  otherOut: string;
  opening: string;
  closing: string;
  /** expected − received, in whole units; positive: fees missing from the treasury. */
  difference: string;
  /** closing − (opening + received + other in − other out): non-zero means a movement the logs did not show. */
  unexplained: string;
  status: TDayStatus;
  isFinal: boolean;
  elsewhere: { address: string; amount: string }[];
};

/** A stored day in whole units, with its status. */
export function toRow(raw: TRawRow, opts: { today: string; tolerance: bigint }): TReconciliationRow {
  const whole = (v: bigint) => formatUnits(v, raw.decimals);
  const isEmpty = raw.toBlock < raw.fromBlock;
  return {
    day: raw.day,
    token: raw.token,
    symbol: raw.symbol,
    fromBlock: raw.fromBlock.toString(),
    toBlock: raw.toBlock.toString(),
    completedOrders: raw.completedOrders,
    expected: whole(raw.expectedFees),
    received: whole(raw.feesReceived),
    otherIn: whole(raw.otherIn),
    otherOut: whole(raw.otherOut),
    opening: whole(raw.opening),
    closing: whole(raw.closing),
    difference: whole(raw.expectedFees - raw.feesReceived),
    unexplained: isEmpty ? "0.0" : whole(raw.closing - (raw.opening + raw.feesReceived + raw.otherIn - raw.otherOut)),
    status: dayStatus(raw, opts),
    isFinal: raw.isFinal,
    elsewhere: Object.entries(raw.feesElsewhere)
      .filter(([, v]) => v > 0n)
      .sort(([, a], [, b]) => (b > a ? 1 : b < a ? -1 : 0))
      .map(([address, v]) => ({ address, amount: whole(v) })),
  };
}

export type TChartPoint = { day: string; label: string; expected: number; received: number };

/**
 * One token's expected and received fees per day over `days` days ending today; a day without a
 * row shows as 0 (a chart with gaps reads as "no data"). Numbers are for drawing only.
 */
export function chartPoints(rows: readonly TReconciliationRow[], opts: { token: string; days: number; now: Date }): TChartPoint[] {
  const byDay = new Map(rows.filter((r) => r.token === opts.token).map((r) => [r.day, r]));
  const start = dayStart(opts.now).getTime() - (opts.days - 1) * DAY_MS;
  return Array.from({ length: opts.days }, (_, i) => {
    const day = utcDay(new Date(start + i * DAY_MS));
    const r = byDay.get(day);
    return { day, label: day.slice(5), expected: Number(r?.expected ?? 0), received: Number(r?.received ?? 0) };
  });
}

export const CSV_COLUMNS = ["day", "token", "symbol", "from_block", "to_block", "completed_orders", "expected_fees", "fees_received", "difference", "other_in", "other_out", "opening", "closing", "status", "fees_elsewhere"] as const;

// Amounts pass as they are: csvCell would prefix a negative difference with ' (its formula guard),
// and a spreadsheet would then read it as text. A plain decimal number cannot be a formula; every
// other value (the token's symbol comes from its contract) goes through the guard.
function cell(value: string | number): string {
  const text = String(value);
  return /^-?\d+(\.\d+)?$/.test(text) ? text : csvCell(text);
}

/** The table as CSV (header first, newest day first as given), amounts in whole units. */
export function reconciliationCsv(rows: readonly TReconciliationRow[]): string {
  const lines = rows.map((r) =>
    [r.day, r.token, r.symbol, r.fromBlock, r.toBlock, r.completedOrders, r.expected, r.received, r.difference, r.otherIn, r.otherOut, r.opening, r.closing, r.status, r.elsewhere.map((e) => `${e.address}:${e.amount}`).join(" ")]
      .map(cell)
      .join(","),
  );
  return [CSV_COLUMNS.join(","), ...lines].join("\n") + "\n";
}
