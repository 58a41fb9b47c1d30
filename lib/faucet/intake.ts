import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { Contract, parseUnits } from "ethers";
import { xrpToDrops } from "xrpl";
import type { TPrisma } from "@/lib/db/prisma";
import { matchesAny } from "@/lib/http/address-match";
import { normalizeWallet, walletKind } from "@/lib/blacklist/wallet";
import { blacklistEntryFor } from "@/lib/blacklist/queries";
import { evmCall, evmChain } from "@/lib/chains/evm";
import { ERC20_ABI } from "@/lib/chains/evm-abi";
import { FAUCET_CHAINS, readFaucetSettings, type TFaucetChain, type TFaucetLimits } from "@/lib/faucet/config";

// The public intake (POST /api/faucet): validate, refuse (paused, blocked, blacklisted, empty),
// rate-limit per client address and per destination, and hold what looks like abuse for review.
// Counting and inserting happen under one advisory lock, so a burst of parallel requests cannot
// all slip under a limit before any of them is recorded.

export const ZFaucetBody = z
  .object({
    chain: z.enum(FAUCET_CHAINS, { message: 'chain must be "xrpl" or "evm"' }),
    address: z.string({ message: "address is required" }).trim().min(1, "address is required").max(100, "address is too long"),
  })
  .strict()
  .superRefine((v, ctx) => {
    const kind = walletKind(v.address);
    if (kind !== v.chain) ctx.addIssue({ code: "custom", path: ["address"], message: v.chain === "xrpl" ? "address must be a classic XRPL address (r…)" : "address must be an EVM address (0x + 40 hex characters, valid checksum)" });
  });
export type TFaucetBody = z.infer<typeof ZFaucetBody>;

export type TIntakeError = { ok: false; status: number; code: string; error: string; retryAfterSeconds?: number; fieldErrors?: Record<string, string[]> };
export type TIntakeOk = { ok: true; status: 202; data: { id: string; chain: TFaucetChain; address: string; amount: string; status: "queued" | "review" } };
export type TIntakeResult = TIntakeOk | TIntakeError;

const fail = (status: number, code: string, error: string, extra: Partial<TIntakeError> = {}): TIntakeError => ({ ok: false, status, code, error, ...extra });

const MINUTE = 60_000;
/** Requests about to be paid count against the balance (flagged ones do not: most are never paid). */
const OUTSTANDING = ["queued", "sending"] as const;

const decimalsCache = new Map<string, Promise<number>>();

/** The grant in the chain's base unit (drops, or the token's smallest unit). */
export async function grantAmount(chain: TFaucetChain, limits: TFaucetLimits): Promise<string> {
  if (chain === "xrpl") return xrpToDrops(limits.grantXrp);
  const evm = evmChain();
  if (!evm?.token) throw new Error("No EVM token is configured (USDT_ADDRESS)");
  const token = evm.token;
  if (!decimalsCache.has(token)) decimalsCache.set(token, evmCall(evm, "token decimals", (p) => new Contract(token, ERC20_ABI, p).getFunction("decimals")()).then(Number));
  const decimals = await decimalsCache.get(token)!.catch((err) => {
    decimalsCache.delete(token);
    throw err;
  });
  return parseUnits(String(limits.grantEvm), decimals).toString();
}

export function userAgentHash(userAgent: string | null | undefined): string | null {
  return userAgent ? createHash("sha256").update(userAgent).digest("hex").slice(0, 16) : null;
}

/** `clientIp` is the key limits count against (an IPv6 client by its /64); `peer` the address itself, for blocks. */
export async function takeFaucetRequest(db: TPrisma, req: { body: TFaucetBody; clientIp: string; peer?: string; userAgent?: string | null; now?: Date }): Promise<TIntakeResult> {
  const now = req.now ?? new Date();
  const settings = await readFaucetSettings(db);
  if (settings.pause) return fail(503, "FAUCET_PAUSED", "The faucet is paused; try again later");
  const chain = req.body.chain;
  if (!settings.active[chain]) return fail(503, "FAUCET_UNAVAILABLE", `The ${chain.toUpperCase()} faucet is not configured`);

  const blocks = await db.faucetBlock.findMany({ where: { removedAt: null }, select: { cidr: true } });
  if (matchesAny(req.peer ?? req.clientIp, blocks.map((b) => b.cidr))) return fail(403, "BLOCKED", "Requests from this address are blocked");
  const address = normalizeWallet(req.body.address);
  if (await blacklistEntryFor(db, address)) return fail(403, "BLACKLISTED", "This address cannot receive faucet grants");

  const limits = settings.limits;
  let amount: string;
  try {
    amount = await grantAmount(chain, limits);
  } catch {
    return fail(503, "FAUCET_UNAVAILABLE", `The ${chain.toUpperCase()} faucet cannot reach its chain right now`);
  }
  // The last polled balance of the active wallet. Unknown (not polled yet, or another wallet's after a
  // rotation) fails open: the dispatcher then finds out, and the grant waits in its retries.
  const balance = settings.balances[chain]?.address === settings.active[chain] ? settings.balances[chain] : undefined;

  return db.$transaction(async (tx) => {
    // One client address at a time, and one destination at a time (always in this order): the
    // counts below cannot be raced by a parallel burst, and different clients do not wait on each other.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`faucet-client:${req.clientIp}`}))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`faucet-destination:${chain}:${address}`}))`;

    if (balance) {
      const [owed] = await tx.$queryRaw<{ sum: string | null }[]>`
        SELECT sum(amount::numeric)::text AS sum FROM "FaucetRequest" WHERE chain = ${chain} AND status::text IN (${OUTSTANDING[0]}, ${OUTSTANDING[1]})`;
      if (BigInt(balance.spendable) - BigInt(owed?.sum ?? "0") < BigInt(amount)) return fail(503, "INSUFFICIENT_BALANCE", "The faucet cannot cover another grant right now");
    }

    const clientSince = new Date(now.getTime() - limits.perClientWindowMinutes * MINUTE);
    const fromClient = await tx.faucetRequest.findMany({ where: { clientIp: req.clientIp, createdAt: { gt: clientSince } }, select: { createdAt: true }, orderBy: { createdAt: "asc" } });
    if (fromClient.length >= limits.perClientMax) {
      const oldest = fromClient[fromClient.length - limits.perClientMax]!.createdAt;
      return fail(429, "RATE_LIMITED", `At most ${limits.perClientMax} requests per ${limits.perClientWindowMinutes} minutes from one address`, { retryAfterSeconds: retryAfter(oldest, limits.perClientWindowMinutes * MINUTE, now) });
    }
    const addressSince = new Date(now.getTime() - limits.perAddressWindowHours * 60 * MINUTE);
    const toAddress = await tx.faucetRequest.findMany({ where: { address, chain, createdAt: { gt: addressSince }, status: { notIn: ["rejected", "failed"] } }, select: { createdAt: true }, orderBy: { createdAt: "asc" } });
    if (toAddress.length >= limits.perAddressMax) {
      const oldest = toAddress[toAddress.length - limits.perAddressMax]!.createdAt;
      return fail(429, "RATE_LIMITED", `This address already received a grant; at most ${limits.perAddressMax} per ${limits.perAddressWindowHours} h`, { retryAfterSeconds: retryAfter(oldest, limits.perAddressWindowHours * 60 * MINUTE, now) });
    }

    // The abuse rules: many destinations from one client address in an hour, or a burst.
    const lastHour = await tx.faucetRequest.findMany({ where: { clientIp: req.clientIp, createdAt: { gt: new Date(now.getTime() - 60 * MINUTE) } }, select: { address: true, createdAt: true } });
    const destinations = new Set([...lastHour.map((r) => r.address), address]).size;
    const lastMinute = lastHour.filter((r) => r.createdAt.getTime() > now.getTime() - MINUTE).length + 1;
    const flagReason =
      destinations > limits.distinctDestinationsPerHour
        ? `${destinations} destinations from ${req.clientIp} in an hour (review above ${limits.distinctDestinationsPerHour})`
        : lastMinute > limits.burstPerMinute
          ? `Burst: ${lastMinute} requests from ${req.clientIp} in a minute (review above ${limits.burstPerMinute})`
          : null;

    const created = await tx.faucetRequest.create({
      data: { chain, address, clientIp: req.clientIp, userAgentHash: userAgentHash(req.userAgent), amount, status: flagReason ? "review" : "queued", flagReason, createdAt: now },
      select: { id: true, status: true },
    });
    return { ok: true as const, status: 202 as const, data: { id: created.id, chain, address, amount, status: created.status as "queued" | "review" } };
  });
}

function retryAfter(oldest: Date, windowMs: number, now: Date): number {
  return Math.max(1, Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 1000));
}
