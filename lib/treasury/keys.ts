import "server-only";
import { evmKey, xrplKey, type TKeyPair } from "@/lib/chains/keys";
import type { TPrisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";

// The wallets OpsDeck can sign for from the treasury: the treasury's XRPL and EVM keys and the
// platform's XRPL wallet. Keys live in the environment only; which platform key is active is a
// settings row holding its address (the rotation flow switches it), like the faucet's keys.

export const PLATFORM_WALLET_KEY = "platform.wallet";

export function platformKeys(): { current: TKeyPair | null; next: TKeyPair | null } {
  const e = env();
  return { current: xrplKey(e.PLATFORM_XRPL_SEED), next: xrplKey(e.PLATFORM_XRPL_SEED_NEXT) };
}

export type TPlatformWallet = {
  /** The address platform payments come from now (null: none configured, or its key is missing here). */
  active: string | null;
  /** What the last rotation switched to, even when this instance lacks that key (the page says so). */
  rotatedTo: string | null;
  /** The other configured key's address: where a rotation would go. */
  next: string | null;
  /** Only an address to watch (XRPL_PLATFORM_ADDRESS), no key: balances yes, transfers no. */
  watchOnly: string | null;
};

export async function readPlatformWallet(db: Pick<TPrisma, "setting">): Promise<TPlatformWallet> {
  const row = await db.setting.findUnique({ where: { key: PLATFORM_WALLET_KEY } });
  const rotatedTo = ((row?.value ?? {}) as { address?: string }).address ?? null;
  const { current, next } = platformKeys();
  // An instance without the rotated-to key fails closed rather than sign with the replaced one.
  const active = rotatedTo ? ([current, next].some((k) => k?.address === rotatedTo) ? rotatedTo : null) : (current?.address ?? null);
  const other = [current, next].find((k) => k && k.address !== active)?.address ?? null;
  return { active, rotatedTo, next: active ? other : null, watchOnly: active || rotatedTo ? null : (env().XRPL_PLATFORM_ADDRESS ?? null) };
}

/** The platform wallet's address for monitoring: the active key's, else the configured watch address. */
export async function platformWalletAddress(db: Pick<TPrisma, "setting">): Promise<string | null> {
  const w = await readPlatformWallet(db);
  return w.active ?? w.rotatedTo ?? w.watchOnly;
}

/**
 * The secret that signs for an address on a chain, or null. Only the treasury keys and the
 * *active* platform wallet sign: a wallet a rotation replaced never signs again.
 */
export async function signerFor(db: Pick<TPrisma, "setting">, chain: string, address: string): Promise<string | null> {
  const e = env();
  if (chain === "evm") {
    const k = evmKey(e.TREASURY_EVM_KEY);
    return k && k.address === address.toLowerCase() ? k.secret : null;
  }
  if (chain !== "xrpl") return null;
  const treasury = xrplKey(e.TREASURY_XRPL_SEED);
  if (treasury?.address === address) return treasury.secret;
  const platform = await readPlatformWallet(db);
  if (platform.active !== address) return null;
  const { current, next } = platformKeys();
  return [current, next].find((k) => k?.address === address)?.secret ?? null;
}

/** The platform key at an address (active or not): the rotation moves funds out of the replaced one. */
export function platformSignerAt(address: string): string | null {
  const { current, next } = platformKeys();
  return [current, next].find((k) => k?.address === address)?.secret ?? null;
}
