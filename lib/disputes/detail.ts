import "server-only";
import { withoutEndpoints } from "@/lib/format/endpoints";
import { formatUnits } from "ethers";
import type { TPrisma } from "@/lib/db/prisma";
import type { TCurrentUser } from "@/lib/auth/session";
import { chainKey, evmChain, readOrder, type TOnChainOrder } from "@/lib/chains/evm";
import { blacklistEntryFor, type TBlacklistEntry } from "@/lib/blacklist/queries";
import { assertCanReadDisputes } from "@/lib/disputes/queue";
import { DISPUTED_STATUSES } from "@/lib/disputes/rate";
import type { TDisputeRef } from "@/lib/disputes/ref";

// One dispute, for the agent deciding it: the order as OpsDeck synced it and as the chain says it
// now, both parties' history, the evidence, the order's events, and where a resolution stands.

export type TPartyHistory = {
  wallet: string;
  ordersAsBuyer: number;
  ordersAsSeller: number;
  disputes: number;
  disputesOpened: number;
  /** Completed (or released) share of the orders that finished, in %; null before any finished. */
  completionPct: number | null;
  firstSeenAt: Date | null;
  blacklist: TBlacklistEntry | null;
};

export type TResolutionState =
  | { kind: "none" }
  | { kind: "waiting_approval"; requestId: string; requestedBy: string; favour: string; createdAt: Date; expiresAt: Date }
  | { kind: "sending"; executionId: string; favour: string; txHash: string | null; txStatus: string | null; startedAt: Date }
  | { kind: "sent"; executionId: string; favour: string; txHash: string | null; blockNumber: string | null; finishedAt: Date | null; by: string | null }
  | { kind: "failed"; executionId: string; favour: string; error: string; finishedAt: Date | null };

export type TDisputeDetail = {
  chain: string;
  chainName: string;
  orderId: string;
  order: {
    buyer: string;
    seller: string;
    token: string;
    symbol: string | null;
    amount: string | null;
    fee: string | null;
    /** What the seller receives if the dispute goes their way (amount − fee). */
    sellerPayout: string | null;
    status: string;
    arbitrator: string | null;
    disputedBy: string | null;
    createdAt: Date;
    paidAt: Date | null;
    disputedAt: Date | null;
    closedAt: Date | null;
  };
  onChain: { order: TOnChainOrder | null; amount: string | null; error: string | null };
  assignee: { id: string; name: string; email: string; assignedAt: Date | null; assignedBy: string | null } | null;
  buyer: TPartyHistory;
  seller: TPartyHistory;
  notes: { id: string; authorEmail: string; body: string; cids: string[]; createdAt: Date }[];
  events: { name: string; txHash: string; blockNumber: string; at: Date; args: Record<string, unknown> }[];
  resolution: TResolutionState;
};

async function partyHistory(db: TPrisma, chain: string, wallet: string): Promise<TPartyHistory> {
  const w = wallet.toLowerCase();
  const [asBuyer, asSeller, [agg], blacklist] = await Promise.all([
    db.escrowOrder.count({ where: { chain, buyer: w } }),
    db.escrowOrder.count({ where: { chain, seller: w } }),
    db.$queryRaw<{ disputes: bigint; opened: bigint; completed: bigint; finished: bigint; first: Date | null }[]>`
      SELECT count(*) FILTER (WHERE status::text IN (${DISPUTED_STATUSES[0]}, ${DISPUTED_STATUSES[1]}, ${DISPUTED_STATUSES[2]})) AS disputes,
             count(*) FILTER (WHERE "disputedBy" = ${w}) AS opened,
             count(*) FILTER (WHERE status = 'completed') AS completed,
             count(*) FILTER (WHERE status::text IN ('completed', 'resolved_buyer', 'resolved_seller', 'expired')) AS finished,
             min("createdAt") AS first
      FROM (
        SELECT status, "disputedBy", "createdAt" FROM "EscrowOrder" WHERE chain = ${chain} AND buyer = ${w}
        UNION ALL
        SELECT status, "disputedBy", "createdAt" FROM "EscrowOrder" WHERE chain = ${chain} AND seller = ${w}
      ) mine`,
    blacklistEntryFor(db, w),
  ]);
  const finished = Number(agg?.finished ?? 0);
  return {
    wallet: w,
    ordersAsBuyer: asBuyer,
    ordersAsSeller: asSeller,
    disputes: Number(agg?.disputes ?? 0),
    disputesOpened: Number(agg?.opened ?? 0),
    completionPct: finished ? Math.round((1000 * Number(agg?.completed ?? 0)) / finished) / 10 : null,
    firstSeenAt: agg?.first ?? null,
    blacklist,
  };
}

function favourOf(input: unknown): string {
  return input && typeof input === "object" && "favour" in input ? String((input as { favour: unknown }).favour) : "?";
}

/** Where the latest resolution of this order stands: waiting for an approver, sending, sent or failed. */
export async function resolutionState(db: TPrisma, chain: string, orderId: bigint): Promise<TResolutionState> {
  const orderFilter = { AND: [{ input: { path: ["chain"], equals: chain } }, { input: { path: ["orderId"], equals: Number(orderId) } }] };
  const [pending, execution] = await Promise.all([
    db.approvalRequest.findFirst({
      where: { operationId: "dispute.resolve", status: "PENDING", targetType: "dispute", targetId: `${chain}/${orderId}` },
      orderBy: { createdAt: "desc" },
      select: { id: true, input: true, createdAt: true, expiresAt: true, requestedBy: { select: { email: true } } },
    }),
    // A resolution that went through outranks later attempts (refused by the contract: already resolved).
    db.execution.findFirst({ where: { operationId: "dispute.resolve", ...orderFilter, status: { in: ["SUCCEEDED", "RUNNING"] } }, orderBy: { startedAt: "desc" } }).then(
      (done) => done ?? db.execution.findFirst({ where: { operationId: "dispute.resolve", ...orderFilter }, orderBy: { startedAt: "desc" } }),
    ),
  ]);
  if (pending) return { kind: "waiting_approval", requestId: pending.id, requestedBy: pending.requestedBy.email, favour: favourOf(pending.input), createdAt: pending.createdAt, expiresAt: pending.expiresAt };
  if (!execution) return { kind: "none" };
  const sent = await db.chainTransaction.findFirst({ where: { executionId: execution.id }, orderBy: { createdAt: "desc" } });
  const favour = favourOf(execution.input);
  if (execution.status === "RUNNING") return { kind: "sending", executionId: execution.id, favour, txHash: sent?.txHash ?? null, txStatus: sent?.status ?? null, startedAt: execution.startedAt };
  if (execution.status === "FAILED") return { kind: "failed", executionId: execution.id, favour, error: execution.error ?? "failed", finishedAt: execution.finishedAt };
  const by = execution.actorId ? (await db.user.findUnique({ where: { id: execution.actorId }, select: { email: true } }))?.email ?? null : null;
  return { kind: "sent", executionId: execution.id, favour, txHash: sent?.txHash ?? null, blockNumber: sent?.blockNumber?.toString() ?? null, finishedAt: execution.finishedAt, by };
}

/** A chain error for people: short, and without endpoint URLs (a provider's URL can carry its API key). */
export function chainErrorText(err: unknown): string {
  return withoutEndpoints(err instanceof Error ? err.message : String(err)).slice(0, 200);
}

export async function readDispute(db: TPrisma, user: Pick<TCurrentUser, "roles">, ref: TDisputeRef): Promise<TDisputeDetail | null> {
  assertCanReadDisputes(user);
  const row = await db.escrowOrder.findUnique({ where: { chain_orderId: { chain: ref.chain, orderId: ref.orderId } } });
  if (!row) return null;
  const [token, desk, notes, events, buyer, seller, resolution] = await Promise.all([
    db.chainToken.findUnique({ where: { chain_address: { chain: ref.chain, address: row.token } } }),
    db.disputeCase.findUnique({ where: { chain_orderId: { chain: ref.chain, orderId: ref.orderId } }, include: { assignee: { select: { id: true, name: true, email: true } } } }),
    db.disputeNote.findMany({ where: { chain: ref.chain, orderId: ref.orderId }, orderBy: { createdAt: "asc" }, take: 200 }),
    db.escrowEvent.findMany({ where: { chain: ref.chain, orderId: ref.orderId }, orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }], take: 100 }),
    partyHistory(db, ref.chain, row.buyer),
    partyHistory(db, ref.chain, row.seller),
    resolutionState(db, ref.chain, ref.orderId),
  ]);
  const decimals = token?.decimals ?? null;
  const units = (v: bigint | string) => (decimals === null ? null : formatUnits(BigInt(v), decimals));
  const chain = evmChain();
  let onChain: TDisputeDetail["onChain"] = { order: null, amount: null, error: "This chain is not configured here" };
  if (chain && chainKey(chain) === ref.chain) {
    try {
      const order = await readOrder(chain, Number(ref.orderId));
      onChain = { order, amount: order ? units(order.amount) : null, error: order ? null : "The contract has no such order" };
    } catch (err) {
      onChain = { order: null, amount: null, error: `The chain did not answer: ${chainErrorText(err)}` };
    }
  }
  return {
    chain: ref.chain,
    chainName: chain && chainKey(chain) === ref.chain ? chain.name : ref.chain,
    orderId: ref.orderId.toString(),
    order: {
      buyer: row.buyer,
      seller: row.seller,
      token: row.token,
      symbol: token?.symbol ?? null,
      amount: units(row.amount.toFixed(0)),
      fee: units(row.fee.toFixed(0)),
      sellerPayout: units(BigInt(row.amount.toFixed(0)) - BigInt(row.fee.toFixed(0))),
      status: row.status,
      arbitrator: row.arbitrator,
      disputedBy: row.disputedBy,
      createdAt: row.createdAt,
      paidAt: row.paidAt,
      disputedAt: row.disputedAt,
      closedAt: row.closedAt,
    },
    onChain,
    assignee: desk?.assignee ? { ...desk.assignee, assignedAt: desk.assignedAt, assignedBy: desk.assignedBy } : null,
    buyer,
    seller,
    notes: notes.map((n) => ({ id: n.id, authorEmail: n.authorEmail, body: n.body, cids: n.cids, createdAt: n.createdAt })),
    events: events.map((e) => ({ name: e.name, txHash: e.txHash, blockNumber: e.blockNumber.toString(), at: e.at, args: (e.args ?? {}) as Record<string, unknown> })),
    resolution,
  };
}
