import "server-only";
import { Interface, Transaction, Wallet, isError, type InterfaceAbi } from "ethers";
import type { TPrisma } from "@/lib/db/prisma";
import { OperationError, StillPendingError } from "@/lib/operations/result";
import { ChainCallError } from "@/lib/chains/failover";
import { chainKey, evmCall, type TEvmChain } from "@/lib/chains/evm";

// Exactly-once EVM writes. The order matters:
//   1. simulate (a revert is refused before anything is recorded),
//   2. sign with a nonce chosen under a per-signer lock and RECORD the signed bytes,
//   3. broadcast, 4. wait for the receipt.
// A retry (the reconciler after a crash, a second click) finds the record by its intent key and
// looks the hash up, re-broadcasting the very same bytes if the node never saw them. The same
// signed transaction can be mined at most once, so nothing is ever paid or called twice.

export type TEvmSendResult = { chain: string; txHash: string; blockNumber: number; from: string; nonce: number };

export type TEvmCall = {
  db: TPrisma;
  chain: TEvmChain;
  /** Unique per intended transaction, e.g. "<executionId>:escrow.pause". */
  intentKey: string;
  executionId?: string | null;
  purpose: string;
  signerKey: string;
  to: string;
  abi: InterfaceAbi;
  method: string;
  args: unknown[];
};

const RECEIPT_TIMEOUT_MS = 60_000;
const RECEIPT_POLL_MS = 500;

type TPhaseListener = (phase: "recorded" | "submitted", info: { intentKey: string; txHash: string; nonce: number }) => void | Promise<void>;
const phaseListeners = new Set<TPhaseListener>();

/** Observes every send's phases in this process (progress, metrics; the crash tests stop the process here). */
export function onChainSendPhase(listener: TPhaseListener): () => void {
  phaseListeners.add(listener);
  return () => phaseListeners.delete(listener);
}

async function announce(call: TEvmCall, phase: "recorded" | "submitted", info: { txHash: string; nonce: number }) {
  for (const listener of phaseListeners) await listener(phase, { intentKey: call.intentKey, ...info });
}

export async function sendEvmOnce(call: TEvmCall): Promise<TEvmSendResult> {
  const existing = await call.db.chainTransaction.findUnique({ where: { intentKey: call.intentKey } });
  if (existing) return resumeOrWait(call, existing);

  const iface = new Interface(call.abi);
  const data = iface.encodeFunctionData(call.method, call.args);
  const wallet = new Wallet(call.signerKey);
  const from = wallet.address;

  // 1. Simulate: the contract's refusal (EnforcedPause, not the owner…) becomes a clear message.
  let gas: bigint;
  try {
    gas = await evmCall(call.chain, "estimateGas", (p) => p.estimateGas({ from, to: call.to, data }));
  } catch (err) {
    if (err instanceof ChainCallError) throw new OperationError("FAILED", `Nothing was sent: ${err.message}`);
    throw new OperationError("FAILED", `The contract refused ${call.method}: ${revertReason(err, iface)}`);
  }
  const fees = await unrecorded(() => evmCall(call.chain, "getFeeData", (p) => p.getFeeData()));

  // 2. Nonce under a per-signer advisory lock, so two operations at once never sign the same nonce;
  //    the signed bytes are committed before the broadcast.
  const recorded = await call.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`evm-nonce:${call.chain.chainId}:${from.toLowerCase()}`}))`;
    const again = await tx.chainTransaction.findUnique({ where: { intentKey: call.intentKey } });
    if (again) return again;
    const onChain = await unrecorded(() => evmCall(call.chain, "getTransactionCount", (p) => p.getTransactionCount(from, "pending")));
    // A recorded, unfinished transaction at or above the chain's nonce is still going to be sent
    // (the reconciler re-broadcasts it): the new one must come after it, not take its nonce.
    const last = await tx.chainTransaction.findFirst({
      where: { chain: chainKey(call.chain), fromAddress: from.toLowerCase(), status: { in: ["SIGNED", "SUBMITTED"] }, nonce: { gte: BigInt(onChain) } },
      orderBy: { nonce: "desc" },
      select: { nonce: true },
    });
    const nonce = Math.max(onChain, last ? Number(last.nonce) + 1 : 0);
    const signedTx = await wallet.signTransaction({
      type: 2,
      chainId: call.chain.chainId,
      to: call.to,
      data,
      nonce,
      gasLimit: (gas * 12n) / 10n,
      maxFeePerGas: fees.maxFeePerGas ?? fees.gasPrice ?? 1_000_000_000n,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas ?? 0n,
    });
    return tx.chainTransaction.create({
      data: {
        intentKey: call.intentKey,
        executionId: call.executionId ?? null,
        chain: chainKey(call.chain),
        purpose: call.purpose,
        fromAddress: from.toLowerCase(),
        toAddress: call.to.toLowerCase(),
        nonce: BigInt(nonce),
        txHash: Transaction.from(signedTx).hash!,
        signedTx,
      },
    });
  });
  await announce(call, "recorded", { txHash: recorded.txHash, nonce: Number(recorded.nonce) });
  return resumeOrWait(call, recorded);
}

/** Before anything is recorded, an unreachable chain is a plain failure: nothing was sent. */
async function unrecorded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ChainCallError) throw new OperationError("FAILED", `Nothing was sent: ${err.message}`);
    throw err;
  }
}

/**
 * Once the signed bytes are recorded, an unreachable chain is not a failure: the transaction may
 * be on its way. The execution stays open and the reconciler looks it up again later.
 */
async function resumeOrWait(call: TEvmCall, record: TRecord): Promise<TEvmSendResult> {
  try {
    return await resume(call, record);
  } catch (err) {
    if (err instanceof ChainCallError) {
      throw new StillPendingError(`Transaction ${record.txHash} is recorded but its outcome is unknown (${err.message}). OpsDeck keeps checking and finishes it when the chain answers.`);
    }
    throw err;
  }
}

type TRecord = { id: string; txHash: string; signedTx: string; nonce: bigint; fromAddress: string; status: string; blockNumber: bigint | null; error: string | null };

async function resume(call: TEvmCall, record: TRecord): Promise<TEvmSendResult> {
  const result = (blockNumber: number): TEvmSendResult => ({ chain: chainKey(call.chain), txHash: record.txHash, blockNumber, from: record.fromAddress, nonce: Number(record.nonce) });
  if (record.status === "CONFIRMED") return result(Number(record.blockNumber));
  if (record.status === "FAILED") throw new OperationError("FAILED", record.error ?? "The transaction failed on chain");

  let receipt = await evmCall(call.chain, "getTransactionReceipt", (p) => p.getTransactionReceipt(record.txHash));
  if (!receipt) {
    const seen = await evmCall(call.chain, "getTransaction", (p) => p.getTransaction(record.txHash));
    if (!seen) {
      const used = await evmCall(call.chain, "getTransactionCount", (p) => p.getTransactionCount(record.fromAddress, "latest"));
      if (used > Number(record.nonce)) {
        // The nonce went to another transaction: ours can never be mined now.
        return markFailed(call, record, "Another transaction used this nonce; this one was never mined");
      }
      await broadcast(call, record.signedTx);
    }
    await call.db.chainTransaction.update({ where: { id: record.id }, data: { status: "SUBMITTED", attempts: { increment: 1 } } });
    await announce(call, "submitted", { txHash: record.txHash, nonce: Number(record.nonce) });
    receipt = await pollReceipt(call, record.txHash);
  }
  if (!receipt) throw new StillPendingError(`Transaction ${record.txHash} is not confirmed yet; OpsDeck keeps checking and finishes it when it is.`);
  if (receipt.status !== 1) return markFailed(call, record, `Transaction ${record.txHash} reverted in block ${receipt.blockNumber}`);
  await call.db.chainTransaction.update({
    where: { id: record.id },
    data: { status: "CONFIRMED", blockNumber: BigInt(receipt.blockNumber), confirmedAt: new Date() },
  });
  return result(receipt.blockNumber);
}

/** Polls for the receipt with ordinary (timed, failing-over) calls: one long wait would outlive the per-call timeout. */
async function pollReceipt(call: TEvmCall, txHash: string) {
  const deadline = Date.now() + RECEIPT_TIMEOUT_MS;
  for (;;) {
    const receipt = await evmCall(call.chain, "getTransactionReceipt", (p) => p.getTransactionReceipt(txHash));
    if (receipt || Date.now() > deadline) return receipt;
    await new Promise((resolve) => setTimeout(resolve, RECEIPT_POLL_MS));
  }
}

async function broadcast(call: TEvmCall, signedTx: string) {
  try {
    await evmCall(call.chain, "broadcastTransaction", (p) => p.broadcastTransaction(signedTx));
  } catch (err) {
    // "already known" / nonce expired: a node already has it (or mined it); the receipt wait decides.
    if (isError(err, "NONCE_EXPIRED")) return;
    if (err instanceof Error && /already known|known transaction/i.test(err.message)) return;
    throw err;
  }
}

async function markFailed(call: TEvmCall, record: TRecord, message: string): Promise<never> {
  await call.db.chainTransaction.update({ where: { id: record.id }, data: { status: "FAILED", error: message } });
  throw new OperationError("FAILED", message);
}

/** A contract's custom error or revert string, decoded with its ABI when possible. */
export function revertReason(err: unknown, iface: Interface): string {
  const data = (err as { data?: string })?.data ?? (err as { info?: { error?: { data?: string } } })?.info?.error?.data;
  if (typeof data === "string" && data.length >= 10) {
    try {
      const parsed = iface.parseError(data);
      if (parsed) return parsed.args.length ? `${parsed.name}(${parsed.args.map(String).join(", ")})` : parsed.name;
    } catch {
      // not one of ours
    }
  }
  const reason = (err as { reason?: string })?.reason ?? (err as { shortMessage?: string })?.shortMessage;
  return reason ?? (err instanceof Error ? err.message : String(err));
}
