import "server-only";
import { Wallet, XrplError, convertStringToHex, decode, dropsToXrp, isValidClassicAddress, type AccountInfoResponse, type Payment } from "xrpl";
import type { TPrisma } from "@/lib/db/prisma";
import { OperationError, StillPendingError } from "@/lib/operations/result";
import { ChainCallError, rippledAnswer } from "@/lib/chains/failover";
import { xrplCall, type TXrplChain } from "@/lib/chains/xrpl";

// Exactly-once XRP payments, the XRPL twin of evm-send.ts. The order matters:
//   1. check what the ledger would refuse anyway (unfunded wallet, missing destination tag…),
//   2. sign with a Sequence chosen under a per-signer lock and RECORD the signed blob,
//   3. submit, 4. wait until a validated ledger holds it.
// A retry (a restart after a crash, a second click) finds the record by its intent key and looks
// the hash up, resubmitting the very same blob while it can still get in. One signed blob is
// applied at most once, and its LastLedgerSequence bounds how long it can get in: once a validated
// ledger passes it and the blob is provably in none of them, nothing was paid and a NEW intent may pay.

export type TXrplSendResult = { chain: "xrpl"; txHash: string; ledgerIndex: number; from: string; sequence: number; deliveredDrops: string };

export type TXrplPayment = {
  db: TPrisma;
  chain: TXrplChain;
  /** Unique per intended payment, e.g. "faucet:<requestId>". */
  intentKey: string;
  executionId?: string | null;
  purpose: string;
  /** The signing wallet's seed: server memory only, never stored, logged or returned. */
  seed: string;
  /** A classic address ("r…"). */
  destination: string;
  /** Drops, as an integer string. */
  amountDrops: string;
  destinationTag?: number;
  /** Plain text, hex-encoded into the payment's Memos. */
  memo?: string;
};

type TPhase = "recorded" | "submitted";
type TPhaseInfo = { intentKey: string; txHash: string; sequence: number };
type TPhaseListener = (phase: TPhase, info: TPhaseInfo) => void | Promise<void>;

const CHAIN = "xrpl";
/** Ledgers a signed blob stays valid for (about a minute on mainnet, where a ledger closes every 3–4 s). */
const LEDGER_MARGIN = 20;
/** Above this the payment waits in the queue (or expires) rather than overpaying in a fee spike. */
const MAX_FEE_DROPS = 10_000n;
const MAX_DROPS = 100_000_000_000n * 1_000_000n;
const MAX_MEMO_BYTES = 512;
const VALIDATION_TIMEOUT_MS = 30_000;
const POLL_MS = 400;
/** rippled answers at most this many ledgers per ranged `tx` lookup. */
const MAX_LOOKUP_RANGE = 1_000;
const LSF_REQUIRE_DEST_TAG = 0x0002_0000;
// Not a refusal of the blob: it is already in a ledger, or its sequence is gone (the next look says
// which), or it waits for an earlier sequence, or it is about to expire.
const NOT_REFUSED_TEF = new Set(["tefPAST_SEQ", "tefALREADY", "tefMAX_LEDGER"]);

const TEC_REASONS: Record<string, string> = {
  tecUNFUNDED_PAYMENT: "the wallet's balance does not cover the amount above its reserve",
  tecNO_DST_INSUF_XRP: "the destination does not exist and the amount is below the reserve needed to create it",
  tecDST_TAG_NEEDED: "the destination requires a destination tag",
  tecNO_DST: "the destination does not exist",
  tecNO_PERMISSION: "the destination does not accept this payment (deposit authorization)",
};

const phaseListeners = new Set<TPhaseListener>();

/** Observes every payment's phases in this process (progress, metrics; the crash tests stop the process here). */
export function onXrplSendPhase(listener: TPhaseListener): () => void {
  phaseListeners.add(listener);
  return () => phaseListeners.delete(listener);
}

async function announce(p: TXrplPayment, phase: TPhase, info: { txHash: string; sequence: number }) {
  for (const listener of phaseListeners) await listener(phase, { intentKey: p.intentKey, ...info });
}

export async function sendXrpPaymentOnce(p: TXrplPayment): Promise<TXrplSendResult> {
  const amount = checkInput(p);
  const existing = await p.db.chainTransaction.findUnique({ where: { intentKey: p.intentKey } });
  if (existing) return resumeOrWait(p, existing);

  const wallet = walletFromSeed(p.seed);
  const from = wallet.classicAddress;
  if (from === p.destination) throw new OperationError("INVALID_INPUT", "A wallet cannot pay itself");

  // 1. What autofill would read, and what the ledger would refuse anyway, before anything is recorded.
  const [fee, server, destination] = await unrecorded(p.chain, () =>
    Promise.all([
      xrplCall(p.chain, "fee", (c) => c.request({ command: "fee" })),
      xrplCall(p.chain, "server_info", (c) => c.request({ command: "server_info" })),
      accountOrNull(p.chain, p.destination, "current"),
    ]),
  );
  const validated = server.result.info.validated_ledger;
  if (!validated) throw new OperationError("FAILED", `Nothing was sent: ${p.chain.name} has no validated ledger yet`);
  const reserveBase = xrpToDropsExact(validated.reserve_base_xrp);
  const reserveInc = xrpToDropsExact(validated.reserve_inc_xrp);
  const openFee = maxOf(BigInt(fee.result.drops.open_ledger_fee), BigInt(fee.result.drops.base_fee));
  const feeDrops = openFee > MAX_FEE_DROPS ? MAX_FEE_DROPS : openFee;
  if (!destination && amount < reserveBase) {
    throw new OperationError("FAILED", `Nothing was sent: ${p.destination} does not exist yet, and creating it takes at least ${dropsToXrp(reserveBase.toString())} XRP`);
  }
  if (destination && destination.account_data.Flags & LSF_REQUIRE_DEST_TAG && p.destinationTag === undefined) {
    throw new OperationError("FAILED", `Nothing was sent: ${p.destination} requires a destination tag`);
  }

  // 2. Sequence under a per-signer advisory lock, so two payments at once never sign the same one;
  //    the signed blob is committed before it is submitted.
  const recorded = await p.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`xrpl-seq:${from}`}))`;
    const again = await tx.chainTransaction.findUnique({ where: { intentKey: p.intentKey } });
    if (again) return again;
    const account = await unrecorded(p.chain, () => accountOrNull(p.chain, from, "current"));
    if (!account) throw new OperationError("FAILED", `Nothing was sent: the signing wallet ${from} is not funded on ${p.chain.name}`);
    const onChain = account.account_data.Sequence;
    const currentLedger = account.ledger_current_index ?? validated.seq + 1;
    // A recorded, unfinished blob at or above the account's Sequence is still going to be submitted
    // (a retry resubmits it): it holds its sequence and the XRP it sends. One whose last ledger is
    // already validated can never get in, so it holds nothing; skipping it fills the gap it would
    // otherwise leave, which would hold back every later payment from this wallet.
    const unfinished = await tx.chainTransaction.findMany({
      where: { chain: CHAIN, fromAddress: from, status: { in: ["SIGNED", "SUBMITTED"] }, nonce: { gte: BigInt(onChain) } },
      select: { nonce: true, signedTx: true },
    });
    const live = unfinished.map((r) => blobFields(r.signedTx)).filter((b) => b.lastLedger === undefined || b.lastLedger > validated.seq);
    const taken = new Set(live.map((b) => b.sequence));
    let sequence = onChain;
    while (taken.has(sequence)) sequence++;

    const outgoing = live.reduce((sum, b) => sum + b.amount + b.fee, 0n);
    const spendable = BigInt(account.account_data.Balance) - (reserveBase + reserveInc * BigInt(account.account_data.OwnerCount)) - outgoing;
    if (spendable < amount + feeDrops) {
      const can = spendable > 0n ? dropsToXrp(spendable.toString()) : 0;
      throw new OperationError("FAILED", `Nothing was sent: ${from} can spend ${can} XRP${outgoing ? " besides its payments in flight" : ""}, and this payment needs ${dropsToXrp((amount + feeDrops).toString())} XRP with the fee`);
    }

    const payment: Payment = {
      TransactionType: "Payment",
      Account: from,
      Destination: p.destination,
      Amount: amount.toString(),
      Fee: feeDrops.toString(),
      Sequence: sequence,
      LastLedgerSequence: currentLedger + LEDGER_MARGIN,
      ...(p.destinationTag !== undefined ? { DestinationTag: p.destinationTag } : {}),
      ...(p.memo ? { Memos: [{ Memo: { MemoData: convertStringToHex(p.memo), MemoFormat: convertStringToHex("text/plain") } }] } : {}),
      // Mainnet and testnet refuse a NetworkID; networks with an id above 1024 require it.
      ...(server.result.info.network_id !== undefined && server.result.info.network_id > 1024 ? { NetworkID: server.result.info.network_id } : {}),
    };
    let signed: { tx_blob: string; hash: string };
    try {
      signed = wallet.sign(payment);
    } catch (err) {
      // xrpl.js's own validation; its message names the field, never the key.
      throw new OperationError("FAILED", `Nothing was sent: the payment could not be signed (${err instanceof Error ? err.message : String(err)})`);
    }
    return tx.chainTransaction.create({
      data: {
        intentKey: p.intentKey,
        executionId: p.executionId ?? null,
        chain: CHAIN,
        purpose: p.purpose,
        fromAddress: from,
        toAddress: p.destination,
        nonce: BigInt(sequence),
        txHash: signed.hash,
        signedTx: signed.tx_blob,
      },
    });
  });
  await announce(p, "recorded", { txHash: recorded.txHash, sequence: Number(recorded.nonce) });
  return resumeOrWait(p, recorded);
}

/** Refusals that need no ledger: the payment could never be valid as asked. Returns the amount in drops. */
function checkInput(p: TXrplPayment): bigint {
  // The address is not echoed: a caller who swapped arguments could be passing the seed here.
  if (!isValidClassicAddress(p.destination)) throw new OperationError("INVALID_INPUT", "The destination is not a valid XRPL classic address (r…)");
  if (!/^[1-9]\d*$/.test(p.amountDrops)) throw new OperationError("INVALID_INPUT", "The amount must be a positive whole number of drops");
  const amount = BigInt(p.amountDrops);
  if (amount > MAX_DROPS) throw new OperationError("INVALID_INPUT", "The amount is larger than all XRP in existence");
  if (p.destinationTag !== undefined && !(Number.isInteger(p.destinationTag) && p.destinationTag >= 0 && p.destinationTag <= 0xffff_ffff)) {
    throw new OperationError("INVALID_INPUT", "The destination tag must be a whole number from 0 to 4294967295");
  }
  if (p.memo !== undefined && Buffer.byteLength(p.memo, "utf8") > MAX_MEMO_BYTES) {
    throw new OperationError("INVALID_INPUT", `The memo is longer than ${MAX_MEMO_BYTES} bytes`);
  }
  return amount;
}

function walletFromSeed(seed: string): Wallet {
  try {
    return Wallet.fromSeed(seed);
  } catch {
    // The codec's message may quote its input: say nothing about the seed but that it is unusable.
    throw new OperationError("FAILED", "Nothing was sent: the signing wallet's seed is not a valid XRPL seed");
  }
}

/** Before anything is recorded, a chain that does not answer (or refuses the question) is a plain failure: nothing was sent. */
async function unrecorded<T>(chain: TXrplChain, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ChainCallError) throw new OperationError("FAILED", `Nothing was sent: ${err.message}`);
    if (err instanceof XrplError || rippledAnswer(err)) throw new OperationError("FAILED", `Nothing was sent: ${chain.name} answered ${err instanceof Error ? err.message : String(err)}`);
    throw err;
  }
}

/** An account as of the open ("current") or the last validated ledger; null when that ledger does not have it. */
async function accountOrNull(chain: TXrplChain, address: string, ledger: "current" | "validated"): Promise<AccountInfoResponse["result"] | null> {
  try {
    const response = await xrplCall(chain, "account_info", (c) => c.request({ command: "account_info", account: address, ledger_index: ledger }));
    return response.result;
  } catch (err) {
    if (rippledError(err)?.error === "actNotFound") return null;
    throw err;
  }
}

/** The node's error answer (xrpl.js keeps the whole response on RippledError.data), by shape: class names do not survive the minified server bundle. */
const rippledError = rippledAnswer;

type TBlob = { sequence: number; lastLedger?: number; amount: bigint; fee: bigint; destination: string };

/** What the signed blob itself says: the record keeps nothing else about the payment. */
function blobFields(signedTx: string): TBlob {
  const tx = decode(signedTx) as { Sequence?: number; LastLedgerSequence?: number; Amount?: unknown; Fee?: string; Destination?: string };
  return {
    sequence: Number(tx.Sequence),
    lastLedger: typeof tx.LastLedgerSequence === "number" ? tx.LastLedgerSequence : undefined,
    amount: typeof tx.Amount === "string" ? BigInt(tx.Amount) : 0n,
    fee: BigInt(tx.Fee ?? "0"),
    destination: String(tx.Destination),
  };
}

function xrpToDropsExact(xrp: number): bigint {
  return BigInt(Math.round(xrp * 1_000_000));
}

function maxOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

type TRecord = { id: string; intentKey: string; txHash: string; signedTx: string; nonce: bigint; fromAddress: string; status: string; blockNumber: bigint | null; error: string | null };

/**
 * Once the blob is recorded, a chain that does not answer is not a failure: the payment may be on
 * its way. The caller keeps the intent open and asks again later with the same intent key.
 */
async function resumeOrWait(p: TXrplPayment, record: TRecord): Promise<TXrplSendResult> {
  try {
    return await resume(p, record);
  } catch (err) {
    if (err instanceof ChainCallError || err instanceof XrplError || rippledAnswer(err)) {
      throw new StillPendingError(`Payment ${record.txHash} is recorded but its outcome is unknown (${err instanceof Error ? err.message : String(err)}). OpsDeck keeps checking and finishes it when the ledger answers.`);
    }
    throw err;
  }
}

async function resume(p: TXrplPayment, record: TRecord): Promise<TXrplSendResult> {
  const blob = blobFields(record.signedTx);
  // One intent is one payment: a caller reusing its key for another payment has a bug, not a retry.
  // Not an OperationError, which tells callers nothing was paid (they may retry under a new key).
  if (blob.destination !== p.destination || blob.amount.toString() !== p.amountDrops) {
    throw new Error(`The intent ${record.intentKey} was already used for a different payment (${record.txHash})`);
  }
  const result = (ledgerIndex: number, deliveredDrops: string): TXrplSendResult => ({
    chain: CHAIN,
    txHash: record.txHash,
    ledgerIndex,
    from: record.fromAddress,
    sequence: Number(record.nonce),
    deliveredDrops,
  });
  // A validated XRP payment without tfPartialPayment (never set here) delivers exactly its Amount.
  if (record.status === "CONFIRMED") return result(Number(record.blockNumber), blob.amount.toString());
  if (record.status === "FAILED") throw new OperationError("FAILED", record.error ?? `Payment ${record.txHash} failed`);

  const seen = { lastResult: undefined as string | undefined };
  let outcome = await settle(p, record, blob, seen);
  if (!outcome) {
    await p.db.chainTransaction.update({ where: { id: record.id }, data: { status: "SUBMITTED", attempts: { increment: 1 } } });
    await announce(p, "submitted", { txHash: record.txHash, sequence: Number(record.nonce) });
    outcome = await untilValidated(p, record, blob, seen);
  }
  if (outcome.result !== "tesSUCCESS") {
    const reason = TEC_REASONS[outcome.result] ? ` (${TEC_REASONS[outcome.result]})` : "";
    return markFailed(p, record, `Payment ${record.txHash} failed in ledger ${outcome.ledgerIndex} with ${outcome.result}${reason}: the fee was spent, nothing was delivered`, outcome.ledgerIndex);
  }
  await p.db.chainTransaction.update({
    where: { id: record.id },
    data: { status: "CONFIRMED", blockNumber: BigInt(outcome.ledgerIndex), confirmedAt: new Date() },
  });
  return result(outcome.ledgerIndex, outcome.delivered ?? blob.amount.toString());
}

type TValidated = { ledgerIndex: number; result: string; delivered?: string };
type TLookup = { validated: false } | ({ validated: true } & TValidated) | { missing: true; searchedAll: boolean };

/** Looks the hash up; a range makes "not found" a proof (searched_all) when the node holds every ledger in it. */
async function lookup(chain: TXrplChain, hash: string, range?: { min: number; max: number }): Promise<TLookup> {
  try {
    const { result } = await xrplCall(chain, "tx", (c) => c.request({ command: "tx", transaction: hash, ...(range ? { min_ledger: range.min, max_ledger: range.max } : {}) }));
    if (!result.validated || typeof result.meta !== "object" || typeof result.ledger_index !== "number") return { validated: false };
    const delivered = result.meta.delivered_amount;
    return { validated: true, ledgerIndex: result.ledger_index, result: result.meta.TransactionResult, delivered: typeof delivered === "string" && /^\d+$/.test(delivered) ? delivered : undefined };
  } catch (err) {
    const answer = rippledError(err);
    if (answer?.error === "txnNotFound") return { missing: true, searchedAll: answer.searched_all === true };
    throw err;
  }
}

/**
 * One look at the payment. Validated: its outcome. In the open ledger: null (wait). Nowhere: when
 * it provably can never get in, it is marked FAILED (nothing was paid); otherwise the blob is
 * (re)submitted and null returned. `seen` keeps the last submit result for the expiry message.
 */
async function settle(p: TXrplPayment, record: TRecord, blob: TBlob, seen: { lastResult?: string }): Promise<TValidated | null> {
  const first = await lookup(p.chain, record.txHash);
  if (!("missing" in first)) return first.validated ? first : null;

  // Read what is final first, then look again: a blob absent from every ledger up to that point,
  // with that ledger past its LastLedgerSequence or its sequence used, can never be applied.
  const final = await accountOrNull(p.chain, record.fromAddress, "validated");
  const finalLedger = final?.ledger_index ?? 0;
  const lastLedger = blob.lastLedger ?? Number.MAX_SAFE_INTEGER;
  const max = Math.min(lastLedger, finalLedger);
  const min = Math.max(1, max - MAX_LOOKUP_RANGE + 1);
  const again = await lookup(p.chain, record.txHash, max >= 1 ? { min, max } : undefined);
  if (!("missing" in again)) return again.validated ? again : null;

  const isExpired = finalLedger >= lastLedger;
  const isSequenceUsed = (final?.account_data.Sequence ?? 0) > blob.sequence;
  if (isExpired || isSequenceUsed) {
    // Only a node that holds every ledger the blob could be in may say it is in none of them.
    if (!again.searchedAll) throw new StillPendingError(`Payment ${record.txHash} is not on the ledger, but ${p.chain.name} does not hold every ledger it could be in; OpsDeck keeps checking.`);
    const last = seen.lastResult ? ` (last submit result: ${seen.lastResult})` : "";
    if (isExpired) {
      return markFailed(p, record, `Payment ${record.txHash} expired unsent: validated ledger ${finalLedger} is past its last ledger ${lastLedger} and it is in none of them${last}. Nothing was paid; it may be tried again under a new intent key.`);
    }
    return markFailed(p, record, `Payment ${record.txHash} can never be applied: another transaction used sequence ${blob.sequence} of ${record.fromAddress}${last}. Nothing was paid; it may be tried again under a new intent key.`);
  }
  await submit(p, record, seen);
  return null;
}

/** Submits the recorded blob. Only a result that says the blob itself is unacceptable ends the payment. */
async function submit(p: TXrplPayment, record: TRecord, seen: { lastResult?: string }) {
  let engineResult: string;
  try {
    const { result } = await xrplCall(p.chain, "submit", (c) => c.request({ command: "submit", tx_blob: record.signedTx }));
    engineResult = result.engine_result;
  } catch (err) {
    if (rippledError(err)?.error === "invalidTransaction") return markFailed(p, record, `${p.chain.name} refused payment ${record.txHash} as invalid (${(err as Error).message}); nothing was sent`);
    throw err;
  }
  seen.lastResult = engineResult;
  // tes/tec: in the open ledger; ter/tel (terPRE_SEQ, terQUEUED, telINSUF_FEE_P…): not now, the next
  // look resubmits; tem: malformed for good; tef other than the ones above: this ledger refuses it.
  if (engineResult.startsWith("tem") || (engineResult.startsWith("tef") && !NOT_REFUSED_TEF.has(engineResult))) {
    return markFailed(p, record, `${p.chain.name} refused payment ${record.txHash} with ${engineResult}; nothing was sent`);
  }
}

/** Polls with ordinary (timed, failing-over) calls, resubmitting while the ledger has not taken the blob. */
async function untilValidated(p: TXrplPayment, record: TRecord, blob: TBlob, seen: { lastResult?: string }): Promise<TValidated> {
  const deadline = Date.now() + VALIDATION_TIMEOUT_MS;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const outcome = await settle(p, record, blob, seen);
    if (outcome) return outcome;
    if (Date.now() > deadline) throw new StillPendingError(`Payment ${record.txHash} is not validated yet; OpsDeck keeps checking and finishes it when it is.`);
  }
}

async function markFailed(p: TXrplPayment, record: TRecord, message: string, ledgerIndex?: number): Promise<never> {
  await p.db.chainTransaction.update({
    where: { id: record.id },
    data: { status: "FAILED", error: message, ...(ledgerIndex !== undefined ? { blockNumber: BigInt(ledgerIndex) } : {}) },
  });
  throw new OperationError("FAILED", message);
}
