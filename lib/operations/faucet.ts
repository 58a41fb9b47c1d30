import { z } from "zod";
import { Contract, parseUnits } from "ethers";
import type { Prisma } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import { xrpToDrops } from "xrpl";
import { defineOperation, type TExternalContext } from "@/lib/operations/define";
import { OperationError } from "@/lib/operations/result";
import { isAddressOrRange } from "@/lib/http/address-match";
import { blacklistedAmong } from "@/lib/blacklist/queries";
import { evmCall, evmChain } from "@/lib/chains/evm";
import { ERC20_ABI } from "@/lib/chains/evm-abi";
import { sendEvmOnce } from "@/lib/chains/evm-send";
import { xrplChain } from "@/lib/chains/xrpl";
import { sendXrpPaymentOnce } from "@/lib/chains/xrpl-send";
import { FAUCET_CHAINS, KEYS_KEY, LIMITS_KEY, PAUSE_KEY, ZFaucetLimits, faucetKeys, readFaucetSettings, treasurySigner, type TFaucetChain } from "@/lib/faucet/config";

// The faucet's controls (the faucet guide's admin endpoints, as operations): pause and resume,
// the review queue, client address blocks, limits, top-ups from the treasury and key rotation.

type TTx = Prisma.TransactionClient;

async function putSetting(tx: TTx, key: string, value: object, by: string) {
  await tx.setting.upsert({ where: { key }, create: { key, value, updatedBy: by }, update: { value, updatedBy: by } });
}

const ZChain = z.enum(FAUCET_CHAINS, { message: "Choose XRPL or EVM" });

export const pauseFaucet = defineOperation({
  id: "faucet.pause",
  title: "Pause the faucet",
  description: "The intake answers 503 FAUCET_PAUSED and nothing is sent until it is resumed; queued requests wait.",
  risk: "medium",
  input: z.object({ note: z.string({ message: "Say why" }).trim().min(5, "Say why (at least 5 characters)").max(300) }),
  allowed: ["operator", "admin"],
  // The guide's first move when the faucet is empty or under attack: no waiting for an approver.
  approval: null,
  target: () => ({ type: "faucet", id: "faucet" }),
  summary: () => "Pause the faucet",
  async authorize(_actor, _input, { db }) {
    return (await readFaucetSettings(db)).pause ? "The faucet is already paused" : null;
  },
  async execute({ tx, requester }, input) {
    await putSetting(tx, PAUSE_KEY, { by: requester.email, at: new Date().toISOString(), note: input.note }, requester.email);
    return { paused: true };
  },
});

export const resumeFaucet = defineOperation({
  id: "faucet.resume",
  title: "Resume the faucet",
  description: "Requests are taken and sent again; the queue that waited goes out first.",
  risk: "medium",
  input: z.object({}).strict(),
  allowed: ["operator", "admin"],
  approval: null,
  target: () => ({ type: "faucet", id: "faucet" }),
  summary: () => "Resume the faucet",
  async authorize(_actor, _input, { db }) {
    return (await readFaucetSettings(db)).pause ? null : "The faucet is not paused";
  },
  async execute({ tx }) {
    await tx.setting.deleteMany({ where: { key: PAUSE_KEY } });
    return { paused: false };
  },
});

export const reviewFaucetRequests = defineOperation({
  id: "faucet.review",
  title: "Decide flagged faucet requests",
  description: "Approve (they join the queue in their original order) or reject requests the abuse rules held.",
  risk: "low",
  input: z.object({
    requests: z.array(z.uuid({ message: "Not a request id" }), { message: "Tick at least one request" }).min(1, "Tick at least one request").max(200, "At most 200 at a time"),
    decision: z.enum(["approve", "reject"], { message: "Choose approve or reject" }),
  }),
  allowed: ["support", "operator", "admin"],
  approval: null,
  target: (input) => ({ type: "faucet-request", id: input.requests.length === 1 ? input.requests[0]! : `${input.requests.length} requests` }),
  summary: (input) => `${input.decision === "approve" ? "Approve" : "Reject"} ${input.requests.length} flagged faucet request${input.requests.length === 1 ? "" : "s"}`,
  async execute({ tx, requester }, input) {
    const rows = await tx.faucetRequest.findMany({ where: { id: { in: input.requests } }, select: { id: true, status: true } });
    const notWaiting = input.requests.filter((id) => rows.find((r) => r.id === id)?.status !== "review");
    if (notWaiting.length) throw new OperationError("CONFLICT", `${notWaiting.length} of these are no longer waiting for review; nothing was changed. Reload the page.`);
    if (input.decision === "approve") {
      const addresses = await tx.faucetRequest.findMany({ where: { id: { in: input.requests } }, select: { address: true } });
      const flagged = await blacklistedAmong(tx as unknown as TPrisma, addresses.map((a) => a.address));
      if (flagged.size) throw new OperationError("CONFLICT", `${flagged.size} of these go to blacklisted wallets: reject those instead. Nothing was changed.`);
    }
    const decided = await tx.faucetRequest.updateMany({
      where: { id: { in: input.requests }, status: "review" },
      data: { status: input.decision === "approve" ? "queued" : "rejected", decidedAt: new Date(), decidedBy: requester.email, nextAttemptAt: null },
    });
    return { decided: decided.count, decision: input.decision };
  },
});

export const blockFaucetClients = defineOperation({
  id: "faucet.block",
  title: "Block a client address or range",
  description: "The intake answers 403 BLOCKED to it from now on (the guide's IP block at the load balancer).",
  risk: "low",
  input: z.object({
    cidr: z
      .string({ message: "Enter an address or a range" })
      .trim()
      .refine((v) => isAddressOrRange(v), "Enter an IP address (203.0.113.7) or a CIDR range (203.0.113.0/24)"),
    reason: z.string({ message: "Say why" }).trim().min(5, "Say why (at least 5 characters)").max(300),
  }),
  allowed: ["support", "operator", "admin"],
  approval: null,
  target: (input) => ({ type: "client-address", id: input.cidr }),
  summary: (input) => `Block ${input.cidr} at the faucet`,
  async execute({ tx, requester }, input) {
    const block = await tx.faucetBlock.create({ data: { cidr: input.cidr, reason: input.reason, createdBy: requester.email } });
    return { blockId: block.id };
  },
});

export const unblockFaucetClients = defineOperation({
  id: "faucet.unblock",
  title: "Lift a client address block",
  description: "The address or range may ask again (its rate limits still apply).",
  risk: "low",
  input: z.object({ blockId: z.uuid({ message: "Choose a block" }) }),
  allowed: ["support", "operator", "admin"],
  approval: null,
  target: (input) => ({ type: "faucet-block", id: input.blockId }),
  summary: () => "Lift a faucet block",
  async execute({ tx, requester }, input) {
    const lifted = await tx.faucetBlock.updateMany({ where: { id: input.blockId, removedAt: null }, data: { removedAt: new Date(), removedBy: requester.email } });
    if (lifted.count === 0) throw new OperationError("NOT_FOUND", "This block does not exist or was already lifted");
    return { lifted: true };
  },
});

export const updateFaucetLimits = defineOperation({
  id: "faucet.limits.update",
  title: "Change the faucet limits",
  description: "Grant sizes, rate limits and the abuse rules' thresholds. One approver confirms.",
  risk: "high",
  input: ZFaucetLimits,
  allowed: ["operator", "admin"],
  approval: { count: 1, by: ["approver"], ttlMinutes: 24 * 60 },
  target: () => ({ type: "faucet", id: "limits" }),
  summary: () => "Change the faucet limits",
  async execute({ tx, requester }, input) {
    await putSetting(tx, LIMITS_KEY, input, requester.email);
    return { limits: input };
  },
});

/** Whole units ("250.5") to the chain's base unit. */
async function toBaseUnits(chain: TFaucetChain, amount: string): Promise<string> {
  if (chain === "xrpl") return xrpToDrops(amount);
  const evm = evmChain();
  if (!evm?.token) throw new OperationError("FAILED", "No EVM token is configured (USDT_ADDRESS)");
  const token = evm.token;
  const decimals = Number(await evmCall(evm, "token decimals", (p) => new Contract(token, ERC20_ABI, p).getFunction("decimals")()));
  return parseUnits(amount, decimals).toString();
}

/** "active", "next" or an address: the faucet wallet a top-up pays (an address must be one of the faucet's keys). */
async function topUpDestination(db: Pick<TPrisma, "setting">, chain: TFaucetChain, destination: string): Promise<string | null> {
  const { current, next } = faucetKeys(chain);
  const active = (await readFaucetSettings(db)).active[chain];
  if (destination === "active") return active;
  if (destination === "next") return [current, next].find((k) => k && k.address !== active)?.address ?? null;
  const wanted = chain === "evm" ? destination.toLowerCase() : destination;
  return [current, next].find((k) => k?.address === wanted)?.address ?? null;
}

async function sendTopUp(ctx: TExternalContext, input: { chain: TFaucetChain; destination: string; amount: string }) {
  const intentKey = `${ctx.executionId}:faucet.topup`;
  const source = treasurySigner(input.chain);
  if (!source) throw new OperationError("FAILED", `No ${input.chain.toUpperCase()} treasury key is configured (${input.chain === "xrpl" ? "TREASURY_XRPL_SEED" : "TREASURY_EVM_KEY"})`);
  // A retry (the reconciler after a crash) resumes the recorded transfer: nothing is worked out again.
  const recorded = await ctx.db.chainTransaction.findUnique({ where: { intentKey }, select: { toAddress: true } });
  // (An EVM record's "to" is the token contract; its destination is inside the signed call.)
  const destination = input.chain === "xrpl" && recorded?.toAddress ? recorded.toAddress : await topUpDestination(ctx.db, input.chain, input.destination);
  if (!destination && !recorded) throw new OperationError("FAILED", `That is not a configured ${input.chain.toUpperCase()} faucet wallet`);
  if (input.chain === "xrpl") {
    const chain = xrplChain();
    if (!chain) throw new OperationError("FAILED", "No XRPL endpoint is configured");
    const sent = await sendXrpPaymentOnce({ db: ctx.db, chain, intentKey, executionId: ctx.executionId, purpose: "faucet.topup", seed: source.secret, destination: destination!, amountDrops: xrpToDrops(input.amount), memo: "faucet top-up" });
    return { chain: "xrpl", txHash: sent.txHash, ledgerIndex: sent.ledgerIndex, to: destination, amount: input.amount };
  }
  const chain = evmChain();
  if (!chain?.token) throw new OperationError("FAILED", "No EVM token is configured (USDT_ADDRESS)");
  // Recorded already: the signed bytes are resent as they are, the amount is not read again.
  const amount = recorded ? 0n : BigInt(await toBaseUnits("evm", input.amount));
  const sent = await sendEvmOnce({ db: ctx.db, chain, intentKey, executionId: ctx.executionId, purpose: "faucet.topup", signerKey: source.secret, to: chain.token, abi: ERC20_ABI, method: "transfer", args: [destination ?? chain.token, amount] });
  return { chain: "evm", txHash: sent.txHash, blockNumber: sent.blockNumber, to: destination, amount: input.amount };
}

export const topUpFaucet = defineOperation({
  id: "faucet.topup",
  title: "Top up the faucet from the treasury",
  description: "Sends from the treasury wallet to a faucet wallet (the active one, or the next key's before a rotation), once. One approver confirms.",
  risk: "high",
  input: z.object({
    chain: ZChain,
    destination: z.string({ message: "Choose the faucet wallet" }).trim().min(1, "Choose the faucet wallet").max(100).default("active"),
    amount: z
      .string({ message: "Enter an amount" })
      .trim()
      .regex(/^\d{1,12}(\.\d{1,6})?$/, "Enter an amount in whole units, e.g. 5000 or 250.5")
      .refine((v) => Number(v) > 0, "Enter more than 0"),
  }),
  allowed: ["treasury", "admin"],
  approval: { count: 1, by: ["approver"], ttlMinutes: 24 * 60 },
  target: (input) => ({ type: "faucet", id: input.chain }),
  summary: (input) => `Top up the ${input.chain.toUpperCase()} faucet (${input.destination}) with ${input.amount} ${input.chain === "xrpl" ? "XRP" : "tokens"}`,
  async authorize(_actor, input, { db }) {
    return (await topUpDestination(db, input.chain, input.destination)) ? null : `${input.destination} is not a configured ${input.chain.toUpperCase()} faucet wallet`;
  },
  external: (ctx, input) => sendTopUp(ctx, input),
  execute: async ({ external }) => external,
});

export const rotateFaucetKey = defineOperation({
  id: "faucet.key.rotate",
  title: "Rotate the faucet key",
  description: "Switches grants from one faucet wallet to another whose key is in the environment (FAUCET_*_NEXT). Fund it first. Two approvers confirm.",
  risk: "critical",
  // The switch is spelled out (from → to), so the approvers see exactly which wallet they approve,
  // and a second approved request cannot switch back: it no longer starts from the active wallet.
  input: z.object({
    chain: ZChain,
    from: z.string({ message: "The active faucet wallet" }).trim().min(1, "The active faucet wallet").max(100),
    to: z.string({ message: "The wallet to switch to" }).trim().min(1, "The wallet to switch to").max(100),
  }),
  allowed: ["operator", "admin"],
  approval: { count: 2, by: ["approver"], ttlMinutes: 24 * 60 },
  target: (input) => ({ type: "faucet", id: `${input.chain}-key` }),
  summary: (input) => `Rotate the ${input.chain.toUpperCase()} faucet key to ${input.to}`,
  async authorize(_actor, input, { db }) {
    return rotationRefusal(db, input);
  },
  async execute({ tx, requester }, input) {
    const refusal = await rotationRefusal(tx, input);
    if (refusal) throw new OperationError("CONFLICT", refusal);
    const stored = (await tx.setting.findUnique({ where: { key: KEYS_KEY } }))?.value as Record<string, string> | undefined;
    await putSetting(tx, KEYS_KEY, { ...(stored ?? {}), [input.chain]: input.to }, requester.email);
    // Addresses only: the keys never leave the environment.
    return { chain: input.chain, from: input.from, to: input.to };
  },
});

async function rotationRefusal(db: Pick<TPrisma, "setting">, input: { chain: TFaucetChain; from: string; to: string }): Promise<string | null> {
  const { current, next } = faucetKeys(input.chain);
  const active = (await readFaucetSettings(db)).active[input.chain];
  if (active !== input.from) return `The active ${input.chain.toUpperCase()} faucet wallet is no longer ${input.from}: reload and ask again`;
  if (input.to === input.from) return "That wallet is already the active one";
  if (![current, next].some((k) => k?.address === input.to)) return `No key for ${input.to} is configured: set ${input.chain === "xrpl" ? "FAUCET_XRPL_SEED_NEXT" : "FAUCET_EVM_KEY_NEXT"} on every instance first`;
  return null;
}

export const FAUCET_OPERATIONS = [pauseFaucet, resumeFaucet, reviewFaucetRequests, blockFaucetClients, unblockFaucetClients, updateFaucetLimits, topUpFaucet, rotateFaucetKey];
