import { z } from "zod";
import { parseUnits, formatUnits, isAddress } from "ethers";
import { decode, isValidClassicAddress } from "xrpl";
import { Prisma, type TreasuryPurpose } from "@/generated/prisma/client";
import type { TPrisma } from "@/lib/db/prisma";
import { defineOperation, type TExternalContext } from "@/lib/operations/define";
import { OperationError } from "@/lib/operations/result";
import { blacklistEntryFor } from "@/lib/blacklist/queries";
import { evmChain, readTokenBalance } from "@/lib/chains/evm";
import { ERC20_ABI } from "@/lib/chains/evm-abi";
import { sendEvmOnce } from "@/lib/chains/evm-send";
import { xrplChain } from "@/lib/chains/xrpl";
import { sendXrpPaymentOnce } from "@/lib/chains/xrpl-send";
import { settingKey, thresholdFromRow } from "@/lib/settings/thresholds";
import { PLATFORM_WALLET_KEY, platformSignerAt, readPlatformWallet, signerFor } from "@/lib/treasury/keys";
import { readAccountBalance } from "@/lib/treasury/balances";
import { recordSecretRotation } from "@/lib/secrets/record";
import { chainErrorText } from "@/lib/disputes/detail";

// The treasury's operations: the accounts it follows, its address book, transfers (two
// approvers, a third above the limit, exactly once) and the platform wallet's rotation.

type TTx = Prisma.TransactionClient;
const asDb = (tx: TTx) => tx as unknown as TPrisma;

const PURPOSES = ["platform", "faucet", "treasury", "escrow", "multisig", "other"] as const satisfies readonly TreasuryPurpose[];
const ZChain = z.enum(["xrpl", "evm"], { message: "Choose XRPL or EVM" });
const ZLabel = z.string({ message: "Give it a name" }).trim().min(2, "Give it a name (at least 2 characters)").max(80, "At most 80 characters");
const ZWhole = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,18})?$/, "Enter an amount in whole units, e.g. 5000 or 250.5");
/** An optional threshold field: blank means none. */
const ZOptionalWhole = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), ZWhole.optional());

/** An address in its stored form, checked against its chain (EVM lower-case, XRPL as is). */
function checkAddress(chain: "xrpl" | "evm", address: string): string | null {
  if (chain === "xrpl") return isValidClassicAddress(address) ? null : "Enter an XRPL classic address (r…)";
  return /^0x[0-9a-fA-F]{40}$/.test(address) && isAddress(address) ? null : "Enter an EVM address (0x + 40 hex characters, checksum as given)";
}

function short(address: string) {
  return address.length > 14 ? `${address.slice(0, 8)}…${address.slice(-4)}` : address;
}

// ── Accounts ────────────────────────────────────────────────────────────────────────────────

const ZAccountInput = z
  .object({
    chain: ZChain,
    address: z.string({ message: "Enter the address" }).trim().min(1, "Enter the address").max(100),
    /** XRP on XRPL; on EVM "ETH" or the token contract's address. */
    asset: z.string({ message: "Choose the asset" }).trim().min(1, "Choose the asset").max(100),
    label: ZLabel,
    purpose: z.enum(PURPOSES, { message: "Choose a purpose" }),
    warnBelow: ZOptionalWhole,
    critBelow: ZOptionalWhole,
  })
  .superRefine((v, ctx) => {
    const bad = checkAddress(v.chain, v.address);
    if (bad) ctx.addIssue({ code: "custom", path: ["address"], message: bad });
    if (v.chain === "xrpl" && v.asset !== "XRP") ctx.addIssue({ code: "custom", path: ["asset"], message: "XRPL accounts are followed in XRP" });
    if (v.chain === "evm" && v.asset !== "ETH" && checkAddress("evm", v.asset)) ctx.addIssue({ code: "custom", path: ["asset"], message: "ETH, or the token contract's address (0x…)" });
    if (v.warnBelow !== undefined && v.critBelow !== undefined && Number(v.critBelow) > Number(v.warnBelow)) {
      ctx.addIssue({ code: "custom", path: ["critBelow"], message: "The critical line must be at or below the warning line" });
    }
  })
  .transform((v) => ({ ...v, address: v.chain === "evm" ? v.address.toLowerCase() : v.address, asset: v.chain === "evm" && v.asset !== "ETH" ? v.asset.toLowerCase() : v.asset }));

export const addTreasuryAccount = defineOperation({
  id: "treasury.account.add",
  title: "Follow a treasury account",
  description: "Adds an address (and the asset to follow on it) to the treasury: its balance is read into snapshots and charted against its lines.",
  risk: "low",
  input: ZAccountInput,
  allowed: ["treasury", "admin"],
  // Following an address moves no money, but a treasury account counts as where the escrow's fees
  // belong (fee reconciliation): naming one needs an approver, or diverted fees could be hidden.
  approval: (input) => (input.purpose === "treasury" ? { count: 1, by: ["approver"], ttlMinutes: 24 * 60 } : null),
  target: (input) => ({ type: "treasury-account", id: `${input.chain}:${input.address}` }),
  summary: (input) => `Follow ${input.label} (${input.chain.toUpperCase()} ${short(input.address)})`,
  async authorize(_actor, input, { db }) {
    const existing = await db.treasuryAccount.findUnique({ where: { chain_address_asset: { chain: input.chain, address: input.address, asset: input.asset } }, select: { removedAt: true } });
    return existing && !existing.removedAt ? "This account is already followed" : null;
  },
  // The token's symbol and decimals come from the chain, before the database transaction.
  async external(_ctx, input) {
    if (input.chain === "xrpl") return { symbol: "XRP", decimals: 6 };
    if (input.asset === "ETH") return { symbol: "ETH", decimals: 18 };
    const chain = evmChain();
    if (!chain) throw new OperationError("FAILED", "No EVM endpoint is configured");
    try {
      const t = await readTokenBalance(chain, input.asset, input.address);
      return { symbol: t.symbol.slice(0, 20), decimals: t.decimals };
    } catch {
      throw new OperationError("INVALID_INPUT", "That contract does not answer like an ERC-20 token", { asset: ["Not an ERC-20 token on this chain"] });
    }
  },
  async execute({ tx, requester, external }, input) {
    const { symbol, decimals } = external as { symbol: string; decimals: number };
    const data = {
      label: input.label,
      purpose: input.purpose,
      symbol,
      decimals,
      warnBelow: input.warnBelow === undefined ? null : new Prisma.Decimal(input.warnBelow),
      critBelow: input.critBelow === undefined ? null : new Prisma.Decimal(input.critBelow),
      source: requester.email,
      removedAt: null,
    };
    const key = { chain: input.chain, address: input.address, asset: input.asset };
    const existing = await tx.treasuryAccount.findUnique({ where: { chain_address_asset: key }, select: { removedAt: true } });
    if (existing && !existing.removedAt) throw new OperationError("CONFLICT", "This account is already followed");
    const row = await tx.treasuryAccount.upsert({ where: { chain_address_asset: key }, create: { ...key, ...data }, update: data });
    return { accountId: row.id, symbol };
  },
});

export const removeTreasuryAccount = defineOperation({
  id: "treasury.account.remove",
  title: "Stop following a treasury account",
  description: "Its history stays; no new snapshots are taken. A configured wallet does not come back by itself.",
  risk: "low",
  input: z.object({ accountId: z.uuid({ message: "Choose an account" }) }),
  allowed: ["treasury", "admin"],
  approval: null,
  target: (input) => ({ type: "treasury-account", id: input.accountId }),
  summary: () => "Stop following a treasury account",
  async execute({ tx }, input) {
    const done = await tx.treasuryAccount.updateMany({ where: { id: input.accountId, removedAt: null }, data: { removedAt: new Date() } });
    if (!done.count) throw new OperationError("NOT_FOUND", "This account is not followed");
    return { removed: true };
  },
});

export const updateAccountLines = defineOperation({
  id: "treasury.account.lines",
  title: "Change an account's balance lines",
  description: "The warning and critical lines on its chart and in the balance alerts (blank: none, or the wallet thresholds).",
  risk: "low",
  input: z
    .object({ accountId: z.uuid({ message: "Choose an account" }), warnBelow: ZOptionalWhole, critBelow: ZOptionalWhole })
    .refine((v) => v.warnBelow === undefined || v.critBelow === undefined || Number(v.critBelow) <= Number(v.warnBelow), { path: ["critBelow"], message: "The critical line must be at or below the warning line" }),
  allowed: ["treasury", "admin"],
  approval: null,
  target: (input) => ({ type: "treasury-account", id: input.accountId }),
  summary: (input) => `Set balance lines: warning ${input.warnBelow ?? "none"}, critical ${input.critBelow ?? "none"}`,
  async execute({ tx }, input) {
    const done = await tx.treasuryAccount.updateMany({
      where: { id: input.accountId, removedAt: null },
      data: { warnBelow: input.warnBelow === undefined ? null : new Prisma.Decimal(input.warnBelow), critBelow: input.critBelow === undefined ? null : new Prisma.Decimal(input.critBelow) },
    });
    if (!done.count) throw new OperationError("NOT_FOUND", "This account is not followed");
    return { warnBelow: input.warnBelow ?? null, critBelow: input.critBelow ?? null };
  },
});

// ── Address book ────────────────────────────────────────────────────────────────────────────

const ZTag = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.coerce.number({ message: "A destination tag is a whole number" }).int("A destination tag is a whole number").min(0, "At least 0").max(4_294_967_295, "At most 4294967295").optional(),
);

async function blacklistRefusal(db: TPrisma, address: string): Promise<string | null> {
  const entry = await blacklistEntryFor(db, address);
  return entry ? `${address} is blacklisted (${entry.reason}); the treasury never pays it` : null;
}

export const addDestination = defineOperation({
  id: "treasury.destination.add",
  title: "Add a destination to the address book",
  description: "Transfers may only go to address-book entries. One approver confirms the address (and tag) before it can be used.",
  risk: "high",
  input: z
    .object({
      chain: ZChain,
      address: z.string({ message: "Enter the address" }).trim().min(1, "Enter the address").max(100),
      destinationTag: ZTag,
      label: ZLabel,
    })
    .superRefine((v, ctx) => {
      const bad = checkAddress(v.chain, v.address);
      if (bad) ctx.addIssue({ code: "custom", path: ["address"], message: bad });
      if (v.chain === "evm" && v.destinationTag !== undefined) ctx.addIssue({ code: "custom", path: ["destinationTag"], message: "Destination tags are an XRPL thing: leave it blank" });
    })
    .transform((v) => ({ ...v, address: v.chain === "evm" ? v.address.toLowerCase() : v.address })),
  allowed: ["treasury", "admin"],
  approval: { count: 1, by: ["approver"], ttlMinutes: 24 * 60 },
  target: (input) => ({ type: "wallet", id: input.address }),
  summary: (input) => `Add ${input.label}: ${input.chain.toUpperCase()} ${input.address}${input.destinationTag !== undefined ? ` tag ${input.destinationTag}` : ""} to the address book`,
  async authorize(_actor, input, { db }) {
    return (await blacklistRefusal(db, input.address)) ?? (await duplicateDestination(db, input));
  },
  async execute({ tx, requester, approvers }, input) {
    // An approval can take a day: the wallet may have been blacklisted meanwhile.
    const refusal = (await blacklistRefusal(asDb(tx), input.address)) ?? (await duplicateDestination(asDb(tx), input));
    if (refusal) throw new OperationError("CONFLICT", refusal);
    const row = await tx.treasuryDestination.create({
      data: { chain: input.chain, address: input.address, destinationTag: input.destinationTag === undefined ? null : BigInt(input.destinationTag), label: input.label, addedBy: requester.email, approvedBy: approvers.map((a) => a.email).join(", ") || null },
    });
    return { destinationId: row.id };
  },
});

async function duplicateDestination(db: TPrisma, input: { chain: string; address: string; destinationTag?: number }): Promise<string | null> {
  const same = await db.treasuryDestination.findFirst({
    where: { chain: input.chain, address: input.address, destinationTag: input.destinationTag === undefined ? null : BigInt(input.destinationTag), removedAt: null },
    select: { label: true },
  });
  return same ? `Already in the address book as “${same.label}”` : null;
}

export const removeDestination = defineOperation({
  id: "treasury.destination.remove",
  title: "Remove a destination from the address book",
  description: "No new transfer can name it; transfers already approved to it are refused when they run.",
  risk: "low",
  input: z.object({ destinationId: z.uuid({ message: "Choose a destination" }) }),
  allowed: ["treasury", "admin"],
  approval: null,
  target: (input) => ({ type: "treasury-destination", id: input.destinationId }),
  summary: () => "Remove a destination from the address book",
  async execute({ tx, requester }, input) {
    const done = await tx.treasuryDestination.updateMany({ where: { id: input.destinationId, removedAt: null }, data: { removedAt: new Date(), removedBy: requester.email } });
    if (!done.count) throw new OperationError("NOT_FOUND", "This destination is not in the address book");
    return { removed: true };
  },
});

// ── Transfers ───────────────────────────────────────────────────────────────────────────────

const ZTransfer = z.object({
  source: z.uuid({ message: "Choose the account to send from" }),
  destination: z.uuid({ message: "Choose a destination from the address book" }),
  amount: ZWhole.refine((v) => Number(v) > 0, "Enter more than 0"),
  memo: z.string().trim().max(200, "At most 200 characters").optional().default(""),
});
type TTransferInput = z.infer<typeof ZTransfer>;

type TTransferParts = {
  source: { id: string; chain: string; address: string; asset: string; symbol: string; decimals: number; label: string };
  destination: { id: string; chain: string; address: string; destinationTag: bigint | null; label: string };
  baseUnits: bigint;
};

/** The transfer's rows and amount, or why it cannot go. Read at request time and again just before sending. */
async function transferParts(db: TPrisma, input: TTransferInput): Promise<TTransferParts | string> {
  const [source, destination] = await Promise.all([
    db.treasuryAccount.findFirst({ where: { id: input.source, removedAt: null }, select: { id: true, chain: true, address: true, asset: true, symbol: true, decimals: true, label: true } }),
    db.treasuryDestination.findFirst({ where: { id: input.destination, removedAt: null }, select: { id: true, chain: true, address: true, destinationTag: true, label: true } }),
  ]);
  if (!source) return "That source account is not followed by the treasury";
  if (!destination) return "That destination is not in the address book (or was removed)";
  if (source.chain !== destination.chain) return `${destination.label} is on ${destination.chain.toUpperCase()}; ${source.label} is on ${source.chain.toUpperCase()}`;
  if (source.asset === "ETH") return "Gas (ETH) is not sent from the treasury here: choose a token account";
  if (source.address === destination.address) return "An account cannot pay itself";
  if (!(await signerFor(db, source.chain, source.address))) return `OpsDeck holds no key for ${source.label} (${short(source.address)}): it can only be watched`;
  const blacklisted = await blacklistRefusal(db, destination.address);
  if (blacklisted) return blacklisted;
  let baseUnits: bigint;
  try {
    baseUnits = parseUnits(input.amount, source.decimals);
  } catch {
    return `${source.symbol} has ${source.decimals} decimals: the amount has too many`;
  }
  return { source, destination, baseUnits };
}

async function transferLimit(db: TPrisma, parts: TTransferParts): Promise<number | null> {
  const key = parts.source.asset === "XRP" ? "treasuryTransferLimitXrp" : parts.source.asset === evmChain()?.token?.toLowerCase() ? "treasuryTransferLimitUsdt" : null;
  return key ? thresholdFromRow(key, await db.setting.findUnique({ where: { key: settingKey(key) } })) : null;
}

function describeTransfer(parts: TTransferParts, amount: string) {
  const tag = parts.destination.destinationTag !== null ? ` tag ${parts.destination.destinationTag}` : "";
  // A token is named by its contract too: a symbol is whatever its contract says.
  const asset = parts.source.asset === "XRP" ? "XRP" : `${parts.source.symbol} (token ${parts.source.asset})`;
  return `Send ${amount} ${asset} from ${parts.source.label} (${parts.source.address}) to ${parts.destination.label} (${parts.destination.address}${tag})`;
}

// A transfer whose signed XRPL payment provably never reached a ledger (it expired unsent, e.g.
// because the process sending it died and the reconciler came back after its last ledger) is
// signed again under the next attempt's key: nothing was paid, and the approvers asked for it.
// A payment the ledger refused (validated, failed) is not retried.
const MAX_TRANSFER_ATTEMPTS = 3;
const transferIntentKey = (executionId: string, attempt: number) => `${executionId}:treasury.transfer${attempt > 1 ? `:${attempt}` : ""}`;

async function neverLanded(db: TPrisma, intentKey: string): Promise<boolean> {
  const record = await db.chainTransaction.findUnique({ where: { intentKey }, select: { status: true, blockNumber: true } });
  return record?.status === "FAILED" && record.blockNumber === null;
}

async function sendTransfer(ctx: TExternalContext, input: TTransferInput) {
  for (let attempt = 1; ; attempt++) {
    const intentKey = transferIntentKey(ctx.executionId, attempt);
    const isLast = attempt >= MAX_TRANSFER_ATTEMPTS;
    if (!isLast && (await neverLanded(ctx.db, intentKey))) continue;
    try {
      return await sendTransferOnce(ctx, input, intentKey);
    } catch (err) {
      if (!isLast && err instanceof OperationError && (await neverLanded(ctx.db, intentKey))) continue;
      throw err;
    }
  }
}

async function sendTransferOnce(ctx: TExternalContext, input: TTransferInput, intentKey: string) {
  const recorded = await ctx.db.chainTransaction.findUnique({ where: { intentKey }, select: { id: true } });
  // Not sent yet: everything is checked again (an approval can take a day: the destination may
  // have been removed or blacklisted meanwhile). Recorded: the signed transaction is resumed as
  // it is, whatever happened to the rows since.
  const parts = recorded ? await recordedParts(ctx.db, input) : await transferParts(ctx.db, input);
  if (typeof parts === "string") throw new OperationError("CONFLICT", `Nothing was sent: ${parts}`);
  const p = parts;
  const secret = (await signerFor(ctx.db, p.source.chain, p.source.address)) ?? "";
  if (p.source.chain === "xrpl") {
    const chain = xrplChain();
    if (!chain) throw new OperationError("FAILED", "No XRPL endpoint is configured");
    const sent = await sendXrpPaymentOnce({
      db: ctx.db,
      chain,
      intentKey,
      executionId: ctx.executionId,
      purpose: "treasury.transfer",
      seed: secret,
      destination: p.destination.address,
      amountDrops: p.baseUnits.toString(),
      destinationTag: p.destination.destinationTag === null ? undefined : Number(p.destination.destinationTag),
      memo: input.memo || undefined,
    });
    return { chain: "xrpl", txHash: sent.txHash, ledgerIndex: sent.ledgerIndex, from: p.source.address, to: p.destination.address, amount: input.amount, symbol: p.source.symbol };
  }
  const chain = evmChain();
  if (!chain) throw new OperationError("FAILED", "No EVM endpoint is configured");
  const sent = await sendEvmOnce({ db: ctx.db, chain, intentKey, executionId: ctx.executionId, purpose: "treasury.transfer", signerKey: secret, to: p.source.asset, abi: ERC20_ABI, method: "transfer", args: [p.destination.address, p.baseUnits] });
  return { chain: "evm", txHash: sent.txHash, blockNumber: sent.blockNumber, from: p.source.address, to: p.destination.address, amount: input.amount, symbol: p.source.symbol };
}

async function recordedParts(db: TPrisma, input: TTransferInput): Promise<TTransferParts> {
  const [source, destination] = await Promise.all([
    db.treasuryAccount.findUniqueOrThrow({ where: { id: input.source }, select: { id: true, chain: true, address: true, asset: true, symbol: true, decimals: true, label: true } }),
    db.treasuryDestination.findUniqueOrThrow({ where: { id: input.destination }, select: { id: true, chain: true, address: true, destinationTag: true, label: true } }),
  ]);
  return { source, destination, baseUnits: parseUnits(input.amount, source.decimals) };
}

export const treasuryTransfer = defineOperation({
  id: "treasury.transfer",
  title: "Send a treasury transfer",
  description: "From a treasury account OpsDeck holds the key for, to an address-book destination. Two approvers confirm; a third above the transfer limit. Sent exactly once.",
  risk: "critical",
  input: ZTransfer,
  allowed: ["treasury", "admin"],
  async approval(input, _actor, { db }) {
    const parts = await transferParts(db, input);
    // A transfer that can no longer go is refused when it runs; asking for more approvers would only hide why.
    if (typeof parts === "string") return { count: 2, by: ["approver"], ttlMinutes: 24 * 60 };
    // Assets without a limit (other tokens) always take the extra approver.
    const limit = await transferLimit(db, parts);
    const isLarge = limit === null || Number(input.amount) > limit;
    return { count: isLarge ? 3 : 2, by: ["approver"], ttlMinutes: 24 * 60 };
  },
  target: (input) => ({ type: "treasury-destination", id: input.destination }),
  summary: (input) => `Send ${input.amount} from a treasury account to an address-book destination`,
  async describe(input, db) {
    const parts = await transferParts(db, input);
    return typeof parts === "string" ? "Send a treasury transfer" : describeTransfer(parts, input.amount);
  },
  async authorize(_actor, input, { db }) {
    const parts = await transferParts(db, input);
    return typeof parts === "string" ? parts : null;
  },
  external: (ctx, input) => sendTransfer(ctx, input),
  execute: async ({ external }) => external,
});

// ── Platform wallet rotation (the XRPL guide's rotate-wallet procedure, with approvals) ─────

const ZRotation = z.object({
  from: z.string({ message: "The active platform wallet" }).trim().min(1, "The active platform wallet").max(100),
  to: z.string({ message: "The new platform wallet" }).trim().min(1, "The new platform wallet").max(100),
});

/** The guide keeps 1 XRP back for fees; the reserve stays locked in the old account anyway. */
export const ROTATION_FEE_MARGIN_DROPS = 1_000_000n;

async function rotationRefusal(db: TPrisma, input: { from: string; to: string }): Promise<string | null> {
  const wallet = await readPlatformWallet(db);
  if (wallet.active !== input.from) return `The active platform wallet is no longer ${input.from}: reload and start again`;
  if (input.to === input.from) return "That wallet is already the active one";
  if (wallet.next !== input.to || !platformSignerAt(input.to)) return `No key for ${input.to} is configured: set PLATFORM_XRPL_SEED_NEXT on every instance first`;
  // A replaced key stays in the environment until the next deploy; it may be why we rotated.
  const retired = await succeededRotations(db, "wallet.rotation.switch");
  if (retired.some((r) => r.from === input.to)) return `${input.to} is a platform wallet a rotation retired: never rotate back to it. Configure a new key as PLATFORM_XRPL_SEED_NEXT.`;
  return null;
}

async function succeededRotations(db: TPrisma, operationId: string): Promise<{ from?: string; to?: string }[]> {
  const rows = await db.execution.findMany({ where: { operationId, status: "SUCCEEDED" }, select: { result: true } });
  return rows.map((r) => (r.result ?? {}) as { from?: string; to?: string });
}

/** The switch needs step 2 done: without it the old wallet's funds could never leave (it no longer signs). */
async function switchRefusal(db: TPrisma, input: { from: string; to: string }): Promise<string | null> {
  const moved = await succeededRotations(db, "wallet.rotation.transfer");
  if (!moved.some((r) => r.from === input.from && r.to === input.to)) return `Move the funds from ${input.from} to ${input.to} first (step 2): once switched, the old wallet no longer signs`;
  return rotationRefusal(db, input);
}

async function readBalanceOrRefuse(address: string) {
  try {
    return await readAccountBalance({ chain: "xrpl", address, asset: "XRP" });
  } catch (err) {
    throw new OperationError("FAILED", `Nothing was sent: the XRP Ledger could not be read (${chainErrorText(err)})`);
  }
}

export const rotationTransfer = defineOperation({
  id: "wallet.rotation.transfer",
  title: "Move the platform wallet's funds to the new wallet",
  description: "Step 2 of the rotation: sends everything above the reserve (less 1 XRP for fees) from the active platform wallet to the new one, once. Two approvers confirm.",
  risk: "critical",
  input: ZRotation,
  allowed: ["treasury", "operator", "admin"],
  approval: { count: 2, by: ["approver"], ttlMinutes: 24 * 60 },
  target: (input) => ({ type: "platform-wallet", id: input.from }),
  summary: (input) => `Move the platform wallet's funds from ${input.from} to ${input.to}`,
  async authorize(_actor, input, { db }) {
    return rotationRefusal(db, input);
  },
  async external(ctx, input) {
    const intentKey = `${ctx.executionId}:wallet.rotation.transfer`;
    const recorded = await ctx.db.chainTransaction.findUnique({ where: { intentKey }, select: { signedTx: true } });
    if (!recorded) {
      const refusal = await rotationRefusal(ctx.db, input);
      if (refusal) throw new OperationError("CONFLICT", `Nothing was sent: ${refusal}`);
    }
    const chain = xrplChain();
    if (!chain) throw new OperationError("FAILED", "No XRPL endpoint is configured");
    // Recorded already: the signed payment is resumed as it is, the balance is not read again.
    const amountDrops = recorded ? BigInt(String(decode(recorded.signedTx).Amount)) : (await readBalanceOrRefuse(input.from)).spendable - ROTATION_FEE_MARGIN_DROPS;
    if (amountDrops <= 0n) throw new OperationError("CONFLICT", "Nothing was sent: the wallet holds nothing above its reserve and the fee margin");
    const sent = await sendXrpPaymentOnce({ db: ctx.db, chain, intentKey, executionId: ctx.executionId, purpose: "wallet.rotation.transfer", seed: platformSignerAt(input.from) ?? "", destination: input.to, amountDrops: amountDrops.toString(), memo: "platform wallet rotation" });
    return { txHash: sent.txHash, ledgerIndex: sent.ledgerIndex, from: input.from, to: input.to, xrp: formatUnits(BigInt(sent.deliveredDrops), 6) };
  },
  execute: async ({ external }) => external,
});

export const rotationSwitch = defineOperation({
  id: "wallet.rotation.switch",
  title: "Switch the active platform wallet",
  description: "Step 3 of the rotation: the platform wallet becomes the new address (its key is already in the environment). Recorded in the secret-rotation schedule. One approver confirms.",
  risk: "critical",
  input: ZRotation,
  allowed: ["treasury", "operator", "admin"],
  approval: { count: 1, by: ["approver"], ttlMinutes: 24 * 60 },
  target: (input) => ({ type: "platform-wallet", id: input.to }),
  summary: (input) => `Switch the platform wallet from ${input.from} to ${input.to}`,
  async authorize(_actor, input, { db }) {
    return switchRefusal(db, input);
  },
  async external(_ctx, input) {
    // A switch to an account that does not exist yet would leave the platform unable to pay.
    const balance = await readBalanceOrRefuse(input.to);
    if (balance.total === 0n) throw new OperationError("CONFLICT", `${input.to} holds nothing yet: move the funds first (step 2)`);
    return { newBalanceDrops: balance.total.toString() };
  },
  async execute({ tx, requester, approvers }, input) {
    const refusal = await switchRefusal(asDb(tx), input);
    if (refusal) throw new OperationError("CONFLICT", refusal);
    await tx.setting.upsert({ where: { key: PLATFORM_WALLET_KEY }, create: { key: PLATFORM_WALLET_KEY, value: { address: input.to }, updatedBy: requester.email }, update: { value: { address: input.to }, updatedBy: requester.email } });
    // The old wallet's row keeps its history under a name that says what it is now.
    await tx.treasuryAccount.updateMany({ where: { chain: "xrpl", address: input.from, asset: "XRP", purpose: "platform" }, data: { label: "Platform wallet (replaced)", purpose: "other" } });
    const now = new Date();
    await recordSecretRotation(tx, {
      secretId: "platform-xrpl-seed",
      rotatedAt: now,
      by: requester.email,
      note: `Platform wallet ${input.from} → ${input.to}${approvers.length ? `, approved by ${approvers.map((a) => a.email).join(", ")}` : ""}`,
      source: "wallet.rotation.switch",
    });
    return { from: input.from, to: input.to };
  },
});

export const TREASURY_OPERATIONS = [addTreasuryAccount, removeTreasuryAccount, updateAccountLines, addDestination, removeDestination, treasuryTransfer, rotationTransfer, rotationSwitch];
