import "server-only";
import type { TPrisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { OperationError, StillPendingError } from "@/lib/operations/result";
import { evmChain } from "@/lib/chains/evm";
import { ERC20_ABI } from "@/lib/chains/evm-abi";
import { sendEvmOnce } from "@/lib/chains/evm-send";
import { xrplChain } from "@/lib/chains/xrpl";
import { sendXrpPaymentOnce } from "@/lib/chains/xrpl-send";
import { activeSigner, readFaucetSettings, type TFaucetChain } from "@/lib/faucet/config";
import { blacklistEntryFor } from "@/lib/blacklist/queries";
import { matchesAny } from "@/lib/http/address-match";

// The faucet's dispatcher: grants go out in the order they were asked for, a few at a time.
// Exactly once: each attempt has its own chain intent key (faucet:<id>:<attempt>); the sender
// records the signed transaction before broadcasting it and, on a retry or after a crash, looks it
// up instead of paying again. A new attempt (a new key) is only made once the previous one is
// final and delivered nothing (refused, expired unsent, failed on chain).

const MAX_ATTEMPTS = 5;
/**
 * A claimed grant is leased past its send deadline: another dispatcher only takes it up once the
 * first has certainly given up on it (one that dies mid-batch leaves it to be resumed after).
 */
const leaseMs = (nodeTimeoutMs: number) => nodeTimeoutMs + 30_000;

function backoffMs(attempt: number) {
  return Math.min(5 * 60_000, 2_000 * 2 ** Math.max(0, attempt - 1));
}

type TClaimed = { id: string; chain: string; address: string; amount: string; attempt: number; status: string };

/** Takes the next grants to send (oldest first): new ones, and ones whose lease or backoff ran out. Only chains this instance can pay on. */
async function claim(db: TPrisma, limit: number, now: Date, lease: number, chains: string[]): Promise<TClaimed[]> {
  if (chains.length === 0) return [];
  return db.$queryRaw<TClaimed[]>`
    UPDATE "FaucetRequest" r
    SET status = 'sending',
        attempt = CASE WHEN r.status = 'queued' THEN r.attempt + 1 ELSE r.attempt END,
        "nextAttemptAt" = ${new Date(now.getTime() + lease)}
    WHERE r.id IN (
      SELECT id FROM "FaucetRequest"
      WHERE (status = 'queued' OR status = 'sending') AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now}) AND chain = ANY(${chains})
      ORDER BY "createdAt", id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING r.id, r.chain, r.address, r.amount, r.attempt, r.status::text AS status`;
}

const intentKeyOf = (grant: Pick<TClaimed, "id" | "attempt">) => `faucet:${grant.id}:${grant.attempt}`;

async function pay(db: TPrisma, grant: TClaimed, signer: string): Promise<string> {
  const intentKey = intentKeyOf(grant);
  if (grant.chain === "xrpl") {
    return (await sendXrpPaymentOnce({ db, chain: xrplChain()!, intentKey, purpose: "faucet.grant", seed: signer, destination: grant.address, amountDrops: grant.amount })).txHash;
  }
  const chain = evmChain()!;
  return (await sendEvmOnce({ db, chain, intentKey, purpose: "faucet.grant", signerKey: signer, to: chain.token!, abi: ERC20_ABI, method: "transfer", args: [grant.address, BigInt(grant.amount)] })).txHash;
}

/** Chains this instance can pay on: a client for the chain and the active wallet's key. */
function payableChains(active: Record<TFaucetChain, string | null>): TFaucetChain[] {
  const out: TFaucetChain[] = [];
  if (xrplChain() && activeSigner("xrpl", active.xrpl)) out.push("xrpl");
  if (evmChain()?.token && activeSigner("evm", active.evm)) out.push("evm");
  return out;
}

/**
 * Whether this attempt delivered nothing, for certain: its payment was never recorded, or its
 * record is final and failed. Anything else may still land; a new attempt could pay twice.
 */
async function attemptIsDead(db: TPrisma, grant: TClaimed): Promise<boolean> {
  const record = await db.chainTransaction.findUnique({ where: { intentKey: intentKeyOf(grant) }, select: { status: true } });
  return !record || record.status === "FAILED";
}

/** Still payable: the destination may have been blacklisted, or its client address blocked, since it was asked for. */
async function refusalNow(db: TPrisma, grant: TClaimed): Promise<string | null> {
  if (await blacklistEntryFor(db, grant.address)) return "The destination was blacklisted";
  const [row, blocks] = await Promise.all([db.faucetRequest.findUnique({ where: { id: grant.id }, select: { clientIp: true } }), db.faucetBlock.findMany({ where: { removedAt: null }, select: { cidr: true } })]);
  if (row && matchesAny(row.clientIp.split("/")[0], blocks.map((b) => b.cidr))) return "The client address was blocked";
  return null;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StillPendingError(`No outcome within ${ms} ms; checked again shortly`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export type TDispatchResult = { claimed: number; sent: number; retrying: number; failed: number; pending: number };

/** One round of the dispatcher: claim, send in parallel, record each outcome. */
export async function dispatchFaucetBatch(db: TPrisma, opts: { now?: Date; maxConcurrency?: number; nodeTimeoutMs?: number } = {}): Promise<TDispatchResult> {
  const now = opts.now ?? new Date();
  const settings = await readFaucetSettings(db);
  const result: TDispatchResult = { claimed: 0, sent: 0, retrying: 0, failed: 0, pending: 0 };
  if (settings.pause) return result; // paused: nothing leaves, the queue waits
  const nodeTimeoutMs = opts.nodeTimeoutMs ?? env().FAUCET_NODE_TIMEOUT_MS;
  const grants = await claim(db, opts.maxConcurrency ?? env().FAUCET_MAX_CONCURRENCY, now, leaseMs(nodeTimeoutMs), payableChains(settings.active));
  result.claimed = grants.length;
  await Promise.all(
    grants.map(async (grant) => {
      // Every outcome is written only while this dispatcher still holds this attempt: a late answer
      // (after the lease passed to another dispatcher) must not overwrite what that one recorded.
      const mine = { id: grant.id, attempt: grant.attempt, status: "sending" as const };
      const signer = activeSigner(grant.chain as TFaucetChain, settings.active[grant.chain as TFaucetChain])!;
      try {
        // Before anything is signed for this attempt, the blacklist and blocks are checked again.
        const started = await db.chainTransaction.findUnique({ where: { intentKey: intentKeyOf(grant) }, select: { id: true } });
        const refusal = started ? null : await refusalNow(db, grant);
        if (refusal) {
          await db.faucetRequest.updateMany({ where: mine, data: { status: "rejected", lastError: refusal, decidedAt: new Date(), decidedBy: "faucet dispatcher", nextAttemptAt: null } });
          result.failed++;
          return;
        }
        const txHash = await withDeadline(pay(db, grant, signer), nodeTimeoutMs);
        const done = await db.faucetRequest.updateMany({ where: mine, data: { status: "sent", txHash, sentAt: new Date(), nextAttemptAt: null, lastError: null } });
        if (done.count) result.sent++;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (err instanceof OperationError && (await attemptIsDead(db, grant))) {
          // Final, and nothing was delivered: try again with a new attempt, up to a limit.
          const isLast = grant.attempt >= MAX_ATTEMPTS;
          await db.faucetRequest.updateMany({
            where: mine,
            data: isLast ? { status: "failed", lastError: message, nextAttemptAt: null } : { status: "queued", lastError: message, nextAttemptAt: new Date(Date.now() + backoffMs(grant.attempt)) },
          });
          if (isLast) result.failed++;
          else result.retrying++;
        } else {
          // Outcome unknown (chain unreachable, still confirming): resume this same attempt later.
          await db.faucetRequest.updateMany({ where: mine, data: { lastError: message, nextAttemptAt: new Date(Date.now() + backoffMs(grant.attempt)) } });
          result.pending++;
        }
        log.warn({ job: "faucet", request: grant.id, attempt: grant.attempt, err: message }, "faucet grant not sent yet");
      }
    }),
  );
  return result;
}
