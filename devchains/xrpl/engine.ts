import { decode, deriveAddress, hashes, verifySignature } from "xrpl";
import { FEES, type TAccountFields, type TAccountRoot, type TMetaNode, type TTxJson, type TTxMeta, type TTxRecord, type XrplLedgerState } from "./ledger";
import { isApplied, RpcError, RpcRawError, type TEngineResult } from "./results";
import { LSF, TRANSACTORS, type TApplyContext } from "./transactors";

// `submit` for the dev ledger: the checks rippled runs on a signed blob, in rippled's order
// (signature, preflight, sequence, LastLedgerSequence, fee, signing key, then the transaction's own
// rules), and only tes/tec results reach the open ledger. A tec claims the fee and uses up the
// sequence but changes nothing else, which is what makes a stuck sequence impossible.

export type TSubmitOutcome = {
  result: TEngineResult;
  isApplied: boolean;
  hash: string;
  blob: string;
  tx: TTxJson;
  record?: TTxRecord;
};

const REQUIRED_FIELDS = ["TransactionType", "Account", "Fee", "Sequence", "SigningPubKey"] as const;

function decodeBlob(blob: unknown): TTxJson {
  if (typeof blob !== "string" || !/^(?:[0-9A-Fa-f]{2})+$/.test(blob)) throw new RpcError("invalidParams");
  let tx: Record<string, unknown>;
  try {
    tx = decode(blob);
  } catch (error) {
    // rippled answers a blob it cannot deserialize with this hand-built error, without a code.
    throw new RpcRawError({ error: "invalidTransaction", error_exception: error instanceof Error ? error.message : String(error) });
  }
  const missing = REQUIRED_FIELDS.find((field) => tx[field] === undefined);
  if (missing) throw new RpcRawError({ error: "invalidTransaction", error_exception: `Field '${missing}' is required but missing.` });
  return tx as TTxJson;
}

function hasValidSignature(tx: TTxJson, blob: string): boolean {
  if (typeof tx.TxnSignature !== "string" || !tx.SigningPubKey) return false;
  try {
    return verifySignature(blob);
  } catch {
    return false; // a malformed signature or key is just a bad signature
  }
}

/** Checks no transaction type overrides: sequence, expiry, duplicates, fee and signing key. */
function checkCommon(opts: { ledger: XrplLedgerState; tx: TTxJson; hash: string; baseFee: bigint }): TEngineResult | undefined {
  const { ledger, tx } = opts;
  const account = ledger.account(tx.Account);
  if (!account) return "terNO_ACCOUNT";
  if (tx.TicketSequence !== undefined) return "tefNO_TICKET"; // no tickets exist on this ledger
  // Sequences are strict: an old one can never be replayed, a future one waits for the gap.
  if (tx.Sequence < account.Sequence) return "tefPAST_SEQ";
  if (tx.Sequence > account.Sequence) return "terPRE_SEQ";
  if (typeof tx.LastLedgerSequence === "number" && tx.LastLedgerSequence < ledger.currentIndex) return "tefMAX_LEDGER";
  if (ledger.findTx(opts.hash)) return "tefALREADY";
  const fee = BigInt(tx.Fee);
  if (fee < opts.baseFee) return "telINSUF_FEE_P";
  if (account.Balance < fee) return "terINSUF_FEE_B";
  if (Array.isArray(tx.Signers)) return "tefNOT_MULTI_SIGNING"; // no account has a signer list here
  const signer = deriveAddress(String(tx.SigningPubKey));
  if (account.RegularKey === signer) return undefined;
  if (signer === tx.Account) return account.Flags & LSF.disableMaster ? "tefMASTER_DISABLED" : undefined;
  return "tefBAD_AUTH";
}

function accountFields(account: TAccountRoot): TAccountFields {
  return {
    Account: account.Account,
    Balance: account.Balance.toString(),
    Flags: account.Flags,
    OwnerCount: account.OwnerCount,
    ...(account.RegularKey ? { RegularKey: account.RegularKey } : {}),
    Sequence: account.Sequence,
  };
}

/** rippled's metadata: one node per touched AccountRoot, ordered by ledger object id. */
function buildMeta(opts: { before: Map<string, TAccountRoot | undefined>; after: Map<string, TAccountRoot>; result: TEngineResult; index: number }): TTxMeta {
  const nodes = [...opts.after.values()].map((account): [string, TMetaNode] => {
    const LedgerIndex = hashes.hashAccountRoot(account.Account);
    const previous = opts.before.get(account.Account);
    const final = accountFields(account);
    if (!previous) {
      const NewFields = Object.fromEntries(Object.entries(final).filter(([, value]) => value !== 0));
      return [LedgerIndex, { CreatedNode: { LedgerEntryType: "AccountRoot", LedgerIndex, NewFields } }];
    }
    const prior = accountFields(previous);
    const PreviousFields = Object.fromEntries(Object.entries(prior).filter(([key, value]) => final[key] !== value));
    const node = { FinalFields: final, LedgerEntryType: "AccountRoot" as const, LedgerIndex, PreviousFields };
    return [LedgerIndex, { ModifiedNode: { ...node, PreviousTxnID: previous.PreviousTxnID, PreviousTxnLgrSeq: previous.PreviousTxnLgrSeq } }];
  });
  nodes.sort(([a], [b]) => (a < b ? -1 : 1));
  return { AffectedNodes: nodes.map(([, node]) => node), TransactionIndex: opts.index, TransactionResult: opts.result };
}

type TChanges = { before: Map<string, TAccountRoot | undefined>; after: Map<string, TAccountRoot> };

/** The engine result and, once the fee is claimed, the accounts as they were and as they become. */
function evaluate(ledger: XrplLedgerState, tx: TTxJson, hash: string): { result: TEngineResult; changes?: TChanges } {
  const before = new Map<string, TAccountRoot | undefined>();
  const after = new Map<string, TAccountRoot>();
  const get = (address: string) => (after.has(address) ? after.get(address) : ledger.account(address));
  const set = (account: TAccountRoot) => {
    if (!before.has(account.Account)) before.set(account.Account, ledger.account(account.Account));
    after.set(account.Account, account);
  };
  const isMasterSigned = !Array.isArray(tx.Signers) && deriveAddress(String(tx.SigningPubKey)) === tx.Account;
  const transactor = TRANSACTORS[tx.TransactionType];
  if (!transactor) return { result: "temDISABLED" }; // types this ledger does not model
  if (tx.NetworkID !== undefined) return { result: "telNETWORK_ID_MAKES_TX_NON_CANONICAL" };
  if (xrpFee(tx.Fee) === undefined) return { result: "temBAD_FEE" };
  const preflight = transactor.preflight(tx);
  if (preflight) return { result: preflight };

  const source = ledger.account(tx.Account);
  const ctx: TApplyContext = { ledger, tx, priorBalance: source?.Balance ?? 0n, isMasterSigned, get, set };
  const baseFee = source && transactor.baseFee ? transactor.baseFee(ctx) : FEES.base;
  const common = checkCommon({ ledger, tx, hash, baseFee });
  if (common) return { result: common };

  // From here on the fee is claimed and the sequence consumed, whatever the outcome.
  set({ ...source!, Balance: source!.Balance - BigInt(tx.Fee), Sequence: source!.Sequence + 1 });
  const claimOnly = new Map(after);
  const result = transactor.preclaim?.(ctx) ?? transactor.apply(ctx);
  if (result.startsWith("tec")) {
    after.clear();
    for (const [address, account] of claimOnly) after.set(address, account);
  }
  return { result, changes: { before, after } };
}

function xrpFee(fee: unknown): bigint | undefined {
  return typeof fee === "string" && /^\d+$/.test(fee) ? BigInt(fee) : undefined;
}

/** Runs a signed blob against the open ledger, applying it when the result is tes or tec. */
export function submitBlob(opts: { ledger: XrplLedgerState; blob: unknown; isFailHard?: boolean }): TSubmitOutcome {
  const tx = decodeBlob(opts.blob);
  const blob = String(opts.blob).toUpperCase();
  const hash = hashes.hashSignedTx(blob).toUpperCase();
  // A multi-signed blob carries its signatures in Signers; it fails later for want of a signer list.
  if (!Array.isArray(tx.Signers) && !hasValidSignature(tx, blob)) return { result: "temBAD_SIGNATURE", isApplied: false, hash, blob, tx };

  const evaluation = evaluate(opts.ledger, tx, hash);
  // fail_hard: a tec must not claim the fee either, it is simply rejected.
  const isApplying = isApplied(evaluation.result) && !(opts.isFailHard && evaluation.result.startsWith("tec"));
  if (!isApplying || !evaluation.changes) return { result: evaluation.result, isApplied: false, hash, blob, tx };

  const meta = buildMeta({ ...evaluation.changes, result: evaluation.result, index: opts.ledger.openTxs.length });
  const record: TTxRecord = { hash, blob, tx, meta, ledgerIndex: opts.ledger.currentIndex };
  opts.ledger.commit(record);
  return { result: evaluation.result, isApplied: true, hash, blob, tx, record };
}
