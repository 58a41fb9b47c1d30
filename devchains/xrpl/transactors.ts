import { FEES, reserveFor, type TAccountRoot, type TTxJson, type XrplLedgerState } from "./ledger";
import type { TEngineResult } from "./results";

// The transaction types this dev ledger applies: XRP Payment, AccountSet, SetRegularKey. Each check
// returns rippled's result for the same situation; `undefined` means "passes".

/** What a transactor sees while applying: reads and writes go through the engine's working set. */
export type TApplyContext = {
  ledger: XrplLedgerState;
  tx: TTxJson;
  /** The balance before the fee was taken: rippled's payment rules measure against it. */
  priorBalance: bigint;
  isMasterSigned: boolean;
  get: (address: string) => TAccountRoot | undefined;
  set: (account: TAccountRoot) => void;
};

export type TTransactor = {
  preflight: (tx: TTxJson) => TEngineResult | undefined;
  preclaim?: (ctx: TApplyContext) => TEngineResult | undefined;
  apply: (ctx: TApplyContext) => TEngineResult;
  /** The fee this transaction must pay; rippled lets a first SetRegularKey go free. */
  baseFee?: (ctx: Omit<TApplyContext, "priorBalance">) => bigint;
};

const TF_UNIVERSAL = 0x8000_0000 | 0x4000_0000; // tfFullyCanonicalSig | tfInnerBatchTxn
const TF_NO_RIPPLE_DIRECT = 0x0001_0000;
const TF_PARTIAL_PAYMENT = 0x0002_0000;
const TF_LIMIT_QUALITY = 0x0004_0000;

export const LSF = {
  passwordSpent: 0x0001_0000,
  requireDestTag: 0x0002_0000,
  requireAuth: 0x0004_0000,
  disallowXRP: 0x0008_0000,
  disableMaster: 0x0010_0000,
  noFreeze: 0x0020_0000,
  globalFreeze: 0x0040_0000,
  defaultRipple: 0x0080_0000,
  depositAuth: 0x0100_0000,
  disallowIncomingNFTokenOffer: 0x0400_0000,
  disallowIncomingCheck: 0x0800_0000,
  disallowIncomingPayChan: 0x1000_0000,
  disallowIncomingTrustline: 0x2000_0000,
  allowTrustLineClawback: 0x8000_0000,
} as const;

// AccountSet SetFlag/ClearFlag values (asf*) and the account flag each one drives.
const ASF_TO_LSF: Record<number, number> = {
  1: LSF.requireDestTag,
  2: LSF.requireAuth,
  3: LSF.disallowXRP,
  4: LSF.disableMaster,
  6: LSF.noFreeze,
  7: LSF.globalFreeze,
  8: LSF.defaultRipple,
  9: LSF.depositAuth,
  12: LSF.disallowIncomingNFTokenOffer,
  13: LSF.disallowIncomingCheck,
  14: LSF.disallowIncomingPayChan,
  15: LSF.disallowIncomingTrustline,
  16: LSF.allowTrustLineClawback,
};
// Transaction-flag forms of three of them: [set bit, clear bit, account flag].
const ACCOUNT_SET_TF: Array<[number, number, number]> = [
  [0x0001_0000, 0x0002_0000, LSF.requireDestTag],
  [0x0004_0000, 0x0008_0000, LSF.requireAuth],
  [0x0010_0000, 0x0020_0000, LSF.disallowXRP],
];
const ACCOUNT_SET_TF_MASK = ACCOUNT_SET_TF.reduce((mask, [set, clear]) => mask | set | clear, TF_UNIVERSAL);
// Flags that can be set but never cleared again.
const LSF_ONE_WAY = LSF.noFreeze | LSF.allowTrustLineClawback;

const toUint = (flags: unknown) => Number(flags ?? 0) >>> 0;

/** XRP amounts are drops in a string; issued currencies and MPTs are objects. */
function xrpDrops(amount: unknown): bigint | undefined {
  return typeof amount === "string" && /^-?\d+$/.test(amount) ? BigInt(amount) : undefined;
}

const payment: TTransactor = {
  preflight: (tx) => {
    const flags = toUint(tx.Flags);
    if ((flags & ~(TF_UNIVERSAL | TF_NO_RIPPLE_DIRECT | TF_PARTIAL_PAYMENT | TF_LIMIT_QUALITY)) !== 0) return "temINVALID_FLAG";
    const amount = xrpDrops(tx.Amount);
    // Issued currencies need trust lines and paths, which this ledger does not model.
    if (amount === undefined || (tx.SendMax !== undefined && xrpDrops(tx.SendMax) === undefined)) return "temDISABLED";
    if (amount > 100_000_000_000n * 1_000_000n) return "temBAD_AMOUNT";
    if (typeof tx.Destination !== "string") return "temDST_NEEDED";
    if (amount <= 0n) return "temBAD_AMOUNT";
    if (tx.Destination === tx.Account && tx.Paths === undefined) return "temREDUNDANT";
    if (tx.SendMax !== undefined) return "temBAD_SEND_XRP_MAX";
    if (tx.Paths !== undefined) return "temBAD_SEND_XRP_PATHS";
    if (flags & TF_PARTIAL_PAYMENT) return "temBAD_SEND_XRP_PARTIAL";
    if (flags & TF_LIMIT_QUALITY) return "temBAD_SEND_XRP_LIMIT";
    if (flags & TF_NO_RIPPLE_DIRECT) return "temBAD_SEND_XRP_NO_DIRECT";
    if (tx.DeliverMin !== undefined) return "temBAD_AMOUNT";
    return undefined;
  },
  preclaim: ({ tx, get }) => {
    const destination = get(String(tx.Destination));
    // A payment may create its destination, but only with at least the base reserve.
    if (!destination) return BigInt(String(tx.Amount)) < FEES.reserveBase ? "tecNO_DST_INSUF_XRP" : undefined;
    if (destination.Flags & LSF.requireDestTag && tx.DestinationTag === undefined) return "tecDST_TAG_NEEDED";
    return undefined;
  },
  apply: ({ ledger, tx, priorBalance, get, set }) => {
    const amount = BigInt(String(tx.Amount));
    const source = get(tx.Account)!;
    const destination = get(String(tx.Destination));
    // Deposit authorization lets through only payments that leave the destination at or under
    // the base reserve (preauthorization is not modelled).
    if (destination && destination.Flags & LSF.depositAuth && (amount > FEES.reserveBase || destination.Balance > FEES.reserveBase)) {
      return "tecNO_PERMISSION";
    }
    // rippled: the balance before the fee must cover the amount plus the larger of the reserve and
    // the fee, so a payment can never dig into the reserve (only the fee may).
    const reserve = reserveFor(source.OwnerCount);
    const fee = BigInt(tx.Fee);
    if (priorBalance < amount + (reserve > fee ? reserve : fee)) return "tecUNFUNDED_PAYMENT";
    set({ ...source, Balance: source.Balance - amount });
    if (destination) {
      set({ ...destination, Balance: destination.Balance + amount });
    } else {
      // Deletable accounts: a new account starts at the sequence of the ledger that creates it.
      const created = { Account: String(tx.Destination), Balance: amount, Flags: 0, OwnerCount: 0, Sequence: ledger.currentIndex };
      set({ ...created, PreviousTxnID: "", PreviousTxnLgrSeq: 0 });
    }
    return "tesSUCCESS";
  },
};

const accountSet: TTransactor = {
  preflight: (tx) => {
    const flags = toUint(tx.Flags);
    if ((flags & ~ACCOUNT_SET_TF_MASK) !== 0) return "temINVALID_FLAG";
    if (tx.SetFlag !== undefined && tx.SetFlag === tx.ClearFlag) return "temINVALID_FLAG";
    for (const [setBit, clearBit] of ACCOUNT_SET_TF) if (flags & setBit && flags & clearBit) return "temINVALID_FLAG";
    return undefined;
  },
  apply: ({ tx, get, set, isMasterSigned }) => {
    const account = get(tx.Account)!;
    const flags = toUint(tx.Flags);
    const setFlag = ASF_TO_LSF[Number(tx.SetFlag)] ?? 0;
    const clearFlag = ASF_TO_LSF[Number(tx.ClearFlag)] ?? 0;
    // Disabling the master key needs another way to sign, and the master key itself to do it.
    if (setFlag === LSF.disableMaster || setFlag === LSF.noFreeze) {
      if (!isMasterSigned) return "tecNEED_MASTER_KEY";
      if (setFlag === LSF.disableMaster && !account.RegularKey) return "tecNO_ALTERNATIVE_KEY";
    }
    let next = account.Flags | setFlag;
    next &= ~(clearFlag & ~LSF_ONE_WAY);
    for (const [setBit, clearBit, lsf] of ACCOUNT_SET_TF) {
      if (flags & setBit) next |= lsf;
      if (flags & clearBit) next &= ~lsf;
    }
    set({ ...account, Flags: next >>> 0 });
    return "tesSUCCESS";
  },
};

const setRegularKey: TTransactor = {
  preflight: (tx) => {
    if ((toUint(tx.Flags) & ~TF_UNIVERSAL) !== 0) return "temINVALID_FLAG";
    if (tx.RegularKey !== undefined && tx.RegularKey === tx.Account) return "temBAD_REGKEY";
    return undefined;
  },
  // The first key change signed with the master key is free, once (lsfPasswordSpent).
  baseFee: ({ tx, get, isMasterSigned }) => (isMasterSigned && !((get(tx.Account)?.Flags ?? 0) & LSF.passwordSpent) ? 0n : FEES.base),
  apply: ({ tx, get, set, isMasterSigned }) => {
    const account = get(tx.Account)!;
    const isFree = isMasterSigned && !(account.Flags & LSF.passwordSpent);
    const Flags = (isFree ? account.Flags | LSF.passwordSpent : account.Flags) >>> 0;
    if (typeof tx.RegularKey === "string") {
      set({ ...account, Flags, RegularKey: tx.RegularKey });
      return "tesSUCCESS";
    }
    if (account.Flags & LSF.disableMaster) return "tecNO_ALTERNATIVE_KEY";
    const { Account, Balance, OwnerCount, PreviousTxnID, PreviousTxnLgrSeq, Sequence } = account;
    set({ Account, Balance, Flags, OwnerCount, PreviousTxnID, PreviousTxnLgrSeq, Sequence });
    return "tesSUCCESS";
  },
};

export const TRANSACTORS: Record<string, TTransactor | undefined> = {
  Payment: payment,
  AccountSet: accountSet,
  SetRegularKey: setRegularKey,
};
