import "server-only";
import { Contract, Interface, getAddress, id as topicOf, zeroPadValue, type Log } from "ethers";
import { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import type { TCurrentUser } from "@/lib/auth/session";
import { canOpen } from "@/lib/auth/roles";
import { NotAllowedError } from "@/lib/users/queries";
import { chainErrorText } from "@/lib/disputes/detail";
import { ERC20_ABI, ESCROW_ABI } from "@/lib/chains/evm-abi";
import { chainKey, evmCall, evmChain, readHead, type TEvmChain } from "@/lib/chains/evm";
import { DAY_MS, dayStart, feesElsewhere, toRow, toleranceBase, utcDay, type TCompletion, type TFeeTransfer, type TReconciliationRow } from "@/lib/treasury/reconciliation-math";

// Fee reconciliation (escrow guide §8): per token and UTC day, the fees the synced OrderCompleted
// events promise against what reached the treasury accounts on chain, with the balance change
// that explains the rest. The job calls reconcileFees every few minutes; a final day (over, and
// synced past its last block) is never read from the chain again.

const DEFAULT_DAYS = 30;
const LOG_CHUNK = 5_000;
const TRANSFER = topicOf("Transfer(address,address,uint256)");
const NOTHING: Record<string, string> = {};
const erc20 = new Interface(ERC20_ABI);

/** Day boundaries found on chain, by chain, genesis and time: a confirmed block's timestamp never changes. */
const boundaries = new Map<string, number>();

export type TReconcileResult = {
  chain: string;
  /** Rows written this run (final days are skipped). */
  computed: number;
  final: number;
  /** Days that could not be read (e.g. a balance at an old block on a node that prunes state); the next run tries again. */
  failed: { token: string; day: string; error: string }[];
  /** Why nothing was computed, when so. */
  skipped: string | null;
};

export async function reconcileFees(db: TPrisma, chain: TEvmChain, opts: { now?: Date; days?: number } = {}): Promise<TReconcileResult> {
  const key = chainKey(chain);
  const result: TReconcileResult = { chain: key, computed: 0, final: 0, failed: [], skipped: null };
  if (!chain.escrow) return { ...result, skipped: "ESCROW_ADDRESS is not configured" };
  const escrow = chain.escrow.toLowerCase();
  const cursor = await db.chainCursor.findUnique({ where: { chain: key } });
  if (!cursor) return { ...result, skipped: "waiting for the event sync" };
  const [head, genesis] = await Promise.all([readHead(chain), evmCall(chain, "getBlock(0)", (p) => p.getBlock(0))]);
  // A replaced dev chain: the sync resets its rows first; until then the stored events describe another chain.
  if (cursor.genesisHash && cursor.genesisHash !== genesis?.hash) return { ...result, skipped: "waiting for the sync to reset" };
  const safeHead = head.number - chain.confirmations;
  // Only blocks the sync has read are reconciled: the expected side is then never missing events.
  const synced = Math.min(Number(cursor.lastBlock), safeHead);
  const [tokens, treasury] = await Promise.all([db.chainToken.findMany({ where: { chain: key } }), treasuryAddresses(db)]);
  if (tokens.length === 0) return { ...result, skipped: "no token seen in an order yet" };

  const now = opts.now ?? new Date();
  const count = opts.days ?? DEFAULT_DAYS;
  const days = Array.from({ length: count }, (_, i) => new Date(dayStart(now).getTime() - (count - 1 - i) * DAY_MS));
  const finals = await db.feeReconciliation.findMany({ where: { chain: key, isFinal: true, day: { gte: days[0] } }, select: { token: true, day: true, fromBlock: true, toBlock: true } });
  const isFinal = new Set(finals.map((f) => `${f.token}:${utcDay(f.day)}`));
  const known = new Map<number, number>();
  for (const f of finals) {
    known.set(f.day.getTime(), Number(f.fromBlock));
    known.set(f.day.getTime() + DAY_MS, Number(f.toBlock) + 1);
  }
  const todo = days.filter((d) => tokens.some((t) => !isFinal.has(`${t.address}:${utcDay(d)}`)));
  if (todo.length === 0) return result;

  const timestamps = new Map<number, number>();
  const timestampOf = async (n: number) => {
    if (!timestamps.has(n)) timestamps.set(n, (await evmCall(chain, "getBlock", (p) => p.getBlock(n)))?.timestamp ?? Number.MAX_SAFE_INTEGER);
    return timestamps.get(n)!;
  };
  /** The first block at or after `at` (from the escrow's deployment), or safeHead + 1 when none is confirmed yet. */
  const firstBlockAt = async (at: number): Promise<number> => {
    const cacheKey = `${key}:${genesis?.hash}:${at}`;
    const hit = known.get(at) ?? boundaries.get(cacheKey);
    if (hit !== undefined) return hit;
    let lo = chain.deployBlock;
    let hi = safeHead + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await timestampOf(mid)) * 1000 >= at) hi = mid;
      else lo = mid + 1;
    }
    if (lo <= safeHead) boundaries.set(cacheKey, lo);
    return lo;
  };

  const ranges: TRange[] = [];
  for (const day of todo) {
    const from = await firstBlockAt(day.getTime());
    const next = await firstBlockAt(day.getTime() + DAY_MS);
    if (next - 1 < from) continue; // no confirmed block in this day (yet)
    // The day is over once a confirmed block after it exists; final once the sync has passed its end too.
    ranges.push({ day, from, to: Math.min(next - 1, synced), isFinal: next <= safeHead && synced >= next - 1 });
  }
  if (ranges.length === 0) return result;
  const span = { from: ranges[0]!.from, to: Math.max(...ranges.map((r) => r.to)) };
  const completions = span.to >= span.from ? await completionsIn(db, key, span) : [];

  for (const token of tokens) {
    const mine = ranges.filter((r) => !isFinal.has(`${token.address}:${utcDay(r.day)}`));
    if (mine.length === 0) continue;
    const logs = span.to >= span.from ? await transferLogs(chain, token.address, escrow, treasury, { from: mine[0]!.from, to: span.to }) : [];
    const balanceAt = balanceReader(chain, token.address, treasury);
    for (const r of mine) {
      try {
        if (await reconcileDay(db, { key, token: token.address, escrow, treasury, range: r, logs, completions, balanceAt })) result.final += 1;
        result.computed += 1;
      } catch (err) {
        // One unreadable day must not stop the others (nor every later run).
        result.failed.push({ token: token.address, day: utcDay(r.day), error: chainErrorText(err) });
      }
    }
  }
  return result;
}

type TRange = { day: Date; from: number; to: number; isFinal: boolean };

/** Computes and stores one token's day; returns whether it is final. */
async function reconcileDay(
  db: TPrisma,
  args: { key: string; token: string; escrow: string; treasury: Set<string>; range: TRange; logs: Log[]; completions: TCompletionRow[]; balanceAt: (block: number) => Promise<bigint> },
): Promise<boolean> {
  const { key, escrow, treasury, range: r } = args;
  const hasBlocks = r.to >= r.from;
  const inRange = (l: Log) => l.blockNumber >= r.from && l.blockNumber <= r.to;
  const dayLogs = hasBlocks ? args.logs.filter(inRange) : [];
  const sums = { feesReceived: 0n, otherIn: 0n, otherOut: 0n };
  const outflows: TFeeTransfer[] = [];
  for (const l of dayLogs) {
    const from = addressOf(l.topics[1]);
    const to = addressOf(l.topics[2]);
    const value = BigInt(l.data);
    if (from === escrow) outflows.push({ txHash: l.transactionHash, logIndex: l.index, to, value });
    const isIn = treasury.has(to);
    const isOut = treasury.has(from);
    // A move between two treasury accounts changes nothing in their sum: it counts as neither.
    if (isIn && !isOut) {
      if (from === escrow) sums.feesReceived += value;
      else sums.otherIn += value;
    } else if (isOut && !isIn) sums.otherOut += value;
  }
  const dayCompletions = args.completions.filter((c) => c.token === args.token && c.block >= r.from && c.block <= r.to);
  const expectedFees = dayCompletions.reduce((s, c) => s + c.fee, 0n);
  const elsewhere = feesElsewhere({ completions: dayCompletions, escrowOutflows: outflows, treasury });
  const opening = await args.balanceAt(r.from - 1);
  const closing = hasBlocks ? await args.balanceAt(r.to) : opening;
  const data = {
    fromBlock: BigInt(r.from),
    toBlock: BigInt(r.to),
    opening: dec(opening),
    closing: dec(closing),
    expectedFees: dec(expectedFees),
    completedOrders: dayCompletions.length,
    feesReceived: dec(sums.feesReceived),
    otherIn: dec(sums.otherIn),
    otherOut: dec(sums.otherOut),
    feesElsewhere: Object.fromEntries(Object.entries(elsewhere).map(([a, v]) => [a, v.toString()])),
    isFinal: r.isFinal,
    computedAt: new Date(),
  };
  await db.feeReconciliation.upsert({ where: { chain_token_day: { chain: key, token: args.token, day: r.day } }, create: { chain: key, token: args.token, day: r.day, ...data }, update: data });
  return r.isFinal;
}

const dec = (v: bigint) => new Prisma.Decimal(v.toString());
const big = (v: Prisma.Decimal) => BigInt(v.toFixed(0));
const addressOf = (topic: string | undefined) => (topic ? `0x${topic.slice(-40)}`.toLowerCase() : "");

/** The treasury wallets on EVM chains (lower-case), whatever asset their account rows watch. */
async function treasuryAddresses(db: TPrisma): Promise<Set<string>> {
  const rows = await db.treasuryAccount.findMany({ where: { chain: "evm", purpose: "treasury", removedAt: null }, select: { address: true } });
  return new Set(rows.map((r) => r.address.toLowerCase()));
}

type TCompletionRow = TCompletion & { token: string; block: number };

/** The synced OrderCompleted events of a block range, with their order's token. */
async function completionsIn(db: TPrisma, key: string, span: { from: number; to: number }): Promise<TCompletionRow[]> {
  const rows = await db.$queryRaw<{ txHash: string; logIndex: number; blockNumber: bigint; fee: string | null; token: string | null }[]>`
    SELECT e."txHash", e."logIndex", e."blockNumber", e.args->>'fee' AS fee, o.token
    FROM "EscrowEvent" e LEFT JOIN "EscrowOrder" o ON o.chain = e.chain AND o."orderId" = e."orderId"
    WHERE e.chain = ${key} AND e.name = 'OrderCompleted' AND e."blockNumber" BETWEEN ${BigInt(span.from)} AND ${BigInt(span.to)}`;
  return rows.filter((r) => r.token && r.fee && /^\d+$/.test(r.fee)).map((r) => ({ txHash: r.txHash, logIndex: r.logIndex, fee: BigInt(r.fee!), token: r.token!, block: Number(r.blockNumber) }));
}

/** Transfers of the token out of the escrow, into and out of the treasury accounts, ≤ LOG_CHUNK blocks per call. */
async function transferLogs(chain: TEvmChain, token: string, escrow: string, treasury: Set<string>, span: { from: number; to: number }): Promise<Log[]> {
  const pad = (a: string) => zeroPadValue(a, 32);
  const wallets = [...treasury].map(pad);
  const filters: (string | string[] | null)[][] = [[TRANSFER, pad(escrow)]];
  if (wallets.length) filters.push([TRANSFER, null, wallets], [TRANSFER, wallets]);
  const seen = new Map<string, Log>();
  for (let from = span.from; from <= span.to; from += LOG_CHUNK) {
    const to = Math.min(span.to, from + LOG_CHUNK - 1);
    for (const topics of filters) {
      const logs = await evmCall(chain, "getLogs", (p) => p.getLogs({ address: token, fromBlock: from, toBlock: to, topics }));
      for (const l of logs) if (!l.removed) seen.set(`${l.transactionHash}:${l.index}`, l);
    }
  }
  return [...seen.values()];
}

/** Σ of the token's balance over the treasury accounts at a block (0 with none). */
function balanceReader(chain: TEvmChain, token: string, treasury: Set<string>) {
  const cache = new Map<number, bigint>();
  return async (block: number): Promise<bigint> => {
    if (block < 0 || treasury.size === 0) return 0n;
    if (!cache.has(block)) {
      // Read raw: an empty answer means the token had no code at that block (the day it was
      // deployed), where nobody held any. A decoding contract call would fail instead.
      const values = await evmCall(chain, "balanceOf", (p) =>
        Promise.all(
          [...treasury].map(async (a) => {
            const data = await p.call({ to: token, data: erc20.encodeFunctionData("balanceOf", [a]), blockTag: block });
            return data === "0x" ? 0n : (erc20.decodeFunctionResult("balanceOf", data)[0] as bigint);
          }),
        ),
      );
      cache.set(block, values.reduce((s, v) => s + v, 0n));
    }
    return cache.get(block)!;
  };
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────

export function assertCanReadReconciliation(user: Pick<TCurrentUser, "roles">) {
  if (!canOpen("/treasury/reconciliation", user.roles)) throw new NotAllowedError("Only treasury, approvers, auditors and admins can read the fee reconciliation");
}

/** Stored days (newest first) in whole units with their status; `tolerance` in whole token units. */
export async function listReconciliation(db: TPrisma, opts: { chain: string; token?: string; days?: number; now?: Date; tolerance: number }): Promise<TReconciliationRow[]> {
  const now = opts.now ?? new Date();
  const since = new Date(dayStart(now).getTime() - ((opts.days ?? DEFAULT_DAYS) - 1) * DAY_MS);
  return readRows(db, { chain: opts.chain, ...(opts.token ? { token: opts.token.toLowerCase() } : {}), day: { gte: since } }, now, opts.tolerance);
}

export type TFeeMismatch = { chain: string; token: string; symbol: string; day: string; expected: string; received: string; difference: string; elsewhere: { address: string; amount: string }[] };

/** Days of the last 30 (any chain, any token) whose expected and received fees differ by more than the tolerance (whole units). */
export async function readFeeMismatches(db: TPrisma, toleranceWholeUnits: number, now: Date = new Date()): Promise<TFeeMismatch[]> {
  const since = new Date(dayStart(now).getTime() - (DEFAULT_DAYS - 1) * DAY_MS);
  const rows = await readRows(db, { day: { gte: since } }, now, toleranceWholeUnits);
  return rows.filter((r) => r.status === "mismatch").map((r) => ({ chain: r.chain, token: r.token, symbol: r.symbol, day: r.day, expected: r.expected, received: r.received, difference: r.difference, elsewhere: r.elsewhere }));
}

async function readRows(db: TPrisma, where: Prisma.FeeReconciliationWhereInput, now: Date, tolerance: number): Promise<(TReconciliationRow & { chain: string })[]> {
  const rows = await db.feeReconciliation.findMany({ where, orderBy: [{ day: "desc" }, { token: "asc" }], take: 2_000 });
  const tokens = await db.chainToken.findMany({ where: { chain: { in: [...new Set(rows.map((r) => r.chain))] } } });
  const tokenOf = new Map(tokens.map((t) => [`${t.chain}:${t.address}`, t]));
  const today = utcDay(now);
  return rows.map((r) => {
    const t = tokenOf.get(`${r.chain}:${r.token}`);
    const decimals = t?.decimals ?? 18;
    const elsewhere = (r.feesElsewhere && typeof r.feesElsewhere === "object" && !Array.isArray(r.feesElsewhere) ? r.feesElsewhere : NOTHING) as Record<string, unknown>;
    const raw = {
      day: utcDay(r.day),
      token: r.token,
      symbol: t?.symbol ?? "?",
      decimals,
      fromBlock: r.fromBlock,
      toBlock: r.toBlock,
      completedOrders: r.completedOrders,
      expectedFees: big(r.expectedFees),
      feesReceived: big(r.feesReceived),
      otherIn: big(r.otherIn),
      otherOut: big(r.otherOut),
      opening: big(r.opening),
      closing: big(r.closing),
      isFinal: r.isFinal,
      feesElsewhere: Object.fromEntries(Object.entries(elsewhere).filter(([, v]) => typeof v === "string" && /^\d+$/.test(v)).map(([a, v]) => [a, BigInt(v as string)])),
    };
    return { chain: r.chain, ...toRow(raw, { today, tolerance: toleranceBase(tolerance, decimals) }) };
  });
}

export type TContractTreasury = { address: string; isTreasuryAccount: boolean } | { error: string };

/** Where the escrow sends fees now, and whether that is one of OpsDeck's treasury accounts. */
export async function readContractTreasury(db: TPrisma, chain: TEvmChain): Promise<TContractTreasury> {
  if (!chain.escrow) return { error: "ESCROW_ADDRESS is not configured" };
  try {
    const address = String(await evmCall(chain, "treasury", (p) => new Contract(chain.escrow!, ESCROW_ABI, p).getFunction("treasury")())).toLowerCase();
    return { address, isTreasuryAccount: (await treasuryAddresses(db)).has(address) };
  } catch (err) {
    return { error: `The chain did not answer: ${chainErrorText(err)}` };
  }
}

export type TReconciliationView =
  | { chain: null }
  | { chain: string; chainName: string; rows: TReconciliationRow[]; tokens: { address: string; symbol: string }[]; contractTreasury: TContractTreasury; treasuryAccounts: string[]; lastComputedAt: Date | null };

/** The page: the last `days` days of the configured chain, the contract's fee recipient and the treasury accounts. */
export async function readReconciliationView(db: TPrisma, user: Pick<TCurrentUser, "roles">, opts: { tolerance: number; now?: Date; days?: number }): Promise<TReconciliationView> {
  assertCanReadReconciliation(user);
  const chain = evmChain();
  if (!chain?.escrow) return { chain: null };
  const key = chainKey(chain);
  const [rows, tokens, contractTreasury, accounts, last] = await Promise.all([
    listReconciliation(db, { chain: key, days: opts.days, now: opts.now, tolerance: opts.tolerance }),
    db.chainToken.findMany({ where: { chain: key }, select: { address: true, symbol: true }, orderBy: { symbol: "asc" } }),
    readContractTreasury(db, chain),
    treasuryAddresses(db),
    db.feeReconciliation.findFirst({ where: { chain: key }, orderBy: { computedAt: "desc" }, select: { computedAt: true } }),
  ]);
  return { chain: key, chainName: chain.name, rows, tokens, contractTreasury, treasuryAccounts: [...accounts].map((a) => getAddress(a)), lastComputedAt: last?.computedAt ?? null };
}
