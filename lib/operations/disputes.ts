import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { defineOperation, type TActor, type TAuthorizeContext } from "@/lib/operations/define";
import { OperationError } from "@/lib/operations/result";
import { ZOrderId, escrowSend } from "@/lib/operations/escrow";
import { chainKey, evmChain } from "@/lib/chains/evm";
import type { TEvmSendResult } from "@/lib/chains/evm-send";
import { disputeLabel, parseDisputeRef } from "@/lib/disputes/ref";
import { settingKey, thresholdFromRow } from "@/lib/settings/thresholds";
import type { TPrisma } from "@/lib/db/prisma";

// The dispute desk (the escrow guide's RB-04 and §8): claim, hand over, add evidence, and resolve
// on chain. A resolution calls the escrow's resolveToBuyer/resolveToSeller with the owner key,
// exactly once; above the large-resolution threshold an approver confirms it first.

type TTx = Prisma.TransactionClient;

const DESK_ROLES = ["support", "admin"] as const;

const ZChain = z.string({ message: "Choose a chain" }).regex(/^evm:\d{1,12}$/, "Choose a chain");
const ZOrder = z.object({ chain: ZChain, orderId: ZOrderId });

/** IPFS content ids: CIDv0 (Qm…, base58) or CIDv1 (b…, base32). */
const CID = /^(Qm[1-9A-HJ-NP-Za-km-z]{44}|b[a-z2-7]{50,100})$/;
const ZCids = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\s,]+/) : v),
  z
    .array(z.string().trim().max(200))
    .transform((items) => [...new Set(items.filter(Boolean))])
    .superRefine((items, ctx) => {
      const bad = items.filter((c) => !CID.test(c));
      if (bad.length) ctx.addIssue({ code: "custom", message: `Not a CID: ${bad.map((c) => c.slice(0, 20)).join(", ")}. A CID is Qm… (46 characters) or b… (CIDv1).` });
    })
    .pipe(z.array(z.string()).max(20, "At most 20 files per note")),
);

function refTarget(ref: string) {
  const d = parseDisputeRef(ref)!;
  return `${d.chain}/${d.orderId}`;
}

async function readOrder(tx: TTx | TPrisma, chain: string, orderId: number) {
  const [order] = await tx.$queryRaw<{ status: string; disputedAt: Date | null }[]>`
    SELECT status::text AS status, "disputedAt" FROM "EscrowOrder" WHERE chain = ${chain} AND "orderId" = ${BigInt(orderId)}`;
  return order ?? null;
}

async function openDispute(db: TTx | TPrisma, chain: string, orderId: number): Promise<string | null> {
  const order = await readOrder(db, chain, orderId);
  if (!order?.disputedAt) return `${disputeLabel(chain, orderId)} is not a dispute OpsDeck knows`;
  if (order.status !== "disputed") return `${disputeLabel(chain, orderId)} is already ${order.status.replace("_", " to ")}`;
  return null;
}

/** The desk row, created if missing: two first claims at once must not collide on creating it. */
async function ensureDesk(tx: TTx, chain: string, orderId: bigint) {
  await tx.$executeRaw`INSERT INTO "DisputeCase" (chain, "orderId", "updatedAt") VALUES (${chain}, ${orderId}, now()) ON CONFLICT DO NOTHING`;
}

async function assigneeOf(db: TTx | TPrisma, chain: string, orderId: number) {
  return db.disputeCase.findUnique({ where: { chain_orderId: { chain, orderId: BigInt(orderId) } }, select: { assigneeId: true, assignee: { select: { email: true } } } });
}

export const claimDispute = defineOperation({
  id: "dispute.claim",
  title: "Claim a dispute",
  description: "Takes an open dispute from the queue: it is yours to work until you resolve or hand it on.",
  risk: "low",
  input: ZOrder,
  allowed: DESK_ROLES,
  approval: null,
  target: (input) => ({ type: "dispute", id: `${input.chain}/${input.orderId}` }),
  summary: (input) => `Claim dispute ${disputeLabel(input.chain, input.orderId)}`,
  authorize: async (_actor, input, { db }) => openDispute(db, input.chain, input.orderId),
  async execute({ tx, requester }, input) {
    const key = { chain: input.chain, orderId: BigInt(input.orderId) };
    await ensureDesk(tx, key.chain, key.orderId);
    // Only an unclaimed dispute (or one already mine) is taken: two agents pressing at once get one owner.
    const taken = await tx.disputeCase.updateMany({
      where: { ...key, OR: [{ assigneeId: null }, { assigneeId: requester.id }] },
      data: { assigneeId: requester.id, assignedAt: new Date(), assignedBy: requester.email },
    });
    if (taken.count === 0) {
      const holder = await assigneeOf(tx, input.chain, input.orderId);
      throw new OperationError("CONFLICT", `${holder?.assignee?.email ?? "Someone"} already works this dispute`);
    }
    return { assignee: requester.email };
  },
});

export const unclaimDispute = defineOperation({
  id: "dispute.unclaim",
  title: "Give a dispute back",
  description: "Returns the dispute to the queue, unassigned.",
  risk: "low",
  input: ZOrder,
  allowed: ["support", "operator", "admin"],
  approval: null,
  target: (input) => ({ type: "dispute", id: `${input.chain}/${input.orderId}` }),
  summary: (input) => `Unassign dispute ${disputeLabel(input.chain, input.orderId)}`,
  async authorize(actor, input, { db }) {
    const desk = await assigneeOf(db, input.chain, input.orderId);
    if (!desk?.assigneeId) return "Nobody works this dispute";
    // Leads (operators, admins) can free a dispute someone left; an agent gives back only their own.
    if (desk.assigneeId !== actor.id && !actor.roles.some((r) => r === "operator" || r === "admin")) return `${desk.assignee?.email ?? "Someone else"} works this dispute; only they or a lead can give it back`;
    return null;
  },
  async execute({ tx }, input) {
    await tx.disputeCase.update({ where: { chain_orderId: { chain: input.chain, orderId: BigInt(input.orderId) } }, data: { assigneeId: null, assignedAt: null, assignedBy: null } });
    return { assignee: null };
  },
});

export const assignDisputes = defineOperation({
  id: "dispute.assign",
  title: "Assign disputes",
  description: "Hands one or many open disputes to an agent (or back to the queue).",
  risk: "low",
  input: z.object({
    // References stay strings in the stored input (it is parsed again when an execution runs).
    disputes: z
      .array(z.string().refine((v) => parseDisputeRef(v) !== null, "Not a dispute reference"), { message: "Tick at least one dispute" })
      .min(1, "Tick at least one dispute")
      .max(100, "At most 100 disputes at a time"),
    assigneeId: z.union([z.literal("none"), z.uuid({ message: "Choose who works them" })], { message: "Choose who works them" }),
  }),
  allowed: ["support", "operator", "admin"],
  approval: null,
  target: (input) => ({ type: "dispute", id: input.disputes.length === 1 ? refTarget(input.disputes[0]!) : `${input.disputes.length} disputes` }),
  // Leads (operators, admins) hand out anything. An agent takes unassigned disputes (or their own)
  // for themselves: reassigning a colleague's dispute would get around who may resolve it.
  async authorize(actor, input, { db }) {
    if (actor.roles.some((r) => r === "operator" || r === "admin")) return null;
    if (input.assigneeId !== actor.id) return "Agents assign disputes to themselves; ask a lead (operator or admin) to hand them to someone else";
    for (const ref of input.disputes) {
      const d = parseDisputeRef(ref)!;
      const desk = await assigneeOf(db, d.chain, Number(d.orderId));
      if (desk?.assigneeId && desk.assigneeId !== actor.id) return `${desk.assignee?.email ?? "Someone else"} works dispute #${d.orderId}; ask a lead to hand it over`;
    }
    return null;
  },
  summary: (input) => `Assign ${input.disputes.length} dispute${input.disputes.length === 1 ? "" : "s"}`,
  async execute({ tx, requester }, input) {
    let assignee: { id: string; email: string } | null = null;
    if (input.assigneeId !== "none") {
      const user = await tx.user.findUnique({ where: { id: input.assigneeId }, select: { id: true, email: true, disabledAt: true, roles: true } });
      if (!user || user.disabledAt || !user.roles.some((r) => r === "support" || r === "admin")) {
        throw new OperationError("INVALID_INPUT", "Choose an active support agent or admin", { assigneeId: ["Choose an active support agent or admin"] });
      }
      assignee = user;
    }
    const refs = input.disputes.map((r) => parseDisputeRef(r)!);
    const closed: string[] = [];
    for (const d of refs) {
      const refusal = await openDispute(tx, d.chain, Number(d.orderId));
      if (refusal) closed.push(`#${d.orderId}`);
    }
    if (closed.length) throw new OperationError("CONFLICT", `Only open disputes can be assigned; not open: ${closed.join(", ")}. Nothing was changed.`);
    const data = assignee ? { assigneeId: assignee.id, assignedAt: new Date(), assignedBy: requester.email } : { assigneeId: null, assignedAt: null, assignedBy: null };
    for (const d of refs) {
      await ensureDesk(tx, d.chain, d.orderId);
      await tx.disputeCase.update({ where: { chain_orderId: { chain: d.chain, orderId: d.orderId } }, data });
    }
    return { assigned: input.disputes.length, assignee: assignee?.email ?? null };
  },
});

export const addDisputeNote = defineOperation({
  id: "dispute.note",
  title: "Add evidence or a note",
  description: "Text and IPFS CIDs of the files the parties sent, kept with the dispute.",
  risk: "low",
  input: ZOrder.extend({
    body: z.string().trim().max(4_000, "At most 4,000 characters").default(""),
    cids: ZCids.default([]),
  }).refine((v) => v.body.length > 0 || v.cids.length > 0, { message: "Write a note or add a CID", path: ["body"] }),
  allowed: ["support", "operator", "admin"],
  approval: null,
  target: (input) => ({ type: "dispute", id: `${input.chain}/${input.orderId}` }),
  summary: (input) => `Note on dispute ${disputeLabel(input.chain, input.orderId)}`,
  async authorize(_actor, input, { db }) {
    const order = await readOrder(db, input.chain, input.orderId);
    return order?.disputedAt ? null : `${disputeLabel(input.chain, input.orderId)} is not a dispute OpsDeck knows`;
  },
  async execute({ tx, requester }, input) {
    const note = await tx.disputeNote.create({ data: { chain: input.chain, orderId: BigInt(input.orderId), authorEmail: requester.email, body: input.body, cids: input.cids } });
    return { noteId: note.id };
  },
});

async function largeResolutionLimit(db: TPrisma): Promise<number> {
  return thresholdFromRow("largeResolutionUsdt", await db.setting.findUnique({ where: { key: settingKey("largeResolutionUsdt") } }));
}

/**
 * Whether resolving this order needs an approver: above the limit in the configured stablecoin;
 * always for another token (its units are not dollars) or an amount not yet valued.
 */
export async function resolutionNeedsApproval(db: TPrisma, chain: string, orderId: number): Promise<boolean> {
  const [order] = await db.$queryRaw<{ token: string; amountValue: string | null }[]>`
    SELECT token, "amountValue"::text AS "amountValue" FROM "EscrowOrder" WHERE chain = ${chain} AND "orderId" = ${BigInt(orderId)}`;
  const stablecoin = evmChain()?.token?.toLowerCase() ?? null;
  if (!order || order.amountValue === null || order.token !== stablecoin) return true;
  return Number(order.amountValue) > (await largeResolutionLimit(db));
}

const resolutionPolicy = async (input: { chain: string; orderId: number }, _actor: TActor, { db }: TAuthorizeContext) =>
  (await resolutionNeedsApproval(db, input.chain, input.orderId)) ? { count: 1, by: ["approver" as const], ttlMinutes: 24 * 60 } : null;

/**
 * Just before the resolution is signed: still open, still this agent's (someone may have claimed it
 * while an approver decided), and no other resolution of it started first — two pressed at the same
 * instant would otherwise both pass the checks at request time and the second revert on chain.
 */
async function checkStillResolvable(db: TPrisma, executionId: string, requester: TActor, input: { chain: string; orderId: number }) {
  const refusal = await openDispute(db, input.chain, input.orderId);
  if (refusal) throw new OperationError("CONFLICT", refusal);
  const desk = await assigneeOf(db, input.chain, input.orderId);
  if (desk?.assigneeId && desk.assigneeId !== requester.id && !requester.roles.includes("admin")) throw new OperationError("CONFLICT", `${desk.assignee?.email ?? "Someone else"} has taken this dispute since; nothing was sent`);
  const mine = await db.execution.findUniqueOrThrow({ where: { id: executionId }, select: { startedAt: true } });
  const earlier = await db.execution.findFirst({
    where: {
      operationId: "dispute.resolve",
      id: { not: executionId },
      status: { in: ["RUNNING", "SUCCEEDED"] },
      AND: [{ input: { path: ["chain"], equals: input.chain } }, { input: { path: ["orderId"], equals: input.orderId } }],
      OR: [{ startedAt: { lt: mine.startedAt } }, { startedAt: mine.startedAt, id: { lt: executionId } }],
    },
    select: { id: true },
  });
  if (earlier) throw new OperationError("CONFLICT", "Another resolution of this dispute started first; nothing was sent");
}

export const resolveDispute = defineOperation({
  id: "dispute.resolve",
  title: "Resolve a dispute",
  description: "Calls the escrow's resolution on chain: a full refund to the buyer, or payment to the seller minus the platform fee. Above the large-resolution threshold an approver confirms first.",
  risk: "high",
  input: ZOrder.extend({
    favour: z.enum(["buyer", "seller"], { message: "Choose buyer or seller" }),
    // Also the approvers' reason when one is needed: the pipeline keeps reasons to 500 characters.
    note: z.string({ message: "Say why" }).trim().min(10, "Say why, for the parties and the audit (at least 10 characters)").max(500, "At most 500 characters: put the details in a note"),
  }),
  allowed: DESK_ROLES,
  approval: resolutionPolicy,
  target: (input) => ({ type: "dispute", id: `${input.chain}/${input.orderId}` }),
  summary: (input) => `Resolve dispute ${disputeLabel(input.chain, input.orderId)} in favour of the ${input.favour}`,
  async authorize(actor, input, { db }) {
    const chain = evmChain();
    if (!chain?.escrow || chainKey(chain) !== input.chain) return `OpsDeck has no escrow configured on ${input.chain}`;
    const refusal = await openDispute(db, input.chain, input.orderId);
    if (refusal) return refusal;
    const desk = await assigneeOf(db, input.chain, input.orderId);
    if (desk?.assigneeId && desk.assigneeId !== actor.id && !actor.roles.includes("admin")) return `${desk.assignee?.email ?? "Someone else"} works this dispute; ask them or a lead to hand it over`;
    const waiting = await db.approvalRequest.findFirst({ where: { operationId: "dispute.resolve", status: "PENDING", targetType: "dispute", targetId: `${input.chain}/${input.orderId}` }, select: { id: true } });
    if (waiting) return "A resolution of this dispute is already waiting for an approver";
    const sending = await db.execution.findFirst({
      where: { operationId: "dispute.resolve", status: "RUNNING", AND: [{ input: { path: ["chain"], equals: input.chain } }, { input: { path: ["orderId"], equals: input.orderId } }] },
      select: { id: true },
    });
    if (sending) return "A resolution of this dispute is being sent";
    return null;
  },
  async external(ctx, input) {
    // Nothing signed yet for this execution: look again now, since an approval can take hours.
    const intentKey = `${ctx.executionId}:dispute.resolve`;
    if (!(await ctx.db.chainTransaction.findUnique({ where: { intentKey }, select: { id: true } }))) await checkStillResolvable(ctx.db, ctx.executionId, ctx.requester, input);
    return escrowSend(ctx, "dispute.resolve", input.favour === "buyer" ? "resolveToBuyer" : "resolveToSeller", [input.orderId]);
  },
  async execute({ tx, requester, approvers, external }, input) {
    const sent = external as TEvmSendResult;
    const approved = approvers.length ? ` Approved by ${approvers.map((a) => a.email).join(", ")}.` : "";
    await tx.disputeNote.create({
      data: { chain: input.chain, orderId: BigInt(input.orderId), authorEmail: requester.email, body: `Resolved in favour of the ${input.favour}: ${input.note}${approved} Transaction ${sent.txHash}.`, cids: [] },
    });
    return { ...sent, favour: input.favour };
  },
});

export const DISPUTE_OPERATIONS = [claimDispute, unclaimDispute, assignDisputes, addDisputeNote, resolveDispute];
