import { z } from "zod";
import { isAddress } from "ethers";
import { isValidClassicAddress } from "xrpl";

// A wallet on either chain family, in the one form it is stored and compared in: EVM addresses
// lower-case (checksums differ only in case), XRPL classic addresses as they are (case matters).

export type TWalletKind = "evm" | "xrpl";

export function walletKind(value: string): TWalletKind | null {
  if (/^0x[0-9a-fA-F]{40}$/.test(value) && isAddress(value)) return "evm";
  if (/^r[1-9A-HJ-NP-Za-km-z]{24,34}$/.test(value) && isValidClassicAddress(value)) return "xrpl";
  return null;
}

export function normalizeWallet(value: string): string {
  const trimmed = value.trim();
  return walletKind(trimmed) === "evm" ? trimmed.toLowerCase() : trimmed;
}

export const ZWallet = z
  .string({ message: "Enter a wallet address" })
  .trim()
  .min(1, { message: "Enter a wallet address", abort: true })
  .refine((v) => walletKind(v) !== null, "Enter an EVM address (0x + 40 hex characters) or an XRPL address (r…)")
  .transform(normalizeWallet);
