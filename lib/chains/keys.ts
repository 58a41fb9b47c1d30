import "server-only";
import { Wallet as EvmWallet } from "ethers";
import { Wallet as XrplWallet } from "xrpl";

// Signing keys from the environment, with the address each derives. Deriving costs a little CPU:
// once per key per process (the faucet intake and the treasury pages read these per request).

export type TKeyPair = { address: string; secret: string };

const derived = new Map<string, string | null>();

function derive(secret: string, fn: (s: string) => string): string | null {
  if (!derived.has(secret)) {
    try {
      derived.set(secret, fn(secret));
    } catch {
      derived.set(secret, null); // a malformed key counts as not configured, never takes a page down
    }
  }
  return derived.get(secret)!;
}

/** An XRPL family seed and its classic address. */
export function xrplKey(seed: string | undefined): TKeyPair | null {
  const address = seed ? derive(seed, (s) => XrplWallet.fromSeed(s).address) : null;
  return seed && address ? { address, secret: seed } : null;
}

/** An EVM private key and its address, lower-case (how OpsDeck stores EVM addresses). */
export function evmKey(key: string | undefined): TKeyPair | null {
  const address = key ? derive(key, (k) => new EvmWallet(k).address.toLowerCase()) : null;
  return key && address ? { address, secret: key } : null;
}
