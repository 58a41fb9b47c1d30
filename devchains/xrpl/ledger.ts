import { decode, hashes } from "xrpl";

// In-memory ledger history of the dev ledger, shaped like a standalone rippled's: ledger 1 is the
// genesis ledger holding every drop on the master account, ledger 2 is the first closed ledger and
// ledger 3 the first open one. Here a closed ledger is validated at once (no consensus, no peers).

export const GENESIS_ACCOUNT = { address: "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", seed: "snoPBrXtMeMyMHUVTgbuqAfg1SUTb" } as const;

/** Standalone defaults: 10 drops per transaction, 10 XRP account reserve, 2 XRP per owned object. */
export const FEES = { base: 10n, reserveBase: 10_000_000n, reserveInc: 2_000_000n } as const;

export const ZERO_HASH = "0".repeat(64);
const TOTAL_COINS = 100_000_000_000n * 1_000_000n;
const CLOSE_TIME_RESOLUTION = 10;
const RIPPLE_EPOCH_UNIX = 946_684_800;
const SNAPSHOT_FORMAT = "opsdeck-xrpl-dev-ledger/1";

export type TAccountRoot = Readonly<{
  Account: string;
  Balance: bigint;
  Flags: number;
  OwnerCount: number;
  PreviousTxnID: string;
  PreviousTxnLgrSeq: number;
  RegularKey?: string;
  Sequence: number;
}>;

export type TAccountFields = Record<string, string | number>;
export type TMetaNode =
  | { CreatedNode: { LedgerEntryType: "AccountRoot"; LedgerIndex: string; NewFields: TAccountFields } }
  | {
      ModifiedNode: {
        FinalFields: TAccountFields;
        LedgerEntryType: "AccountRoot";
        LedgerIndex: string;
        PreviousFields: TAccountFields;
        PreviousTxnID: string;
        PreviousTxnLgrSeq: number;
      };
    };
export type TTxMeta = { AffectedNodes: TMetaNode[]; TransactionIndex: number; TransactionResult: string };
export type TTxJson = Record<string, unknown> & { TransactionType: string; Account: string; Fee: string; Sequence: number };
export type TTxRecord = Readonly<{ hash: string; blob: string; tx: TTxJson; meta: TTxMeta; ledgerIndex: number }>;

export type TLedgerHeader = Readonly<{
  ledger_index: number;
  ledger_hash: string;
  parent_hash: string;
  account_hash: string;
  transaction_hash: string;
  close_time: number;
  parent_close_time: number;
  close_time_resolution: number;
  close_flags: number;
  total_coins: bigint;
}>;
export type TClosedLedger = Readonly<{ header: TLedgerHeader; txs: readonly TTxRecord[]; state: ReadonlyMap<string, TAccountRoot> }>;
type TOpenLedger = { index: number; txs: TTxRecord[]; state: Map<string, TAccountRoot> };
export type TLedgerSnapshot = { format: string; ledgers: Array<{ close_time: number; txs: Array<{ blob: string; meta: TTxMeta }> }> };

/** The reserve an account must keep: it cannot spend below it, only burn into it with fees. */
export function reserveFor(ownerCount: number): bigint {
  return FEES.reserveBase + FEES.reserveInc * BigInt(ownerCount);
}

export function rippleTimeNow(nowMs: number): number {
  return Math.floor(nowMs / 1000) - RIPPLE_EPOCH_UNIX;
}

export function accountEntryJson(account: TAccountRoot) {
  return {
    Account: account.Account,
    Balance: account.Balance.toString(),
    Flags: account.Flags,
    LedgerEntryType: "AccountRoot",
    OwnerCount: account.OwnerCount,
    PreviousTxnID: account.PreviousTxnID,
    PreviousTxnLgrSeq: account.PreviousTxnLgrSeq,
    ...(account.RegularKey ? { RegularKey: account.RegularKey } : {}),
    Sequence: account.Sequence,
    index: hashes.hashAccountRoot(account.Account),
  };
}

/** Replays one transaction's metadata onto a state: the metadata carries every field it changed. */
function applyMeta(state: Map<string, TAccountRoot>, record: TTxRecord) {
  for (const node of record.meta.AffectedNodes) {
    const fields = "CreatedNode" in node ? node.CreatedNode.NewFields : node.ModifiedNode.FinalFields;
    const account: TAccountRoot = {
      Account: String(fields.Account),
      Balance: BigInt(fields.Balance ?? 0),
      Flags: Number(fields.Flags ?? 0),
      OwnerCount: Number(fields.OwnerCount ?? 0),
      PreviousTxnID: record.hash,
      PreviousTxnLgrSeq: record.ledgerIndex,
      ...(fields.RegularKey ? { RegularKey: String(fields.RegularKey) } : {}),
      Sequence: Number(fields.Sequence),
    };
    state.set(account.Account, account);
  }
}

export class XrplLedgerState {
  private readonly closed: TClosedLedger[] = [];
  private readonly byHash = new Map<string, TClosedLedger>();
  private readonly txByHash = new Map<string, TTxRecord>();
  private readonly history = new Map<string, TTxRecord[]>();
  private open: TOpenLedger;
  lastCloseAtMs: number;

  private constructor(nowMs: number) {
    const master: TAccountRoot = {
      Account: GENESIS_ACCOUNT.address,
      Balance: TOTAL_COINS,
      Flags: 0,
      OwnerCount: 0,
      PreviousTxnID: ZERO_HASH,
      PreviousTxnLgrSeq: 0,
      Sequence: 1,
    };
    // The genesis ledger has no close time, exactly like rippled's (close_time 0 = 2000-01-01).
    const state = new Map([[master.Account, master]]);
    this.pushClosed({ index: 1, closeTime: 0, state, txs: [] });
    this.open = { index: 2, txs: [], state: new Map(state) };
    this.lastCloseAtMs = nowMs;
  }

  /** A fresh ledger: genesis (1), the first closed ledger (2), open ledger 3. */
  static create(nowMs = Date.now()): XrplLedgerState {
    const ledger = new XrplLedgerState(nowMs);
    ledger.close(nowMs);
    return ledger;
  }

  /** Rebuilds a saved ledger by replaying each closed ledger's transactions from genesis. */
  static fromSnapshot(snapshot: TLedgerSnapshot, nowMs = Date.now()): XrplLedgerState {
    if (snapshot.format !== SNAPSHOT_FORMAT) throw new Error(`Unknown XRPL dev ledger state format: ${String(snapshot.format)}`);
    const ledger = new XrplLedgerState(nowMs);
    for (const saved of snapshot.ledgers) {
      for (const tx of saved.txs) {
        ledger.commit({ hash: hashes.hashSignedTx(tx.blob), blob: tx.blob, tx: decode(tx.blob) as TTxJson, meta: tx.meta, ledgerIndex: ledger.currentIndex });
      }
      ledger.close(nowMs, saved.close_time);
    }
    return ledger;
  }

  toSnapshot(): TLedgerSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      ledgers: this.closed.slice(1).map((l) => ({ close_time: l.header.close_time, txs: l.txs.map((t) => ({ blob: t.blob, meta: t.meta })) })),
    };
  }

  get validated(): TClosedLedger {
    return this.closed[this.closed.length - 1]!;
  }

  get currentIndex(): number {
    return this.open.index;
  }

  get openTxs(): readonly TTxRecord[] {
    return this.open.txs;
  }

  completeLedgers(): string {
    return `1-${this.validated.header.ledger_index}`;
  }

  closedLedger(index: number): TClosedLedger | undefined {
    return this.closed[index - 1];
  }

  ledgerByHash(hash: string): TClosedLedger | undefined {
    return this.byHash.get(hash.toUpperCase());
  }

  /** The account as of the open ledger, or as of a closed one. */
  account(address: string, ledger?: TClosedLedger): TAccountRoot | undefined {
    return (ledger?.state ?? this.open.state).get(address);
  }

  findTx(hash: string): TTxRecord | undefined {
    return this.txByHash.get(hash.toUpperCase());
  }

  /** Validated transactions that touched the account, oldest first. */
  accountHistory(address: string): readonly TTxRecord[] {
    return this.history.get(address) ?? [];
  }

  /** Puts an applied (tes/tec) transaction into the open ledger. */
  commit(record: TTxRecord) {
    applyMeta(this.open.state, record);
    this.open.txs.push(record);
    this.txByHash.set(record.hash, record);
  }

  /** Closes the open ledger; it is validated at once, as in standalone mode. */
  close(nowMs = Date.now(), closeTime?: number): TClosedLedger {
    const parent = this.validated;
    // rippled rounds the close time to the resolution and keeps it strictly after the parent's.
    const rounded = Math.floor((rippleTimeNow(nowMs) + CLOSE_TIME_RESOLUTION / 2) / CLOSE_TIME_RESOLUTION) * CLOSE_TIME_RESOLUTION;
    const effective = closeTime ?? Math.max(rounded, parent.header.close_time + 1);
    const closedLedger = this.pushClosed({ index: this.open.index, closeTime: effective, state: this.open.state, txs: this.open.txs, parent });
    for (const record of closedLedger.txs) {
      for (const address of affectedAccounts(record)) {
        const list = this.history.get(address);
        if (list) list.push(record);
        else this.history.set(address, [record]);
      }
    }
    this.open = { index: this.open.index + 1, txs: [], state: new Map(this.open.state) };
    this.lastCloseAtMs = nowMs;
    return closedLedger;
  }

  private pushClosed(opts: { index: number; closeTime: number; state: Map<string, TAccountRoot>; txs: TTxRecord[]; parent?: TClosedLedger }): TClosedLedger {
    const { parent, txs } = opts;
    // Fees are destroyed, not paid to anyone: total_coins shrinks by every fee in the ledger.
    const burned = txs.reduce((sum, t) => sum + BigInt(t.tx.Fee), 0n);
    // The open ledger's map becomes this ledger's state (the next open ledger gets a copy); a ledger
    // without transactions shares its parent's state.
    const state: ReadonlyMap<string, TAccountRoot> = txs.length > 0 || !parent ? opts.state : parent.state;
    const accountHash =
      txs.length > 0 || !parent ? hashes.hashStateTree([...state.values()].map((a) => accountEntryJson(a)) as never) : parent.header.account_hash;
    const transactionHash = txs.length > 0 ? hashes.hashTxTree(txs.map((t) => ({ ...t.tx, metaData: t.meta })) as never) : ZERO_HASH;
    const base = {
      ledger_index: opts.index,
      parent_hash: parent?.header.ledger_hash ?? ZERO_HASH,
      account_hash: accountHash,
      transaction_hash: transactionHash,
      close_time: opts.closeTime,
      parent_close_time: parent?.header.close_time ?? 0,
      close_time_resolution: CLOSE_TIME_RESOLUTION,
      close_flags: 0,
      total_coins: (parent?.header.total_coins ?? TOTAL_COINS) - burned,
    };
    const ledgerHash = hashes.hashLedgerHeader({ ...base, total_coins: base.total_coins.toString() } as never).toUpperCase();
    const closedLedger: TClosedLedger = { header: { ...base, ledger_hash: ledgerHash }, txs: [...txs], state };
    this.closed.push(closedLedger);
    this.byHash.set(ledgerHash, closedLedger);
    return closedLedger;
  }
}

/** Accounts a transaction touched: every AccountRoot in its metadata. */
export function affectedAccounts(record: TTxRecord): string[] {
  return record.meta.AffectedNodes.map((n) => String("CreatedNode" in n ? n.CreatedNode.NewFields.Account : n.ModifiedNode.FinalFields.Account));
}
