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

// The faucet's dispatcher: grants go out in the order they were asked for, a few at a time.
// Exactly once: each attempt has its own chain intent key (faucet:<id>:<attempt>); the sender
// records the signed transaction before broadcasting it and, on a retry or after a crash, looks it
// up instead of paying again. A new attempt (a new key) is only made once the previous one is
// final and delivered nothing (refused, expired unsent, failed on chain).

const MAX_ATTEMPTS = 5;
/** A claimed grant is leased this long; a dispatcher that dies mid-batch leaves it to be resumed after. */
const LEASE_MS = 60_000;

function backoffMs(attempt: number) {
  return Math.min(5 * 60_000, 2_000 * 2 ** Math.max(0, attempt - 1));
}

type TClaimed = { id: string; chain: string; address: string; amount: string; attempt: number; status: string };

/** Takes the next grants to send (oldest first): new ones, and ones whose lease or backoff ran out. */
async function claim(db: TPrisma, limit: number, now: Date): Promise<TClaimed[]> {
  return db.$queryRaw<TClaimed[]>`
    UPDATE "FaucetRequest" r
    SET status = 'sending',
        attempt = CASE WHEN r.status = 'queued' THEN r.attempt + 1 ELSE r.attempt END,
        "nextAttemptAt" = ${new Date(now.getTime() + LEASE_MS)}
    WHERE r.id IN (
      SELECT id FROM "FaucetRequest"
      WHERE (status = 'queued' OR status = 'sending') AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now})
      ORDER BY "createdAt", id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING r.id, r.chain, r.address, r.amount, r.attempt, r.status::text AS status`;
}

async function pay(db: TPrisma, grant: TClaimed, signer: string): Promise<string> {
  const intentKey = `faucet:${grant.id}:${grant.attempt}`;
  if (grant.chain === "xrpl") {
    const chain = xrplChain();
    if (!chain) throw new OperationError("FAILED", "No XRPL endpoint is configured");
    return (await sendXrpPaymentOnce({ db, chain, intentKey, purpose: "faucet.grant", seed: signer, destination: grant.address, amountDrops: grant.amount })).txHash;
  }
  const chain = evmChain();
  if (!chain?.token) throw new OperationError("FAILED", "No EVM token is configured");
  return (await sendEvmOnce({ db, chain, intentKey, purpose: "faucet.grant", signerKey: signer, to: chain.token, abi: ERC20_ABI, method: "transfer", args: [grant.address, BigInt(grant.amount)] })).txHash;
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
  const grants = await claim(db, opts.maxConcurrency ?? env().FAUCET_MAX_CONCURRENCY, now);
  result.claimed = grants.length;
  await Promise.all(
    grants.map(async (grant) => {
      const signer = activeSigner(grant.chain as TFaucetChain, settings.active[grant.chain as TFaucetChain]);
      try {
        if (!signer) throw new OperationError("FAILED", `No ${grant.chain.toUpperCase()} faucet key is configured`);
        const txHash = await withDeadline(pay(db, grant, signer), opts.nodeTimeoutMs ?? env().FAUCET_NODE_TIMEOUT_MS);
        await db.faucetRequest.update({ where: { id: grant.id }, data: { status: "sent", txHash, sentAt: new Date(), nextAttemptAt: null, lastError: null } });
        result.sent++;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (err instanceof OperationError) {
          // Final, and nothing was delivered: try again with a new attempt, up to a limit.
          const isLast = grant.attempt >= MAX_ATTEMPTS;
          await db.faucetRequest.update({
            where: { id: grant.id },
            data: isLast ? { status: "failed", lastError: message, nextAttemptAt: null } : { status: "queued", lastError: message, nextAttemptAt: new Date(Date.now() + backoffMs(grant.attempt)) },
          });
          if (isLast) result.failed++;
          else result.retrying++;
        } else {
          // Outcome unknown (chain unreachable, still confirming): resume this same attempt later.
          await db.faucetRequest.update({ where: { id: grant.id }, data: { lastError: message, nextAttemptAt: new Date(Date.now() + backoffMs(grant.attempt)) } });
          result.pending++;
        }
        log.warn({ job: "faucet", request: grant.id, attempt: grant.attempt, err: message }, "faucet grant not sent yet");
      }
    }),
  );
  return result;
}
