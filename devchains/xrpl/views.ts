import { FEES, type TClosedLedger, type TTxRecord } from "./ledger";

// JSON shapes of API version 2, as rippled writes them (LedgerToJson.cpp, Tx.cpp, AccountTx.cpp,
// NetworkOPs::transJson). xrpl.js 5 always asks for version 2.

const RIPPLE_EPOCH_MS = 946_684_800_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** rippled's `to_string(NetClock::time_point)`: "2024-Jan-15 12:34:50.000000000 UTC". */
export function humanTime(date: Date, fraction = "000000000"): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${date.getUTCFullYear()}-${MONTHS[date.getUTCMonth()]}-${pad(date.getUTCDate())}`;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${fraction} UTC`;
}

export function rippleDate(rippleTime: number): Date {
  return new Date(RIPPLE_EPOCH_MS + rippleTime * 1000);
}

export function isoTime(rippleTime: number): string {
  return rippleDate(rippleTime).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function ledgerHeaderJson(ledger: TClosedLedger) {
  const h = ledger.header;
  return {
    account_hash: h.account_hash,
    close_flags: h.close_flags,
    close_time: h.close_time,
    // The genesis ledger has no close time; rippled then leaves out the readable forms.
    ...(h.close_time === 0 ? {} : { close_time_human: humanTime(rippleDate(h.close_time)), close_time_iso: isoTime(h.close_time) }),
    close_time_resolution: h.close_time_resolution,
    closed: true,
    ledger_hash: h.ledger_hash,
    ledger_index: h.ledger_index,
    parent_close_time: h.parent_close_time,
    parent_hash: h.parent_hash,
    total_coins: h.total_coins.toString(),
    transaction_hash: h.transaction_hash,
  };
}

/** API v2 tx_json: no hash inside, and a Payment's Amount shows up as DeliverMax only. */
export function txJsonV2(record: TTxRecord, opts: { date?: number } = {}) {
  const { Amount, ...rest } = record.tx;
  const tx: Record<string, unknown> = record.tx.TransactionType === "Payment" ? { ...rest, DeliverMax: Amount } : { ...record.tx };
  if (opts.date !== undefined) tx.date = opts.date;
  return tx;
}

/** Metadata plus rippled's synthetic `delivered_amount`, given only for successful payments. */
export function metaJson(record: TTxRecord) {
  const isDelivered = record.tx.TransactionType === "Payment" && record.meta.TransactionResult === "tesSUCCESS";
  return isDelivered ? { ...record.meta, delivered_amount: record.tx.Amount } : { ...record.meta };
}

/** Concise transaction id (XLS-37): ledger, index in ledger, network id 0 (standalone). */
export function ctid(ledgerIndex: number, txIndex: number): string {
  const value = ((0xc000_0000n + BigInt(ledgerIndex)) << 32n) + (BigInt(txIndex) << 16n);
  return value.toString(16).toUpperCase().padStart(16, "0");
}

/** The `tx` answer; account_tx entries are the same without the ctid. */
export function txResultJson(record: TTxRecord, ledger: TClosedLedger | undefined, opts: { isCtid?: boolean } = {}) {
  // Still in the open ledger: rippled knows no ledger, metadata or close time for it yet.
  if (!ledger) return { hash: record.hash, tx_json: txJsonV2(record), validated: false };
  return {
    close_time_iso: isoTime(ledger.header.close_time),
    ...(opts.isCtid === false ? {} : { ctid: ctid(ledger.header.ledger_index, record.meta.TransactionIndex) }),
    hash: record.hash,
    ledger_hash: ledger.header.ledger_hash,
    ledger_index: ledger.header.ledger_index,
    meta: metaJson(record),
    tx_json: txJsonV2(record, { date: ledger.header.close_time }),
    validated: true,
  };
}

/** One transaction of a `ledger` answer with `expand: true`. */
export function ledgerTxJson(record: TTxRecord, ledger: TClosedLedger | undefined) {
  if (!ledger) return { hash: record.hash, meta: metaJson(record), tx_json: txJsonV2(record), validated: false };
  return {
    close_time_iso: isoTime(ledger.header.close_time),
    hash: record.hash,
    ledger_hash: ledger.header.ledger_hash,
    ledger_index: ledger.header.ledger_index,
    meta: metaJson(record),
    tx_json: txJsonV2(record),
    validated: true,
  };
}

/** A `transactions`/`accounts` stream message for a validated transaction. */
export function txStreamJson(record: TTxRecord, ledger: TClosedLedger, result: Record<string, unknown>) {
  return {
    type: "transaction",
    ...result,
    close_time_iso: isoTime(ledger.header.close_time),
    ctid: ctid(ledger.header.ledger_index, record.meta.TransactionIndex),
    hash: record.hash,
    ledger_hash: ledger.header.ledger_hash,
    ledger_index: ledger.header.ledger_index,
    meta: metaJson(record),
    status: "closed",
    tx_json: txJsonV2(record, { date: ledger.header.close_time }),
    validated: true,
  };
}

/** The fields rippled puts in a `ledgerClosed` stream message and in `subscribe`'s answer for the ledger stream. */
export function ledgerStreamFields(closed: TClosedLedger, validatedLedgers: string) {
  const { header } = closed;
  return {
    fee_base: Number(FEES.base),
    ledger_hash: header.ledger_hash,
    ledger_index: header.ledger_index,
    ledger_time: header.close_time,
    reserve_base: Number(FEES.reserveBase),
    reserve_inc: Number(FEES.reserveInc),
    validated_ledgers: validatedLedgers,
  };
}
