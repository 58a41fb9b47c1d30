import "server-only";
import { formatUnits } from "ethers";
import type { TPrisma } from "@/lib/db/prisma";
import { readPlatformWallet, type TPlatformWallet } from "@/lib/treasury/keys";
import { readAccountBalance } from "@/lib/treasury/balances";
import { chainErrorText } from "@/lib/disputes/detail";

// Where the platform wallet's rotation stands, for its guided page: the wallets and their
// balances now, the last switch, the funds it moved and whether they arrived.

export type TWalletReading = { address: string; totalXrp?: string; spendableXrp?: string; error?: string };

export type TRotationView = {
  wallet: TPlatformWallet;
  active: TWalletReading | null;
  next: TWalletReading | null;
  lastSwitch: { from: string; to: string; at: Date; by: string } | null;
  /** XRP the last rotation transfer into the active wallet delivered. */
  movedXrp: string | null;
  /** Wallets a rotation transfer has paid (step 2 done for them). */
  movedTo: string[];
  lastRecorded: { at: Date; by: string; note: string } | null;
};

async function read(address: string | null): Promise<TWalletReading | null> {
  if (!address) return null;
  try {
    const b = await readAccountBalance({ chain: "xrpl", address, asset: "XRP" });
    return { address, totalXrp: formatUnits(b.total, 6), spendableXrp: formatUnits(b.spendable, 6) };
  } catch (err) {
    return { address, error: chainErrorText(err) };
  }
}

export async function readRotationView(db: TPrisma): Promise<TRotationView> {
  const wallet = await readPlatformWallet(db);
  const [active, next, switches, transfers, recorded] = await Promise.all([
    read(wallet.active),
    read(wallet.next),
    db.execution.findMany({ where: { operationId: "wallet.rotation.switch", status: "SUCCEEDED" }, orderBy: { finishedAt: "desc" }, take: 1, select: { result: true, finishedAt: true, actorId: true } }),
    db.execution.findMany({ where: { operationId: "wallet.rotation.transfer", status: "SUCCEEDED" }, orderBy: { finishedAt: "desc" }, take: 5, select: { result: true } }),
    db.secretRotation.findFirst({ where: { secretId: "platform-xrpl-seed" }, orderBy: { rotatedAt: "desc" }, select: { rotatedAt: true, recordedBy: true, note: true } }),
  ]);
  const s = switches[0];
  const switchResult = s?.result as { from?: string; to?: string } | null;
  const by = s?.actorId ? ((await db.user.findUnique({ where: { id: s.actorId }, select: { email: true } }))?.email ?? "?") : "?";
  const moved = transfers.map((t) => t.result as { to?: string; xrp?: string } | null).find((r) => r?.to && r.to === wallet.active);
  return {
    wallet,
    active,
    next,
    lastSwitch: switchResult?.from && switchResult.to && s?.finishedAt ? { from: switchResult.from, to: switchResult.to, at: s.finishedAt, by } : null,
    movedXrp: moved?.xrp ?? null,
    movedTo: transfers.map((t) => (t.result as { to?: string } | null)?.to).filter((to): to is string => !!to),
    lastRecorded: recorded ? { at: recorded.rotatedAt, by: recorded.recordedBy, note: recorded.note } : null,
  };
}
