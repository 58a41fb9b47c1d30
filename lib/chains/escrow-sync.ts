import "server-only";
import { Contract, Interface, type Log } from "ethers";
import type { TPrisma } from "@/lib/db/prisma";
import { metrics } from "@/lib/metrics/registry";
import { chainKey, evmCall, readHead, type TEvmChain } from "@/lib/chains/evm";
import { ERC20_ABI, ESCROW_ABI, SYNCED_EVENTS } from "@/lib/chains/evm-abi";
import { MAX_WHOLE_DIGITS, amountValueOf, foldOrder, type TStoredEvent } from "@/lib/chains/escrow-orders";

// RB-03's event sync. Each tick reads escrow logs from the cursor up to head − confirmations,
// starting REREAD blocks before the cursor: the stored events of that window are replaced by what
// the chain says now, and the orders they touch are folded again. A reorg inside the window is
// thereby undone; a deeper one is detected by the cursor block's hash and rewinds further. The
// write is one transaction behind an advisory lock, so two instances never interleave.

const REREAD_MIN = 6;
const DEEP_REWIND = 256;
const MAX_BLOCKS_PER_TICK = 5_000;

const iface = new Interface(ESCROW_ABI);
const synced = new Set<string>(SYNCED_EVENTS);

export type TSyncResult = { chain: string; from: number; to: number; head: number; stored: number; removed: number; orders: number; lagBlocks: number; reset: boolean };

export async function syncEscrowEvents(db: TPrisma, chain: TEvmChain, opts: { maxBlocks?: number } = {}): Promise<TSyncResult> {
  if (!chain.escrow) throw new Error(`${chain.name}: ESCROW_ADDRESS is not configured`);
  const key = chainKey(chain);
  const head = await readHead(chain);
  const genesis = await evmCall(chain, "getBlock(0)", (p) => p.getBlock(0));
  let cursor = await db.chainCursor.findUnique({ where: { chain: key } });
  let reset = false;

  if (cursor && cursor.genesisHash && cursor.genesisHash !== genesis?.hash) {
    // A different chain answers at this URL (a dev chain restarted): what we stored describes a chain that no longer exists.
    // Transactions signed for the old chain must never be re-broadcast to the new one.
    await db.$transaction([
      db.escrowEvent.deleteMany({ where: { chain: key } }),
      db.escrowOrder.deleteMany({ where: { chain: key } }),
      // Order numbers start again at 1 on the new chain: the old desk state would land on strangers' orders.
      db.disputeCase.deleteMany({ where: { chain: key } }),
      db.disputeNote.deleteMany({ where: { chain: key } }),
      db.chainToken.deleteMany({ where: { chain: key } }),
      db.escrowWallet.deleteMany({ where: { chain: key } }),
      db.feeReconciliation.deleteMany({ where: { chain: key } }),
      db.chainCursor.delete({ where: { chain: key } }),
      db.chainTransaction.updateMany({ where: { chain: key, status: { in: ["SIGNED", "SUBMITTED"] } }, data: { status: "FAILED", error: "The chain was replaced (a different genesis block); never sent again" } }),
    ]);
    cursor = null;
    reset = true;
  }

  const start = chain.deployBlock;
  const last = cursor ? Number(cursor.lastBlock) : start - 1;
  const reread = Math.max(chain.confirmations, REREAD_MIN);
  let from = Math.max(start, last - reread + 1);
  if (cursor?.lastBlockHash && last <= head.number) {
    const stillThere = await evmCall(chain, "getBlock", (p) => p.getBlock(last));
    if (stillThere?.hash !== cursor.lastBlockHash) from = Math.max(start, last - DEEP_REWIND + 1);
  }
  // A chain that went backwards (shorter after a reorg or a revert) is re-read from its new head.
  if (last > head.number) from = Math.max(start, Math.min(from, head.number - DEEP_REWIND + 1));
  const safeHead = head.number - chain.confirmations;
  // Progress is counted from the cursor; the re-read window comes on top of it.
  const to = Math.min(safeHead, Math.max(from, last + 1) + (opts.maxBlocks ?? MAX_BLOCKS_PER_TICK) - 1);
  // Stored events above `to` (the chain got shorter) are dropped with the window: the cursor moves back to `to`.
  const upTo = Math.max(to, last);

  if (to < from) {
    await touchCursor(db, key, { head: head.number, genesisHash: genesis?.hash ?? null, lastBlock: cursor ? undefined : start - 1 });
    return finish(chain, { chain: key, from, to: last, head: head.number, stored: 0, removed: 0, orders: 0, lagBlocks: Math.max(0, safeHead - last), reset });
  }

  const logs = await evmCall(chain, "getLogs", (p) => p.getLogs({ address: chain.escrow!, fromBlock: from, toBlock: to }));
  const blockNumbers = [...new Set([...logs.map((l) => l.blockNumber), to])];
  const blocks = await Promise.all(blockNumbers.map((n) => evmCall(chain, "getBlock", (p) => p.getBlock(n))));
  const blockByNumber = new Map(blocks.filter((b) => b !== null).map((b) => [b.number, b]));
  const events = logs.flatMap((log) => decode(log, blockByNumber.get(log.blockNumber)?.timestamp));
  const toHash = blockByNumber.get(to)?.hash ?? null;
  const decimals = await learnTokens(db, chain, key, events);

  const outcome = await db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${`escrow-sync:${key}`})) AS ok`;
      if (!lock?.ok) return null; // another instance is syncing this chain right now
      const window = { chain: key, blockNumber: { gte: BigInt(from), lte: BigInt(upTo) } };
      const replaced = await tx.escrowEvent.findMany({ where: window, select: { orderId: true, txHash: true, logIndex: true, blockHash: true } });
      // Usually the re-read window says what we already have: then nothing is rewritten.
      const identity = (e: { txHash: string; logIndex: number; blockHash: string }) => `${e.blockHash}:${e.txHash}:${e.logIndex}`;
      const before = new Set(replaced.map(identity));
      const after = new Set(events.map(identity));
      const isSame = before.size === after.size && [...after].every((k) => before.has(k));
      const touched = new Set<bigint>();
      if (!isSame) {
        await tx.escrowEvent.deleteMany({ where: window });
        if (events.length) {
          await tx.escrowEvent.createMany({
            data: events.map((e) => ({ chain: key, blockNumber: BigInt(e.blockNumber), blockHash: e.blockHash, txHash: e.txHash, logIndex: e.logIndex, name: e.name, orderId: e.orderId, args: e.args, at: e.at })),
          });
        }
        for (const r of [...replaced, ...events]) if (r.orderId !== null) touched.add(r.orderId);
        for (const orderId of touched) await refoldOrder(tx, key, orderId, decimals);
      }
      await tx.$executeRaw`
        UPDATE "EscrowOrder" o SET "amountValue" = o.amount / power(10::numeric, t.decimals) FROM "ChainToken" t
        WHERE o."amountValue" IS NULL AND o.chain = ${key} AND t.chain = o.chain AND t.address = o.token AND o.amount < power(10::numeric, ${MAX_WHOLE_DIGITS} + t.decimals)`;
      const moved = !cursor || Number(cursor.lastBlock) !== to;
      await tx.chainCursor.upsert({
        where: { chain: key },
        create: { chain: key, lastBlock: BigInt(to), lastBlockHash: toHash, genesisHash: genesis?.hash ?? null, headBlock: BigInt(head.number), lastError: null, errorCount: 0 },
        update: { lastBlock: BigInt(to), lastBlockHash: toHash, genesisHash: genesis?.hash ?? null, headBlock: BigInt(head.number), checkedAt: new Date(), lastError: null, errorCount: 0, ...(moved ? { movedAt: new Date() } : {}) },
      });
      return { stored: events.filter((e) => !before.has(identity(e))).length, removed: replaced.filter((e) => !after.has(identity(e))).length, orders: touched.size };
    },
    { timeout: 60_000 },
  );
  return finish(chain, {
    chain: key,
    from,
    to: outcome ? to : last,
    head: head.number,
    stored: outcome?.stored ?? 0,
    removed: outcome?.removed ?? 0,
    orders: outcome?.orders ?? 0,
    lagBlocks: Math.max(0, safeHead - (outcome ? to : last)),
    reset,
  });
}

type TDecoded = { name: string; orderId: bigint | null; blockNumber: number; blockHash: string; txHash: string; logIndex: number; args: Record<string, string | boolean>; at: Date };

function decode(log: Log, timestamp: number | undefined): TDecoded[] {
  let parsed;
  try {
    parsed = iface.parseLog({ topics: [...log.topics], data: log.data });
  } catch {
    return [];
  }
  if (!parsed || !synced.has(parsed.name)) return [];
  const args: Record<string, string | boolean> = {};
  parsed.fragment.inputs.forEach((input, i) => {
    const v = parsed.args[i];
    args[input.name || `arg${i}`] = typeof v === "boolean" ? v : String(v);
  });
  return [
    {
      name: parsed.name,
      orderId: args.orderId !== undefined ? BigInt(args.orderId as string) : null,
      blockNumber: log.blockNumber,
      blockHash: log.blockHash,
      txHash: log.transactionHash,
      logIndex: log.index,
      args,
      at: new Date((timestamp ?? Math.floor(Date.now() / 1000)) * 1000),
    },
  ];
}

type TTx = Parameters<Parameters<TPrisma["$transaction"]>[0]>[0];

/**
 * The decimals of every token the chain's orders use, reading new tokens' symbol and decimals from
 * the chain once (amounts are compared in whole units: "above 5,000 USDT"). Tokens of orders still
 * without a value (synced before their token was known) are learned too. A token that does not
 * answer like an ERC-20 is skipped: its orders stay unvalued, the sync goes on.
 */
async function learnTokens(db: TPrisma, chain: TEvmChain, key: string, events: TDecoded[]): Promise<Map<string, number>> {
  const known = new Map((await db.chainToken.findMany({ where: { chain: key } })).map((t) => [t.address, t.decimals]));
  const unvalued = await db.$queryRaw<{ token: string }[]>`SELECT DISTINCT token FROM "EscrowOrder" WHERE chain = ${key} AND "amountValue" IS NULL LIMIT 20`;
  const seen = [...events.filter((e) => e.name === "OrderCreated").map((e) => String(e.args.token).toLowerCase()), ...unvalued.map((r) => r.token)];
  for (const address of [...new Set(seen)].filter((t) => !known.has(t))) {
    try {
      const decimals = Number(await evmCall(chain, "token decimals", (p) => new Contract(address, ERC20_ABI, p).getFunction("decimals")()));
      if (!Number.isInteger(decimals) || decimals < 0 || decimals > 36) continue;
      const symbol = await evmCall(chain, "token symbol", (p) => new Contract(address, ERC20_ABI, p).getFunction("symbol")() as Promise<string>).catch(() => "?");
      await db.chainToken.upsert({ where: { chain_address: { chain: key, address } }, create: { chain: key, address, symbol: symbol.slice(0, 20), decimals }, update: { symbol: symbol.slice(0, 20), decimals } });
      known.set(address, decimals);
    } catch {
      // Not an ERC-20 we can read (or the chain did not answer): try again on a later tick.
    }
  }
  return known;
}

async function refoldOrder(tx: TTx, chain: string, orderId: bigint, decimals: Map<string, number>) {
  const rows = await tx.escrowEvent.findMany({ where: { chain, orderId }, select: { name: true, orderId: true, blockNumber: true, logIndex: true, args: true, at: true } });
  const order = foldOrder(rows as TStoredEvent[]);
  if (!order) {
    await tx.escrowOrder.deleteMany({ where: { chain, orderId } });
    return;
  }
  const row = { ...order, amountValue: amountValueOf(order.amount, decimals.get(order.token)) };
  await tx.escrowOrder.upsert({ where: { chain_orderId: { chain, orderId } }, create: { chain, orderId, ...row }, update: row });
  // Both parties' first order. An order undone by a reorg leaves its date here: the wallet then
  // looks older than it is, which only keeps it off the "new accounts" list.
  await tx.$executeRaw`
    INSERT INTO "EscrowWallet" (chain, wallet, "firstOrderAt") VALUES (${chain}, ${order.buyer}, ${order.createdAt}), (${chain}, ${order.seller}, ${order.createdAt})
    ON CONFLICT (chain, wallet) DO UPDATE SET "firstOrderAt" = LEAST("EscrowWallet"."firstOrderAt", EXCLUDED."firstOrderAt")`;
}

async function touchCursor(db: TPrisma, chain: string, args: { head: number; genesisHash: string | null; lastBlock?: number }) {
  await db.chainCursor.upsert({
    where: { chain },
    create: { chain, lastBlock: BigInt(args.lastBlock ?? 0), genesisHash: args.genesisHash, headBlock: BigInt(args.head) },
    update: { headBlock: BigInt(args.head), checkedAt: new Date(), lastError: null, errorCount: 0 },
  });
}

function finish(chain: TEvmChain, result: TSyncResult): TSyncResult {
  metrics().syncLagBlocks.set({ chain: chain.key }, result.lagBlocks);
  return result;
}

/** Records a failed tick on the cursor (RB-03 shows it) and returns how many in a row have failed. */
export async function recordSyncError(db: TPrisma, chain: TEvmChain, err: unknown): Promise<number> {
  const key = chainKey(chain);
  const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
  const row = await db.chainCursor.upsert({
    where: { chain: key },
    create: { chain: key, lastBlock: BigInt(chain.deployBlock - 1), lastError: message, errorCount: 1 },
    update: { lastError: message, errorCount: { increment: 1 }, checkedAt: new Date() },
  });
  return row.errorCount;
}
