import { z } from "zod";
import { getAddress, isAddress } from "ethers";
import { defineOperation, type TExternalContext } from "@/lib/operations/define";
import { OperationError } from "@/lib/operations/result";
import { evmChain } from "@/lib/chains/evm";
import { ESCROW_ABI } from "@/lib/chains/evm-abi";
import { sendEvmOnce, type TEvmSendResult } from "@/lib/chains/evm-send";
import { ESCROW_PAUSE_NOTICE_KEY } from "@/lib/chains/escrow-notice";

// The P2P escrow's admin calls (the p2p-escrow guide §8 and RB-05) as operations. Each sends one
// owner-signed transaction, recorded before broadcast (lib/chains/evm-send.ts), so a retry or a
// crash never calls the contract twice. The owner key comes from ESCROW_OWNER_KEY only.

const ZEvmAddress = z
  .string()
  .trim()
  .refine((v) => isAddress(v), "Enter a 0x address (40 hex characters)")
  .transform((v) => getAddress(v));

export const ZOrderId = z.coerce.number({ message: "Enter an order number" }).int("Enter a whole order number").positive("Order numbers start at 1").max(Number.MAX_SAFE_INTEGER);

export function escrowSend(ctx: TExternalContext, purpose: string, method: string, args: unknown[]): Promise<TEvmSendResult> {
  const chain = evmChain();
  if (!chain?.escrow) throw new OperationError("FAILED", "No escrow contract is configured (EVM_RPC_URL and ESCROW_ADDRESS)");
  const signerKey = chain.ownerKey;
  if (!signerKey) throw new OperationError("FAILED", "The escrow owner key is not configured (ESCROW_OWNER_KEY)");
  return sendEvmOnce({ db: ctx.db, chain, intentKey: `${ctx.executionId}:${purpose}`, executionId: ctx.executionId, purpose, signerKey, to: chain.escrow, abi: ESCROW_ABI, method, args });
}

/** The outcome recorded with the audit event: the confirmed transaction (hash, block, nonce). */
const recordSent = async ({ external }: { external: unknown }) => external as TEvmSendResult;

const escrowTarget = () => ({ type: "escrow", id: evmChain()?.escrow ?? "unconfigured" });

export const pauseEscrow = defineOperation({
  id: "escrow.pause",
  title: "Pause the escrow",
  description: "RB-05 emergency brake: blocks every order on the escrow contract. Runs at once; announced across OpsDeck and audited.",
  risk: "critical",
  input: z.object({ note: z.string().trim().min(5, "Say what is happening (at least 5 characters)").max(500) }),
  allowed: ["operator", "admin"],
  // No approval on purpose: during a P0 an exploit drains funds while approvers wake up.
  approval: null,
  target: escrowTarget,
  summary: () => "Pause the escrow contract",
  external: (ctx) => escrowSend(ctx, "escrow.pause", "pause", []),
  async execute({ tx, requester, external }, input) {
    const sent = external as TEvmSendResult;
    const notice = { by: requester.email, note: input.note, at: new Date().toISOString(), txHash: sent.txHash };
    await tx.setting.upsert({ where: { key: ESCROW_PAUSE_NOTICE_KEY }, create: { key: ESCROW_PAUSE_NOTICE_KEY, value: notice, updatedBy: requester.email }, update: { value: notice, updatedBy: requester.email } });
    return sent;
  },
});

export const unpauseEscrow = defineOperation({
  id: "escrow.unpause",
  title: "Unpause the escrow",
  description: "RB-05 step 7: trading resumes. Only after the fix is verified; two approvers confirm.",
  risk: "critical",
  input: z.object({}).strict(),
  allowed: ["operator", "admin"],
  approval: { count: 2, by: ["approver"], ttlMinutes: 120 },
  target: escrowTarget,
  summary: () => "Unpause the escrow contract",
  external: (ctx) => escrowSend(ctx, "escrow.unpause", "unpause", []),
  async execute({ tx, external }) {
    await tx.setting.deleteMany({ where: { key: ESCROW_PAUSE_NOTICE_KEY } });
    return external as TEvmSendResult;
  },
});

export const setEscrowTreasury = defineOperation({
  id: "escrow.setTreasury",
  title: "Change the escrow treasury",
  description: "Where every platform fee goes from now on. Two approvers confirm; use a multisig address.",
  risk: "critical",
  input: z.object({ treasury: ZEvmAddress }),
  allowed: ["treasury", "admin"],
  approval: { count: 2, by: ["approver"], ttlMinutes: 240 },
  target: escrowTarget,
  summary: (input) => `Send escrow fees to ${input.treasury}`,
  external: (ctx, input) => escrowSend(ctx, "escrow.setTreasury", "setTreasury", [input.treasury]),
  execute: recordSent,
});

export const setEscrowSupportedToken = defineOperation({
  id: "escrow.setSupportedToken",
  title: "Allow or stop a token on the escrow",
  description: "Whether new orders may use this ERC-20 token. One approver confirms.",
  risk: "high",
  // "asset", not "token": audit redaction hides any field named like a secret token.
  input: z.object({ asset: ZEvmAddress, supported: z.preprocess((v) => (v === "true" || v === "on" ? true : v === "false" ? false : v), z.boolean({ message: "Choose allow or stop" })) }),
  allowed: ["operator", "admin"],
  approval: { count: 1, by: ["approver"], ttlMinutes: 240 },
  target: escrowTarget,
  summary: (input) => `${input.supported ? "Allow" : "Stop"} token ${input.asset} on the escrow`,
  external: (ctx, input) => escrowSend(ctx, "escrow.setSupportedToken", "setSupportedToken", [input.asset, input.supported]),
  execute: recordSent,
});

export const autoExpireOrder = defineOperation({
  id: "escrow.autoExpireOrder",
  title: "Expire an unpaid order",
  description: "What the timeout worker does when its payment window has passed (if it missed it).",
  risk: "medium",
  input: z.object({ orderId: ZOrderId }),
  allowed: ["operator", "admin"],
  approval: null,
  target: (input) => ({ type: "order", id: String(input.orderId) }),
  summary: (input) => `Expire order #${input.orderId}`,
  external: (ctx, input) => escrowSend(ctx, "escrow.autoExpireOrder", "autoExpireOrder", [input.orderId]),
  execute: recordSent,
});

export const autoReleaseToSeller = defineOperation({
  id: "escrow.autoReleaseToSeller",
  title: "Release a paid order to its seller",
  description: "What the timeout worker does when the release window has passed without a dispute (if it missed it).",
  risk: "high",
  input: z.object({ orderId: ZOrderId }),
  allowed: ["operator", "admin"],
  approval: null,
  target: (input) => ({ type: "order", id: String(input.orderId) }),
  summary: (input) => `Release order #${input.orderId} to its seller`,
  external: (ctx, input) => escrowSend(ctx, "escrow.autoReleaseToSeller", "autoReleaseToSeller", [input.orderId]),
  execute: recordSent,
});

export const ESCROW_OPERATIONS = [pauseEscrow, unpauseEscrow, setEscrowTreasury, setEscrowSupportedToken, autoExpireOrder, autoReleaseToSeller];
