import { encode, isValidClassicAddress } from "xrpl";
import { submitBlob } from "./engine";
import { FEES, type TTxRecord, type XrplLedgerState } from "./ledger";
import { engineResult, invalidField, missingField, RpcError } from "./results";
import { isoTime, txResultJson } from "./views";
import type { TParams } from "./methods";

// submit, tx and account_tx in their API v2 shapes.

export function submitMethod(params: TParams, ledger: XrplLedgerState) {
  // Signing on the server (tx_json + secret) is deprecated in rippled and not offered here.
  if (params.tx_blob === undefined) throw missingField("tx_blob");
  const outcome = submitBlob({ ledger, blob: params.tx_blob, isFailHard: params.fail_hard === true });
  const account = ledger.account(outcome.tx.Account);
  return {
    ...engineResult(outcome.result),
    accepted: outcome.isApplied,
    account_sequence_available: account?.Sequence ?? 0,
    account_sequence_next: account?.Sequence ?? 0,
    applied: outcome.isApplied,
    broadcast: outcome.isApplied,
    kept: outcome.isApplied,
    open_ledger_cost: FEES.base.toString(),
    queued: false,
    tx_blob: outcome.blob,
    tx_json: { ...outcome.tx, hash: outcome.hash },
    validated_ledger_index: ledger.validated.header.ledger_index,
  };
}

function closedLedgerOf(ledger: XrplLedgerState, record: TTxRecord) {
  return record.ledgerIndex < ledger.currentIndex ? ledger.closedLedger(record.ledgerIndex) : undefined;
}

function binaryEntry(ledger: XrplLedgerState, record: TTxRecord) {
  const closed = closedLedgerOf(ledger, record);
  const base = { hash: record.hash, tx_blob: record.blob, validated: Boolean(closed) };
  if (!closed) return base;
  const header = closed.header;
  return { ...base, close_time_iso: isoTime(header.close_time), ledger_hash: header.ledger_hash, ledger_index: header.ledger_index, meta_blob: encode(record.meta as never) };
}

export function txMethod(params: TParams, ledger: XrplLedgerState) {
  const hash = params.transaction;
  if (hash === undefined) throw new RpcError("invalidParams");
  // rippled answers a transaction id it cannot parse with notImpl, oddly but consistently.
  if (typeof hash !== "string" || !/^[0-9A-Fa-f]{64}$/.test(hash)) throw new RpcError("notImpl");
  const record = ledger.findTx(hash);
  if (!record) {
    const { min_ledger: min, max_ledger: max } = params;
    const isRange = typeof min === "number" && typeof max === "number";
    throw new RpcError("txnNotFound", { extra: isRange ? { searched_all: min >= 1 && max <= ledger.validated.header.ledger_index } : {} });
  }
  if (params.binary === true) return binaryEntry(ledger, record);
  return txResultJson(record, closedLedgerOf(ledger, record));
}

/** Paging position: the ledger and the transaction's index within it, as rippled's marker. */
type TMarker = { ledger: number; seq: number };
const position = (record: TTxRecord): TMarker => ({ ledger: record.ledgerIndex, seq: record.meta.TransactionIndex });
const compare = (a: TMarker, b: TMarker) => a.ledger - b.ledger || a.seq - b.seq;

function ledgerRange(params: TParams, ledger: XrplLedgerState): { min: number; max: number } {
  const validatedMax = ledger.validated.header.ledger_index;
  const hasRange = params.ledger_index_min !== undefined || params.ledger_index_max !== undefined;
  if (hasRange && (params.ledger_index !== undefined || params.ledger_hash !== undefined)) {
    throw new RpcError("invalidParams", { message: "invalidParams" });
  }
  if (params.ledger_index !== undefined || params.ledger_hash !== undefined) {
    const hash = params.ledger_hash;
    const index = params.ledger_index;
    const found =
      typeof hash === "string"
        ? ledger.ledgerByHash(hash)
        : index === "validated" || index === "closed"
          ? ledger.validated
          : ledger.closedLedger(Number(index));
    if (index === "current" || index === ledger.currentIndex) throw new RpcError("lgrNotValidated");
    if (!found) throw new RpcError("lgrNotFound", { message: "ledgerNotFound" });
    return { min: found.header.ledger_index, max: found.header.ledger_index };
  }
  // -1 (or nothing) means "from the first" / "up to the last" validated ledger.
  const min = typeof params.ledger_index_min === "number" && params.ledger_index_min >= 0 ? params.ledger_index_min : 1;
  const max = typeof params.ledger_index_max === "number" && params.ledger_index_max >= 0 ? params.ledger_index_max : validatedMax;
  if (max > validatedMax || min < 1) throw new RpcError("lgrIdxMalformed");
  if (max < min) throw new RpcError("invalidLgrRange");
  return { min, max };
}

function parseMarker(marker: unknown): TMarker | undefined {
  if (marker === undefined) return undefined;
  const m = marker as Partial<TMarker> | null;
  if (!m || typeof m !== "object" || !Number.isInteger(m.ledger) || !Number.isInteger(m.seq)) {
    throw new RpcError("invalidParams", {
      message: "invalid marker. Provide ledger index via ledger field, and transaction sequence number via seq field",
    });
  }
  return { ledger: m.ledger!, seq: m.seq! };
}

export function accountTxMethod(params: TParams, ledger: XrplLedgerState) {
  if (params.binary !== undefined && typeof params.binary !== "boolean") throw invalidField("binary");
  if (params.forward !== undefined && typeof params.forward !== "boolean") throw invalidField("forward");
  if (params.limit !== undefined && (!Number.isInteger(params.limit) || Number(params.limit) < 0)) {
    throw new RpcError("invalidParams", { message: "Invalid field 'limit', not unsigned integer." });
  }
  if (params.account === undefined) throw missingField("account");
  if (typeof params.account !== "string") throw invalidField("account");
  if (!isValidClassicAddress(params.account)) throw new RpcError("actMalformed");
  const range = ledgerRange(params, ledger);
  const marker = parseMarker(params.marker);
  const isForward = params.forward === true;
  // A local client is an admin to rippled, so its limit is taken as given (default 200).
  const limit = params.limit === undefined || params.limit === 0 ? 200 : Number(params.limit);

  let records = ledger.accountHistory(params.account).filter((r) => r.ledgerIndex >= range.min && r.ledgerIndex <= range.max);
  if (!isForward) records = [...records].reverse();
  if (marker) records = records.filter((r) => (isForward ? compare(position(r), marker) >= 0 : compare(position(r), marker) <= 0));
  const page = records.slice(0, limit);
  const next = records[limit];

  const transactions = page.map((record) => {
    if (params.binary === true) return binaryEntry(ledger, record);
    return txResultJson(record, ledger.closedLedger(record.ledgerIndex), { isCtid: false });
  });
  return {
    account: params.account,
    ledger_index_max: range.max,
    ledger_index_min: range.min,
    limit,
    ...(next ? { marker: position(next) } : {}),
    transactions,
    validated: true,
  };
}
